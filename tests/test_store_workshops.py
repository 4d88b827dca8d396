"""The store's workshops (dna.store.workshops): made, read, closed, archived, deleted,
and the revision every change moves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from dna.records import CURRENT, DESIRED, Answer
from dna.store import Store
from dna.store.schema import answers, ballots, candidate_values, participants
from dna.workshop.values import Value
from dna.workshop.workshop import CLOSED, OPEN
from tests.stores import IMPORTED, QUESTIONS, T0, Clock, make, revision, rows, sub


# -- workshops --------------------------------------------------------------------------------
def test_create_and_read_a_workshop(store):
    made = make(store)
    assert made == store.workshop("ACE347")
    assert made.code == "ACE347"
    assert made.title == "Heidag"
    assert made.organisation == "Gemeente"
    assert made.questions == QUESTIONS
    assert made.per_person == 4
    assert made.teams == ("Sales", "IT")
    assert made.phase == OPEN and not made.archived and made.is_open
    assert made.revision == 0
    assert made.created.tzinfo is not None
    assert abs(made.created - datetime.now(UTC)) < timedelta(minutes=1)
    assert store.workshop("NOPE99") is None
    assert store.codes() == {"ACE347"}


def test_unicode_settings_round_trip(store):
    made = store.create_workshop(
        "CEF479",
        "Café “de Zon” — heidag",
        "Ünïcode B.V.",
        ("Één?", "Twee…"),
        10,
        ["R&D", "Zorg 🌱"],
    )
    again = store.workshop("CEF479")
    assert again == made
    assert again.teams == ("R&D", "Zorg 🌱")
    assert again.questions == ("Één?", "Twee…")


def test_codes_are_unique(store):
    make(store)
    with pytest.raises(sa.exc.IntegrityError):
        make(store)
    assert len(store.workshops()) == 1


def test_workshops_newest_first(db_url):
    clock = Clock()
    s = Store(db_url, clock=clock)
    for code in ("AAAAAA", "CCCCCC", "EEEEEE"):
        make(s, code)
        clock.tick(minutes=1)
    assert [w.code for w in s.workshops()] == ["EEEEEE", "CCCCCC", "AAAAAA"]
    assert s.workshop("AAAAAA").created == T0
    assert s.codes() == {"AAAAAA", "CCCCCC", "EEEEEE"}
    s.engine.dispose()


def test_phase_and_archive(store):
    make(store)
    store.set_phase("ACE347", CLOSED)
    w = store.workshop("ACE347")
    assert w.phase == CLOSED and not w.is_open and w.revision == 1
    store.set_phase("ACE347", OPEN)
    assert store.workshop("ACE347").is_open
    store.set_archived("ACE347", True)
    w = store.workshop("ACE347")
    assert w.archived and not w.is_open and w.phase == OPEN and w.revision == 3
    store.set_archived("ACE347", False)
    assert store.workshop("ACE347").is_open
    with pytest.raises(AssertionError):
        store.set_phase("ACE347", "voting")


def test_delete_removes_everything_and_counts_answers(store):
    make(store)
    make(store, "CEF479")
    store.submit("ACE347", "t1", sub(["open", "druk"], ["rustig"]), "s1")
    store.submit("ACE347", "t2", sub(["open"]), "s2")
    store.add_import("ACE347", "k1", "file.csv", [Answer(CURRENT, "log"), Answer(DESIRED, "snel")])
    store.add_override("ACE347", "hide", {"key": "druk"})
    value = store.add_value("ACE347", Value("Open"))
    store.set_voting("ACE347", "open")
    store.cast("ACE347", "t1", {value: 1}, "b1")
    store.submit("CEF479", "t1", sub(["ander"]), "s9")

    assert store.delete_workshop("ACE347") == 6
    assert store.workshop("ACE347") is None
    assert store.answers("ACE347") == ()
    assert store.overrides("ACE347") == []
    assert store.status("ACE347") is None
    assert store.codes() == {"CEF479"}
    assert rows(store, participants) == 1
    assert rows(store, answers) == 1
    assert rows(store, ballots) == 0 and rows(store, candidate_values) == 0
    assert [a.text for a in store.answers("CEF479")] == ["ander"]  # the other one is untouched

    assert store.delete_workshop("ACE347") == 0  # twice: nothing left
    assert store.delete_workshop("NOPE99") == 0
    make(store)  # the code is free again, with nothing of the old workshop
    assert store.answers("ACE347") == ()
    assert store.participant_answers("ACE347", "t1") == ({}, None)


def test_delete_an_empty_workshop(store):
    make(store)
    assert store.delete_workshop("ACE347") == 0
    assert store.codes() == set()


# -- revision ---------------------------------------------------------------------------------
def test_revision_bumps_on_every_change(store):
    make(store)
    seen = [revision(store)]

    def step(change, bumps: bool = True):
        change()
        seen.append(revision(store))
        assert seen[-1] == seen[-2] + (1 if bumps else 0), change

    step(lambda: store.submit("ACE347", "t", sub(["open"]), "s1"))
    step(lambda: store.submit("ACE347", "t", sub(["open"]), "s1"), bumps=False)
    step(lambda: store.submit("ACE347", "t", sub(["druk"]), "s2"))
    step(lambda: store.add_import("ACE347", "k", "a.csv", IMPORTED))
    step(lambda: store.add_import("ACE347", "k", "a.csv", IMPORTED), bumps=False)
    oid = []
    step(lambda: oid.append(store.add_override("ACE347", "hide", {"key": "druk"})))
    step(lambda: store.remove_override("ACE347", oid[0]))
    first = store.answer_rows("ACE347")[0].id
    step(lambda: store.set_hidden("ACE347", [first], hidden=True))
    step(lambda: store.set_phase("ACE347", CLOSED))
    step(lambda: store.set_archived("ACE347", True))
    step(lambda: store.answers("ACE347"), bumps=False)
    step(lambda: store.status("ACE347"), bumps=False)
    assert store.status("ACE347").revision == seen[-1] == 8


def test_revision_is_per_workshop(store):
    make(store)
    make(store, "CEF479")
    store.submit("ACE347", "t", sub(["open"]), "s1")
    assert revision(store, "CEF479") == 0
