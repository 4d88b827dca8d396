"""The grouping editor's UI side: saving an edit, saying what it did, undoing the last one."""

from __future__ import annotations

import streamlit as st

from dna.analysis import overrides as ov
from dna.analysis.overrides import Override
from dna.analysis.suggest import one_per_group
from dna.analysis.tags import TAGS
from dna.records import QUESTIONS
from ui import access, cache
from ui.texts import plain, t

DONE = "groups_done_note"  # what the last click saved, said once on the next run
QUESTION = "groups_last_question"  # the question shown last (not a widget key: it outlives one)
MANY = 5  # merging more groups than this at once asks "are you sure?"


def describe(o: Override) -> str:
    p = {k: (plain(v) if isinstance(v, str) else v) for k, v in o.payload.items() if k != "key"}
    if "labels" in o.payload:
        p["labels"] = " + ".join(plain(str(x)) for x in o.payload["labels"])
    p.setdefault("labels", p.get("label", ""))
    p["source"] = plain(str(o.payload.get("from", "")))
    if o.kind == ov.MOVE and o.payload.get("to") is None:
        p["label"] = t("groups_own").strip("— ")
    if o.kind == ov.TAG:
        p["tag"] = t(f"tag_{o.payload.get('tag')}") if o.payload.get("tag") in TAGS else ""
    text = t(f"edit_{o.kind}", **{"old": "", "source": "", "label": "", **p})
    return text + (t("edit_scope", question=t(o.question)) if o.question else "")


def save(code: str, edit: Override) -> None:
    """Store the edit (a double click stores it once) and say so after the rerun."""
    cache.store().add_override(code, edit.kind, dict(edit.payload), edit.question)
    st.session_state[DONE] = t("groups_done", what=describe(edit))


def undo(code: str, override_id: int) -> None:
    """By id, so a double click on undo takes back one change, not two."""
    cache.store().remove_override(code, override_id)


def say_done() -> None:
    if DONE in st.session_state:
        st.toast(st.session_state.pop(DONE), icon=":material/check:")


def suggestions(src: cache.Source) -> None:
    """Likely merges, each accepted or rejected with one click (a rejection is remembered)."""
    found = one_per_group(cache.suggestions(src))  # six "klant..." groups: one pair, not 15
    groups = cache.groups_by_key(src)
    with st.expander(t("suggest_title", n=len(found)), expanded=bool(found)):
        st.caption(t("suggest_help") if found else t("suggest_none"))
        for i, s in enumerate(found[:8]):
            row = st.columns([5, 2, 1], vertical_alignment="center")
            row[0].markdown(
                f"**{plain(s.labels[0])}** ({s.counts[0]}) + **{plain(s.labels[1])}** "
                f"({s.counts[1]}) · {t('suggest_' + s.reason, word=plain(s.word))}"
            )
            merged = ov.merge([groups[k] for k in s.keys], s.labels[0], into=s.keys[0])
            row[1].button(
                t("suggest_accept"),
                icon=":material/merge:",
                width="stretch",
                key=f"groups_sugg_ok_{i}",
                on_click=access.guarded(save),
                args=(src.code, merged),
            )
            row[2].button(
                t("suggest_reject"),
                icon=":material/close:",
                width="stretch",
                key=f"groups_sugg_no_{i}",
                on_click=access.guarded(save),
                args=(src.code, ov.reject(s.keys, s.labels)),
            )


def question_picker(where) -> str:
    """Current or desired culture, never neither: a click on the chosen one keeps it."""
    if st.session_state.get("groups_question") not in QUESTIONS:
        st.session_state["groups_question"] = st.session_state.get(QUESTION, QUESTIONS[0])
    question = where.segmented_control(
        t("groups_question"), QUESTIONS, format_func=t, required=True, key="groups_question"
    )
    st.session_state[QUESTION] = question
    return question


def merge_name(picked) -> str | None:
    """One of the picked groups' names (the biggest first), or another one typed in a box of its
    own: a selectbox that takes new options says so in English ("Add: ...")."""
    names = list(dict.fromkeys(g.label for g in picked))
    name = st.selectbox(
        t("groups_merge_label"),
        [*names, None],
        format_func=lambda x: t("groups_merge_other") if x is None else x,
        help=t("groups_merge_help"),
        key="groups_merge_label",
    )
    if name is None:
        return st.text_input(t("groups_merge_new"), key="groups_merge_new")
    return name


def merge_confirmed(n: int) -> bool:
    """More than MANY groups at once is asked for once more (a slip in the picker, not a plan)."""
    if n <= MANY:
        return True
    return st.checkbox(
        t("groups_merge_many", n=n),
        help=t("groups_merge_many_help", max=MANY),
        key=f"groups_merge_many_{n}",
    )


def history(overrides: tuple[Override, ...]) -> None:
    with st.expander(t("history_title", n=len(overrides))):
        for o in reversed(overrides):
            st.markdown(f"- {describe(o)}")


def table(groups, people: int, key: str = "groups_table", rows: int = 11) -> None:
    """Groups with their numbers and every way they were written."""
    shown = [
        {
            t("col_word"): g.label,
            t("col_count"): g.count,
            t("col_people"): g.people,
            t("col_share"): round(100 * g.people / max(people, 1)),
            t("col_variants"): " · ".join(f"{text} ({n})" for text, n in g.variants),
            t("col_tag"): t(f"tag_{g.tag}"),
            t("col_hidden"): g.hidden,
            **({t("col_reason"): g.reason} if any(x.reason for x in groups) else {}),
        }
        for g in groups
    ]
    st.dataframe(
        shown,
        hide_index=True,
        column_config={
            t("col_word"): st.column_config.TextColumn(width="medium"),
            t("col_share"): st.column_config.ProgressColumn(
                format="%d%%", min_value=0, max_value=100
            ),
            t("col_variants"): st.column_config.TextColumn(width="large"),
        },
        height=min(36 * (len(shown) + 1) + 2, 36 * (rows + 1) + 2),
        key=key,
    )
