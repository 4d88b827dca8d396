"""The moderation page's tables. A table's own selection is a list of row numbers; here a tick
belongs to an answer (its id), so it stays on that answer through every rerun, search and action:
hiding "klotecultuur" must not tick the answer that moves up into its row."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dna.store import StoredAnswer
from ui import cache
from ui.texts import t


def _ids(key: str) -> str:
    return f"{key}_ids"  # the ids ticked in this table (kept while a search hides them)


def _shown(key: str) -> str:
    return f"{key}_shown"  # the ids in the table's rows on the last run, in order


def _rows(value: object) -> list[int] | None:
    """The row numbers a table's selection holds, or None before the table reported any."""
    try:
        rows = value["selection"]["rows"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    return [r for r in rows if isinstance(r, int)]


def picked_ids(key: str, ids: Sequence[int]) -> list[int]:
    """Before the table is drawn: carry the ticks of last run's rows over to the ids, and put
    them on the rows these answers have now. Returns the ticked ids among `ids`, in their order."""
    before = st.session_state.get(_shown(key), [])
    chosen = set(st.session_state.get(_ids(key), ()))
    rows = _rows(st.session_state.get(key))
    if rows is not None:  # the rows ticked now are of last run's list: those decide for it
        chosen = (chosen - set(before)) | {before[i] for i in rows if 0 <= i < len(before)}
    places = [i for i, answer_id in enumerate(ids) if answer_id in chosen]
    if (rows or []) != places:  # the answers moved (a search, an action): the ticks move with them
        st.session_state[key] = {"selection": {"rows": places, "columns": [], "cells": []}}
    st.session_state[_ids(key)] = sorted(chosen)
    st.session_state[_shown(key)] = list(ids)
    return [ids[i] for i in places]


def forget(key: str) -> None:
    """After an action: nothing ticked (the next run clears the table's own selection too)."""
    st.session_state[_ids(key)] = []
    st.session_state[_shown(key)] = []


def answer_table(items: Sequence[StoredAnswer], key: str) -> list[int]:
    """Answers as plain cells; returns the ids of the ticked ones."""
    picked = picked_ids(key, [a.id for a in items])
    shown = [
        {
            t("col_question"): t(a.question),
            t("col_answer"): a.text,
            t("col_team"): a.team or "",
            t("col_state"): t(f"hidden_{a.hidden}") if a.hidden else t("shown"),
        }
        for a in items
    ]
    st.dataframe(shown, hide_index=True, on_select="rerun", selection_mode="multi-row", key=key)
    return picked


def show_or_hide(code: str, picked: list[int], show: str, hide: str, key: str) -> None:
    """Two buttons acting on the ticked answers; the decision is the facilitator's."""
    for column, (label, hidden) in zip(st.columns(2), ((show, False), (hide, True)), strict=True):
        if column.button(label, disabled=not picked, key=f"{key}_{hidden}"):
            cache.store().set_hidden(code, picked, hidden)
            forget(key)
            st.rerun()
