"""The values editor's UI side: storing values once, the cards' actions and forms, and the
"make it a value" button the grouping editor and the comparison use."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import streamlit as st

from dna import values as dv
from dna.compare import DEVELOP, KEEP, Comparison, Thresholds
from dna.grouping import Analysis, Group
from dna.records import CURRENT, DESIRED
from dna.values import Value
from dna.workshop import WorkshopError
from ui import access, cache
from ui.texts import plain, problem, t

DONE = "values_done_note"  # what the last click did, said once on the next run
EDITING = "values_editing"  # id of the value whose edit form is open
DELETED = "values_last_deleted"  # (id, name) of the value deleted last: the undo button
NEW_ERROR = "values_new_error"  # why the last "new value" was refused (the form keeps its text)


@dataclass(frozen=True)
class Choice:
    """A group of either question or both: a Group for naming, and its answers in each."""

    group: Group
    current: int
    desired: int


def say_done() -> None:
    if DONE in st.session_state:
        st.toast(st.session_state.pop(DONE), icon=":material/check:")


def lines(text: str) -> list[str]:
    """One item a line; a typed bullet ("- ", "• ", "* ") is dropped."""
    return [line.strip().lstrip("-•*").strip() for line in text.splitlines() if line.strip()]


def choices(analysis: Analysis) -> dict[str, Choice]:
    """The shown groups of both questions by key, the biggest first."""
    found: dict[str, Choice] = {}
    for question in (CURRENT, DESIRED):
        result = analysis.questions.get(question)
        for g in result.shown() if result else ():
            had = found.get(g.key)
            n = (had.current, had.desired) if had else (0, 0)
            n = (g.count, n[1]) if question == CURRENT else (n[0], g.count)
            biggest = had.group if had and had.group.count >= g.count else g
            found[g.key] = Choice(dataclasses.replace(biggest, count=sum(n)), *n)
    return dict(sorted(found.items(), key=lambda kv: (-kv[1].group.count, kv[1].group.label)))


def option(found: dict[str, Choice], key: str) -> str:
    c = found.get(key)
    if c is None:
        return t("values_gone", label=key)
    return t("values_option", label=c.group.label, current=c.current, desired=c.desired)


def taken(code: str, name: str, but: int = 0) -> bool:
    """A value of this name is there already (case aside): a double click adds once."""
    return dv.taken(cache.store().values(code), name, but)


def add(code: str, values: Iterable[Value]) -> list[Value]:
    """Store the values whose name is not taken yet; those stored."""
    added = dv.new_ones(cache.store().values(code), list(values))
    for value in added:
        cache.store().add_value(code, value)
    return added


def make(code: str, groups: Sequence[Group], name: str | None = None) -> str:
    """A value from groups in one click: what happened."""
    value = dv.from_groups(groups, name)
    if not add(code, [value]):
        return t("values_exists", name=plain(value.name))
    return t("values_made", name=plain(value.name))


def make_button(code: str | None, groups: Sequence[Group], key: str, **options) -> None:
    """The hook of other pages: one click makes a value from the chosen groups."""
    if code and st.button(
        t("values_make"), icon=":material/diamond:", help=t("values_make_help"), key=key, **options
    ):
        st.toast(make(code, groups), icon=":material/diamond:")


def make_from_rows(code: str | None, comparison: Comparison) -> None:
    """The comparison's hook: choose rows (keep and develop first), make one value of them."""
    if not code or not comparison.rows:
        return
    rows = {
        r.key: r for r in sorted(comparison.rows, key=lambda r: r.category not in (KEEP, DEVELOP))
    }
    with st.popover(t("values_make"), icon=":material/diamond:", key="compare_value_pop"):
        chosen = st.multiselect(
            t("values_make_pick"),
            list(rows),
            format_func=lambda k: f"{rows[k].label} · {t('compare_' + rows[k].category)}",
            placeholder=t("values_groups_select"),
            select_all=False,  # Streamlit says "Select all" in English
            key="compare_value_groups",
        )
        groups = [
            Group(k, rows[k].label, rows[k].current_count + rows[k].desired_count, ())
            for k in chosen
        ]
        make_button(code, groups, "compare_to_value", disabled=not groups)


# -- the cards' actions (callbacks: they run before the page, so a double click repeats the
# same order or the same delete instead of doing it twice) -------------------------------------
def move(code: str, ids: Sequence[int], i: int, step: int) -> None:
    order = list(ids)
    order[i], order[i + step] = order[i + step], order[i]
    cache.store().reorder_values(code, order)


def delete(code: str, value: Value) -> None:
    cache.store().delete_value(code, value.id)
    st.session_state[DELETED] = (value.id, value.name)
    st.session_state[DONE] = t("values_deleted", name=plain(value.name))
    if st.session_state.get(EDITING) == value.id:
        del st.session_state[EDITING]


def restore(code: str, value_id: int, name: str) -> None:
    cache.store().delete_value(code, value_id, deleted=False)
    st.session_state.pop(DELETED, None)
    st.session_state[DONE] = t("values_restored", name=plain(name))


def edit(value_id: int | None) -> None:
    st.session_state[EDITING] = value_id


