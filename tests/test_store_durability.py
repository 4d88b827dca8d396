"""The store under load and after a crash (dna.store.engine): many phones at once, two
processes on one file, and answers acknowledged before a kill are still there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from dna.records import CURRENT, DESIRED
from dna.store import Receipt, Store
from dna.store.schema import participants
from dna.workshop.workshop import Submission
from tests.stores import at_once, make, rows, sub

ROOT = Path(__file__).resolve().parent.parent


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
    lock = threading.Lock()

    def run(i: int, submission: Submission, sid: str) -> None:
        got = [s.submit("ACE347", f"token-{i}", submission, sid)]
        if i in same_twice and sid == f"s{i}":
            got.append(s.submit("ACE347", f"token-{i}", submission, sid))
        with lock:
            receipts[i] += got

    at_once(run, jobs)

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
    at_once(
        lambda s, i: s.submit("ACE347", f"t{i}", sub([f"a{i}"], [f"b{i}"]), "s"),
        [((one, two)[i % 2], i) for i in range(20)],
    )
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
