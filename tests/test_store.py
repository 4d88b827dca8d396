"""The store's engine (dna.store.engine): the database URL, SQLite's WAL mode, settings,
the schema version and its migrations, and servers starting together."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

import dna.store.engine
from dna.records import CURRENT, DESIRED
from dna.store import Store, database_url
from dna.store.schema import MIGRATIONS, SCHEMA_VERSION, workshops
from dna.workshop.workshop import WorkshopError
from tests.stores import T0, Clock, at_once, error, make, sub


# -- settings, the database URL, SQLite's mode ------------------------------------------------
def test_settings(store):
    assert store.setting("colour") is None
    store.put_setting("colour", "rood")
    store.put_setting("colour", "blauw")
    store.put_setting("empty", "")
    assert store.setting("colour") == "blauw"
    assert store.setting("empty") == ""
    assert store.setting("schema_version") == str(SCHEMA_VERSION)


def test_database_url():
    assert database_url({}) == "sqlite:///cultuur-dna.db"
    assert database_url({"DNA_DB_PATH": "/data/w.db"}) == "sqlite:////data/w.db"
    for given in ("postgres://u:p@h:5432/db", "postgresql://u:p@h:5432/db"):
        assert database_url({"DATABASE_URL": given}) == "postgresql+psycopg://u:p@h:5432/db"
    same = "postgresql+psycopg://u@h/db"
    assert database_url({"DATABASE_URL": same, "DNA_DB_PATH": "x.db"}) == same
    assert database_url({"DATABASE_URL": "", "DNA_DB_PATH": "x.db"}) == "sqlite:///x.db"


def test_sqlite_runs_in_wal_mode_with_full_sync(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'w.db'}")
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    s.engine.dispose()


# -- schema version ---------------------------------------------------------------------------
def test_a_new_store_records_the_schema_version(store):
    assert store.schema_version() == SCHEMA_VERSION


def test_a_newer_database_is_refused(db_url):
    s = Store(db_url)
    make(s)
    s.put_setting("schema_version", str(SCHEMA_VERSION + 1))
    s.engine.dispose()
    exc = error(Store, db_url)
    assert exc.code == "schema_newer"
    assert exc.params["version"] == SCHEMA_VERSION + 1
    # refusing changed nothing
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(sa.select(workshops.c.code)).scalars().all() == ["ACE347"]
    engine.dispose()


def _columns(url: str, table: str) -> set[str]:
    engine = sa.create_engine(url)
    names = {c["name"] for c in sa.inspect(engine).get_columns(table)}
    engine.dispose()
    return names


V = SCHEMA_VERSION  # the migration tests add steps after the current version


def test_a_migration_runs_once_and_keeps_the_data(db_url, monkeypatch):
    old = Store(db_url)
    make(old)
    old.submit("ACE347", "tok", sub(["open"], ["rustig"]), "s1")
    old.engine.dispose()

    ran = []

    def add_colour(conn: sa.Connection) -> None:
        ran.append(1)
        conn.execute(sa.text("ALTER TABLE workshops ADD COLUMN colour VARCHAR(16)"))

    monkeypatch.setattr(dna.store.engine, "SCHEMA_VERSION", V + 1)
    monkeypatch.setitem(MIGRATIONS, V + 1, add_colour)
    new = Store(db_url)
    assert ran == [1]
    assert new.schema_version() == V + 1
    assert "colour" in _columns(db_url, "workshops")
    assert new.workshop("ACE347").title == "Heidag"
    assert new.participant_answers("ACE347", "tok")[0] == {CURRENT: ["open"], DESIRED: ["rustig"]}
    new.engine.dispose()

    again = Store(db_url)  # the next start: nothing left to do
    assert ran == [1]
    again.engine.dispose()


def test_a_failed_migration_changes_nothing(db_url, monkeypatch):
    old = Store(db_url)
    make(old)
    old.engine.dispose()

    def broken(conn: sa.Connection) -> None:
        conn.execute(sa.text("ALTER TABLE workshops ADD COLUMN colour VARCHAR(16)"))
        raise RuntimeError("step went wrong")

    monkeypatch.setattr(dna.store.engine, "SCHEMA_VERSION", V + 1)
    monkeypatch.setitem(MIGRATIONS, V + 1, broken)
    with pytest.raises(RuntimeError):
        Store(db_url)
    assert "colour" not in _columns(db_url, "workshops")
    monkeypatch.undo()
    s = Store(db_url)
    assert s.schema_version() == V
    assert s.codes() == {"ACE347"}
    s.engine.dispose()


def test_a_new_database_skips_the_migrations(db_url, monkeypatch):
    """create_all makes the newest tables: the steps are for files made by older versions."""
    ran = []
    monkeypatch.setattr(dna.store.engine, "SCHEMA_VERSION", V + 2)
    monkeypatch.setitem(MIGRATIONS, V + 1, lambda conn: ran.append(V + 1))
    monkeypatch.setitem(MIGRATIONS, V + 2, lambda conn: ran.append(V + 2))
    s = Store(db_url)
    assert ran == []
    assert s.schema_version() == V + 2
    s.engine.dispose()


def test_migrations_run_in_order_from_the_stored_version(db_url, monkeypatch):
    s = Store(db_url)
    s.engine.dispose()
    ran = []
    monkeypatch.setattr(dna.store.engine, "SCHEMA_VERSION", V + 1)
    monkeypatch.setitem(MIGRATIONS, V + 1, lambda conn: ran.append(V + 1))
    Store(db_url).engine.dispose()
    monkeypatch.setattr(dna.store.engine, "SCHEMA_VERSION", V + 3)
    monkeypatch.setitem(MIGRATIONS, V + 2, lambda conn: ran.append(V + 2))
    monkeypatch.setitem(MIGRATIONS, V + 3, lambda conn: ran.append(V + 3))
    s = Store(db_url)
    assert ran == [V + 1, V + 2, V + 3]
    assert s.schema_version() == V + 3
    s.engine.dispose()


def test_a_version_1_database_gets_voting_and_keeps_its_answers(db_url):
    """A file made before voting existed: the real step 2 adds the columns and tables."""
    old = Store(db_url)
    make(old)
    old.submit("ACE347", "tok", sub(["open"], ["rustig"]), "s1")
    old.engine.dispose()
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:  # make it look like version 1
        for column in ("voting", "dots", "cap", "final", "tagline", *LATER[2]):
            conn.execute(sa.text(f"ALTER TABLE workshops DROP COLUMN {column}"))
        conn.execute(sa.text("DROP TABLE ballots"))
        conn.execute(sa.text("DROP TABLE candidate_values"))
        conn.execute(sa.text("UPDATE settings SET value = '1' WHERE key = 'schema_version'"))
    engine.dispose()
    new = Store(db_url)
    assert new.schema_version() == V
    ws = new.workshop("ACE347")
    assert (ws.voting, ws.dots, ws.cap, ws.final, ws.tagline) == ("none", 3, 2, (), "")
    assert new.participant_answers("ACE347", "tok")[0] == {CURRENT: ["open"], DESIRED: ["rustig"]}
    assert new.values("ACE347") == []
    assert ws.results_hidden is False
    new.engine.dispose()


LATER = {  # the workshop columns added after schema n
    2: ("results_hidden", "timer_ends", "stage", "stage_show", "sheet", "sheet_logo"),
    3: ("timer_ends", "stage", "stage_show", "sheet", "sheet_logo"),
    4: ("stage", "stage_show", "sheet", "sheet_logo"),
    5: ("sheet", "sheet_logo"),
}


def _as_version(db_url: str, version: int, *dropped: str, clock=None) -> Store:
    """A database with one workshop, made to look like schema `version` (without the workshop
    columns added since), then opened again: the real steps migrate it."""
    old = Store(db_url)
    make(old)
    old.engine.dispose()
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        for column in dropped:
            conn.execute(sa.text(f"ALTER TABLE workshops DROP COLUMN {column}"))
        conn.execute(
            sa.text("UPDATE settings SET value = :v WHERE key = 'schema_version'"),
            {"v": str(version)},
        )
    engine.dispose()
    return Store(db_url, clock=clock)


def test_a_version_2_database_gets_results_hidden(db_url):
    """Schema 3: the beamer's "hide results" is stored, so phones can say it; off at first."""
    new = _as_version(db_url, 2, *LATER[2])
    assert new.schema_version() == V
    assert new.workshop("ACE347").results_hidden is False
    before = new.workshop("ACE347").revision
    new.set_results_hidden("ACE347", True)
    assert new.workshop("ACE347").results_hidden is True
    assert new.workshop("ACE347").revision > before  # the beamer and the phones see it
    assert "results_hidden" not in new.dump("ACE347")["workshop"]  # a view, not backed up
    new.engine.dispose()


