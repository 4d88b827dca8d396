"""Group commit: phones writing at once share transactions, each still gets its own answer."""

from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa

from dna.records import CURRENT, DESIRED
from dna.store import Receipt, Store
from dna.store.groupcommit import GroupCommit
from dna.workshop.values import Value
from dna.workshop.voting import Rules
from dna.workshop.workshop import Submission, WorkshopError

QUESTIONS = ("Hoe is het nu?", "Hoe willen we het?")


def together(calls: list) -> list:
    """Run every call in its own thread, all released at once; their results (or errors)."""
    out: list = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(i: int) -> None:
        start.wait()
        try:
            out[i] = calls[i]()
        except Exception as e:  # noqa: BLE001 - the caller checks which
            out[i] = e

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return out


def test_callers_waiting_together_are_written_in_one_call():
    batches: list[list[int]] = []

    def write_all(items):
        batches.append(list(items))
        time.sleep(0.05)  # a commit: meanwhile the others queue
        return [ValueError(f"odd {i}") if i % 2 else i * 10 for i in items]

    commit = GroupCommit(write_all)
    got = together([lambda i=i: commit(i) for i in range(40)])
    assert got[::2] == [i * 10 for i in range(0, 40, 2)]
    assert all(
        isinstance(g, ValueError) and str(g) == f"odd {i}" for i, g in enumerate(got) if i % 2
    )
    assert sorted(i for batch in batches for i in batch) == list(range(40))  # each once
    assert len(batches) < 10


def test_a_failing_batch_fails_every_caller_in_it_and_the_next_batch_works():
    calls = []

    def write_all(items):
        calls.append(len(items))
        if len(calls) == 1:
            time.sleep(0.05)
            raise sa.exc.OperationalError("COMMIT", {}, Exception("disk I/O error"))
        return list(items)

    commit = GroupCommit(write_all)
    got = together([lambda i=i: commit(i) for i in range(10)])
    failed = [g for g in got if isinstance(g, sa.exc.OperationalError)]
    assert len(failed) == calls[0] >= 1
    assert all(g == i for i, g in enumerate(got) if not isinstance(g, Exception))
    assert commit(99) == 99


def test_a_lone_call_is_written_at_once():
    commit = GroupCommit(lambda items: [i + 1 for i in items])
    t0 = time.perf_counter()
    assert commit(1) == 2
    assert time.perf_counter() - t0 < 0.05


def _commits(store: Store) -> list[int]:
    seen: list[int] = []
    sa.event.listen(store.engine, "commit", lambda conn: seen.append(1))
    return seen


def sub(i: int, variant: str = "a") -> Submission:
    return Submission(
        {CURRENT: (f"nu {i}{variant}", "traag"), DESIRED: (f"straks {i}{variant}",)}, "IT"
    )


def test_a_room_sending_at_once_shares_commits_and_loses_nothing(store):
    """Before group commit each send was its own transaction (here 80 commits, 80 fsyncs)."""
    store.create_workshop("ACE347", "Heidag", "", QUESTIONS, 4, ("IT",))
    commits = _commits(store)
    jobs = [lambda i=i: store.submit("ACE347", f"t{i}", sub(i), f"s{i}") for i in range(60)]
    jobs += [lambda i=i: store.submit("ACE347", f"t{i}", sub(i), f"s{i}") for i in range(20)]
    jobs += [lambda: store.submit("NOSUCH", "t0", sub(0), "x0")]
    got = together(jobs)
    assert isinstance(got[-1], WorkshopError) and got[-1].code == "unknown_code"
    receipts = got[:-1]
    assert all(isinstance(r, Receipt) and r.saved == 3 for r in receipts), receipts
    assert sum(r.duplicate for r in receipts) == 20  # a double tap counts once
    assert len(commits) < 60
    for i in range(60):
        found, team = store.participant_answers("ACE347", f"t{i}")
        assert found == {CURRENT: [f"nu {i}a", "traag"], DESIRED: [f"straks {i}a"]}
        assert team == "IT"
    assert store.status("ACE347").answers == 180


