"""The values editor's cards: a value as the room reads it (badges, hints, where it comes from),
its edit form, and the suggested starting set. The actions they call live in ui.values_ui."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dna.analysis.compare import Comparison
from dna.analysis.grouping import Analysis
from dna.workshop import valuecheck
from dna.workshop import values as dv
from dna.workshop.values import Value
from ui import access, cache
from ui.texts import plain, t
from ui.values_ui import (
    EDITING,
    Choice,
    add_starting_set,
    delete,
    edit,
    fields,
    move,
    option,
    save,
)

AIM_COLOURS = {"keep": "blue", "let_go": "red", "develop": "green"}


def badges(value: Value, aim: str | None = None) -> None:
    """Ready for the sheet or what is missing, and what the value does for the culture
    (dna.workshop.values.aim: keeps a strength, lets go of a limiting theme, develops a new one)."""
    row = st.container(horizontal=True, gap="small")
    if aim:
        row.badge(t(f"values_aim_{aim}"), icon=":material/route:", color=AIM_COLOURS[aim])
    if value.complete:
        row.badge(t("values_badge_complete"), icon=":material/check:", color="green")
    if not value.meaning:
        row.badge(t("values_badge_meaning"), icon=":material/edit_note:", color="orange")
    n = len(value.behaviours)
    if n < 2:
        low, high = 2 - n, dv.MAX_BEHAVIOURS - n
        row.badge(t("values_badge_behaviours", low=low, high=high), color="orange")


def sources(value: Value, analysis: Analysis) -> None:
    """Where the value came from: its groups, their numbers and the raw answers."""
    found = dv.trace(value, analysis)
    label = t(
        "values_where",
        groups=t("values_groups_n", n=len(found)),
        current=sum(s.current for s in found),
        desired=sum(s.desired for s in found),
    )
    with st.expander(label if found else t("values_where_hand"), icon=":material/account_tree:"):
        if not found:
            st.caption(t("values_by_hand"))
            return
        st.dataframe(
            [
                {
                    t("values_col_group"): s.label,
                    t("values_col_current"): s.current,
                    t("values_col_desired"): s.desired,
                    t("values_col_people"): f"{s.current_people} → {s.desired_people}",
                    t("values_col_answers"): " · ".join(f"{a} ({n})" for a, n in s.variants),
                }
                for s in found
            ],
            hide_index=True,
            column_config={t("values_col_answers"): st.column_config.TextColumn(width="large")},
            key=f"values_sources_{value.id}",
        )
        if any(not (s.current or s.desired) for s in found):
            st.caption(t("values_gone_note"))


def hints(value: Value) -> None:
    """The gentle prompts of a value (never blocking): a name every organisation claims, and
    "Dit zie je aan" lines that show nothing one can see someone do."""
    for hint in valuecheck.check(value, cache.lemmatiser()):
        said = {k: plain(str(v)) for k, v in hint.kwargs.items()}
        if hint.code == valuecheck.CLICHE:
            st.info(t("values_hint_cliche", **said), icon=":material/lightbulb:")
        else:
            st.caption(f":material/visibility: {t('values_hint_behaviour', **said)}")


# -- rendering --------------------------------------------------------------------------------
def card(
    code: str,
    value: Value,
    i: int,
    ids: Sequence[int],
    found,
    analysis: Analysis,
    comparison: Comparison | None = None,
) -> None:
    """One value as the room reads it, with its actions; or its edit form."""
    with st.container(border=True, key=f"values_card_{value.id}"):
        if st.session_state.get(EDITING) == value.id:
            _edit_form(code, value, found)
            return
        head = st.columns([5, 2], vertical_alignment="center")
        head[0].markdown(f"### {i + 1}. {plain(value.name)}")
        buttons = head[1].container(horizontal=True, horizontal_alignment="right", gap="small")
        moves = {"up": (-1, ":material/arrow_upward:"), "down": (1, ":material/arrow_downward:")}
        for name, (step, icon) in moves.items():
            buttons.button(
                "",
                icon=icon,
                help=t(f"values_{name}"),
                disabled=not 0 <= i + step < len(ids),
                on_click=access.guarded(move),
                args=(code, ids, i, step),
                key=f"values_{name}_{value.id}",
            )
        actions = {"edit": (edit, (value.id,)), "delete": (delete, (code, value))}
        for name, (callback, args) in actions.items():
            buttons.button(
                "",
                icon=f":material/{name}:",
                help=t(f"values_{name}"),
                on_click=access.guarded(callback),
                args=args,
                key=f"values_{name}_{value.id}",
            )
        if value.meaning:
            st.markdown(f"*{plain(value.meaning)}*")
        badges(value, dv.aim(value, comparison) if comparison else None)
        if value.behaviours:
            st.markdown(f"**{t('values_see')}**\n{_bullets(value.behaviours)}")
        if value.do or value.dont:
            for col, kind in zip(st.columns(2), ("do", "dont"), strict=True):
                col.markdown(f"**{t('values_' + kind)}**\n{_bullets(getattr(value, kind))}")
        hints(value)
        sources(value, analysis)


def _bullets(items: Sequence[str]) -> str:
    return "".join(f"\n- {plain(x)}" for x in items)


def _edit_form(code: str, value: Value, found: dict[str, Choice]) -> None:
    prefix = f"values_form_{value.id}"
    with st.form(prefix, border=False, enter_to_submit=False):  # its hints are English
        hints(value)
        fields(prefix, value)
        st.multiselect(
            t("values_sources"),
            list(dict.fromkeys([*value.sources, *found])),
            default=value.sources,
            format_func=lambda k: option(found, k),
            select_all=False,  # Streamlit says "Select all" in English
            key=f"{prefix}_sources",
        )
        if error := st.session_state.get(f"{prefix}_error"):
            st.error(error, icon=":material/error:")
        row = st.container(horizontal=True)
        row.form_submit_button(
            t("values_save"),
            type="primary",
            on_click=access.guarded(save),
            args=(code, value),
            key=f"{prefix}_ok",
        )
        row.form_submit_button(
            t("values_cancel"), on_click=edit, args=(None,), key=f"{prefix}_cancel"
        )


def starting_set(code: str, comparison: Comparison, shown: Sequence[Value]) -> None:
    """The suggested first values with their numbers; added with one click, each only once."""
    proposed = dv.starting_set(comparison)
    rows = {r.key: r for r in comparison.rows}
    new = dv.new_ones(shown, proposed)
    rule = comparison.thresholds
    with st.expander(t("values_start"), expanded=not shown, icon=":material/auto_awesome:"):
        st.caption(t("values_start_intro", min=round(rule.min_share * 100), lean=f"{rule.lean:g}"))
        if not proposed:
            st.info(t("values_start_empty"))
            return
        for value in proposed:
            r = rows[value.sources[0]]
            line = t(
                "values_start_row",
                name=f"**{plain(value.name)}**",
                current=round(100 * r.current_share),
                desired=round(100 * r.desired_share),
                category=t(f"compare_{r.category}"),
            )
            there = f" · :gray-badge[{t('values_start_there')}]" if value not in new else ""
            st.markdown(f"- {line}{there}")
        st.button(
            t("values_start_add", n=len(new)),
            type="primary",
            icon=":material/add:",
            on_click=access.guarded(add_starting_set),
            args=(code, proposed),
            key="values_start_add",
        )
