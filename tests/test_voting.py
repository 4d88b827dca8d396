"""Dot voting: the ballot rules, the count, and ballots in the store on SQLite and PostgreSQL."""

from __future__ import annotations

import random

import pytest

from dna.store import Store
from dna.workshop.values import Value
from dna.workshop.voting import CLOSED, OPEN, Rules, Tally, check_ballot, clear_lead, tally
from dna.workshop.workshop import Submission, WorkshopError
from tests.stores import Clock, at_once, error, make


def test_a_ballot_within_the_rules_is_kept_without_zeros():
    assert check_ballot(Rules(3, 2), {1: 2, 2: 1, 3: 0}, [1, 2, 3]) == {1: 2, 2: 1}
    assert check_ballot(Rules(3, 2), {1: 1}, [1, 2]) == {1: 1}  # fewer dots than you have: fine


@pytest.mark.parametrize(
    "ballot, code",
    [
        ({1: 2, 2: 2}, "too_many_dots"),
        ({1: 3}, "over_cap"),
        ({9: 1}, "unknown_value"),
        ({1: -1}, "bad_ballot"),
        ({1: 1.5}, "bad_ballot"),
        ({1: True}, "bad_ballot"),
        ({}, "empty_ballot"),
        ({1: 0, 2: 0}, "empty_ballot"),
    ],
)
def test_a_ballot_outside_the_rules_says_why(ballot, code):
    with pytest.raises(WorkshopError) as info:
        check_ballot(Rules(3, 2), ballot, [1, 2, 3])
    assert info.value.code == code


@pytest.mark.parametrize("dots, cap", [(0, 1), (11, 2), (3, 0), (3, 4)])
def test_rules_are_checked(dots, cap):
    with pytest.raises(WorkshopError):
        Rules(dots, cap)


def test_tally_counts_dots_voters_and_leaves_deleted_values_out():
    count = tally([{1: 2, 2: 1}, {1: 1, 3: 2}, {3: 1}, {4: 3}], values=[1, 2, 3])
    assert count.dots == {1: 3, 2: 1, 3: 3}
    assert count.voters == {1: 2, 2: 1, 3: 2}
    assert count.ballots == 3  # the ballot only on a deleted value no longer counts
    assert count.share(1) == pytest.approx(2 / 3) and count.share(9) == 0
    assert count.ranking([3, 2, 1]) == [3, 1, 2]  # tie on dots and voters: the given order
    assert Tally().share(1) == 0 and Tally().ranking([]) == []


# -- in the store (both databases) ------------------------------------------------------------
def values(store: Store, *names: str) -> list[int]:
    return [store.add_value("ACE347", Value(name)) for name in names]


def test_values_keep_order_edit_delete_and_undo(store):
    make(store)
    a, b, c = values(store, "Eigenaarschap", "Vertrouwen", "Samenwerken")
    assert [v.name for v in store.values("ACE347")] == [
        "Eigenaarschap",
        "Vertrouwen",
        "Samenwerken",
    ]
    store.update_value("ACE347", b, Value("Vertrouwen", "We rekenen op elkaar.", ("a", "b")))
    store.reorder_values("ACE347", [c, a])
    shown = store.values("ACE347")
    assert [v.id for v in shown] == [c, a, b]
    assert shown[2].meaning == "We rekenen op elkaar." and shown[2].behaviours == ("a", "b")
    store.delete_value("ACE347", a)
    assert [v.id for v in store.values("ACE347")] == [c, b]
    assert [v.id for v in store.values("ACE347", deleted=True)] == [a]
    store.delete_value("ACE347", a, deleted=False)  # undo
    assert [v.id for v in store.values("ACE347")] == [c, a, b]
    assert store.values("NOPE99") == []


def test_voting_open_change_close(store):
    make(store)
    a, b, c = values(store, "A", "B", "C")
    assert error(store.cast, "ACE347", "t1", {a: 1}, "s1").code == "voting_closed"  # not open yet
    store.set_voting("ACE347", OPEN, Rules(4, 2))
    ws = store.workshop("ACE347")
    assert ws.voting_open and (ws.dots, ws.cap) == (4, 2)
    assert store.cast("ACE347", "t1", {a: 2, b: 2}, "s1") is True
    assert store.cast("ACE347", "t1", {a: 2, b: 2}, "s1") is False  # a double tap: once
    assert store.cast("ACE347", "t1", {c: 1}, "s2") is True  # changed their mind
    assert store.ballot("ACE347", "t1") == {c: 1}
    assert error(store.cast, "ACE347", "t2", {a: 3}, "x").code == "over_cap"
    assert error(store.cast, "ACE347", "t2", {a: 2, b: 2, c: 1}, "x").code == "too_many_dots"
    assert store.ballot("ACE347", "t2") == {}  # refused ballots store nothing
    store.cast("ACE347", "t2", {a: 1}, "s3")
    store.set_voting("ACE347", CLOSED)
    assert error(store.cast, "ACE347", "t3", {a: 1}, "s4").code == "voting_closed"
    assert store.cast("ACE347", "t1", {c: 1}, "s2") is False  # a late resend is still a receipt
    assert sorted((d for d, _ in store.ballots("ACE347")), key=str) == sorted(
        [{c: 1}, {a: 1}], key=str
    )
    assert tally(d for d, _ in store.ballots("ACE347")).dots == {a: 1, c: 1}


