"""Helpers for the store's tests (tests/test_store*.py): a clock moved by hand, a workshop
made in one call, a participant's submission, a refusal caught, rows counted."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from dna.records import CURRENT, DESIRED, Answer
from dna.store import Store
from dna.workshop.workshop import Submission, WorkshopError

QUESTIONS = ("Hoe is het nu?", "Hoe willen we het?")
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class Clock:
    """A clock a test moves by hand."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def tick(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def make(store: Store, code: str = "ACE347", teams=("Sales", "IT"), per_person: int = 4):
    return store.create_workshop(code, "Heidag", "Gemeente", QUESTIONS, per_person, teams)


def sub(current=(), desired=(), team: str | None = None) -> Submission:
    return Submission({CURRENT: tuple(current), DESIRED: tuple(desired)}, team)


def error(call, *args, **kwargs) -> WorkshopError:
    with pytest.raises(WorkshopError) as info:
        call(*args, **kwargs)
    return info.value


def rows(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def revision(store: Store, code: str = "ACE347") -> int:
    return store.workshop(code).revision


IMPORTED = [
    Answer(CURRENT, "log", "Sales", "r1"),
    Answer(CURRENT, "traag", "Sales", "r1"),
    Answer(DESIRED, "snel", "IT", "r2"),
]


def at_once(work: Callable[..., object], jobs: Iterable[tuple]) -> None:
    """work(*job) for every job, each in a thread of its own, all let go at the same moment (a
    room's phones tapping together); fails with whatever any of them raised."""
    jobs = list(jobs)
    start = threading.Barrier(len(jobs))
    failures: list[BaseException] = []

    def run(*job) -> None:
        try:
            start.wait()
            work(*job)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not failures, failures
    assert not any(t.is_alive() for t in threads)
