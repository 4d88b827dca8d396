"""Facilitator: review answers the profanity filter held back; hide answers or whole groups."""

import streamlit as st

from dna import moderate
from ui import cache, state
from ui.texts import t

st.title(t("moderate_title"))
code = state.workshop()
if not code:
    st.info(t("ws_pick"), icon=":material/arrow_back:")
    st.stop()
store = cache.store()
rows = store.answer_rows(code)


def answer_table(items, key: str) -> list[int]:
    """Answers as plain cells; returns the ids of the selected rows."""
    shown = [
        {
            t("col_question"): t(a.question),
            t("col_answer"): a.text,
            t("col_team"): a.team or "",
            t("col_state"): t(f"hidden_{a.hidden}") if a.hidden else t("shown"),
        }
        for a in items
    ]
    event = st.dataframe(
        shown, hide_index=True, on_select="rerun", selection_mode="multi-row", key=key
    )
    return [items[i].id for i in event.selection.rows]


def show_or_hide(picked: list[int], show: str, hide: str, key: str) -> None:
    """Two buttons acting on the selected answers; the decision is the facilitator's."""
    for column, (label, hidden) in zip(st.columns(2), ((show, False), (hide, True)), strict=True):
        if column.button(label, disabled=not picked, key=f"{key}_{hidden}"):
            store.set_hidden(code, picked, hidden)
            st.rerun()


review = [a for a in rows if a.hidden == "review"]
st.subheader(t("review_title", n=len(review)), anchor=False)
if review:
    st.caption(t("review_help"))
    picked = answer_table(review, "moderate_review")
    show_or_hide(picked, t("review_show"), t("review_hide"), "moderate_review")
else:
    st.caption(t("review_none"))

st.subheader(t("answers_title", n=len(rows)), anchor=False)
needle = st.text_input(t("answers_filter"), key="moderate_filter").strip()
listed = [a for a in rows if moderate.found(needle, a.text)] if needle else rows
picked = answer_table(listed, "moderate_answers")
show_or_hide(picked, t("answers_show"), t("answers_hide"), "moderate_answers")

st.page_link("views/groups.py", label=t("groups_hide_moved"), icon=":material/category:")
