"""Plain records shared by the domain modules."""

from __future__ import annotations

from dataclasses import dataclass

CURRENT = "current"
DESIRED = "desired"
QUESTIONS = (CURRENT, DESIRED)


@dataclass(frozen=True)
class Answer:
    """One answer: a word or short phrase a participant gave to one question."""

    question: str  # CURRENT or DESIRED
    text: str
    team: str | None = None
    respondent: str | None = None  # row id / participant token, when known
