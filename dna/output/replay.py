"""A room's clouds replayed: the counts the beamer showed as the answers came in, and the cloud
grown over them, so a download, the DNA sheet and a GIF show the cloud the room watched grow.

`history(answers, lemmatiser, step)` counts the answers as the beamer counts them: after every
`step` answers in stored order (a frame), ``grouping.build(keyed(answers so far), overrides,
team).questions[q].frequencies()``. `grown(frames, style)` grows a cloud over the frames
(dna.output.cloudlayout.update, as the beamer does), so the same history always gives the same
layout, and the same bytes when drawn. A download takes at most FRAMES frames (`step_for`): the
room's ~40 pictures, not one per answer (200 people x 4 answers: ~1.5 s,
bench/bench_clouds_grow.py).

Edits. The facilitator's edits of today (merges, renames, hidden groups) are applied to every
frame, but an edit names a group by its key in the whole room, and the lemmatiser reads a room
as a whole: while the room was small a word could have had another key or label. So with
`now` (the analysis the page shows) every frame is counted in today's groups: a group of the
frame is shown under today's label when today's cloud shows its key, and left out otherwise
(a hidden or merged-away word never shows, not even in an early frame), and the last frame is
today's frequencies exactly. The history gives the positions; today gives the words and their
counts. Without `now` (the replay command) the frames are the beamer's counts as they were.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import dna.output.cloudlayout as cloudlayout
from dna.analysis.grouping import Analysis, QuestionResult, build, keyed
from dna.analysis.overrides import Override
from dna.language.lemmatise import Lemmatiser
from dna.output.cloudlayout import Layout
from dna.output.cloudstyle import DEFAULT_STYLE, CloudStyle
from dna.records import QUESTIONS, Answer

FRAMES = 40  # a download's replay: at most this many frames, whatever the size of the room
FRAME_MS = 250  # a frame of a replay's GIF on screen
HOLD_MS = 4000  # the finished cloud, before the GIF loops


@dataclass(frozen=True)
class History:
    """Per frame: how many answers had come in, and each question's counts then."""

    ends: tuple[int, ...]
    frames: Mapping[str, tuple[dict[str, int], ...]]  # question -> counts per frame


def step_for(answers: int, frames: int = FRAMES) -> int:
    """Answers per frame for at most `frames` frames: 1 for a small room."""
    return max(1, math.ceil(answers / max(1, frames)))


def ends(answers: int, step: int) -> tuple[int, ...]:
    """How many answers each frame has seen: every `step`, and all of them last."""
    return tuple(range(step, answers, step)) + ((answers,) if answers else ())


def history(
    answers: Sequence[Answer],
    lemmatiser: Lemmatiser,
    step: int = 1,
    overrides: Sequence[Override] = (),
    team: str | None = None,
    now: Analysis | None = None,
) -> History:
    """The counts of both questions after every `step` answers, oldest first (see the module).

    With `now`, each frame is counted in now's groups and the last frame is now's counts;
    `now` must be the analysis of these answers with these overrides and team.
    """
    seen = tuple(a for a in answers if a.text.strip())  # as keyed() does
    stops = ends(len(seen), step)
    frames: dict[str, list[dict[str, int]]] = {q: [] for q in QUESTIONS}
    for end in stops:
        if now is not None and end == len(seen):
            result = now  # today's counts exactly, and no second reading of the whole room
        else:
            result = build(keyed(seen[:end], lemmatiser), overrides, team)
        for q in QUESTIONS:
            counts = result.questions[q]
            mapped = now is not None and result is not now
            frames[q].append(_as(counts, now, q) if mapped else counts.frequencies())
    return History(stops, {q: tuple(f) for q, f in frames.items()})


def _as(then: QuestionResult, now: Analysis, question: str) -> dict[str, int]:
    """A frame's counts in today's groups: today's label for every key today's cloud shows."""
    labels = {g.key: g.label for g in now.questions[question].groups if not g.hidden}
    counts: dict[str, int] = {}
    for g in then.groups:
        if g.key in labels and not g.hidden:
            counts[labels[g.key]] = counts.get(labels[g.key], 0) + g.count
    return counts


def layouts(
    frames: Sequence[Mapping[str, int]], style: CloudStyle = DEFAULT_STYLE
) -> Iterator[Layout]:
    """The cloud after each frame, grown in place over the one before (as the beamer grows it)."""
    placed = None
    for frequencies in frames:
        placed = cloudlayout.update(placed, frequencies, style)
        yield placed


def grown(frames: Sequence[Mapping[str, int]], style: CloudStyle = DEFAULT_STYLE) -> Layout:
    """The cloud after the last frame (an empty layout without frames)."""
    last = deque(layouts(frames, style), maxlen=1)
    return last[0] if last else Layout(style.width, style.height)