def test_one_phone_changing_its_answers_in_one_batch_keeps_the_last(store):
    store.create_workshop("ACE347", "Heidag", "", QUESTIONS, 4, ())
    store.submit("ACE347", "t1", sub(1), "first")
    got = together(
        [lambda v=v: store.submit("ACE347", "t1", sub(1, v), f"s-{v}") for v in "bcdefgh"]
    )
    assert all(isinstance(r, Receipt) and not r.duplicate for r in got)
    found, _ = store.participant_answers("ACE347", "t1")
    assert found[CURRENT][0] in {f"nu 1{v}" for v in "bcdefgh"}
    assert len(found[CURRENT]) == 2 and len(found[DESIRED]) == 1  # one whole set


def test_held_answers_and_decided_answers_survive_a_batch(store):
    store.create_workshop("ACE347", "Heidag", "", QUESTIONS, 4, ())
    store.submit("ACE347", "t1", sub(1), "s1")
    first = {r.text: r.id for r in store.answer_rows("ACE347")}
    store.set_hidden("ACE347", [first["traag"]], True)  # the facilitator hides it
    together(
        [
            lambda: store.submit("ACE347", "t1", sub(1, "b"), "s2"),
            lambda: store.submit(
                "ACE347", "t2", sub(2), "s3", flagged=lambda text: text == "nu 2a"
            ),
        ]
    )
    rows = {(r.text, r.team): r for r in store.answer_rows("ACE347")}
    hidden = {r.text for r in rows.values() if r.hidden}
    assert {"traag", "nu 2a"} <= hidden
    assert "nu 1b" not in hidden


def test_voters_at_once_share_commits_and_each_hears_their_own_refusal(store):
    store.create_workshop("ACE347", "Heidag", "", QUESTIONS, 4, ())
    ids = [store.add_value("ACE347", Value(name)) for name in ("Open", "Moed", "Trots")]
    store.set_voting("ACE347", "open", Rules(3, 2))
    commits = _commits(store)
    good = {ids[0]: 2, ids[1]: 1}
    jobs = [lambda i=i: store.cast("ACE347", f"v{i}", good, f"b{i}") for i in range(50)]
    jobs += [lambda i=i: store.cast("ACE347", f"v{i}", good, f"b{i}") for i in range(10)]
    jobs += [lambda: store.cast("ACE347", "greedy", {ids[0]: 3}, "g1")]
    got = together(jobs)
    assert got[:50].count(True) + got[50:60].count(True) == 50
    assert got[:60].count(False) == 10  # double taps
    assert isinstance(got[-1], WorkshopError) and got[-1].code == "over_cap"
    assert len(commits) < 50
    assert len(store.ballots("ACE347")) == 50
    assert store.ballot("ACE347", "v7") == good
    assert store.ballot("ACE347", "greedy") == {}


@pytest.mark.parametrize("what", ["answers", "ballot"])
def test_a_close_and_a_batch_do_not_interleave(store, what):
    """Whatever the close sees first is stored; nothing is stored once the close returned."""
    store.create_workshop("ACE347", "Heidag", "", QUESTIONS, 4, ())
    value = store.add_value("ACE347", Value("Open"))
    store.set_voting("ACE347", "open", Rules(3, 3))
    if what == "answers":
        jobs = [lambda i=i: store.submit("ACE347", f"t{i}", sub(i), f"s{i}") for i in range(40)]
        close = lambda: store.set_phase("ACE347", "closed")  # noqa: E731
        refusal = "closed"
    else:
        jobs = [lambda i=i: store.cast("ACE347", f"t{i}", {value: 1}, f"s{i}") for i in range(40)]
        close = lambda: store.set_voting("ACE347", "closed")  # noqa: E731
        refusal = "voting_closed"
    got = together([*jobs, close])
    refused = [g for g in got[:-1] if isinstance(g, WorkshopError)]
    assert all(g.code == refusal for g in refused)
    stored = (
        store.status("ACE347").participants if what == "answers" else len(store.ballots("ACE347"))
    )
    assert stored == 40 - len(refused)

    def late():
        return (
            store.submit("ACE347", "late", sub(99), "late")
            if what == "answers"
            else store.cast("ACE347", "late", {value: 1}, "late")
        )

    with pytest.raises(WorkshopError):
        late()
