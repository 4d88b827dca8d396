"""A database outage during a run: PostgreSQL restarted or stopped, SQLite locked.

The store either reconnects on the next call (the engine pre-pings pooled connections) or
raises an OperationalError at once, never hangs; the app shows a clear message with a retry
button instead of a traceback, and works again once the database is back.

The PostgreSQL tests need ./dev test (DNA_TEST_DATABASE_URL and DNA_TEST_PG_CTL).
"""

from __future__ import annotations

import os
import shlex
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
import sqlalchemy.exc
from streamlit.testing.v1 import AppTest

from dna.store import Store
from tests.conftest import PG_URL, _fresh_postgres
from tests.sessions import as_facilitator
from ui.texts import NL

APP = "../app.py"
PG_CTL = os.environ.get("DNA_TEST_PG_CTL")
needs_postgres = pytest.mark.skipif(
    not (PG_URL and PG_CTL),
    reason="needs the throwaway PostgreSQL of ./dev test (DNA_TEST_DATABASE_URL, DNA_TEST_PG_CTL)",
)
QUICK = 15  # seconds: a call while the server is down fails within this, it does not hang


def pg_ctl(*args: str) -> None:
    """pg_ctl as ./dev set it up; the server's output goes to a log, never to our pipes."""
    log = Path(shlex.split(PG_CTL)[-1]).parent / "outage.log"
    logged = ["-l", str(log)] if args[-1] in ("start", "restart") else []
    command = [*shlex.split(PG_CTL), *logged, *args]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=60)


def pg_stop() -> None:
    pg_ctl("-m", "fast", "-w", "stop")


def pg_start() -> None:
    """Start again with the options the server ran with (pg_ctl keeps them in postmaster.opts)."""
    data = Path(shlex.split(PG_CTL)[-1])
    argv = shlex.split((data / "postmaster.opts").read_text())[1:]
    options = [a for a, before in zip(argv, ["", *argv], strict=False) if "-D" not in (a, before)]
    pg_ctl("-w", "-o", shlex.join(options), "start")


@pytest.fixture
def pg_url():
    url, drop = _fresh_postgres()
    yield url
    status = subprocess.run([*shlex.split(PG_CTL), "status"], stdout=subprocess.DEVNULL)
    if status.returncode:  # a test that failed half-way left the server stopped
        pg_start()
    drop()


def down_call(call) -> sa.exc.DBAPIError:
    """The call while the database is down: an OperationalError, raised quickly."""
    start = time.monotonic()
    with pytest.raises(sa.exc.OperationalError) as caught:
        call()
    took = time.monotonic() - start
    print(f"failed after {took:.2f} s: {str(caught.value).splitlines()[0]}")
    assert took < QUICK
    return caught.value


# --- the store --------------------------------------------------------------------------------


@needs_postgres
def test_the_store_reconnects_after_a_restart(pg_url) -> None:
    store = Store(pg_url)
    made = store.new_workshop("Sessie", "Gemeente", ("Nu?", "Straks?"), 4, ["Zorg"])
    assert [w.code for w in store.workshops()] == [made.code]  # a pooled connection now
    pg_ctl("-m", "fast", "-w", "restart")
    assert [w.code for w in store.workshops()] == [made.code]  # pre-ping: a new connection
    store.put_setting("after", "restart")
    assert store.setting("after") == "restart"
    store.engine.dispose()


@needs_postgres
def test_calls_while_the_server_is_down_fail_fast_then_recover(pg_url) -> None:
    store = Store(pg_url)
    made = store.new_workshop("Sessie", "Gemeente", ("Nu?", "Straks?"), 4, [])
    pg_stop()
    try:
        down_call(store.workshops)
        down_call(lambda: store.put_setting("while", "down"))
        down_call(lambda: Store(pg_url))  # a server process starting now: the same error
    finally:
        pg_start()
    assert [w.code for w in store.workshops()] == [made.code]
    assert store.setting("while") is None  # the failed write left nothing behind
    store.engine.dispose()


# --- the app ----------------------------------------------------------------------------------


def facilitator() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    as_facilitator(at)
    return at


