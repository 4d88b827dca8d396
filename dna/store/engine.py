"""The store's engine: one SQLAlchemy Core engine per database URL, SQLite or PostgreSQL, its
transactions, the schema's migrations at start, and the settings table (where the schema
version lives). Every other part of the store (dna.store.workshops, .answers, .values,
.sessions, .backups) writes through `EnginePart._write` and reads through `EnginePart._read`.

SQLite (the default, a file in the working directory) runs in WAL mode with synchronous=FULL:
a write that returned is on disk, also if the server is killed right after. Writes take the
write lock up front (BEGIN IMMEDIATE), so concurrent writers queue instead of failing.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from typing import TypeVar

import psycopg
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from dna.store.groupcommit import GroupCommit
from dna.store.schema import MIGRATIONS, SCHEMA_VERSION, meta, settings
from dna.store.sends import cast_all, submit_all
from dna.workshop.workshop import WorkshopError

__all__ = ["DEFAULT_PATH", "OUTAGES", "EnginePart", "aware", "database_url", "is_busy"]

DEFAULT_PATH = "cultuur-dna.db"
T = TypeVar("T")
_MIGRATE_LOCK = 0x444E41  # PostgreSQL advisory lock key held while creating or migrating

DatabaseError = sa.exc.SQLAlchemyError  # whatever the database refused, by a name callers catch

OUTAGES = (  # a database that is down or too busy, as the store raises it
    sa.exc.OperationalError,  # wraps psycopg's and sqlite3's at execute time
    sa.exc.InterfaceError,
    sa.exc.DisconnectionError,
    sa.exc.TimeoutError,  # no connection free in the pool
    psycopg.OperationalError,
    sqlite3.OperationalError,
)


def is_busy(error: BaseException) -> bool:
    """SQLite's lock held longer than the busy timeout: the database is there, but busy."""
    return "database is locked" in str(error) or "database is busy" in str(error)


def database_url(env: dict[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    if env.get("DATABASE_URL"):
        url = env["DATABASE_URL"]
        return url.replace("postgresql://", "postgresql+psycopg://", 1).replace(
            "postgres://", "postgresql+psycopg://", 1
        )
    return f"sqlite:///{env.get('DNA_DB_PATH', DEFAULT_PATH)}"


class EnginePart:
    """The engine, transactions, migrations and settings that every part of `Store` uses."""

    def __init__(self, url: str | None = None, clock: Callable[[], datetime] | None = None):
        self.url = url or database_url()
        self.clock = clock or (lambda: datetime.now(UTC))
        sqlite = self.url.startswith("sqlite")
        self.engine = sa.create_engine(
            self.url,
            pool_pre_ping=not sqlite,
            **(
                {"connect_args": {"timeout": 30}}
                if sqlite  # an unreachable server answers within 10 s, not the TCP timeout
                else {"pool_size": 10, "connect_args": {"connect_timeout": 10}}
            ),
        )
        if sqlite:
            _sqlite_setup(self.engine)
        # SQLite has one writer at a time. Writers of this process queue here, before taking a
        # pooled connection: in SQLite's busy handler they would hold a connection each while
        # sleeping up to 100 ms between tries, and under a burst of votes the readers then
        # waited for the pool (500 phones: vote p95 7 s; the Streamlit-phone bench). Other processes
        # still meet in the busy handler.
        self._one_writer = threading.RLock() if sqlite else nullcontext()
        self._writer = self.engine.execution_options(write=True)
        self._sends = GroupCommit(lambda items: self._batch(submit_all, items))
        self._ballots = GroupCommit(lambda items: self._batch(cast_all, items))
        self._migrate()

    # -- transactions -------------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        with self._one_writer, self._writer.begin() as conn:
            yield conn

    def _batch(self, write_all: Callable, items: Sequence) -> list:
        return _retried(self._write_all, write_all, items)

    def _write_all(self, write_all: Callable, items: Sequence) -> list:
        with self._write() as conn:
            return write_all(conn, items, self.clock())

    def _read(self):
        return self.engine.connect()

    def _migrate(self) -> None:
        with self._write() as conn:
            if conn.dialect.name == "postgresql":  # servers starting at once: one at a time
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_MIGRATE_LOCK)))
            meta.create_all(conn)
            row = conn.execute(
                sa.select(settings.c.value).where(settings.c.key == "schema_version")
            ).first()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise WorkshopError(
                    "schema_newer",
                    f"the database has schema version {version}; this app knows "
                    f"{SCHEMA_VERSION}: update the app",
                    version=version,
                )
            if version:  # else a new database: create_all just made the newest tables
                for step in range(version + 1, SCHEMA_VERSION + 1):
                    MIGRATIONS[step](conn)
            if version != SCHEMA_VERSION:
                self._put(conn, "schema_version", str(SCHEMA_VERSION))

    def schema_version(self) -> int:
        return int(self.setting("schema_version") or 0)

    # -- settings -----------------------------------------------------------------------------
    def setting(self, key: str) -> str | None:
        with self._read() as conn:
            return conn.execute(sa.select(settings.c.value).where(settings.c.key == key)).scalar()

    def put_setting(self, key: str, value: str) -> None:
        with self._write() as conn:
            self._put(conn, key, value)

    def add_setting(self, key: str, value: str) -> bool:
        """Store `value` unless the key has one already; True when this call stored it (of
        replicas starting at once, exactly one wins)."""
        with self._write() as conn:
            insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
            done = conn.execute(
                insert(settings)
                .values(key=key, value=value)
                .on_conflict_do_nothing(index_elements=[settings.c.key])
                .returning(settings.c.key)
            )
            return done.first() is not None

    @staticmethod
    def _put(conn: sa.Connection, key: str, value: str) -> None:
        insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        conn.execute(  # one statement: two writers of a new key cannot both insert it
            insert(settings)
            .values(key=key, value=value)
            .on_conflict_do_update(index_elements=[settings.c.key], set_={"value": value})
        )


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite drops the zone


def _retried(write: Callable[..., T], *args: object) -> T:
    """A participant's first write makes their row; two first writes of one token at once
    collide on the unique key, and the retry then finds the row the other one made."""
    for attempt in range(3):
        try:
            return write(*args)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _sqlite_setup(engine: sa.Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's begin event decides, below
        cursor = dbapi_conn.cursor()
        for pragma in ("busy_timeout=30000", "synchronous=FULL"):
            cursor.execute(f"PRAGMA {pragma}")
        for attempt in range(100):  # a new file that another server switches to WAL right now
            try:  # answers "locked" at once, without waiting for the busy timeout
                cursor.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError:
                if attempt == 99:
                    raise
                time.sleep(0.05)
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        write = conn.get_execution_options().get("write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
