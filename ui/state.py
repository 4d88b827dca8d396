"""Session-state keys, defined once. Session state holds small things only."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import streamlit as st

from dna.records import Answer, fingerprint
from dna.services import auth

LANG = "lang"
ANSWERS = "answers"  # tuple[Answer, ...] chosen on the upload page
SOURCE = "source"  # display name of where the answers came from
KEY = "answers_key"  # their fingerprint, the cache key of their analysis
WORKSHOP = "workshop"  # code of the facilitator's current workshop
FACILITATOR = "facilitator"  # True while this browser's session is open (checked every run)
SESSION = "facilitator_session"  # the facilitator's session token (from the HttpOnly cookie)
PACE = "projector_pace"  # when the beamer drew its clouds, and what it cost (ui/pace.py)
GROWING = "projector_growing"  # each beamer cloud's last counts and layout (ui/growing.py)
COOKIE = auth.COOKIE  # set and cleared by the server (web/access.py), read here


def init() -> None:
    """The language survives a reload through the URL (?lang=en)."""
    if LANG not in st.session_state:
        st.session_state[LANG] = "en" if st.query_params.get(LANG) == "en" else "nl"


def keep_lang_in_url() -> None:
    if lang() == "nl":
        st.query_params.pop(LANG, None)
    else:
        st.query_params[LANG] = st.session_state[LANG]


def is_facilitator() -> bool:
    return bool(st.session_state.get(FACILITATOR))


def workshop() -> str | None:
    return st.session_state.get(WORKSHOP)


def set_workshop(code: str | None) -> None:
    st.session_state[WORKSHOP] = code


def lang() -> str:
    return st.session_state.get(LANG) or "nl"


def set_answers(answers: tuple[Answer, ...], source: str) -> None:
    st.session_state[ANSWERS] = tuple(answers)
    st.session_state[SOURCE] = source
    st.session_state[KEY] = fingerprint(answers)


def answers() -> tuple[tuple[Answer, ...], str, str] | None:
    """The chosen answers, where they came from, and their fingerprint."""
    if ANSWERS not in st.session_state:
        return None
    answers = st.session_state[ANSWERS]
    key = st.session_state.get(KEY) or fingerprint(answers)  # tests may seed answers directly
    return answers, st.session_state[SOURCE], key


def clear_answers() -> None:
    for key in (ANSWERS, SOURCE, KEY):
        st.session_state.pop(key, None)


def public_base() -> str:
    """Where phones reach this app: DNA_PUBLIC_URL, or the address this browser used."""
    if os.environ.get("DNA_PUBLIC_URL"):
        return os.environ["DNA_PUBLIC_URL"].rstrip("/")
    parts = urlsplit(st.context.url or "http://localhost:8501")
    return f"{parts.scheme}://{parts.netloc}"


def beamer_url(code: str) -> str:
    """The beamer's address for a new window: dark by default (its settings offer light), and
    Streamlit's own theme dark from the first paint and no loading skeleton (embed_options: no
    white flash, no grey bars; Streamlit lets only a link set them, never the app)."""
    english = "&lang=en" if lang() == "en" else ""
    calm = "&embed_options=dark_theme&embed_options=hide_loading_screen"
    return f"{public_base()}/beamer?code={code}{calm}{english}"


def on_beamer() -> bool:
    """This browser opened the beamer's address (/beamer): the page a room sees from its first
    paint, so the router draws no sidebar for it. The address the session was opened with."""
    return urlsplit(st.context.url or "").path.rstrip("/").endswith("/beamer")


def only_this_machine(base: str) -> bool:
    """A link with localhost in it works on the facilitator's laptop only, not on phones."""
    host = urlsplit(base).hostname or ""
    return host in ("localhost", "127.0.0.1", "::1", "0.0.0.0")


def keep_in_url(**values: str | None) -> None:
    """Settings a reload must keep: set in the URL, or removed when None (the default)."""
    for key, value in values.items():
        if value is None:
            st.query_params.pop(key, None)
        elif st.query_params.get(key) != value:
            st.query_params[key] = value
