"""The presenter's phases: a workshop run in order, and what the beamer shows in each.

verzamelen (collect) → wolken (clouds) → vergelijken (compare) → waarden (values) → stemmen
(vote) → ons DNA (dna). The phase is stored with the workshop (`Store.set_stage`); every beamer
of the workshop follows it. Before the presenter chose one, `suggested` says where the workshop
stands, so the presenter page opens on the phase the room is in.
"""

from __future__ import annotations

from dna.intake.tables import IngestError
from dna.records import QUESTIONS

__all__ = [
    "BOTH",
    "CLOUDS",
    "COLLECT",
    "COMPARE",
    "DNA",
    "SHOWS",
    "STAGES",
    "VALUES",
    "VOTE",
    "check_stage",
    "following",
    "scene",
    "suggested",
]

COLLECT, CLOUDS, COMPARE, VALUES, VOTE, DNA = STAGES = (
    "collect",
    "clouds",
    "compare",
    "values",
    "vote",
    "dna",
)
BOTH = "both"
SHOWS = (BOTH, *QUESTIONS)  # the clouds phase: both clouds, or one of them large


def check_stage(stage: str, show: str | None = None) -> None:
    """A WorkshopError-like refusal ("bad_stage") for a phase or cloud choice that is not ours."""
    if stage not in STAGES or (show is not None and show not in SHOWS):
        raise IngestError("bad_stage", "this phase does not exist", stage=str(stage)[:20])


def following(stage: str) -> str | None:
    """The phase after this one; None after the last."""
    at = STAGES.index(stage)
    return STAGES[at + 1] if at + 1 < len(STAGES) else None


def suggested(
    stored: str | None, voting: str, final: tuple[int, ...], values: int, answers: int
) -> str:
    """The phase to show: the stored one, else a guess from the workshop's state (a workshop
    run before the presenter page, or from the detail pages only)."""
    if stored in STAGES:
        return stored
    if voting == "closed" and final:
        return DNA
    if voting != "none":
        return VOTE
    if values:
        return VALUES
    return CLOUDS if answers else COLLECT


def scene(view: str, stage: str | None, voting: str) -> str:
    """What a beamer shows: its own fixed view ("clouds", "votes"), else ("auto") the
    presenter's phase, else (no phase chosen) the vote once voting was opened, or the clouds."""
    if view == "clouds":
        return CLOUDS
    if view == "votes":
        return VOTE
    if stage in STAGES:
        return stage
    return VOTE if voting != "none" else CLOUDS
