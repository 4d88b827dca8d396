from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

import dna.store
from dna.analysis.overrides import Override
from dna.records import CURRENT, DESIRED, Answer
from dna.store import Receipt, Status, Store, database_url
from dna.store.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    answers,
    ballots,
    candidate_values,
    participants,
    workshops,
)
from dna.workshop.values import Value
from dna.workshop.workshop import CLOSED, OPEN, Submission, WorkshopError

ROOT = Path(__file__).resolve().parent.parent
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


# -- submitting -------------------------------------------------------------------------------
def test_submit_and_read_back(store):
    make(store)
    receipt = store.submit(
        "ACE347", "tok", sub(["open", "druk"], ["rustig", "eerlijk"], "IT"), "s1"
    )
    assert receipt == Receipt(4, duplicate=False)
    assert store.participant_answers("ACE347", "tok") == (
        {CURRENT: ["open", "druk"], DESIRED: ["rustig", "eerlijk"]},
        "IT",
    )
    got = store.answers("ACE347")
    assert [(a.question, a.text, a.team) for a in got] == [
        (CURRENT, "open", "IT"),
        (CURRENT, "druk", "IT"),
        (DESIRED, "rustig", "IT"),
        (DESIRED, "eerlijk", "IT"),
    ]
    assert len({a.respondent for a in got}) == 1
    assert "tok" not in got[0].respondent  # the token is the participant's secret


def test_participant_answers_of_nobody(store):
    make(store)
    assert store.participant_answers("ACE347", "never") == ({}, None)
    assert store.participant_answers("NOPE99", "never") == ({}, None)


def test_participant_answers_are_per_workshop(store):
    make(store)
    make(store, "CEF479")
    store.submit("ACE347", "tok", sub(["open"]), "s1")
    store.submit("CEF479", "tok", sub(["dicht"], team="Sales"), "s1")  # same token and id
    assert store.participant_answers("ACE347", "tok") == ({CURRENT: ["open"]}, None)
    assert store.participant_answers("CEF479", "tok") == ({CURRENT: ["dicht"]}, "Sales")


def test_same_submission_twice_is_a_no_op(store):
    make(store)
    first = store.submit("ACE347", "tok", sub(["open", "druk"], ["rustig"]), "s1")
    before = (store.status("ACE347"), store.answer_rows("ACE347"))
    again = store.submit("ACE347", "tok", sub(["anders"]), "s1")  # a resend: its content is ignored
    assert first == Receipt(3, duplicate=False)
    assert again == Receipt(3, duplicate=True)
    assert (store.status("ACE347"), store.answer_rows("ACE347")) == before


def test_new_submission_replaces_the_old_one(store):
    make(store)
    store.submit("ACE347", "tok", sub(["open", "druk"], ["rustig"], "IT"), "s1")
    store.submit("ACE347", "other", sub(["log"]), "x1")
    receipt = store.submit("ACE347", "tok", sub(["chaotisch"], ["rustig", "helder"], "Sales"), "s2")
    assert receipt == Receipt(3, duplicate=False)
    assert store.participant_answers("ACE347", "tok") == (
        {CURRENT: ["chaotisch"], DESIRED: ["rustig", "helder"]},
        "Sales",
    )
    texts = Counter(a.text for a in store.answers("ACE347"))
    assert texts == Counter({"chaotisch": 1, "rustig": 1, "helder": 1, "log": 1})
    assert {a.team for a in store.answers("ACE347") if a.text != "log"} == {"Sales"}
    assert rows(store, participants) == 2
    # going back to an earlier id is a new submission, not a duplicate of the last one
    assert store.submit("ACE347", "tok", sub(["open"]), "s1") == Receipt(1, duplicate=False)


def test_submit_to_a_closed_or_archived_workshop(store):
    make(store)
    store.submit("ACE347", "tok", sub(["open"]), "s1")
    store.set_phase("ACE347", CLOSED)
    exc = error(store.submit, "ACE347", "tok", sub(["druk"]), "s2")
    assert exc.code == "closed" and exc.params["title"] == "Heidag"
    error(store.submit, "ACE347", "new", sub(["druk"]), "s3")
    store.set_phase("ACE347", OPEN)
    store.set_archived("ACE347", True)
    assert error(store.submit, "ACE347", "tok", sub(["druk"]), "s2").code == "closed"
    assert [a.text for a in store.answers("ACE347")] == ["open"]  # nothing changed
    assert rows(store, participants) == 1


