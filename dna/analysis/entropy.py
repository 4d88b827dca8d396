"""Cultural entropy from free text: how much of what people say about a culture is about its
limiting themes (dna.analysis.tags).

After Richard Barrett's cultural entropy (Barrett Values Centre): in the Cultural Values
Assessment it is the share of all votes for the current culture that go to potentially limiting
values. Here the votes are the answers people typed: the share of a question's answers that fall
in themes tagged beperkend, and the share of its participants who gave at least one of them.
Hidden groups count in neither (they are out of the clouds and the comparison too).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entropy:
    """One question's entropy, with the counts behind its two shares."""

    answers: int = 0  # visible answers to the question
    limiting: int = 0  # of those, answers in a limiting theme
    people: int = 0  # participants with a visible answer to the question
    limited: int = 0  # of those, participants with at least one answer in a limiting theme

    @property
    def answer_share(self) -> float:
        return self.limiting / self.answers if self.answers else 0.0

    @property
    def people_share(self) -> float:
        return self.limited / self.people if self.people else 0.0

    def to_json(self) -> dict:
        """The contract of ``python -m dna analyse``: shares from 0 to 1."""
        return {"answers": round(self.answer_share, 4), "people": round(self.people_share, 4)}

    def with_counts(self) -> dict:
        """The shares and the counts behind them (the comparison's JSON, exports)."""
        counts = {"answers": self.answers, "limiting": self.limiting}
        counts |= {"people": self.people, "limited": self.limited}
        return self.to_json() | {"counts": counts}


def measure(rows: Iterable[tuple[str, str]], limiting: Iterable[str]) -> Entropy:
    """rows: (group key, respondent) of each visible answer to one question; `limiting`: the
    keys of the groups tagged beperkend."""
    limiting = set(limiting)
    answers = hit = 0
    people: set[str] = set()
    limited: set[str] = set()
    for key, who in rows:
        answers += 1
        people.add(who)
        if key in limiting:
            hit += 1
            limited.add(who)
    return Entropy(answers, hit, len(people), len(limited))


@dataclass(frozen=True)
class Report:
    """Entropy per question for the room, and for every team big enough to show apart."""

    room: Mapping[str, Entropy]
    teams: Mapping[str, Mapping[str, Entropy]] = field(default_factory=dict)
    withheld: tuple[str, ...] = ()  # teams below the anonymity minimum: not shown apart

    def to_json(self) -> dict:
        return {
            "room": {q: e.with_counts() for q, e in self.room.items()},
            "teams": {
                team: {q: e.with_counts() for q, e in by_q.items()}
                for team, by_q in self.teams.items()
            },
            "withheld": list(self.withheld),
        }
