"""Session-state keys, defined once. Session state holds small things only."""

from __future__ import annotations

import streamlit as st

from dna.records import Answer, fingerprint

LANG = "lang"
ANSWERS = "answers"  # tuple[Answer, ...] chosen on the upload page
SOURCE = "source"  # display name of where the answers came from
KEY = "answers_key"  # their fingerprint, the cache key of their analysis


def init() -> None:
    """The language survives a reload through the URL (?lang=en)."""
    if LANG not in st.session_state:
        st.session_state[LANG] = "en" if st.query_params.get(LANG) == "en" else "nl"


def keep_lang_in_url() -> None:
    if st.session_state[LANG] == "nl":
        st.query_params.pop(LANG, None)
    else:
        st.query_params[LANG] = st.session_state[LANG]


def lang() -> str:
    return st.session_state.get(LANG, "nl")


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