def test_a_resend_that_arrives_after_closing_is_still_acknowledged(store):
    """A double tap at the moment the facilitator closes: the first tap was saved."""
    make(store)
    store.submit("ACE347", "tok", sub(["open"]), "s1")
    store.set_phase("ACE347", CLOSED)
    assert store.submit("ACE347", "tok", sub(["open"]), "s1") == Receipt(1, duplicate=True)


def test_writes_to_an_unknown_workshop_are_refused(store):
    for call, args in [
        (store.add_override, ("NOPE99", "hide", {"key": "x"})),
        (store.remove_override, ("NOPE99", 1)),
        (store.set_hidden, ("NOPE99", [1], True)),
        (store.add_import, ("NOPE99", "k", "f.csv", [])),
    ]:
        assert error(call, *args).code == "unknown_code"


def test_submit_to_an_unknown_workshop(store):
    assert error(store.submit, "NOPE99", "tok", sub(["open"]), "s1").code == "unknown_code"
    assert rows(store, participants) == 0


def test_submission_without_a_team(store):
    make(store)
    store.submit("ACE347", "tok", sub(["open"], team="IT"), "s1")
    store.submit("ACE347", "tok", sub(["open"]), "s2")
    assert store.participant_answers("ACE347", "tok") == ({CURRENT: ["open"]}, None)
    assert store.answers("ACE347")[0].team is None


# -- moderation -------------------------------------------------------------------------------
def is_bad(text: str) -> bool:
    return text.startswith("kut")


def test_flagged_answers_are_stored_hidden_for_review(store):
    make(store)
    store.submit("ACE347", "tok", sub(["open", "kutsfeer"], ["rustig"]), "s1", flagged=is_bad)
    assert [a.text for a in store.answers("ACE347")] == ["open", "rustig"]
    stored = {r.text: r for r in store.answer_rows("ACE347")}
    assert stored["kutsfeer"].hidden == "review" and not stored["kutsfeer"].reviewed
    assert stored["open"].hidden is None
    assert not any(r.imported for r in stored.values())
    assert store.status("ACE347") == Status(OPEN, False, 1, 1, 2, 1)
    # the participant still sees what they wrote
    assert store.participant_answers("ACE347", "tok")[0][CURRENT] == ["open", "kutsfeer"]


def test_facilitator_decisions_survive_a_resubmit(store):
    make(store)
    store.submit("ACE347", "tok", sub(["kutsfeer", "druk"], ["rustig"]), "s1", flagged=is_bad)
    ids = {r.text: r.id for r in store.answer_rows("ACE347")}
    store.set_hidden("ACE347", [ids["kutsfeer"]], hidden=False)  # reviewed: it may be shown
    store.set_hidden("ACE347", [ids["druk"]], hidden=True)  # hidden by hand
    assert [a.text for a in store.answers("ACE347")] == ["kutsfeer", "rustig"]

    store.submit(
        "ACE347", "tok", sub(["druk", "kutsfeer", "kutbaas"], ["rustig"]), "s2", flagged=is_bad
    )
    stored = {r.text: (r.hidden, r.reviewed) for r in store.answer_rows("ACE347")}
    assert stored == {
        "druk": ("facilitator", True),
        "kutsfeer": (None, True),  # decided before: not flagged again
        "kutbaas": ("review", False),  # new: the filter holds it back
        "rustig": (None, False),
    }
    # a decision belongs to one question: the same text under the other question is new
    store.submit("ACE347", "tok", sub([], ["druk"]), "s3", flagged=is_bad)
    assert {r.text: (r.hidden, r.reviewed) for r in store.answer_rows("ACE347")} == {
        "druk": (None, False)
    }


def test_set_hidden_only_touches_its_own_workshop(store):
    make(store)
    make(store, "CEF479")
    store.submit("ACE347", "t", sub(["open"]), "s1")
    store.submit("CEF479", "t", sub(["dicht"]), "s1")
    (other,) = store.answer_rows("CEF479")
    store.set_hidden("ACE347", [other.id], hidden=True)
    assert [a.text for a in store.answers("CEF479")] == ["dicht"]
    assert store.answer_rows("CEF479")[0] == other


