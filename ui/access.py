"""Facilitator access in the UI: every run checks the session; login and logout go through the
server's own routes (web/access.py), which set and clear the HttpOnly cookie."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import quote

import streamlit as st

from dna.services import auth
from ui import cache, state
from ui.texts import t


def restore() -> None:
    """Is this browser's facilitator session still open? Asked on every run (a logout in another
    tab, a new password or the 12-hour expiry end it at once), from the sessions' revision and
    a cache, so a run costs one small query."""
    cookie = st.context.cookies.get(state.COOKIE)
    if isinstance(cookie, str) and cookie:  # else the token this session logged in with
        st.session_state[state.SESSION] = cookie
    if still_open():
        st.session_state[state.FACILITATOR] = True


def _open(token: object) -> bool:
    if not isinstance(token, str) or not token:
        return False
    expires = cache.session_expires(token, cache.store().sessions_revision())
    return expires is not None and expires > datetime.now(UTC)


def _forget() -> None:
    if state.SESSION in st.session_state or state.is_facilitator():
        for key in (state.FACILITATOR, state.SESSION, state.WORKSHOP):
            st.session_state.pop(key, None)


def still_open() -> bool:
    """Asked again where the app's own check does not run: widget callbacks (they run before
    the page) and live fragments (they rerun alone). A closed session is forgotten here."""
    if _open(st.session_state.get(state.SESSION)):
        return True
    _forget()
    return False


def guarded(callback: Callable[..., object]) -> Callable[..., None]:
    """A facilitator's widget callback that does nothing once the session has ended (a tab left
    open after "Overal uitloggen" cannot close voting or save an edit)."""

    @functools.wraps(callback)
    def run(*args: object, **kwargs: object) -> None:
        if still_open():
            callback(*args, **kwargs)

    return run


def live_check() -> None:
    """At the top of a live fragment: a closed session reruns the whole app, which refuses."""
    if not still_open():
        st.rerun()


def made_for_facilitator(make: Callable[[], bytes]) -> Callable[[], bytes]:
    """A download made when clicked (outside any run): only while the session that rendered the
    button is open."""
    token, store = st.session_state.get(state.SESSION), cache.store()

    def made() -> bytes:
        if not auth.session_valid(store, token):
            raise PermissionError("the facilitator session has ended")
        return make()

    return made


def _go(path: str) -> None:
    """Leave the app for one of our routes (a full page load: the server sets the cookie)."""
    st.html(
        f"<script>window.location.replace({json.dumps(path)});</script>",
        unsafe_allow_javascript=True,
    )


def login_path(page: str = "") -> str:
    """The server's login page, coming back to `page` in the language chosen here."""
    lang = state.lang()
    back = f"/{page}" + ("?lang=en" if lang == "en" else "")
    return f"/login?next={quote(back, safe='/')}&lang={lang}"


def login_form(refused: bool = False, page: str = "") -> None:
    """No session: the login page of the server, which comes back to this page."""
    st.title(t("login_title"))
    if refused:
        st.warning(t("login_refused"), icon=":material/lock:")
    st.markdown(f"[{t('login_submit')}]({login_path(page)})")
    st.caption(t("login_hint"))
    _go(login_path(page))


def logout(everywhere: bool = False) -> None:
    """End this browser's session (or every facilitator session), then clear the cookie."""
    auth.close_session(cache.store(), st.session_state.get(state.SESSION), everywhere)
    for key in (state.FACILITATOR, state.SESSION, state.WORKSHOP):
        st.session_state.pop(key, None)
    _go(f"/logout?lang={state.lang()}")
