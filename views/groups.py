"""Facilitator: correct the automatic grouping. Edits are stored per workshop and replayed."""

import streamlit as st

from dna.analysis import overrides as ov
from ui import access, edits, results, state, tags_ui, values_ui
from ui.texts import plain, t

st.title(t("edit_title"))
if not state.workshop():
    st.info(t("groups_need_workshop"), icon=":material/arrow_back:")
    st.stop()
st.caption(t("groups_intro"))
src, team = results.header()
code = src.code
edits.say_done()

last = ov.last_change(src.overrides)
top = st.columns([3, 2], vertical_alignment="bottom")
question = edits.question_picker(top[0])
top[1].button(
    t("groups_undo") if last else t("groups_nothing_to_undo"),
    help=edits.describe(last) if last else None,
    icon=":material/undo:",
    disabled=last is None,
    on_click=access.guarded(edits.undo),
    args=(code, last.id if last else 0),
    key="groups_undo",
    width="stretch",
)

edits.suggestions(src)
edits.history(src.overrides)

res = src.analysis(team).questions[question]
listed = {g.key: g for g in res.groups}
pick_key = f"groups_pick_{question}"  # kept over edits: a merged group stays chosen
st.session_state[pick_key] = [k for k in st.session_state.get(pick_key, []) if k in listed]
chosen = st.multiselect(
    t("groups_pick"),
    list(listed),
    format_func=lambda k: f"{listed[k].label} ({listed[k].count})",
    placeholder=t("groups_select"),
    select_all=False,  # one slip on "select all", then "Samenvoegen", merged every group
    key=pick_key,
)
picked = [listed[k] for k in chosen]
edits.table(picked or res.groups, res.people)
if not picked:
    st.stop()
values_ui.make_button(code, picked, "groups_to_value")
scope = (
    question
    if st.toggle(t("groups_scope"), help=t("groups_scope_help"), key="groups_scope")
    else None
)


def label_or_warn(text: str | None) -> str | None:
    label = ov.clean_label(text or "")
    if label is None:
        st.error(t("groups_bad_label"), icon=":material/error:")
    return label


actions = st.columns(2, gap="large")
with actions[0]:
    if len(picked) > 1:
        name = edits.merge_name(picked)
        sure = edits.merge_confirmed(len(picked))
        if st.button(t("groups_merge"), type="primary", key="groups_merge", disabled=not sure) and (
            label := label_or_warn(name)
        ):
            edits.save(code, ov.merge(picked, label, scope))
            st.rerun()
    else:
        (group,) = picked
        name = st.text_input(t("groups_rename_label"), value=group.label, key="groups_rename_label")
        if st.button(t("groups_rename"), key="groups_rename") and (label := label_or_warn(name)):
            edits.save(code, ov.rename(group, label, scope))
            st.rerun()
with actions[1]:
    if all(g.hidden for g in picked):
        if st.button(t("groups_show"), key="groups_show"):
            edits.save(code, ov.show(picked, scope))
            st.rerun()
    else:
        reason = st.text_input(t("groups_hide_reason"), key="groups_hide_reason")
        if st.button(t("groups_hide"), key="groups_hide"):
            edits.save(code, ov.hide(picked, ov.clean_label(reason) or "", scope))
            st.rerun()

if len(picked) == 1:
    (group,) = picked
    tags_ui.control(code, group, "groups")
    st.markdown(t("groups_variants", label=plain(group.label)))
    st.dataframe(
        [{t("col_answer"): text, t("col_count"): n} for text, n in group.variants],
        hide_index=True,
        key="groups_variants",
    )
    spellings = ov.spellings(group)
    if len(spellings) < 2:
        st.caption(t("groups_one_spelling"))
        st.stop()
    others = {k: g for k, g in listed.items() if k != group.key}
    cols = st.columns([2, 2, 1], vertical_alignment="bottom")
    variant = cols[0].selectbox(
        t("groups_move_variant"),
        list(spellings),
        index=None,
        placeholder=t("groups_move_pick"),
        format_func=lambda v: f"{v} ({spellings[v]})",
        key="groups_move_variant",
    )
    target = cols[1].selectbox(
        t("groups_move_to"),
        [None, *others],
        key="groups_move_to",
        format_func=lambda k: t("groups_own") if k is None else others[k].label,
    )
    if cols[2].button(t("groups_move"), key="groups_move", disabled=variant is None):
        edits.save(code, ov.move(variant, group, others.get(target), scope))
        st.rerun()
