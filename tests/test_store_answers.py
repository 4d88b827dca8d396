"""The store's answers (dna.store.answers): submitted from phones, moderated, imported,
and the facilitator's edits (overrides)."""

from __future__ import annotations

from collections import Counter

from dna.analysis.overrides import Override
from dna.records import CURRENT, DESIRED, Answer
from dna.store import Receipt, Status
from dna.store.schema import participants
from dna.workshop.workshop import CLOSED, OPEN
from tests.stores import IMPORTED, error, make, revision, rows, sub


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
