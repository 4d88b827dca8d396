"""All persistence: one SQLAlchemy Core engine per database URL, SQLite or PostgreSQL.

SQLite (the default, a file in the working directory) runs in WAL mode with synchronous=FULL:
a write that returned is on disk, also if the server is killed right after. Writes take the
write lock up front (BEGIN IMMEDIATE), so concurrent writers queue instead of failing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import psycopg
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from dna.analysis.overrides import Override
from dna.records import Answer
from dna.store.groupcommit import GroupCommit
from dna.store.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    WORKSHOP_ROW,
    answers,
    attempts,
    ballots,
    candidate_values,
    imports,
    meta,
    overrides,
    participants,
    sessions,
    settings,
    workshops,
)
from dna.store.sends import Ballot, Receipt, Send, Voted, cast_all, submit_all
from dna.workshop import sheetoptions
from dna.workshop.sheetoptions import SheetOptions
from dna.workshop.stages import BOTH, check_stage
from dna.workshop.values import Value
from dna.workshop.voting import Rules
from dna.workshop.workshop import (
    CLOSED,
    OPEN,
    Submission,
    Workshop,
    WorkshopError,
    check_settings,
    new_code,
)

DEFAULT_PATH = "cultuur-dna.db"
T = TypeVar("T")
LIVE_ONLY = ("id", "results_hidden", "timer_ends", "stage", "stage_show")  # not in backups
_MIGRATE_LOCK = 0x444E41  # PostgreSQL advisory lock key held while creating or migrating


@dataclass(frozen=True)
class Status:
    phase: str
    archived: bool
    revision: int
    participants: int  # who submitted at least one answer (of imports: the known respondents)
    answers: int  # shown answers
    review: int  # answers hidden by the profanity filter, waiting for the facilitator


@dataclass(frozen=True)
class StoredAnswer:
    id: int
    question: str
    text: str
    team: str | None
    hidden: str | None
    reviewed: bool
    imported: bool


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


class Store:
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
        # waited for the pool (500 phones: vote p95 7 s; bench_live -s v500). Other processes
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

    SESSIONS_REVISION = "sessions_revision"  # settings key: changes whenever a session does

    def add_session(self, token_hash: str, expires: datetime) -> None:
        with self._write() as conn:
            conn.execute(sa.delete(sessions).where(sessions.c.expires < self.clock()))
            conn.execute(sa.insert(sessions).values(token_hash=token_hash, expires=expires))
            self._put(conn, self.SESSIONS_REVISION, os.urandom(8).hex())

    def session_expires(self, token_hash: str) -> datetime | None:
        with self._read() as conn:
            expires = conn.execute(
                sa.select(sessions.c.expires).where(sessions.c.token_hash == token_hash)
            ).scalar()
        return None if expires is None else _aware(expires)

    def session_valid(self, token_hash: str) -> bool:
        expires = self.session_expires(token_hash)
        return expires is not None and expires > self.clock()

    def drop_session(self, token_hash: str | None = None) -> None:
        """End one session, or every session (None): logout everywhere, a new password."""
        with self._write() as conn:
            drop = sa.delete(sessions)
            conn.execute(
                drop if token_hash is None else drop.where(sessions.c.token_hash == token_hash)
            )
            self._put(conn, self.SESSIONS_REVISION, os.urandom(8).hex())

    def sessions_revision(self) -> str:
        return self.setting(self.SESSIONS_REVISION) or ""

    # -- throttles ----------------------------------------------------------------------------
    def attempt(
        self, key: str, now: float, window: float, pauses: Sequence[float], refuse: bool = True
    ) -> tuple[bool, int, float]:
        """Count one try under `key`, atomically (parallel tries each count): (allowed, tries
        within `window` seconds, seconds to wait). The n-th try closes the key for pauses[n-1]
        seconds (the last pause repeats); with `refuse`, a try while closed is refused and not
        counted."""
        fresh = attempts.c.last < now - window
        tries = sa.case((fresh, 1), else_=attempts.c.tries + 1)
        pause = sa.case(*((tries == n, p) for n, p in enumerate(pauses, 1)), else_=pauses[-1])
        update = (
            sa.update(attempts)
            .where(attempts.c.key == key)
            .values(tries=tries, last=now, until=now + pause)
            .returning(attempts.c.tries)
        )
        with self._write() as conn:
            insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
            conn.execute(
                insert(attempts)
                .values(key=key, tries=0, last=0.0, until=0.0)
                .on_conflict_do_nothing(index_elements=[attempts.c.key])
            )
            if refuse:
                update = update.where(sa.or_(attempts.c.until <= now, fresh))
            counted = conn.execute(update).scalar()
            if counted is not None:
                return True, counted, 0.0
            row = conn.execute(
                sa.select(attempts.c.tries, attempts.c.until).where(attempts.c.key == key)
            ).one()
            return False, row.tries, max(0.0, row.until - now)

    def attempts_now(self, key: str, now: float, window: float) -> int:
        """How many tries `key` made within `window` seconds (nothing counted)."""
        with self._read() as conn:
            row = conn.execute(
                sa.select(attempts.c.tries, attempts.c.last).where(attempts.c.key == key)
            ).first()
        return 0 if row is None or row.last < now - window else row.tries

    def forget_attempts(self, key: str) -> None:
        with self._write() as conn:
            conn.execute(sa.delete(attempts).where(attempts.c.key == key))

    # -- workshops ----------------------------------------------------------------------------
    def create_workshop(
        self,
        code: str,
        title: str,
        organisation: str,
        questions: tuple[str, str],
        per_person: int,
        teams: Iterable[str] = (),
    ) -> Workshop:
        with self._write() as conn:
            conn.execute(
                sa.insert(workshops).values(
                    code=code,
                    title=title,
                    organisation=organisation,
                    q_current=questions[0],
                    q_desired=questions[1],
                    per_person=per_person,
                    teams=json.dumps(list(teams)),
                    phase=OPEN,
                    archived=False,
                    created=self.clock(),
                    revision=0,
                )
            )
        return self.workshop(code)

    def new_workshop(
        self,
        title: str,
        organisation: str,
        questions: tuple[str, str],
        per_person: int,
        teams: Iterable[str] = (),
    ) -> Workshop:
        """A checked, open workshop with a fresh join code (or a WorkshopError)."""
        settings_ = check_settings(title, organisation, questions, per_person, list(teams))
        for attempt in range(5):
            try:
                return self.create_workshop(new_code(self.codes()), *settings_)
            except IntegrityError:  # another replica took the same code a moment ago
                if attempt == 4:
                    raise
        raise AssertionError("unreachable")

    def codes(self) -> set[str]:
        with self._read() as conn:
            return set(conn.execute(sa.select(workshops.c.code)).scalars())

    def workshop(self, code: str) -> Workshop | None:
        with self._read() as conn:
            row = conn.execute(_WORKSHOP, {"code": code}).first()
        return _workshop(row) if row else None

    def workshops(self) -> list[Workshop]:
        with self._read() as conn:
            rows = conn.execute(sa.select(*WORKSHOP_ROW).order_by(workshops.c.created.desc()))
            return [_workshop(r) for r in rows]

    def set_phase(self, code: str, phase: str) -> None:
        assert phase in (OPEN, CLOSED)
        self._update(code, phase=phase)

    def set_archived(self, code: str, archived: bool) -> None:
        self._update(code, archived=archived)

    def _update(self, code: str, **values: object) -> None:
        with self._write() as conn:
            conn.execute(
                sa.update(workshops)
                .where(workshops.c.code == code)
                .values(revision=workshops.c.revision + 1, **values)
            )

    def delete_workshop(self, code: str) -> int:
        """Delete a workshop with everything in it; returns how many answers went."""
        with self._write() as conn:
            wid = conn.execute(sa.select(workshops.c.id).where(workshops.c.code == code)).scalar()
            if wid is None:
                return 0
            gone = conn.execute(sa.delete(answers).where(answers.c.workshop_id == wid)).rowcount
            for table in (overrides, ballots, candidate_values, imports, participants):
                conn.execute(sa.delete(table).where(table.c.workshop_id == wid))
            conn.execute(sa.delete(workshops).where(workshops.c.id == wid))
            return gone

    # -- participants -------------------------------------------------------------------------
    def submit(
        self,
        code: str,
        token: str,
        submission: Submission,
        submission_id: str,
        flagged: Callable[[str], bool] = lambda text: False,
    ) -> Receipt:
        """Replace this participant's answers with `submission`, atomically and idempotently.
        Sends arriving together are written in one transaction (dna.store.groupcommit)."""
        held = frozenset(t for texts in submission.answers.values() for t in texts if flagged(t))
        return self._sends(Send(code, token, submission, submission_id, held))

    def participant_answers(self, code: str, token: str) -> tuple[dict[str, list[str]], str | None]:
        """What this participant submitted so far (to fill their form again), and their team."""
        with self._read() as conn:
            rows = conn.execute(_MINE, {"code": code, "token": token}).all()
        found: dict[str, list[str]] = {}
        for r in rows:
            if r.question is not None:
                found.setdefault(r.question, []).append(r.text)
        return found, rows[0].team if rows else None

    # -- imports ------------------------------------------------------------------------------
    def add_import(
        self,
        code: str,
        key: str,
        name: str,
        items: Iterable[Answer],
        flagged: Callable[[str], bool] = lambda text: False,
    ) -> int | None:
        """Add imported answers; None when this exact set was added before (nothing changes).
        Answers the filter flags wait for review, as typed ones do."""
        now = self.clock()
        with self._write() as conn:
            wid = _workshop_id(conn, code)
            if conn.execute(
                sa.select(imports.c.id).where(imports.c.workshop_id == wid, imports.c.key == key)
            ).first():
                return None
            iid = conn.execute(
                sa.insert(imports)
                .values(workshop_id=wid, key=key, name=name, created=now)
                .returning(imports.c.id)
            ).scalar_one()
            rows = [
                dict(
                    workshop_id=wid,
                    participant_id=None,
                    import_id=iid,
                    question=a.question,
                    position=i,
                    text=a.text,
                    team=a.team,
                    respondent=f"i{iid}:{a.respondent}" if a.respondent else None,
                    created=now,
                    hidden="review" if flagged(a.text) else None,
                    reviewed=False,
                )
                for i, a in enumerate(items)
            ]
            if rows:
                conn.execute(sa.insert(answers), rows)
            _bump(conn, wid)
            return len(rows)

    # -- reading for analysis and the projector -----------------------------------------------
    def answers(self, code: str) -> tuple[Answer, ...]:
        """The shown answers of a workshop, in a stable order."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(answers.c.question, answers.c.text, answers.c.team, answers.c.respondent)
                .join(workshops)
                .where(workshops.c.code == code, answers.c.hidden.is_(None))
                .order_by(answers.c.id)
            )
            return tuple(Answer(r.question, r.text, r.team, r.respondent) for r in rows)

    def answer_rows(self, code: str) -> list[StoredAnswer]:
        with self._read() as conn:
            rows = conn.execute(
                sa.select(answers)
                .join(workshops)
                .where(workshops.c.code == code)
                .order_by(answers.c.id)
            )
            return [
                StoredAnswer(
                    r.id, r.question, r.text, r.team, r.hidden, r.reviewed, r.import_id is not None
                )
                for r in rows
            ]

    def status(self, code: str) -> Status | None:
        with self._read() as conn:
            ws = conn.execute(
                sa.select(
                    workshops.c.id, workshops.c.phase, workshops.c.archived, workshops.c.revision
                ).where(workshops.c.code == code)
            ).first()
            if ws is None:
                return None
            mine = answers.c.workshop_id == ws.id
            shown, review, people = conn.execute(
                sa.select(
                    sa.func.count().filter(answers.c.hidden.is_(None)),
                    sa.func.count().filter(answers.c.hidden == "review"),
                    sa.func.count(sa.distinct(answers.c.respondent)),
                ).where(mine)
            ).one()
            return Status(ws.phase, ws.archived, ws.revision, people, shown, review)

    # -- moderation ---------------------------------------------------------------------------
    def set_hidden(self, code: str, answer_ids: Iterable[int], hidden: bool) -> None:
        """The facilitator hides or shows answers; their decision sticks (reviewed)."""
        ids = list(answer_ids)
        with self._write() as conn:
            wid = _workshop_id(conn, code)
            conn.execute(
                sa.update(answers)
                .where(answers.c.workshop_id == wid, answers.c.id.in_(ids))
                .values(hidden="facilitator" if hidden else None, reviewed=True)
            )
            _bump(conn, wid)

    def add_override(self, code: str, kind: str, payload: dict, question: str | None = None) -> int:
        """Store an edit; the same edit again right after (a double click) is not stored twice."""
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        with self._write() as conn:
            wid = _workshop_id(conn, code)
            last = conn.execute(
                sa.select(
                    overrides.c.id, overrides.c.kind, overrides.c.question, overrides.c.payload
                )
                .where(overrides.c.workshop_id == wid)
                .order_by(overrides.c.id.desc())
                .limit(1)
            ).first()
            if last and (last.kind, last.question, last.payload) == (kind, question, text):
                return last.id
            oid = conn.execute(
                sa.insert(overrides)
                .values(
                    workshop_id=wid,
                    kind=kind,
                    question=question,
                    payload=text,
                    created=self.clock(),
                )
                .returning(overrides.c.id)
            ).scalar_one()
            _bump(conn, wid)
            return oid

    def remove_override(self, code: str, override_id: int) -> None:
        with self._write() as conn:
            wid = _workshop_id(conn, code)
            conn.execute(
                sa.delete(overrides).where(
                    overrides.c.workshop_id == wid, overrides.c.id == override_id
                )
            )
            _bump(conn, wid)

    def overrides(self, code: str, kind: str | None = None) -> list[Override]:
        """The facilitator's edits in the order they were made."""
        with self._read() as conn:
            query = (
                sa.select(overrides)
                .join(workshops)
                .where(workshops.c.code == code)
                .order_by(overrides.c.id)
            )
            if kind:
                query = query.where(overrides.c.kind == kind)
            return [
                Override(r.kind, json.loads(r.payload), r.question, r.id)
                for r in conn.execute(query)
            ]

    # -- candidate values ---------------------------------------------------------------------
    def add_value(self, code: str, value: Value) -> int:
        """A new candidate value at the end of the list."""
        with self._write() as conn:
            wid = _workshop_id(conn, code)
            last = conn.execute(
                sa.select(sa.func.max(candidate_values.c.position)).where(
                    candidate_values.c.workshop_id == wid
                )
            ).scalar()
            vid = conn.execute(
                sa.insert(candidate_values)
                .values(
                    workshop_id=wid,
                    position=(last or 0) + 1,
                    deleted=False,
                    created=self.clock(),
                    **_value_columns(value),
                )
                .returning(candidate_values.c.id)
            ).scalar_one()
            _bump(conn, wid)
            return vid

    def update_value(self, code: str, value_id: int, value: Value) -> None:
        self._value_change(code, value_id, **_value_columns(value))

    def delete_value(self, code: str, value_id: int, deleted: bool = True) -> None:
        """Deleted values are kept (undo: deleted=False); ballots on them stop counting."""
        self._value_change(code, value_id, deleted=deleted)

    def _value_change(self, code: str, value_id: int, **columns: object) -> None:
        with self._write() as conn:
            wid = _workshop_id(conn, code)
            conn.execute(
                sa.update(candidate_values)
                .where(candidate_values.c.workshop_id == wid, candidate_values.c.id == value_id)
                .values(**columns)
            )
            _bump(conn, wid)

    def reorder_values(self, code: str, ids: Iterable[int]) -> None:
        """The values in this order (ids not listed keep their place after them)."""
        order = list(ids)
        with self._write() as conn:
            wid = _workshop_id(conn, code)
            rest = conn.execute(
                sa.select(candidate_values.c.id)
                .where(candidate_values.c.workshop_id == wid)
                .order_by(candidate_values.c.position, candidate_values.c.id)
            ).scalars()
            order += [i for i in rest if i not in order]
            for position, vid in enumerate(order, 1):
                conn.execute(
                    sa.update(candidate_values)
                    .where(candidate_values.c.workshop_id == wid, candidate_values.c.id == vid)
                    .values(position=position)
                )
            _bump(conn, wid)

    def values(self, code: str, deleted: bool = False) -> list[Value]:
        """The candidate values in order; with deleted=True only the deleted ones, newest first."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(candidate_values)
                .join(workshops)
                .where(workshops.c.code == code, candidate_values.c.deleted.is_(deleted))
                .order_by(candidate_values.c.position, candidate_values.c.id)
            ).all()
        found = [_value(r) for r in rows]
        return found[::-1] if deleted else found

    # -- voting -------------------------------------------------------------------------------
    def set_voting(self, code: str, state: str, rules: Rules | None = None) -> None:
        """Open or close voting (and set its rules); closing keeps every ballot."""
        extra = {"dots": rules.dots, "cap": rules.cap} if rules else {}
        self._update(code, voting=state, **extra)

    def set_results_hidden(self, code: str, hidden: bool) -> None:
        """The beamer hides (or shows) the results; phones follow."""
        self._update(code, results_hidden=hidden)

    def set_timer(self, code: str, minutes: float | None) -> datetime | None:
        """Start a countdown of `minutes` from now (None: stop it); when it ends."""
        ends = self.clock() + timedelta(minutes=minutes) if minutes else None
        self._update(code, timer_ends=ends)
        return ends

    def set_stage(self, code: str, stage: str, show: str | None = None) -> None:
        """The presenter's phase (dna.workshop.stages), which the beamer follows; `show`: its cloud(s),
        kept as it was when None. A WorkshopError "bad_stage" for an unknown one."""
        check_stage(stage, show)
        self._update(code, stage=stage, **({"stage_show": show} if show else {}))

    def set_sheet(self, code: str, options: SheetOptions) -> None:
        """The DNA sheet's options with their logo. Not a revision: nothing live shows them,
        and the analysis and clouds cached per revision stay valid."""
        with self._write() as conn:
            done = conn.execute(
                sa.update(workshops)
                .where(workshops.c.code == code)
                .values(
                    sheet=json.dumps(options.to_json(), sort_keys=True),
                    sheet_logo=sheetoptions.logo_text(options),
                )
            )
            if not done.rowcount:
                raise WorkshopError("unknown_code", "there is no workshop with this code")

    def sheet(self, code: str) -> SheetOptions:
        """The DNA sheet's options, the logo's bytes included (Workshop.sheet has its kind)."""
        with self._read() as conn:
            row = conn.execute(
                sa.select(workshops.c.sheet, workshops.c.sheet_logo).where(workshops.c.code == code)
            ).first()
        if row is None:
            raise WorkshopError("unknown_code", "there is no workshop with this code")
        return sheetoptions.stored(row.sheet, row.sheet_logo)

    def set_final(self, code: str, value_ids: Iterable[int], tagline: str = "") -> None:
        self._update(code, final=json.dumps(list(value_ids)), tagline=tagline)

    def cast(self, code: str, token: str, dots: dict[int, int], submission_id: str) -> bool:
        """Store this participant's ballot, replacing an earlier one; False when this very
        submission arrived before (a double tap or resend: nothing changes)."""
        return self.vote(code, token, dots, submission_id).saved

    def vote(self, code: str, token: str, dots: dict[int, int], submission_id: str) -> Voted:
        """`cast`, and what this participant answered (their phone's reply says it). Ballots
        arriving together are written in one transaction (dna.store.groupcommit)."""
        return self._ballots(Ballot(code, token, dots, submission_id))

    def ballot(self, code: str, token: str) -> dict[int, int]:
        """This participant's ballot so far (empty when none)."""
        with self._read() as conn:
            text = conn.execute(_BALLOT, {"code": code, "token": token}).scalar()
        return _dots(text) if text else {}

    def ballots(self, code: str) -> list[tuple[dict[int, int], str | None]]:
        """Every ballot with the voter's team (None when they gave none)."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(ballots.c.dots, participants.c.team)
                .select_from(ballots)
                .join(workshops, workshops.c.id == ballots.c.workshop_id)
                .join(participants, participants.c.id == ballots.c.participant_id)
                .where(workshops.c.code == code)
                .order_by(ballots.c.id)
            )
            return [(_dots(r.dots), r.team) for r in rows]

    # -- backup -------------------------------------------------------------------------------
    _LINKED = (participants, imports, candidate_values)  # rows that others refer to by id
    _JSON = frozenset(
        {"teams", "final", "behaviours", "do", "dont", "sources", "payload", "dots", "sheet"}
    )

    def dump(self, code: str) -> dict:
        """Every row of a workshop as JSON data: times in ISO (UTC), JSON columns parsed. Ids
        are the document's own (1, 2, ... per table in stored order) and references follow
        them, so a workshop dumps the same wherever it is stored."""
        with self._read() as conn:
            ws = conn.execute(sa.select(workshops).where(workshops.c.code == code)).first()
            if ws is None:
                raise WorkshopError("unknown_code", "there is no workshop with this code")
            doc = {"workshop": Store._json_row(ws, LIVE_ONLY)}  # live views
            sheet = sheetoptions.stored(ws.sheet, ws.sheet_logo)  # as a restore writes it
            doc["workshop"] |= {
                "sheet": sheet.to_json(),
                "sheet_logo": sheetoptions.logo_text(sheet),
            }
            for table in (participants, imports, answers, overrides, candidate_values, ballots):
                skip = ("workshop_id",) if table in Store._LINKED else ("workshop_id", "id")
                rows = conn.execute(
                    sa.select(table).where(table.c.workshop_id == ws.id).order_by(table.c.id)
                )
                doc[table.name] = [Store._json_row(r, skip) for r in rows]
        maps = {}
        for table in Store._LINKED:
            maps[table.name] = {r["id"]: i for i, r in enumerate(doc[table.name], 1)}
            for i, row in enumerate(doc[table.name], 1):
                row["id"] = i
        return Store._renumber(doc, maps)

    def restore(self, doc: dict) -> str:
        """A dumped workshop into this store in one transaction, its rows with new ids; a
        WorkshopError "workshop_exists" when the code is taken, "not_a_backup" when the
        document does not hold together (nothing is written then)."""
        code = doc["workshop"]["code"]
        try:
            with self._write() as conn:
                if conn.execute(sa.select(workshops.c.id).where(workshops.c.code == code)).first():
                    raise WorkshopError(
                        "workshop_exists", "this workshop is here already", workshop=code
                    )
                wid = conn.execute(
                    sa.insert(workshops)
                    .values(
                        Store._db_row(
                            workshops,
                            doc["workshop"],
                            final=[],
                            results_hidden=False,
                            timer_ends=None,
                            stage=None,
                            stage_show=None,
                            **sheetoptions.backup_columns(doc["workshop"]),  # old ones: none
                        )
                    )
                    .returning(workshops.c.id)
                ).scalar_one()
                maps = {}
                for table in Store._LINKED:
                    rows = doc[table.name]
                    new = []
                    if rows:
                        new = (
                            conn.execute(
                                sa.insert(table).returning(
                                    table.c.id, sort_by_parameter_order=True
                                ),
                                [Store._db_row(table, r, workshop_id=wid) for r in rows],
                            )
                            .scalars()
                            .all()
                        )
                    maps[table.name] = dict(zip((r["id"] for r in rows), new, strict=True))
                doc = Store._renumber(doc, maps)
                for table in (answers, overrides, ballots):
                    if doc[table.name]:
                        rows = [Store._db_row(table, r, workshop_id=wid) for r in doc[table.name]]
                        conn.execute(sa.insert(table), rows)
                final = json.dumps(doc["workshop"]["final"])
                conn.execute(sa.update(workshops).where(workshops.c.id == wid).values(final=final))
        except WorkshopError:
            raise
        except IntegrityError as exc:  # a restore of the same code at this very moment
            if self.workshop(code) is not None:
                raise WorkshopError(
                    "workshop_exists", "this workshop is here already", workshop=code
                ) from exc
            raise WorkshopError(
                "not_a_backup", f"the backup does not hold together: {exc}"
            ) from exc
        except (
            KeyError, TypeError, ValueError, AttributeError, OverflowError, sa.exc.StatementError
        ) as exc:  # fmt: skip
            raise WorkshopError(
                "not_a_backup", f"the backup does not hold together: {exc!r}"
            ) from exc
        return code

    @staticmethod
    def _renumber(doc: dict, maps: dict[str, dict[int, int]]) -> dict:
        """The document with its references (participants, imports and values of answers,
        ballots and the final choice) through maps {table: {old id: new id}}. Live answers
        name their participant ("p12") and imported ones their import ("i3:row 7"): renamed too.
        A participant or import that is not there raises KeyError; a value that is not there
        is dropped (it can no longer count)."""
        pids, iids, vids = (maps[t.name] for t in Store._LINKED)
        found = []
        for a in doc["answers"]:
            pid, iid, who = a["participant_id"], a["import_id"], a["respondent"]
            if pid is not None and who == f"p{pid}":
                who = f"p{pids[pid]}"
            elif iid is not None and isinstance(who, str) and who.startswith(f"i{iid}:"):
                who = f"i{iids[iid]}:{who.split(':', 1)[1]}"
            pid = None if pid is None else pids[pid]
            iid = None if iid is None else iids[iid]
            found.append({**a, "participant_id": pid, "import_id": iid, "respondent": who})
        cast = [
            {
                **b,
                "participant_id": pids[b["participant_id"]],
                "dots": {str(vids[int(v)]): n for v, n in b["dots"].items() if int(v) in vids},
            }
            for b in doc["ballots"]
        ]
        final = [vids[v] for v in doc["workshop"]["final"] if v in vids]
        workshop = {**doc["workshop"], "final": final}
        return {**doc, "workshop": workshop, "answers": found, "ballots": cast}

    @staticmethod
    def _json_row(row: sa.Row, skip: tuple[str, ...]) -> dict:
        out = {}
        for key, value in row._mapping.items():
            if key in skip:
                continue
            if isinstance(value, datetime):
                value = _aware(value).astimezone(UTC).isoformat()
            elif key in Store._JSON and isinstance(value, str):
                value = json.loads(value)
            out[key] = value
        return out

    @staticmethod
    def _db_row(table: sa.Table, row: dict, **fixed: object) -> dict:
        out = {}
        for column in table.columns:
            if column.name == "id":
                continue
            value = fixed[column.name] if column.name in fixed else row[column.name]
            if isinstance(column.type, sa.DateTime) and value is not None:
                value = _aware(datetime.fromisoformat(value))
            elif column.name in Store._JSON and isinstance(column.type, sa.Text):
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            out[column.name] = value
        return out


# The phones' reads, built once: building a select is most of a small read's cost (~1 ms of
# Python for the join below), and a built one is found in SQLAlchemy's compiled cache at once.
_WORKSHOP = sa.select(*WORKSHOP_ROW).where(workshops.c.code == sa.bindparam("code"))
_PHONE = (workshops.c.code == sa.bindparam("code"), participants.c.token == sa.bindparam("token"))
_MINE = (
    sa.select(participants.c.team, answers.c.question, answers.c.text)
    .select_from(participants)
    .join(workshops)
    .outerjoin(answers, answers.c.participant_id == participants.c.id)
    .where(*_PHONE)
    .order_by(answers.c.question, answers.c.position)
)
_BALLOT = (
    sa.select(ballots.c.dots)
    .select_from(ballots)
    .join(workshops, workshops.c.id == ballots.c.workshop_id)
    .join(participants, participants.c.id == ballots.c.participant_id)
    .where(*_PHONE)
)


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


def _workshop_id(conn: sa.Connection, code: str) -> int:
    wid = conn.execute(sa.select(workshops.c.id).where(workshops.c.code == code)).scalar()
    if wid is None:
        raise WorkshopError("unknown_code", "there is no workshop with this code")
    return wid


def _bump(conn: sa.Connection, workshop_id: int) -> None:
    conn.execute(
        sa.update(workshops)
        .where(workshops.c.id == workshop_id)
        .values(revision=workshops.c.revision + 1)
    )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite drops the zone


def _workshop(row: sa.Row) -> Workshop:
    return Workshop(
        id=row.id,
        code=row.code,
        title=row.title,
        organisation=row.organisation,
        questions=(row.q_current, row.q_desired),
        per_person=row.per_person,
        teams=tuple(json.loads(row.teams)),
        phase=row.phase,
        archived=bool(row.archived),
        created=_aware(row.created),
        revision=row.revision,
        voting=row.voting,
        dots=row.dots,
        cap=row.cap,
        final=tuple(json.loads(row.final)),
        tagline=row.tagline,
        results_hidden=bool(row.results_hidden),
        timer_ends=_aware(row.timer_ends) if row.timer_ends else None,
        stage=row.stage,
        stage_show=row.stage_show or BOTH,
        sheet=sheetoptions.stored(row.sheet),
    )


def _value_columns(value: Value) -> dict[str, object]:
    return {
        "name": value.name,
        "meaning": value.meaning,
        "behaviours": json.dumps(list(value.behaviours), ensure_ascii=False),
        "do": json.dumps(list(value.do), ensure_ascii=False),
        "dont": json.dumps(list(value.dont), ensure_ascii=False),
        "sources": json.dumps(list(value.sources), ensure_ascii=False),
    }


def _value(row: sa.Row) -> Value:
    return Value(
        row.name,
        row.meaning,
        tuple(json.loads(row.behaviours)),
        tuple(json.loads(row.do)),
        tuple(json.loads(row.dont)),
        tuple(json.loads(row.sources)),
        row.id,
        row.position,
    )


def _dots(text: str) -> dict[int, int]:
    return {int(k): v for k, v in json.loads(text).items()}


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
