"""Facilitator: candidate values, made from groups or by hand, each traceable to its answers."""

import streamlit as st

from dna.analysis import compare
from dna.workshop import values as dv
from ui import access, compare_ui, results, state
from ui import value_cards as cards
from ui import values_ui as vu
from ui.cache import store
from ui.texts import plain, t

st.title(t("values_title"))
if not state.workshop():
    st.info(t("values_need_workshop"), icon=":material/arrow_back:")
    st.stop()
src, _team = results.header()  # values belong to the whole workshop: counts are of everyone
code = src.code
st.caption(t("values_intro"))
vu.say_done()
analysis = src.analysis()
found = vu.choices(analysis)
shown = store().values(code)
trash = store().values(code, deleted=True)

last = st.session_state.get(vu.DELETED)
if last and any(v.id == last[0] for v in trash):
    st.button(
        t("values_undo", name=plain(last[1])),
        icon=":material/undo:",
        on_click=access.guarded(vu.restore),
        args=(code, *last),
        key="values_undo",
    )

st.subheader(t("values_list", n=len(shown)))
if not shown:
    st.info(t("values_empty"), icon=":material/lightbulb:")
ids = [v.id for v in shown]
people = compare.participants(src.batch.answers)
comparison = compare.compare(analysis, compare_ui.rule(), people)
for i, value in enumerate(shown):
    cards.card(code, value, i, ids, found, analysis, comparison)

with st.expander(t("values_trash", n=len(trash)), icon=":material/delete:"):
    if not trash:
        st.caption(t("values_trash_empty"))
    for value in trash:
        row = st.columns([5, 1], vertical_alignment="center")
        row[0].markdown(plain(value.name))
        row[1].button(
            t("values_restore"),
            icon=":material/restore_from_trash:",
            on_click=access.guarded(vu.restore),
            args=(code, value.id, value.name),
            key=f"values_restore_{value.id}",
        )

st.subheader(t("values_new"))
if error := st.session_state.get(vu.NEW_ERROR):
    st.error(error, icon=":material/error:")
from_groups, by_hand = st.tabs([t("values_tab_groups"), t("values_tab_hand")])
with from_groups, st.form("values_from", border=False, enter_to_submit=False):
    st.multiselect(
        t("values_groups_pick"),
        list(found),
        format_func=lambda k: vu.option(found, k),
        placeholder=t("values_groups_select"),
        select_all=False,  # Streamlit says "Select all" in English
        key="values_from_groups",
    )
    st.text_input(t("values_groups_name"), max_chars=dv.MAX_NAME_CHARS, key="values_from_name")
    st.form_submit_button(
        t("values_create"),
        type="primary",
        on_click=access.guarded(vu.create_from),
        args=(code, found),
        key="values_from_ok",
    )
with by_hand, st.form("values_new", border=False, enter_to_submit=False):
    vu.fields("values_new")
    st.form_submit_button(
        t("values_create"),
        type="primary",
        on_click=access.guarded(vu.create),
        args=(code, "values_new"),
        key="values_new_ok",
    )

cards.starting_set(code, comparison, shown)
