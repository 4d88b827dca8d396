"""Session-state keys, defined once. Session state holds small things only."""

from __future__ import annotations

import streamlit as st

from dna.records import Answer

LANG = "lang"
ANSWERS = "answers"  # tuple[Answer, ...] chosen on the upload page
SOURCE = "source"  # display name of where the answers came from


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


def answers() -> tuple[tuple[Answer, ...], str] | None:
    if ANSWERS not in st.session_state:
        return None
    return st.session_state[ANSWERS], st.session_state[SOURCE]


def clear_answers() -> None:
    st.session_state.pop(ANSWERS, None)
    st.session_state.pop(SOURCE, None)
