"""The store's facilitator sessions (by token hash, with their expiry, and a revision that
changes whenever one does) and login throttles (tries per key, counted atomically)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from dna.store.engine import EnginePart, aware
from dna.store.schema import attempts, sessions

__all__ = ["SessionsPart"]


class SessionsPart(EnginePart):
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
        return None if expires is None else aware(expires)

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
