"""The store's facilitator sessions (dna.store.sessions): they expire and are purged."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from dna.store import Store
from tests.stores import T0, Clock


# -- sessions ---------------------------------------------------------------------------------
def test_sessions_expire(db_url):
    clock = Clock()
    s = Store(db_url, clock=clock)
    s.add_session("h1", T0 + timedelta(hours=1))
    s.add_session("h2", T0 + timedelta(hours=3))
    assert s.session_valid("h1") and s.session_valid("h2")
    assert not s.session_valid("unknown")
    clock.tick(hours=1)
    assert not s.session_valid("h1")  # expiry is exclusive
    assert s.session_valid("h2")
    s.drop_session("h2")
    assert not s.session_valid("h2")
    s.drop_session("h2")  # twice: no error
    s.engine.dispose()


def test_expired_sessions_are_purged(db_url):
    from dna.store.schema import sessions

    clock = Clock()
    s = Store(db_url, clock=clock)
    s.add_session("old", T0 + timedelta(minutes=5))
    s.add_session("kept", T0 + timedelta(hours=5))
    clock.tick(hours=1)
    s.add_session("new", T0 + timedelta(hours=13))
    with s.engine.connect() as conn:
        left = set(conn.execute(sa.select(sessions.c.token_hash)).scalars())
    assert left == {"kept", "new"}
    s.engine.dispose()