def test_set_hidden_and_show_again(store):
    make(store)
    store.submit("ACE347", "t", sub(["open", "druk", "log"]), "s1")
    ids = [r.id for r in store.answer_rows("ACE347")]
    store.set_hidden("ACE347", ids[:2], hidden=True)
    assert [a.text for a in store.answers("ACE347")] == ["log"]
    assert store.status("ACE347").answers == 1
    assert store.status("ACE347").review == 0  # hidden by hand is not waiting for review
    store.set_hidden("ACE347", ids[:1], hidden=False)
    assert [a.text for a in store.answers("ACE347")] == ["open", "log"]


def test_status_numbers(store):
    make(store)
    assert store.status("ACE347") == Status(OPEN, False, 0, 0, 0, 0)
    store.submit("ACE347", "a", sub(["open", "druk"], ["rustig"]), "1", flagged=is_bad)
    store.submit("ACE347", "b", sub(["kutzooi"]), "1", flagged=is_bad)  # only a flagged answer
    store.submit("ACE347", "c", sub(["open"], ["kutbaas", "helder"]), "1", flagged=is_bad)
    status = store.status("ACE347")
    assert status.participants == 3
    assert status.answers == 5
    assert status.review == 2
    assert status.phase == OPEN and not status.archived
    assert status.revision == 3
    store.set_phase("ACE347", CLOSED)
    store.set_archived("ACE347", True)
    assert store.status("ACE347") == Status(CLOSED, True, 5, 3, 5, 2)
    assert store.status("NOPE99") is None


# -- imports ----------------------------------------------------------------------------------
IMPORTED = [
    Answer(CURRENT, "log", "Sales", "r1"),
    Answer(CURRENT, "traag", "Sales", "r1"),
    Answer(DESIRED, "snel", "IT", "r2"),
]


def test_import_once(store):
    make(store)
    assert store.add_import("ACE347", "key1", "export.csv", IMPORTED) == 3
    rev = revision(store)
    assert store.add_import("ACE347", "key1", "export (1).csv", IMPORTED) is None
    assert revision(store) == rev  # nothing changed
    got = store.answers("ACE347")
    assert [(a.question, a.text, a.team) for a in got] == [
        (CURRENT, "log", "Sales"),
        (CURRENT, "traag", "Sales"),
        (DESIRED, "snel", "IT"),
    ]
    assert got[0].respondent == got[1].respondent != got[2].respondent
    assert all(r.imported and r.hidden is None for r in store.answer_rows("ACE347"))
    assert store.status("ACE347").participants == 2
    # another set of answers is another import
    assert store.add_import("ACE347", "key2", "more.csv", [Answer(CURRENT, "log")]) == 1
    assert len(store.answers("ACE347")) == 4


def test_same_import_in_two_workshops(store):
    make(store)
    make(store, "CEF479")
    assert store.add_import("ACE347", "key1", "a.csv", IMPORTED) == 3
    assert store.add_import("CEF479", "key1", "a.csv", IMPORTED) == 3
    assert len(store.answers("CEF479")) == 3


def test_import_without_respondents_counts_no_people(store):
    """Pasted text says nothing about who wrote what: no participants are made up."""
    make(store)
    store.add_import("ACE347", "key1", "plak", [Answer(CURRENT, t) for t in ("a", "b", "c")])
    status = store.status("ACE347")
    assert status.answers == 3
    assert status.participants == 0
    store.submit("ACE347", "tok", sub(["open"]), "s1")
    assert store.status("ACE347").participants == 1


def test_import_respondents_are_per_import(store):
    make(store)
    store.add_import("ACE347", "k1", "a.csv", [Answer(CURRENT, "log", None, "r1")])
    store.add_import("ACE347", "k2", "b.csv", [Answer(CURRENT, "traag", None, "r1")])
    assert store.status("ACE347").participants == 2  # row r1 of two files: two people


def test_import_into_an_unknown_workshop(store):
    assert error(store.add_import, "NOPE99", "k", "a.csv", IMPORTED).code == "unknown_code"


