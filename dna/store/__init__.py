"""All persistence: one SQLAlchemy Core engine per database URL, SQLite or PostgreSQL.

`Store` is the one object the app talks to; its parts each keep one kind of data:

- `engine`: the engine per URL (SQLite in WAL mode, or PostgreSQL), transactions and their
  retries, the schema's migrations at start, and the settings (`database_url`, `OUTAGES`)
- `workshops`: workshops (settings, phase, archive, revision), what the presenter shows on
  them (stage, countdown, hidden results), their DNA sheet's options, and their deletion
- `answers`: participants' answers, imported answer sets, moderation and the facilitator's
  edits (overrides), and a workshop's status counts
- `values`: candidate values, voting and its rules, the ballots, and the final choice
- `sessions`: facilitator sessions and login throttles
- `backups`: a workshop dumped as one JSON document, and restored from one

Below them: `schema` (the tables and migrations), `sends` (a batch of phones' answers or
ballots in one transaction) and `groupcommit` (which gathers such a batch).
"""

from __future__ import annotations

from dna.store.answers import AnswersPart, Status, StoredAnswer
from dna.store.backups import LIVE_ONLY, BackupsPart
from dna.store.engine import DEFAULT_PATH, OUTAGES, DatabaseError, database_url, is_busy
from dna.store.schema import SCHEMA_VERSION
from dna.store.sends import Receipt, Voted
from dna.store.sessions import SessionsPart
from dna.store.values import ValuesPart

__all__ = [
    "DEFAULT_PATH",
    "LIVE_ONLY",
    "OUTAGES",
    "SCHEMA_VERSION",
    "DatabaseError",
    "Receipt",
    "Status",
    "Store",
    "StoredAnswer",
    "Voted",
    "database_url",
    "is_busy",
]


class Store(AnswersPart, ValuesPart, BackupsPart, SessionsPart):
    """Everything stored, for one database URL: `Store(url=None, clock=None)` (url: from the
    environment, see `database_url`; clock: now in UTC). The parts share one engine
    (dna.store.engine.EnginePart); workshops come with answers, values and backups."""