def badges(value: Value) -> None:
    row = st.container(horizontal=True, gap="small")
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
        groups=t("values_groups_1") if len(found) == 1 else t("values_groups_n", n=len(found)),
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


def fields(prefix: str, value: Value | None = None) -> None:
    """The inputs of a value (in a form); read back from session state under `prefix`."""
    v = value or Value("")
    st.text_input(t("values_name"), v.name, max_chars=dv.MAX_NAME_CHARS, key=f"{prefix}_name")
    st.text_input(
        t("values_meaning"), v.meaning, max_chars=dv.MAX_MEANING_CHARS, key=f"{prefix}_meaning"
    )
    st.text_area(
        t("values_behaviours"),
        "\n".join(v.behaviours),
        placeholder=t("values_behaviours_placeholder"),
        height=120,
        key=f"{prefix}_behaviours",
    )
    left, right = st.columns(2)
    left.text_area(t("values_do_label"), "\n".join(v.do), height=100, key=f"{prefix}_do")
    right.text_area(t("values_dont_label"), "\n".join(v.dont), height=100, key=f"{prefix}_dont")


def checked(code: str, prefix: str, sources: Sequence[str], but: int = 0) -> Value:
    """The value typed under `prefix`, or a WorkshopError (also for a name already taken)."""
    s = st.session_state
    value = dv.check_value(
        s[f"{prefix}_name"],
        s[f"{prefix}_meaning"],
        lines(s[f"{prefix}_behaviours"]),
        lines(s[f"{prefix}_do"]),
        lines(s[f"{prefix}_dont"]),
        sources,
    )
    if taken(code, value.name, but):
        raise WorkshopError("value_exists", "name taken", name=value.name)
    return value


def create(code: str, prefix: str, sources: Sequence[str] = ()) -> None:
    """The "new value" form's callback: store it and empty the form, or keep the text, say why."""
    try:
        value = checked(code, prefix, sources)
    except WorkshopError as exc:
        st.session_state[NEW_ERROR] = _why(exc)
        return
    cache.store().add_value(code, value)
    st.session_state.pop(NEW_ERROR, None)
    st.session_state[DONE] = t("values_added", name=plain(value.name))
    for key in ("name", "meaning", "behaviours", "do", "dont"):
        st.session_state.pop(f"{prefix}_{key}", None)  # the form starts empty again


def create_from(code: str, found: dict[str, Choice]) -> None:
    """The "from groups" form's callback."""
    keys = st.session_state["values_from_groups"]
    if not keys:
        st.session_state[NEW_ERROR] = t("values_groups_none")
        return
    name = " ".join(st.session_state["values_from_name"].split()) or None
    try:
        value = dv.from_groups([found[k].group for k in keys], name)
    except WorkshopError as exc:
        st.session_state[NEW_ERROR] = _why(exc)
        return
    if not add(code, [value]):
        st.session_state[NEW_ERROR] = t("values_exists", name=plain(value.name))
        return
    st.session_state.pop(NEW_ERROR, None)
    st.session_state[DONE] = t("values_added", name=plain(value.name))
    st.session_state.pop("values_from_groups", None)
    st.session_state.pop("values_from_name", None)


def save(code: str, value: Value) -> None:
    """The edit form's callback: store the change and close the form, or keep it open, say why."""
    prefix = f"values_form_{value.id}"
    try:
        new = checked(code, prefix, st.session_state[f"{prefix}_sources"], but=value.id)
    except WorkshopError as exc:
        st.session_state[f"{prefix}_error"] = _why(exc)
        return
    cache.store().update_value(code, value.id, new)
    st.session_state.pop(f"{prefix}_error", None)
    st.session_state[EDITING] = None
    st.session_state[DONE] = t("values_saved", name=plain(new.name))


def _why(exc: WorkshopError) -> str:
    if exc.code == "value_exists":
        return t("values_exists", name=plain(exc.params["name"]))
    return problem(exc)


def thresholds() -> Thresholds:
    """The rule the facilitator set on the Comparison page (its defaults when not visited)."""
    share = st.session_state.get("compare_min_share", 10)
    return Thresholds(share / 100, round(st.session_state.get("compare_lean", 2.0), 1))


def add_starting_set(code: str, proposed: Sequence[Value]) -> None:
    added = add(code, proposed)
    key = "values_start_added" if added else "values_start_none_added"
    st.session_state[DONE] = t(key, n=len(added))


# -- rendering --------------------------------------------------------------------------------
def card(code: str, value: Value, i: int, ids: Sequence[int], found, analysis: Analysis) -> None:
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
        badges(value)
        if value.behaviours:
            st.markdown(f"**{t('values_see')}**\n{_bullets(value.behaviours)}")
        if value.do or value.dont:
            for col, kind in zip(st.columns(2), ("do", "dont"), strict=True):
                col.markdown(f"**{t('values_' + kind)}**\n{_bullets(getattr(value, kind))}")
        sources(value, analysis)


def _bullets(items: Sequence[str]) -> str:
    return "".join(f"\n- {plain(x)}" for x in items)


def _edit_form(code: str, value: Value, found: dict[str, Choice]) -> None:
    prefix = f"values_form_{value.id}"
    with st.form(prefix, border=False, enter_to_submit=False):  # its hints are English
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