def test_import_into_a_closed_workshop(store):
    """The facilitator may add a form export after answering closed."""
    make(store)
    store.set_phase("ACE347", CLOSED)
    assert store.add_import("ACE347", "k", "a.csv", IMPORTED) == 3


def test_empty_import(store):
    make(store)
    assert store.add_import("ACE347", "k", "leeg.csv", []) == 0
    assert store.add_import("ACE347", "k", "leeg.csv", []) is None


# -- overrides --------------------------------------------------------------------------------
def test_overrides_add_list_remove(store):
    make(store)
    make(store, "CEF479")
    a = store.add_override("ACE347", "hide", {"key": "druk", "label": "Drúk 🌀"})
    b = store.add_override("ACE347", "hide", {"key": "log"}, question=CURRENT)
    c = store.add_override("ACE347", "merge", {"keys": ["a", "b"]})
    elsewhere = store.add_override("CEF479", "hide", {"key": "x"})
    assert store.overrides("ACE347") == [
        Override("hide", {"key": "druk", "label": "Drúk 🌀"}, None, a),
        Override("hide", {"key": "log"}, CURRENT, b),
        Override("merge", {"keys": ["a", "b"]}, None, c),
    ]
    assert [o.id for o in store.overrides("ACE347", kind="hide")] == [a, b]
    assert store.overrides("ACE347", kind="nothing") == []
    store.remove_override("ACE347", a)
    store.remove_override("ACE347", elsewhere)  # not this workshop's: nothing happens
    assert [o.id for o in store.overrides("ACE347")] == [b, c]
    assert [o.id for o in store.overrides("CEF479")] == [elsewhere]
    assert store.overrides("NOPE99") == []


def test_the_same_edit_twice_in_a_row_is_stored_once(store):
    """A double click on merge sends the edit twice; undo must then take back one change."""
    make(store)
    edit = {"keys": ["a", "b"], "into": "a", "label": "A"}
    first = store.add_override("ACE347", "merge", edit)
    assert store.add_override("ACE347", "merge", dict(reversed(edit.items()))) == first
    assert len(store.overrides("ACE347")) == 1
    other = store.add_override("ACE347", "merge", edit, question=CURRENT)  # another scope: new
    assert other != first
    again = store.add_override("ACE347", "merge", edit)  # not right after: a new edit
    assert [o.id for o in store.overrides("ACE347")] == [first, other, again]


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


# -- settings and sessions --------------------------------------------------------------------
def test_settings(store):
    assert store.setting("colour") is None
    store.put_setting("colour", "rood")
    store.put_setting("colour", "blauw")
    store.put_setting("empty", "")
    assert store.setting("colour") == "blauw"
    assert store.setting("empty") == ""
    assert store.setting("schema_version") == str(SCHEMA_VERSION)


def test_sessions_expire(db_url):
    clock = Clock()
    s = Store(db_url, clock=clock)
    s.add_session("h1", T0 + timedelta(hours=1))
    s.add_session("h2", T0 + timedelta(hours=3))
    assert s.session_valid("h1") and s.session_valid("h2")
    assert not s.session_valid("unknown")
    clock.tick(hours=1)
    assert not s.session_valid("h1")  # expiry is exclusive
    assert s.session_valid("h2")
    s.drop_session("h2")
    assert not s.session_valid("h2")
    s.drop_session("h2")  # twice: no error
    s.engine.dispose()


def test_expired_sessions_are_purged(db_url):
    from dna.store.schema import sessions

    clock = Clock()
    s = Store(db_url, clock=clock)
    s.add_session("old", T0 + timedelta(minutes=5))
    s.add_session("kept", T0 + timedelta(hours=5))
    clock.tick(hours=1)
    s.add_session("new", T0 + timedelta(hours=13))
    with s.engine.connect() as conn:
        left = set(conn.execute(sa.select(sessions.c.token_hash)).scalars())
    assert left == {"kept", "new"}
    s.engine.dispose()


