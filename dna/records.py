"""Plain records shared by the domain modules."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
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


def fingerprint(answers: Iterable[Answer]) -> str:
    """A short, stable id of a set of answers: a cheap cache key for their analysis."""
    digest = hashlib.blake2b(digest_size=16)
    for a in answers:
        digest.update(f"{a.question}\x1f{a.text}\x1f{a.team or ''}\x1e".encode())
    return digest.hexdigest()
