"""Facilitator logout (the login itself is the server's /login page)."""

import streamlit as st

from ui import access, pickers, state
from ui.texts import t

if not state.is_facilitator():
    pickers.language_picker()
    access.login_form()
    st.link_button(t("login_to_join"), "/", icon=":material/smartphone:")  # the phone page
    st.stop()
st.title(t("page_logout"))
st.success(t("login_done"), icon=":material/verified_user:")
st.page_link("views/workshops.py", label=t("login_next"), icon=":material/arrow_forward:")
if st.button(t("logout"), key="login_logout", icon=":material/logout:"):
    access.logout()
    st.stop()
st.caption(t("logout_all_help"))
if st.button(t("logout_all"), key="login_logout_all", icon=":material/devices:"):
    access.logout(everywhere=True)
    st.stop()