def test_database_url():
    assert database_url({}) == "sqlite:///cultuur-dna.db"
    assert database_url({"DNA_DB_PATH": "/data/w.db"}) == "sqlite:////data/w.db"
    for given in ("postgres://u:p@h:5432/db", "postgresql://u:p@h:5432/db"):
        assert database_url({"DATABASE_URL": given}) == "postgresql+psycopg://u:p@h:5432/db"
    same = "postgresql+psycopg://u@h/db"
    assert database_url({"DATABASE_URL": same, "DNA_DB_PATH": "x.db"}) == same
    assert database_url({"DATABASE_URL": "", "DNA_DB_PATH": "x.db"}) == "sqlite:///x.db"


def test_sqlite_runs_in_wal_mode_with_full_sync(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'w.db'}")
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    s.engine.dispose()


# -- concurrency ------------------------------------------------------------------------------
def test_many_participants_at_once(db_url):
    """50 phones send at the same moment; some send twice, some tokens send from two tabs."""
    s = Store(db_url)
    make(s, per_person=4)
    people = 50
    same_twice = {i for i in range(people) if i % 5 == 0}  # the same submission, one after another
    two_tabs_same = {i for i in range(people) if i % 5 == 1}  # same id from two threads at once
    two_tabs_other = {i for i in range(people) if i % 5 == 2}  # different ids and answers at once

    def answers_of(i: int, variant: str = "a") -> Submission:
        return sub(
            [f"nu{i}{variant}-{k}" for k in range(4)],
            [f"straks{i}{variant}-{k}" for k in range(4)],
            "IT" if i % 2 else "Sales",
        )

    jobs: list[tuple[int, Submission, str]] = []
    for i in range(people):
        jobs.append((i, answers_of(i), f"s{i}"))
        if i in two_tabs_same:
            jobs.append((i, answers_of(i), f"s{i}"))
        if i in two_tabs_other:
            jobs.append((i, answers_of(i, "b"), f"s{i}b"))
    receipts: dict[int, list[Receipt]] = {i: [] for i in range(people)}
    failures: list[BaseException] = []
    start = threading.Barrier(len(jobs))
    lock = threading.Lock()

    def run(i: int, submission: Submission, sid: str) -> None:
        try:
            start.wait()
            got = [s.submit("ACE347", f"token-{i}", submission, sid)]
            if i in same_twice and sid == f"s{i}":
                got.append(s.submit("ACE347", f"token-{i}", submission, sid))
            with lock:
                receipts[i] += got
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not failures, failures
    assert not any(t.is_alive() for t in threads)

    status = s.status("ACE347")
    assert status.participants == people
    assert status.answers == people * 8
    assert rows(s, participants) == people
    stored = s.answer_rows("ACE347")
    assert len(stored) == people * 8
    assert len({(r.question, r.text) for r in stored}) == people * 8  # no answer twice
    for i in range(people):
        found, team = s.participant_answers("ACE347", f"token-{i}")
        assert team == ("IT" if i % 2 else "Sales")
        sent = {v: answers_of(i, v).answers for v in ("a", "b")}
        assert {q: tuple(found[q]) for q in found} in sent.values(), i  # one whole set, not a mix
        every = receipts[i]
        assert all(r.saved == 8 for r in every), (i, every)
        if i in same_twice or i in two_tabs_same:
            assert [r.duplicate for r in every].count(True) == 1, (i, every)
        else:
            assert not any(r.duplicate for r in every), (i, every)
    writes = sum(not r.duplicate for rs in receipts.values() for r in rs)
    assert 1 <= status.revision <= writes  # it moves once per transaction: sends are batched
    s.engine.dispose()


