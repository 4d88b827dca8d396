"""The sidebar's pickers: the language, and the facilitator's current workshop. They sit above
ui.state (the keys) and ui.texts (the words), which both stay below them."""

from __future__ import annotations

import streamlit as st

from ui import state
from ui.texts import LANGUAGES, t


def language_picker() -> None:
    # The widget has its own key, synced to LANG: a widget's key is dropped on a run that does
    # not draw it (login page -> sidebar), and LANG must survive that.
    st.session_state["lang_pick"] = state.lang()
    st.segmented_control(
        t("language"),
        list(LANGUAGES),
        key="lang_pick",
        format_func=str.upper,
        required=True,
        on_change=lambda: st.session_state.update(
            {state.LANG: st.session_state["lang_pick"] or "nl"}
        ),
    )


def workshop_picker(workshops) -> None:
    """The facilitator's current workshop, chosen in the sidebar on every page."""
    shown = {w.code: f"{w.title} · {w.code}" for w in workshops if not w.archived}
    if state.WORKSHOP not in st.session_state:  # a reload: the URL remembers the workshop
        st.session_state[state.WORKSHOP] = st.query_params.get("ws")
    current = state.workshop()
    if current is not None and current not in shown:
        current = None
        state.set_workshop(None)
    st.session_state["nav_workshop"] = current
    state.keep_in_url(ws=current)
    st.selectbox(
        t("current_workshop"),
        list(shown),
        format_func=shown.get,
        key="nav_workshop",
        placeholder=t("no_workshop"),
        on_change=lambda: state.set_workshop(st.session_state["nav_workshop"]),
    )
