"""The values editor's UI side: storing values once, the cards' actions and forms, and the
"make it a value" button the grouping editor and the comparison use."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import streamlit as st

from dna.analysis.compare import DEVELOP, KEEP, Comparison
from dna.analysis.grouping import Analysis, Group
from dna.records import CURRENT, DESIRED
from dna.workshop import valuecheck
from dna.workshop import values as dv
from dna.workshop.values import Value
from dna.workshop.workshop import WorkshopError
from ui import cache
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


def _done(key: str, value: Value) -> str:
    """What saving or adding said: with the number of hints the value has, if any."""
    n = len(valuecheck.check(value, cache.lemmatiser()))
    return t(f"{key}_hints", name=plain(value.name), n=n) if n else t(key, name=plain(value.name))


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
    st.session_state[DONE] = _done("values_added", value)
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
    st.session_state[DONE] = _done("values_saved", new)


def _why(exc: WorkshopError) -> str:
    if exc.code == "value_exists":
        return t("values_exists", name=plain(exc.params["name"]))
    return problem(exc)


def add_starting_set(code: str, proposed: Sequence[Value]) -> None:
    added = add(code, proposed)
    key = "values_start_added" if added else "values_start_none_added"
    st.session_state[DONE] = t(key, n=len(added))