def test_two_stores_write_to_one_file(tmp_path):
    """Two server processes (two engines) on one SQLite file queue their writes."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    one, two = Store(url), Store(url)
    make(one)
    failures = []

    def run(s: Store, i: int) -> None:
        try:
            s.submit("ACE347", f"t{i}", sub([f"a{i}"], [f"b{i}"]), "s")
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    threads = [threading.Thread(target=run, args=((one, two)[i % 2], i)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    assert two.status("ACE347").answers == 40
    one.engine.dispose()
    two.engine.dispose()


# -- durability -------------------------------------------------------------------------------
def test_a_fresh_store_reads_what_another_wrote(db_url):
    first = Store(db_url)
    make(first)
    first.submit("ACE347", "tok", sub(["open"], ["rustig"], "IT"), "s1")
    first.add_override("ACE347", "hide", {"key": "x"})
    first.put_setting("k", "v")
    first.engine.dispose()
    second = Store(db_url)
    assert second.workshop("ACE347").title == "Heidag"
    assert second.participant_answers("ACE347", "tok") == (
        {CURRENT: ["open"], DESIRED: ["rustig"]},
        "IT",
    )
    assert len(second.overrides("ACE347")) == 1
    assert second.setting("k") == "v"
    assert second.submit("ACE347", "tok", sub(["x"]), "s1").duplicate  # the id is remembered
    second.engine.dispose()


CHILD = """
import sys
from dna.records import CURRENT, DESIRED
from dna.store import Store
from dna.workshop.workshop import Submission

store = Store(sys.argv[1])
for i in range(10_000):
    answers = {CURRENT: tuple(f"nu{i}-{k}" for k in range(4)),
               DESIRED: tuple(f"straks{i}-{k}" for k in range(4))}
    store.submit("ACE347", f"t{i}", Submission(answers, None), f"s{i}")
    print("ACK", i, flush=True)
