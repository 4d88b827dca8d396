"""Backups the security tests of backups start from (tests/test_security_backup*.py): a valid
one, and a copy of it with one place changed."""

from __future__ import annotations

import copy

from dna.services import backup
from dna.store import Store
from tests.test_backup import CLEAN, seed


def valid_backup() -> dict:
    """A move (tokens kept) of the backup tests' workshop: everything a backup can carry."""
    store = Store("sqlite://")
    doc = backup.backup(store, seed(store, CLEAN), with_tokens=True)
    store.engine.dispose()
    return doc


def changed(doc: dict, path: tuple, value: object) -> dict:
    out = copy.deepcopy(doc)
    *parents, last = path
    node = out
    for key in parents:
        node = node[key]
    node[last] = value
    return out