def shows_outage(at: AppTest, key: str = "fault_db_down") -> bool:
    assert not at.exception, at.exception
    return any(e.value == NL[key] for e in at.error) and any(
        b.label == NL["fault_retry"] for b in at.button
    )


@needs_postgres
def test_the_app_says_the_database_is_down_and_recovers(pg_url, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", pg_url)
    at = facilitator()
    at.run()
    assert not at.exception and not shows_outage(at)
    pg_stop()
    try:
        at.run()
        assert shows_outage(at)
        at.switch_page("views/upload.py").run()
        assert shows_outage(at)
    finally:
        pg_start()
    next(b for b in at.button if b.label == NL["fault_retry"]).click().run()
    assert not at.exception and not shows_outage(at)
    assert at.title and not at.error


@needs_postgres
def test_the_app_starting_while_the_database_is_down(pg_url, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", pg_url)
    at = facilitator()  # logged in before: the session is in the database
    pg_stop()
    try:
        at.run()
        assert shows_outage(at)
    finally:
        pg_start()
    at.run()
    assert not at.exception and not shows_outage(at)


def test_sqlite_locked_beyond_the_busy_timeout_gives_the_busy_message(monkeypatch) -> None:
    """30 s of waiting for a lock is too long for a test: the store raises what SQLite does."""

    def locked(self, *args, **kwargs):
        raise sqlalchemy.exc.OperationalError(
            "SELECT", {}, sqlite3.OperationalError("database is locked")
        )

    at = facilitator()
    at.run()
    assert not at.exception and not shows_outage(at, "fault_db_busy")
    monkeypatch.setattr(Store, "workshops", locked)
    at.run()
    assert shows_outage(at, "fault_db_busy")
    monkeypatch.undo()
    at.run()
    assert not at.exception and not shows_outage(at, "fault_db_busy")


def test_other_errors_are_not_called_an_outage(monkeypatch) -> None:
    """A bug stays a bug: an IntegrityError or a KeyError is not 'the database is down'."""

    def broken(self, *args, **kwargs):
        raise KeyError("bug")

    monkeypatch.setattr(Store, "workshops", broken)
    at = facilitator()
    at.run()
    assert at.exception and not any(e.value == NL["fault_db_down"] for e in at.error)


def _live_fragment_script() -> None:
    import sqlite3

    import streamlit as st

    from ui import outage

    @st.fragment(run_every=60)
    @outage.guarded("beamer_retry")
    def live() -> None:
        st.write("before")
        raise sqlite3.OperationalError("unable to open database file")

    live()
    st.write("not reached on a full run: the stop ends it")


def test_a_live_fragment_says_so_instead_of_a_traceback() -> None:
    """The beamer's and the voting page's refreshing parts run outside the page's guard."""
    at = AppTest.from_function(_live_fragment_script, default_timeout=30).run()
    assert not at.exception, at.exception
    assert at.error[0].value == NL["fault_db_down"]
    assert at.button(key="beamer_retry")
    assert [m.value for m in at.markdown] == ["before"]  # what it drew stays; the run stops


@needs_postgres
def test_a_phone_hears_the_database_is_away_and_sends_again_later(pg_url, monkeypatch) -> None:
    """The phone API: a stopped PostgreSQL is a 503 the page says in words, then it works."""
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    import phone
    import web

    monkeypatch.setenv("DATABASE_URL", pg_url)
    code = Store(pg_url).new_workshop("Heidag", "Org", ("Nu?", "Straks?"), 4).code
    app = Starlette(routes=[*phone.routes, *web.routes], middleware=web.middleware)
    c = TestClient(app, base_url="http://cultuur.test")
    assert c.post("/api/join", json={"code": code}).status_code == 200
    body = {"answers": {"current": ["open"]}, "team": None, "submission": "away-0001"}
    pg_stop()
    try:
        began = time.monotonic()
        away = c.post(f"/api/w/{code}/answers", json=body)
        assert time.monotonic() - began < QUICK
        assert (away.status_code, away.json()["error"]) == (503, "unavailable")
    finally:
        pg_start()
    back = c.post(f"/api/w/{code}/answers", json=body)
    assert back.status_code == 200 and back.json()["saved"] == 1
