"""Cultuur-DNA: the router. Run with ./dev run (see README)."""

import streamlit as st

from ui import state
from ui.texts import LANGUAGES, t

st.set_page_config(page_title="Cultuur-DNA", page_icon="🧬", layout="wide")
state.init()

with st.sidebar:
    st.segmented_control(
        t("language"), list(LANGUAGES), key=state.LANG, format_func=str.upper, required=True
    )
state.keep_lang_in_url()

pages = {
    t("section_workshop"): [
        st.Page(
            "views/upload.py",
            title=t("page_upload"),
            icon=":material/upload_file:",
            url_path="antwoorden",
        ),
    ],
    t("section_results"): [
        st.Page(
            "views/clouds.py",
            title=t("page_clouds"),
            icon=":material/cloud:",
            url_path="wolken",
            default=True,
        ),
    ],
}
st.navigation(pages).run()
