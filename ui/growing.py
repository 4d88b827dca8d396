"""The beamer's clouds grow in place: each beamer keeps the last counts and layout of each of
its clouds in its session and grows that layout (dna.output.cloudlayout.update) when the counts
change, so a word the room has seen stays where it was. When the room outgrows the canvas the
cloud is laid out again, zoomed out (rare: ~once in a room of 20, ~3 times for 800 answers);
that picture fades in (`Grown.fade`, `style`).

A reload starts the beamer's clouds afresh; the downloads grow theirs over the stored answers
(ui.cache.grown_png), so they do not depend on what a beamer happened to see.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dna.output import cloudlayout
from dna.output.cloud import CloudStyle
from ui import cache, state

KEPT = 8  # clouds a beamer remembers: both questions of its last few settings
FADE_S = 1.2  # seconds a relayout takes to fade in: less than a refresh


@dataclass(frozen=True)
class Grown:
    """A beamer's cloud: the picture, and whether it was just laid out again (fade it in)."""

    png: bytes
    fade: bool = False
    generation: int = 0  # relayouts since the beamer's first picture of this cloud


def cloud_png(
    key: str,
    frequencies: tuple[tuple[str, int], ...],
    question: str,
    background: str = "white",
    size: tuple[int, int] = (1440, 810),
) -> Grown:
    """The cloud of these counts, grown over the one this beamer showed last under `key` (its
    settings: team, shown questions, canvas) for `question`. Call it on every refresh: with
    the same counts it returns the same picture (from the cache) and does not fade again."""
    slot = f"{key}:{question}"
    kept: dict = st.session_state.setdefault(state.GROWING, {})
    last = kept.pop(slot, None)  # (counts, layout); put back last: the most recent
    if last is not None and last[0] == frequencies:
        placed, fade = last[1], False
    else:
        style = CloudStyle(size[0], size[1], palette=question, background=background)
        before = last[1] if last else None
        placed = cloudlayout.update(before, dict(frequencies), style)
        fade = before is not None and placed.generation != before.generation
    kept[slot] = (frequencies, placed)
    for old in list(kept)[:-KEPT]:
        del kept[old]
    return Grown(cache.layout_png(placed, question, background), fade, placed.generation)


def style(box: str, grown: Grown) -> str:
    """CSS for the container (key `box`) that holds the cloud's image: the fade-in of a new
    layout, only in the run that shows it first (an empty rule otherwise, in the same place)."""
    if not grown.fade:
        return f"<style>.st-key-{box} img {{}}</style>"
    return (
        f"<style>@keyframes dna-fade {{from {{opacity: 0}} to {{opacity: 1}}}}"
        f".st-key-{box} img {{animation: dna-fade {FADE_S}s ease-in;}}</style>"
    )
