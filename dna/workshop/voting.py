"""Dot voting on the candidate values: the rules of a ballot and the count.

Pure rules, no storage: `dna.store` keeps ballots (one per participant token, replaced on a
change, a resend is a no-op); this module says what a valid ballot is and what the room chose.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from dna.workshop.workshop import WorkshopError

NONE, OPEN, CLOSED = "none", "open", "closed"  # a workshop's voting: not yet, open, closed
DEFAULT_DOTS, DEFAULT_CAP = 3, 2
MAX_DOTS = 10


@dataclass(frozen=True)
class Rules:
    dots: int = DEFAULT_DOTS  # dots per participant
    cap: int = DEFAULT_CAP  # at most this many on one value

    def __post_init__(self) -> None:
        if not 1 <= self.dots <= MAX_DOTS:
            raise WorkshopError("bad_dots", f"dots must be 1..{MAX_DOTS}", maximum=MAX_DOTS)
        if not 1 <= self.cap <= self.dots:
            raise WorkshopError("bad_cap", "the cap must be 1..dots", dots=self.dots)


def check_ballot(rules: Rules, ballot: Mapping[int, int], values: Iterable[int]) -> dict[int, int]:
    """The ballot as stored ({value id: dots}, zeros dropped), or a WorkshopError saying why."""
    known = set(values)
    clean: dict[int, int] = {}
    for value, dots in ballot.items():
        if not isinstance(dots, int) or isinstance(dots, bool) or dots < 0:
            raise WorkshopError("bad_ballot", "dots are whole numbers, zero or more")
        if dots == 0:
            continue
        if value not in known:
            raise WorkshopError("unknown_value", "this value is no longer on the ballot")
        if dots > rules.cap:
            raise WorkshopError("over_cap", "too many dots on one value", cap=rules.cap)
        clean[int(value)] = dots
    total = sum(clean.values())
    if total == 0:
        raise WorkshopError("empty_ballot", "put at least one dot on a value")
    if total > rules.dots:
        raise WorkshopError("too_many_dots", "more dots than you have", dots=rules.dots)
    return clean


@dataclass(frozen=True)
class Tally:
    """What the room chose: dots and voters per value, and how many voted."""

    dots: dict[int, int] = field(default_factory=dict)
    voters: dict[int, int] = field(default_factory=dict)  # participants with a dot on it
    ballots: int = 0

    def share(self, value: int) -> float:
        """The part of the voters who put at least one dot on this value."""
        return self.voters.get(value, 0) / self.ballots if self.ballots else 0.0

    def ranking(self, order: Sequence[int]) -> list[int]:
        """Value ids, most dots first; ties: more voters, then the facilitator's order."""
        place = {v: i for i, v in enumerate(order)}
        return sorted(order, key=lambda v: (-self.dots.get(v, 0), -self.voters.get(v, 0), place[v]))


def clear_lead(dots: Sequence[int], lo: int, hi: int) -> int:
    """How many of a ranking (dots per value, most first) are clearly ahead of the rest: the
    ranking is cut at its largest drop in dots, looking at cuts after place `lo` up to place
    `hi` (past the end a value counts 0 dots). 9, 8, 8, 2, 2 gives 3: the fourth and fifth got
    far fewer. A tie between drops keeps the most values (a flat ranking gives `hi`); fewer than
    `lo` values give them all."""
    hi = min(hi, len(dots))
    if hi <= lo:
        return hi

    def drop(k: int) -> int:  # the dots lost from place k to place k + 1
        return dots[k - 1] - (dots[k] if k < len(dots) else 0)

    return max(range(lo, hi + 1), key=lambda k: (drop(k), k))


def tally(ballots: Iterable[Mapping[int, int]], values: Iterable[int] | None = None) -> Tally:
    """Count the ballots; dots on values not in `values` (deleted since) are left out."""
    keep = None if values is None else set(values)
    dots: dict[int, int] = {}
    voters: dict[int, int] = {}
    count = 0
    for ballot in ballots:
        counted = {v: n for v, n in ballot.items() if n > 0 and (keep is None or v in keep)}
        if not counted:
            continue
        count += 1
        for value, n in counted.items():
            dots[value] = dots.get(value, 0) + n
            voters[value] = voters.get(value, 0) + 1
    return Tally(dots, voters, count)
