"""Facilitator: review answers the profanity filter held back; hide answers or whole groups."""

import streamlit as st

from dna.language import moderate
from ui import cache, moderation, state
from ui.texts import t

st.title(t("moderate_title"))
code = state.workshop()
if not code:
    st.info(t("ws_pick"), icon=":material/arrow_back:")
    st.stop()
rows = cache.store().answer_rows(code)

review = [a for a in rows if a.hidden == "review"]
st.subheader(t("review_title", n=len(review)), anchor=False)
if review:
    st.caption(t("review_help"))
    picked = moderation.answer_table(review, "moderate_review")
    moderation.show_or_hide(code, picked, t("review_show"), t("review_hide"), "moderate_review")
else:
    st.caption(t("review_none"))

st.subheader(t("answers_title", n=len(rows)), anchor=False)
needle = st.text_input(t("answers_filter"), key="moderate_filter").strip()
listed = [a for a in rows if moderate.found(needle, a.text)] if needle else rows
picked = moderation.answer_table(listed, "moderate_answers")
moderation.show_or_hide(code, picked, t("answers_show"), t("answers_hide"), "moderate_answers")

st.page_link("views/groups.py", label=t("groups_hide_moved"), icon=":material/category:")
