from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dna.language.lemmatise import Lemmatiser, load_pipeline  # noqa: E402


@pytest.fixture(scope="session")
def lemmatiser() -> Lemmatiser:
    """The Dutch pipeline as users without the trained model get it (tests never need the model)."""
    return Lemmatiser(load_pipeline(model="__no_such_model__"))


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """Streamlit caches are process-wide: clear them so AppTests do not leak into each other."""
    yield
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


PG_URL = os.environ.get("DNA_TEST_DATABASE_URL")


def _fresh_postgres() -> tuple[str, callable]:
    """A new empty database on the test server, and how to drop it."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return PG_URL.rsplit("/", 1)[0] + "/" + name, drop


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A fresh, empty database: a SQLite file, or a new database on the PostgreSQL test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workshop.db'}"
        return
    if not PG_URL:
        pytest.skip("PostgreSQL not installed: `apt-get install postgresql`, then ./dev test")
    url, drop = _fresh_postgres()
    yield url
    drop()


@pytest.fixture
def store(db_url):
    from dna.store import Store

    s = Store(db_url)
    yield s
    s.engine.dispose()


ADMIN_PASSWORD = "test-facilitator-password"


@pytest.fixture(autouse=True)
def app_db(tmp_path, monkeypatch) -> Path:
    """Every test's app store is a fresh SQLite file; the facilitator password is known."""
    path = tmp_path / "app.db"
    monkeypatch.setenv("DNA_DB_PATH", str(path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DNA_ADMIN_PASSWORD", ADMIN_PASSWORD)
    return path