def test_a_deleted_value_cannot_get_dots(store):
    make(store)
    a, b = values(store, "A", "B")
    store.set_voting("ACE347", OPEN)
    store.delete_value("ACE347", b)
    assert error(store.cast, "ACE347", "t1", {b: 1}, "s1").code == "unknown_value"


def test_ballots_carry_the_team_given_when_answering(store):
    make(store)
    (a,) = values(store, "A")
    store.submit("ACE347", "t1", Submission({"current": ("x",), "desired": ()}, "Sales"), "s1")
    store.set_voting("ACE347", OPEN)
    store.cast("ACE347", "t1", {a: 1}, "b1")
    store.cast("ACE347", "t2", {a: 2}, "b2")  # voted without answering first: no team
    assert sorted(store.ballots("ACE347"), key=str) == sorted(
        [({a: 1}, "Sales"), ({a: 2}, None)], key=str
    )
    assert store.status("ACE347").participants == 1  # voting does not make an answerer


def test_final_values_and_tagline(store):
    make(store)
    a, b, c = values(store, "A", "B", "C")
    store.set_final("ACE347", [c, a], "Samen maken we het verschil")
    ws = store.workshop("ACE347")
    assert ws.final == (c, a) and ws.tagline == "Samen maken we het verschil"


def test_every_change_bumps_the_revision(store):
    make(store)
    seen = [store.workshop("ACE347").revision]
    (a,) = values(store, "A")
    for change in (
        lambda: store.update_value("ACE347", a, Value("B")),
        lambda: store.set_voting("ACE347", OPEN),
        lambda: store.cast("ACE347", "t", {a: 1}, "s"),
        lambda: store.delete_value("ACE347", a),
    ):
        seen.append(store.workshop("ACE347").revision)
        change()
    seen.append(store.workshop("ACE347").revision)
    assert seen == sorted(set(seen))


def test_100_voters_at_once_give_exact_totals(db_url):
    """Every voter taps twice, a fifth change their ballot in a second tab at the same time."""
    s = Store(db_url, Clock())
    make(s)
    ids = values(s, "A", "B", "C", "D", "E")
    s.set_voting("ACE347", OPEN, Rules(3, 2))
    rng = random.Random(7)
    final: dict[int, dict[int, int]] = {}
    jobs = []
    for i in range(100):
        first = {ids[rng.randrange(5)]: 1, ids[rng.randrange(5)]: 1}
        jobs += [(i, first, f"s{i}"), (i, first, f"s{i}")]
        final[i] = first
        if i % 5 == 0:
            other = {ids[i % 5]: 2, ids[(i + 1) % 5]: 1}
            jobs.append((i, other, f"s{i}b"))
            final[i] = None  # either whole ballot, never a mix
    rng.shuffle(jobs)
    at_once(lambda i, dots, sid: s.cast("ACE347", f"voter-{i}", dots, sid), jobs)
    stored = s.ballots("ACE347")
    assert len(stored) == 100  # one ballot per voter
    expected: dict[int, int] = {}
    for i in range(100):
        got = s.ballot("ACE347", f"voter-{i}")
        if final[i] is None:
            assert got in (
                {ids[i % 5]: 2, ids[(i + 1) % 5]: 1},
                *(d for (j, d, sid) in jobs if j == i and sid == f"s{i}"),
            )
        else:
            assert got == final[i]
        for v, n in got.items():
            expected[v] = expected.get(v, 0) + n
    assert tally(d for d, _ in stored).dots == expected
    assert tally(d for d, _ in stored).ballots == 100
    s.engine.dispose()


@pytest.mark.parametrize(
    ("dots", "lead"),
    [
        ([9, 8, 8, 2, 2], 3),  # the fifth has 2 dots: not clearly ahead
        ([9, 8, 8, 7, 2, 1], 4),
        ([9, 8, 8, 7, 6], 5),  # past the end counts 0: all five are ahead of nothing
        ([4, 4, 4, 4, 4, 4, 4], 5),  # no drop at all: keep the most
        ([12, 3, 3, 3, 3, 3], 5),  # the biggest drop is before the third: 3..5 only
        ([5, 4], 2),  # fewer than lo: all of them
        ([], 0),
    ],
)
def test_the_clear_lead_is_cut_at_the_largest_drop_in_dots(dots, lead):
    assert clear_lead(dots, 3, 5) == lead
