"""Facilitator access in the UI: the login form, the session cookie, the refusal."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import streamlit as st

from dna import auth
from ui import cache, state
from ui.texts import t


def restore() -> None:
    """A browser that logged in before (reload, projector tab) carries a session cookie."""
    if state.is_facilitator():
        return
    token = st.context.cookies.get(state.COOKIE)
    if isinstance(token, str) and token and auth.session_valid(cache.store(), token):
        st.session_state[state.FACILITATOR] = True
        st.session_state[state.SESSION] = token


def hand_cookie() -> None:
    """Give the browser its session cookie (or clear it) once, right after login or logout."""
    if state.NEW_COOKIE not in st.session_state:
        return
    value = st.session_state.pop(state.NEW_COOKIE)
    age = auth.SESSION_HOURS * 3600 if value else 0
    st.html(
        f"<script>document.cookie = '{state.COOKIE}={value}; path=/; max-age={age}; "
        "SameSite=Strict';</script>",
        unsafe_allow_javascript=True,
    )


def login_form(refused: bool = False) -> None:
    """The password form; on success the same page runs again, now for the facilitator."""
    st.title(t("login_title"))
    if refused:
        st.warning(t("login_refused"), icon=":material/lock:")
    with st.form("login_form", enter_to_submit=True):
        password = st.text_input(t("login_password"), type="password", key="login_password")
        sent = st.form_submit_button(t("login_submit"), type="primary")
    if not sent:
        st.caption(t("login_hint"))
        return
    with st.spinner(t("login_checking")):
        check = auth.check(
            cache.store(), password, cache.admin_password(), datetime.now(UTC), time.sleep
        )
    if not check.ok:
        st.error(t("login_wrong"), icon=":material/error:")
        return
    token = auth.open_session(cache.store(), datetime.now(UTC))
    st.session_state[state.FACILITATOR] = True
    st.session_state[state.SESSION] = token
    st.session_state[state.NEW_COOKIE] = token
    st.rerun()


def logout() -> None:
    auth.close_session(cache.store(), st.session_state.get(state.SESSION))
    for key in (state.FACILITATOR, state.SESSION, state.WORKSHOP):
        st.session_state.pop(key, None)
    st.session_state[state.NEW_COOKIE] = ""