"""


def test_acknowledged_answers_survive_a_kill(db_url):
    """A server killed right after answering 'saved' has really saved."""
    s = Store(db_url)
    make(s)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, db_url], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    acked = []
    try:
        for line in child.stdout:
            acked.append(int(line.split()[1]))
            if len(acked) == 25:
                child.send_signal(signal.SIGKILL)  # mid-way through the next submit
                break
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert acked == list(range(25))
    s.engine.dispose()

    fresh = Store(db_url)
    for i in acked:
        found, _ = fresh.participant_answers("ACE347", f"t{i}")
        assert found == {
            CURRENT: [f"nu{i}-{k}" for k in range(4)],
            DESIRED: [f"straks{i}-{k}" for k in range(4)],
        }, i
    # the child ran ahead of what was read: whatever else is there is whole (all or nothing)
    status = fresh.status("ACE347")
    assert status.participants >= 25
    assert status.answers == 8 * status.participants
    for i in range(status.participants):
        assert sum(map(len, fresh.participant_answers("ACE347", f"t{i}")[0].values())) == 8
    fresh.engine.dispose()


# -- schema version ---------------------------------------------------------------------------
def test_a_new_store_records_the_schema_version(store):
    assert store.schema_version() == SCHEMA_VERSION


def test_a_newer_database_is_refused(db_url):
    s = Store(db_url)
    make(s)
    s.put_setting("schema_version", str(SCHEMA_VERSION + 1))
    s.engine.dispose()
    exc = error(Store, db_url)
    assert exc.code == "schema_newer"
    assert exc.params["version"] == SCHEMA_VERSION + 1
    # refusing changed nothing
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(sa.select(workshops.c.code)).scalars().all() == ["ACE347"]
    engine.dispose()


def _columns(url: str, table: str) -> set[str]:
    engine = sa.create_engine(url)
    names = {c["name"] for c in sa.inspect(engine).get_columns(table)}
    engine.dispose()
    return names


V = SCHEMA_VERSION  # the migration tests add steps after the current version


def test_a_migration_runs_once_and_keeps_the_data(db_url, monkeypatch):
    old = Store(db_url)
    make(old)
    old.submit("ACE347", "tok", sub(["open"], ["rustig"]), "s1")
    old.engine.dispose()

    ran = []

    def add_colour(conn: sa.Connection) -> None:
        ran.append(1)
        conn.execute(sa.text("ALTER TABLE workshops ADD COLUMN colour VARCHAR(16)"))

    monkeypatch.setattr(dna.store, "SCHEMA_VERSION", V + 1)
    monkeypatch.setitem(MIGRATIONS, V + 1, add_colour)
    new = Store(db_url)
    assert ran == [1]
    assert new.schema_version() == V + 1
    assert "colour" in _columns(db_url, "workshops")
    assert new.workshop("ACE347").title == "Heidag"
    assert new.participant_answers("ACE347", "tok")[0] == {CURRENT: ["open"], DESIRED: ["rustig"]}
    new.engine.dispose()

    again = Store(db_url)  # the next start: nothing left to do
    assert ran == [1]
    again.engine.dispose()


def test_a_failed_migration_changes_nothing(db_url, monkeypatch):
    old = Store(db_url)
    make(old)
    old.engine.dispose()

    def broken(conn: sa.Connection) -> None:
        conn.execute(sa.text("ALTER TABLE workshops ADD COLUMN colour VARCHAR(16)"))
        raise RuntimeError("step went wrong")

    monkeypatch.setattr(dna.store, "SCHEMA_VERSION", V + 1)
    monkeypatch.setitem(MIGRATIONS, V + 1, broken)
    with pytest.raises(RuntimeError):
        Store(db_url)
    assert "colour" not in _columns(db_url, "workshops")
    monkeypatch.undo()
    s = Store(db_url)
    assert s.schema_version() == V
    assert s.codes() == {"ACE347"}
    s.engine.dispose()


def test_a_new_database_skips_the_migrations(db_url, monkeypatch):
    """create_all makes the newest tables: the steps are for files made by older versions."""
    ran = []
    monkeypatch.setattr(dna.store, "SCHEMA_VERSION", V + 2)
    monkeypatch.setitem(MIGRATIONS, V + 1, lambda conn: ran.append(V + 1))
    monkeypatch.setitem(MIGRATIONS, V + 2, lambda conn: ran.append(V + 2))
    s = Store(db_url)
    assert ran == []
    assert s.schema_version() == V + 2
    s.engine.dispose()


def test_migrations_run_in_order_from_the_stored_version(db_url, monkeypatch):
    s = Store(db_url)
    s.engine.dispose()
    ran = []
    monkeypatch.setattr(dna.store, "SCHEMA_VERSION", V + 1)
    monkeypatch.setitem(MIGRATIONS, V + 1, lambda conn: ran.append(V + 1))
    Store(db_url).engine.dispose()
    monkeypatch.setattr(dna.store, "SCHEMA_VERSION", V + 3)
    monkeypatch.setitem(MIGRATIONS, V + 2, lambda conn: ran.append(V + 2))
    monkeypatch.setitem(MIGRATIONS, V + 3, lambda conn: ran.append(V + 3))
    s = Store(db_url)
    assert ran == [V + 1, V + 2, V + 3]
    assert s.schema_version() == V + 3
    s.engine.dispose()


def test_a_version_1_database_gets_voting_and_keeps_its_answers(db_url):
    """A file made before voting existed: the real step 2 adds the columns and tables."""
    old = Store(db_url)
    make(old)
    old.submit("ACE347", "tok", sub(["open"], ["rustig"]), "s1")
    old.engine.dispose()
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:  # make it look like version 1
        for column in ("voting", "dots", "cap", "final", "tagline", *LATER[2]):
            conn.execute(sa.text(f"ALTER TABLE workshops DROP COLUMN {column}"))
        conn.execute(sa.text("DROP TABLE ballots"))
        conn.execute(sa.text("DROP TABLE candidate_values"))
        conn.execute(sa.text("UPDATE settings SET value = '1' WHERE key = 'schema_version'"))
    engine.dispose()
    new = Store(db_url)
    assert new.schema_version() == V
    ws = new.workshop("ACE347")
    assert (ws.voting, ws.dots, ws.cap, ws.final, ws.tagline) == ("none", 3, 2, (), "")
    assert new.participant_answers("ACE347", "tok")[0] == {CURRENT: ["open"], DESIRED: ["rustig"]}
    assert new.values("ACE347") == []
    assert ws.results_hidden is False
    new.engine.dispose()


LATER = {  # the workshop columns added after schema n
    2: ("results_hidden", "timer_ends", "stage", "stage_show", "sheet", "sheet_logo"),
    3: ("timer_ends", "stage", "stage_show", "sheet", "sheet_logo"),
    4: ("stage", "stage_show", "sheet", "sheet_logo"),
    5: ("sheet", "sheet_logo"),
}


def _as_version(db_url: str, version: int, *dropped: str, clock=None) -> Store:
    """A database with one workshop, made to look like schema `version` (without the workshop
    columns added since), then opened again: the real steps migrate it."""
    old = Store(db_url)
    make(old)
    old.engine.dispose()
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        for column in dropped:
            conn.execute(sa.text(f"ALTER TABLE workshops DROP COLUMN {column}"))
        conn.execute(
            sa.text("UPDATE settings SET value = :v WHERE key = 'schema_version'"),
            {"v": str(version)},
        )
    engine.dispose()
    return Store(db_url, clock=clock)


def test_a_version_2_database_gets_results_hidden(db_url):
    """Schema 3: the beamer's "hide results" is stored, so phones can say it; off at first."""
    new = _as_version(db_url, 2, *LATER[2])
    assert new.schema_version() == V
    assert new.workshop("ACE347").results_hidden is False
    before = new.workshop("ACE347").revision
    new.set_results_hidden("ACE347", True)
    assert new.workshop("ACE347").results_hidden is True
    assert new.workshop("ACE347").revision > before  # the beamer and the phones see it
    assert "results_hidden" not in new.dump("ACE347")["workshop"]  # a view, not backed up
    new.engine.dispose()