def test_a_version_3_database_gets_the_countdown(db_url):
    """Schema 4: the facilitator's countdown, shown on the beamer and the phones."""
    new = _as_version(db_url, 3, *LATER[3], clock=Clock())
    assert new.schema_version() == V and new.workshop("ACE347").timer_ends is None
    before = new.workshop("ACE347").revision
    assert new.set_timer("ACE347", 3) == T0 + timedelta(minutes=3)
    ws = new.workshop("ACE347")
    assert ws.timer_ends == T0 + timedelta(minutes=3) and ws.revision > before
    assert "timer_ends" not in new.dump("ACE347")["workshop"]  # a live view, not backed up
    assert new.set_timer("ACE347", None) is None and new.workshop("ACE347").timer_ends is None
    new.engine.dispose()


def test_a_version_4_database_gets_the_presenters_phase(db_url):
    """Schema 5: the presenter's phase, which every beamer follows; none chosen at first."""
    new = _as_version(db_url, 4, *LATER[4])
    ws = new.workshop("ACE347")
    assert new.schema_version() == V and (ws.stage, ws.stage_show) == (None, "both")
    new.set_stage("ACE347", "clouds", "desired")
    after = new.workshop("ACE347")
    assert (after.stage, after.stage_show) == ("clouds", "desired")
    assert after.revision > ws.revision  # every beamer sees the change
    new.set_stage("ACE347", "compare")  # the cloud choice stays for a later return
    assert (new.workshop("ACE347").stage, new.workshop("ACE347").stage_show) == (
        "compare",
        "desired",
    )
    for bad in (("pauze", None), ("clouds", "both clouds")):
        with pytest.raises(WorkshopError) as refused:
            new.set_stage("ACE347", *bad)
        assert refused.value.code == "bad_stage"
    assert new.workshop("ACE347").stage == "compare"  # a refusal writes nothing
    dumped = new.dump("ACE347")["workshop"]
    assert "stage" not in dumped and "stage_show" not in dumped  # live views, not backed up
    new.engine.dispose()


# -- PostgreSQL: several app servers on one database ------------------------------------------
def test_servers_starting_together_on_a_new_database(db_url):
    """Replicas that start at once all come up; the tables are made once."""
    stores = []
    at_once(lambda: stores.append(Store(db_url)), [()] * 6)
    assert len(stores) == 6 and all(s.schema_version() == SCHEMA_VERSION for s in stores)
    for s in stores:
        s.engine.dispose()


def test_concurrent_settings_of_a_new_key(store):
    """Two login attempts at once both record the failure count (no unique-key crash)."""
    for round_ in range(10):
        key = f"key{round_}"
        at_once(lambda n, key=key: store.put_setting(key, str(n)), [(n,) for n in range(6)])
        assert store.setting(key) in {str(n) for n in range(6)}
