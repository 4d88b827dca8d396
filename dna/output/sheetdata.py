"""What a DNA sheet shows: the values, the workshop's numbers, the clouds, the comparison's
summary and the entropy. Records only; dna.output.export makes them from a
workshop, dna.output.sheet draws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from dna.analysis.entropy import Entropy
from dna.output.cloudlayout import Layout
from dna.output.sheettexts import TEXTS

KEEP, LET_GO, DEVELOP = "keep", "let_go", "develop"  # a value's aim (dna.workshop.values.aim)


@dataclass(frozen=True)
class SheetValue:
    name: str  # 1-3 words, e.g. "Eigenaarschap"
    meaning: str  # one sentence
    behaviours: tuple[str, ...]  # "Dit zie je aan: ..." items
    do: tuple[str, ...] = ()  # optional "We doen wel"
    dont: tuple[str, ...] = ()  # optional "We doen niet"
    votes: int | None = None  # dots received, when voted
    aim: str | None = None  # keep / let_go / develop: what the value does for the culture

    def __post_init__(self) -> None:
        if self.aim not in (None, KEEP, LET_GO, DEVELOP):
            raise ValueError(f"aim must be keep, let_go, develop or None, got {self.aim!r}")


@dataclass(frozen=True)
class Summary:
    """The comparison's lists (dna.analysis.compare), theme labels strongest first."""

    keep: tuple[str, ...] = ()
    let_go: tuple[str, ...] = ()
    develop: tuple[str, ...] = ()
    strength_less: tuple[str, ...] = ()  # strong now, named less for the desired culture

    def __bool__(self) -> bool:
        return any((self.keep, self.let_go, self.develop, self.strength_less))


@dataclass(frozen=True)
class Grown:
    """A cloud as the room saw it grow: its counts after every few answers (the frames of
    dna.output.replay.history). The sheet grows it again on a canvas the size of the box it gets,
    with the smallest word at a readable printed size, as the beamer grew it."""

    frames: tuple[Mapping[str, int], ...]


Cloud = Grown | Layout | bytes  # a layout is cut to its readable words; a PNG is placed as is


@dataclass(frozen=True)
class SheetData:
    title: str
    organisation: str
    date: dt.date
    values: tuple[SheetValue, ...]  # the final values, in order
    tagline: str = ""
    participants: int = 0
    answers: int = 0
    voters: int = 0
    current_cloud: Cloud | None = None
    desired_cloud: Cloud | None = None
    votes: tuple[tuple[str, int], ...] = ()  # (value name, dots) for all candidates, most first
    language: str = "nl"  # "nl" | "en": the sheet's fixed texts
    entropy: tuple[Entropy, Entropy] | None = None  # current, desired (dna.analysis.entropy)
    summary: Summary = Summary()

    def __post_init__(self) -> None:
        if self.language not in TEXTS:
            raise ValueError(f"language must be one of {sorted(TEXTS)}, got {self.language!r}")
