"""Group commit: many threads each hand in one write; one of them writes all that wait, together.

A room sending at once is hundreds of small writes. Each in its own transaction costs a commit
(on SQLite an fsync, ~10 ms, one writer at a time) and its own statements. Here every caller
puts its item in the queue and then waits for its turn; whoever gets the turn first writes
every item queued so far in one call (one transaction, set-wise statements), hands each
caller its own result, and the others find theirs done when their turn comes. Under no load a
batch is one item, written at once: nothing waits for a timer.

This is the leader/follower scheme of database logs (PostgreSQL's commit_delay, InnoDB's
binlog group commit), without a background thread: a caller that returned has its write
committed, or got its error.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Generic, TypeVar

__all__ = ["GroupCommit"]

I = TypeVar("I")  # noqa: E741 - an item
R = TypeVar("R")

MAX_BATCH = 500  # items in one transaction at most: a later caller takes the rest


class GroupCommit(Generic[I, R]):
    """`write_all(items)` returns one result per item, in order: a value, or an exception that
    is that item's own (raised to its caller only). An exception raised by `write_all` itself
    (the database away) goes to every caller of that batch."""

    def __init__(self, write_all: Callable[[Sequence[I]], Sequence[R | BaseException]]):
        self._write_all = write_all
        self._queued: list[tuple[I, Future]] = []
        self._queue = threading.Lock()  # held for a moment: to add or take items
        self._turn = threading.Lock()  # held by the caller writing a batch

    def __call__(self, item: I) -> R:
        done: Future = Future()
        with self._queue:
            self._queued.append((item, done))
        while not done.done():
            with self._turn:
                if done.done():  # written in the batch of the caller before us
                    break
                with self._queue:
                    batch, self._queued = self._queued[:MAX_BATCH], self._queued[MAX_BATCH:]
                self._write(batch)
        return done.result()

    def _write(self, batch: list[tuple[I, Future]]) -> None:
        try:
            results = self._write_all([item for item, _ in batch])
            if len(results) != len(batch):
                raise RuntimeError(f"{len(results)} results for {len(batch)} items")
        except BaseException as e:  # noqa: BLE001 - every waiting caller hears of it
            for _, done in batch:
                done.set_exception(e)
            return
        for (_, done), result in zip(batch, results, strict=True):
            if isinstance(result, BaseException):
                done.set_exception(result)
            else:
                done.set_result(result)
