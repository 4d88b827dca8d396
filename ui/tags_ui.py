"""Kracht, neutraal or beperkend (dna.analysis.tags): the facilitator's change of a theme's tag,
stored as an edit like the others (dna.analysis.overrides TAG), so it is undone like them and
survives new answers. The comparison page and the group editor both use it; the texts say
the tags in words."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dna.analysis import overrides as ov
from dna.analysis import tags
from dna.analysis.compare import Row
from dna.analysis.grouping import Group
from ui import access, cache, edits
from ui.texts import plain, t


def name(tag: str) -> str:
    return t(f"tag_{tag}")


def control(code: str, group: Group, prefix: str) -> None:
    """A theme's tag: the three choices and a save button; the proposal when it differs."""
    cols = st.columns([3, 1], vertical_alignment="bottom")
    choice = cols[0].segmented_control(
        t("compare_tags_choice"),
        tags.TAGS,
        format_func=name,
        default=group.tag,
        key=f"{prefix}_tag_{group.key}",  # one per theme: a new theme starts at its own tag
    )
    cols[1].button(
        t("compare_tags_save"),
        icon=":material/sell:",
        key=f"{prefix}_tag_save",
        disabled=choice in (None, group.tag),
        on_click=access.guarded(edits.save),
        args=(code, ov.tag(group, choice or group.tag)),
        width="stretch",
    )
    if group.tag != group.proposed:
        st.caption(t("compare_tags_proposed", tag=name(group.proposed)))


def editor(src: cache.Source, rows: Sequence[Row]) -> None:
    """The comparison page's tag editor: pick a theme (of the comparison's rows, the most named
    first), change its tag, or undo the last tag change."""
    groups = cache.groups_by_key(src)
    ranked = sorted(rows, key=lambda r: (-max(r.current_people, r.desired_people), r.label))
    keys = [r.key for r in ranked if r.key in groups]
    changed = sum(groups[k].tag != groups[k].proposed for k in keys)
    with st.expander(t("compare_tags_title", n=changed), icon=":material/sell:"):
        st.caption(t("compare_tags_help"))
        if not src.code:
            st.info(t("compare_tags_need_workshop"), icon=":material/info:")
            return
        if not keys:
            return
        key = st.selectbox(
            t("compare_tags_pick"),
            keys,
            format_func=lambda k: f"{plain(groups[k].label)} · {name(groups[k].tag)}",
            key="compare_tag_theme",
        )
        control(src.code, groups[key], "compare")
        last = max((o for o in src.overrides if o.kind == ov.TAG), key=lambda o: o.id, default=None)
        if last is not None:
            st.button(
                t("compare_tags_undo"),
                help=edits.describe(last),
                icon=":material/undo:",
                key="compare_tag_undo",
                on_click=access.guarded(edits.undo),
                args=(src.code, last.id),
            )