def test_a_version_3_database_gets_the_countdown(db_url):
    """Schema 4: the facilitator's countdown, shown on the beamer and the phones."""
    new = _as_version(db_url, 3, *LATER[3], clock=Clock())
    assert new.schema_version() == V and new.workshop("ACE347").timer_ends is None
    before = new.workshop("ACE347").revision
    assert new.set_timer("ACE347", 3) == T0 + timedelta(minutes=3)
    ws = new.workshop("ACE347")
    assert ws.timer_ends == T0 + timedelta(minutes=3) and ws.revision > before
    assert "timer_ends" not in new.dump("ACE347")["workshop"]  # a live view, not backed up
    assert new.set_timer("ACE347", None) is None and new.workshop("ACE347").timer_ends is None
    new.engine.dispose()


def test_a_version_4_database_gets_the_presenters_phase(db_url):
    """Schema 5: the presenter's phase, which every beamer follows; none chosen at first."""
    new = _as_version(db_url, 4, *LATER[4])
    ws = new.workshop("ACE347")
    assert new.schema_version() == V and (ws.stage, ws.stage_show) == (None, "both")
    new.set_stage("ACE347", "clouds", "desired")
    after = new.workshop("ACE347")
    assert (after.stage, after.stage_show) == ("clouds", "desired")
    assert after.revision > ws.revision  # every beamer sees the change
    new.set_stage("ACE347", "compare")  # the cloud choice stays for a later return
    assert (new.workshop("ACE347").stage, new.workshop("ACE347").stage_show) == (
        "compare",
        "desired",
    )
    for bad in (("pauze", None), ("clouds", "both clouds")):
        with pytest.raises(WorkshopError) as refused:
            new.set_stage("ACE347", *bad)
        assert refused.value.code == "bad_stage"
    assert new.workshop("ACE347").stage == "compare"  # a refusal writes nothing
    dumped = new.dump("ACE347")["workshop"]
    assert "stage" not in dumped and "stage_show" not in dumped  # live views, not backed up
    new.engine.dispose()


# -- PostgreSQL: several app servers on one database ------------------------------------------
def test_servers_starting_together_on_a_new_database(db_url):
    """Replicas that start at once all come up; the tables are made once."""
    failures = []
    stores = []
    start = threading.Barrier(6)

    def run() -> None:
        try:
            start.wait()
            stores.append(Store(db_url))
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    threads = [threading.Thread(target=run) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures
    assert all(s.schema_version() == SCHEMA_VERSION for s in stores)
    for s in stores:
        s.engine.dispose()


def test_concurrent_settings_of_a_new_key(store):
    """Two login attempts at once both record the failure count (no unique-key crash)."""
    failures = []
    for round_ in range(10):
        start = threading.Barrier(6)

        def run(n: int, key: str = f"key{round_}", barrier=start) -> None:
            try:
                barrier.wait()
                store.put_setting(key, str(n))
            except BaseException as exc:  # noqa: BLE001
                failures.append(exc)

        threads = [threading.Thread(target=run, args=(n,)) for n in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert store.setting(f"key{round_}") in {str(n) for n in range(6)}
    assert not failures, failures[:1]
