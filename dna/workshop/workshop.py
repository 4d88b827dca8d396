"""A live workshop: its settings, its join code, and what a participant may submit.

Pure rules, no storage: `dna.store` keeps workshops; this module says what a valid one is.
"""

from __future__ import annotations

import re
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from dna.intake.cleaning import MAX_ANSWER_CHARS, clean_answer
from dna.intake.tables import IngestError
from dna.language.glyphs import normal
from dna.records import CURRENT, DESIRED
from dna.workshop.sheetoptions import SheetOptions

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "DEFAULT_PER_PERSON",
    "DEFAULT_QUESTIONS",
    "MAX_PER_PERSON",
    "OPEN",
    "CLOSED",
    "Submission",
    "Workshop",
    "WorkshopError",
    "check_settings",
    "new_code",
    "new_token",
    "normal_code",
    "prepare",
    "split_teams",
]

# No look-alikes: no 0/O/Q/D, 1/I/L/J, 2/Z, 5/S, 8/B, U/V.
CODE_ALPHABET = "ACEFGHKMNPRTWXY34679"
CODE_LENGTH = 6  # 20**6 = 64 million codes
DEFAULT_QUESTIONS = {
    "nl": (
        "Beschrijf onze huidige cultuur in vier woorden",
        "Beschrijf onze gewenste cultuur in vier woorden",
    ),
    "en": (
        "Describe our current culture in four words",
        "Describe our desired culture in four words",
    ),
}
DEFAULT_PER_PERSON = 4
MAX_PER_PERSON = 10
MAX_TITLE_CHARS = 120
MAX_TEAMS = 50
OPEN = "open"  # answering open
CLOSED = "closed"  # answering closed; results stay visible

WorkshopError = IngestError  # one error type for the UI: a code, params, an English message


@dataclass(frozen=True)
class Workshop:
    id: int
    code: str
    title: str
    organisation: str
    questions: tuple[str, str]  # current, desired
    per_person: int
    teams: tuple[str, ...]
    phase: str
    archived: bool
    created: datetime
    revision: int  # bumped by every change the projector shows
    voting: str = "none"  # "none" (not yet), "open", "closed": see dna.workshop.voting
    dots: int = 3  # dots per participant
    cap: int = 2  # at most this many dots on one value
    final: tuple[int, ...] = ()  # the chosen values' ids, in order
    tagline: str = ""
    results_hidden: bool = False  # the beamer hides the results (phones say so)
    timer_ends: datetime | None = None  # a countdown the beamer and the phones show
    stage: str | None = (
        None  # the presenter's phase the beamer follows (dna.workshop.stages); None: none
    )
    stage_show: str = "both"  # the cloud(s) the beamer shows in the clouds phase
    sheet: SheetOptions = SheetOptions()  # the DNA sheet's options; the logo's bytes: Store.sheet

    @property
    def is_open(self) -> bool:
        return self.phase == OPEN and not self.archived

    @property
    def voting_open(self) -> bool:
        return self.voting == "open" and not self.archived

    def question(self, which: str) -> str:
        return self.questions[0 if which == CURRENT else 1]


@dataclass(frozen=True)
class Submission:
    """A participant's cleaned answers, ready to store, and what was changed on the way."""

    answers: dict[str, tuple[str, ...]]  # question -> answers in the order typed
    team: str | None
    warnings: tuple[str, ...] = field(default=())  # "code:n", as in ingest

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.answers.values())


def new_code(taken: set[str] | None = None) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in (taken or ()):
            return code


def new_token() -> str:
    """An anonymous participant token: random, URL-safe, no link to a person."""
    return secrets.token_urlsafe(12)


def normal_code(typed: str) -> str:
    """What someone typed as a code, as stored: upper case, no spaces or dashes."""
    return "".join(c for c in normal(typed).upper() if c.isascii() and c.isalnum())


def split_teams(text: str) -> list[str]:
    """Teams as typed: one per line, or separated by commas or semicolons."""
    return [part.strip() for line in text.splitlines() for part in re.split(r"[,;]", line)]


def check_settings(
    title: str, organisation: str, questions: tuple[str, str], per_person: int, teams: list[str]
) -> tuple[str, str, tuple[str, str], int, tuple[str, ...]]:
    """Cleaned workshop settings, or a WorkshopError saying what is wrong."""
    title, organisation = " ".join(normal(title).split()), normal(organisation)
    questions = (normal(questions[0]), normal(questions[1]))
    if not title:
        raise WorkshopError("title_missing", "a workshop needs a title")
    if len(title) > MAX_TITLE_CHARS:
        raise WorkshopError("title_too_long", "the title is too long", limit=MAX_TITLE_CHARS)
    qs = tuple(" ".join(q.split()) for q in questions)
    if not all(qs):
        raise WorkshopError("question_missing", "both questions need a text")
    if not 1 <= per_person <= MAX_PER_PERSON:
        raise WorkshopError(
            "per_person_range", "answers per person out of range", limit=MAX_PER_PERSON
        )
    names = [" ".join(normal(n).split())[:MAX_ANSWER_CHARS] for n in teams]
    names = list(dict.fromkeys(n for n in names if n))
    if len(names) > MAX_TEAMS:
        raise WorkshopError("too_many_teams", "too many teams", limit=MAX_TEAMS)
    return title, " ".join(organisation.split()), qs, per_person, tuple(names)


def prepare(
    workshop: Workshop | None,
    typed: dict[str, list[str]],
    team: str | None = None,
) -> Submission:
    """A participant's form, checked against the workshop: a Submission or a WorkshopError."""
    if workshop is None:
        raise WorkshopError("unknown_code", "there is no workshop with this code")
    if not workshop.is_open:
        raise WorkshopError("closed", "answering is closed", title=workshop.title)
    tally: Counter[str] = Counter()
    answers: dict[str, tuple[str, ...]] = {}
    for question in (CURRENT, DESIRED):
        kept = []
        for text in typed.get(question, []):
            clean, warnings = clean_answer(text or "")
            tally.update({w.split(":")[0]: int(w.split(":")[1]) for w in warnings})
            if clean and clean.casefold() in {k.casefold() for k in kept}:
                tally["duplicate"] += 1  # "traag" twice: kept once, and said
            elif clean:
                kept.append(clean)
        if len(kept) > workshop.per_person:
            raise WorkshopError(
                "too_many_answers",
                f"at most {workshop.per_person} answers per question",
                limit=workshop.per_person,
                question=question,
            )
        answers[question] = tuple(kept)
    if not any(answers.values()):
        raise WorkshopError("empty_submission", "type at least one answer")
    if team is not None and workshop.teams and team not in workshop.teams:
        raise WorkshopError("unknown_team", "this team is not in the workshop", team=team)
    warnings = tuple(f"{code}:{n}" for code, n in sorted(tally.items()) if n)
    return Submission(answers, team or None, warnings)
