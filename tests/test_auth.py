from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from dna.services import auth
from dna.store import Store

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def sqlite_store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'auth.db'}")
    yield s
    s.engine.dispose()


def test_hash_and_match():
    stored = auth.hash_password("geheim wachtwoord")
    kind, salt, digest = stored.split("$")
    assert kind == "scrypt"
    assert len(bytes.fromhex(salt)) == 16
    assert len(bytes.fromhex(digest)) == 32
    assert "geheim" not in stored
    assert auth.matches("geheim wachtwoord", stored)
    assert not auth.matches("geheim wachtwoord ", stored)
    assert not auth.matches("Geheim wachtwoord", stored)
    assert not auth.matches("", stored)


def test_hash_is_salted():
    a, b = auth.hash_password("x"), auth.hash_password("x")
    assert a != b
    assert auth.matches("x", a) and auth.matches("x", b)
    assert auth.hash_password("x", b"s" * 16) == auth.hash_password("x", b"s" * 16)


@pytest.mark.parametrize("stored", ["", "nonsense", "md5$00$00", "a$b"])
def test_match_against_broken_hash_fails(stored):
    assert not auth.matches("x", stored)


def test_match_needs_the_scrypt_kind():
    _, salt, digest = auth.hash_password("x").split("$")
    assert not auth.matches("x", f"bcrypt${salt}${digest}")


def test_new_password_shape():
    words = {auth.new_password() for _ in range(50)}
    assert len(words) == 50
    for word in words:
        groups = word.split("-")
        assert len(groups) == 5 and all(len(g) == 4 for g in groups)
        assert not set(word) & set("01ilo")  # nothing to misread on a console


def test_generated_password_once(sqlite_store):
    password = auth.ensure_password(sqlite_store, None)
    assert password
    assert auth.ensure_password(sqlite_store, None) is None  # the second start prints nothing
    stored = sqlite_store.setting(auth.HASH_KEY)
    assert password not in stored
    assert auth.check(sqlite_store, password, None, NOW).ok
    assert not auth.check(sqlite_store, "wrong", None, NOW + timedelta(hours=1)).ok


def test_replicas_starting_together_print_one_password_that_works(db_url):
    """Several servers starting at once on a new database: each made and printed its own
    password, and only the last one written let anybody in."""
    stores = [Store(db_url) for _ in range(6)]
    start = threading.Barrier(len(stores))
    printed: list[str | None] = []

    def boot(store: Store) -> None:
        start.wait()
        printed.append(auth.ensure_password(store, None))

    threads = [threading.Thread(target=boot, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    shown = [p for p in printed if p]
    assert len(printed) == len(stores) and len(shown) == 1
    assert auth.check(stores[0], shown[0], None, NOW).ok
    for s in stores:
        s.engine.dispose()


def test_generated_password_survives_a_restart(tmp_path):
    url = f"sqlite:///{tmp_path / 'restart.db'}"
    first = Store(url)
    password = auth.ensure_password(first, None)
    first.engine.dispose()
    second = Store(url)
    assert auth.ensure_password(second, None) is None
    assert auth.check(second, password, None, NOW).ok
    second.engine.dispose()


def test_configured_password_generates_nothing(sqlite_store):
    assert auth.ensure_password(sqlite_store, "mijn-wachtwoord") is None
    assert sqlite_store.setting(auth.HASH_KEY) is None


def test_configured_password_is_compared(sqlite_store):
    assert auth.check(sqlite_store, "mijn-wachtwoord", "mijn-wachtwoord", NOW).ok
    later = NOW + timedelta(hours=1)
    assert not auth.check(sqlite_store, "mijn-wachtwoor", "mijn-wachtwoord", later).ok
    assert not auth.check(sqlite_store, "", "mijn-wachtwoord", later + timedelta(hours=1)).ok


def test_configured_password_wins_over_a_generated_one(sqlite_store):
    generated = auth.ensure_password(sqlite_store, None)
    assert not auth.check(sqlite_store, generated, "mijn-wachtwoord", NOW).ok
    later = NOW + timedelta(seconds=1)
    assert auth.check(sqlite_store, "mijn-wachtwoord", "mijn-wachtwoord", later).ok


def test_no_password_at_all_lets_nobody_in(sqlite_store):
    first = auth.check(sqlite_store, "", None, NOW)
    assert not first.ok and not first.refused  # checked, and wrong
    second = auth.check(sqlite_store, "anything", None, NOW + timedelta(seconds=1))
    assert not second.ok and not second.refused


def test_reset_password_replaces_the_old_one(sqlite_store):
    old = auth.ensure_password(sqlite_store, None)
    new = auth.reset_password(sqlite_store)
    assert new != old
    assert auth.check(sqlite_store, new, None, NOW).ok
    assert not auth.check(sqlite_store, old, None, NOW + timedelta(seconds=1)).ok


def test_delay_schedule():
    assert [auth.delay_for(n) for n in range(8)] == [0, 0.5, 1, 2, 4, 8, 10, 10]
    assert auth.delay_for(-1) == 0
    assert auth.delay_for(1000) == auth.MAX_DELAY


def test_waits_grow_after_each_try_and_reset_after_success(sqlite_store):
    moment, waits = NOW, []
    for n in range(1, 7):
        check = auth.check(sqlite_store, "wrong", "right", moment)
        assert not check.ok and not check.refused  # each try came after the wait: checked
        too_soon = auth.check(sqlite_store, "right", "right", moment + timedelta(seconds=0.1))
        assert too_soon.refused and not too_soon.ok  # refused unchecked, even the right one
        waits.append(round(too_soon.refused + 0.1, 1))
        moment += timedelta(seconds=auth.delay_for(n) + 0.01)
    assert waits == [0.5, 1, 2, 4, 8, 10]
    assert auth.check(sqlite_store, "right", "right", moment).ok
    after = auth.check(sqlite_store, "wrong", "right", moment + timedelta(seconds=0.01))
    assert not after.refused  # the success started this address afresh


def test_old_tries_are_forgotten(sqlite_store):
    for i in range(4):
        auth.check(sqlite_store, "wrong", "right", NOW + timedelta(seconds=20 * i))
    assert auth.check(sqlite_store, "x", "right", NOW + timedelta(seconds=61)).refused
    later = NOW + timedelta(minutes=20)
    assert not auth.check(sqlite_store, "wrong", "right", later).refused
    assert auth.check(sqlite_store, "wrong", "right", later + timedelta(seconds=0.2)).refused


def test_tries_are_shared_through_the_store(tmp_path):
    """Two app processes (two Store objects) see the same count."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    one, two = Store(url), Store(url)
    auth.check(one, "wrong", "right", NOW)
    assert auth.check(two, "wrong", "right", NOW + timedelta(seconds=0.1)).refused
    one.engine.dispose()
    two.engine.dispose()


def test_addresses_wait_apart(sqlite_store):
    auth.check(sqlite_store, "wrong", "right", NOW, client="10.0.0.1")
    assert auth.check(sqlite_store, "wrong", "right", NOW, client="10.0.0.1").refused
    assert not auth.check(sqlite_store, "wrong", "right", NOW, client="10.0.0.2").refused


def test_a_configured_password_that_changed_ends_every_session(sqlite_store):
    auth.ensure_password(sqlite_store, "eerste")
    token = auth.open_session(sqlite_store, datetime.now(UTC))
    auth.ensure_password(sqlite_store, "eerste")  # a restart with the same password
    assert auth.session_valid(sqlite_store, token)
    auth.ensure_password(sqlite_store, "tweede")  # a restart with a new one
    assert not auth.session_valid(sqlite_store, token)


def test_a_reset_ends_every_session(sqlite_store):
    token = auth.open_session(sqlite_store, datetime.now(UTC))
    auth.reset_password(sqlite_store)
    assert not auth.session_valid(sqlite_store, token)


def test_configured_password_from_secrets_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text('DNA_ADMIN_PASSWORD = "uit-secrets"\n')
    assert auth.configured_password({}) == "uit-secrets"
    assert auth.configured_password({"DNA_ADMIN_PASSWORD": "uit-env"}) == "uit-env"


def test_session_valid_then_expired(tmp_path):
    clock = [NOW]
    s = Store(f"sqlite:///{tmp_path / 's.db'}", clock=lambda: clock[0])
    token = auth.open_session(s, NOW)
    assert len(token) >= 32
    assert auth.session_valid(s, token)
    assert not auth.session_valid(s, token + "x")
    assert not auth.session_valid(s, None)
    assert not auth.session_valid(s, "")
    clock[0] = NOW + timedelta(hours=auth.SESSION_HOURS) - timedelta(seconds=1)
    assert auth.session_valid(s, token)
    clock[0] = NOW + timedelta(hours=auth.SESSION_HOURS, seconds=1)
    assert not auth.session_valid(s, token)
    s.engine.dispose()


def test_session_closed(sqlite_store):
    one = auth.open_session(sqlite_store, datetime.now(UTC))
    two = auth.open_session(sqlite_store, datetime.now(UTC))
    assert one != two
    auth.close_session(sqlite_store, one)
    assert not auth.session_valid(sqlite_store, one)
    assert auth.session_valid(sqlite_store, two)  # the other browser stays in
    auth.close_session(sqlite_store, None)  # no token: nothing to do, no error
    auth.close_session(sqlite_store, one)  # twice: no error


def test_session_token_is_stored_only_as_a_hash(sqlite_store):
    import sqlalchemy as sa

    from dna.store.schema import sessions

    token = auth.open_session(sqlite_store, datetime.now(UTC))
    with sqlite_store.engine.connect() as conn:
        stored = list(conn.execute(sa.select(sessions.c.token_hash)).scalars())
    assert len(stored) == 1
    assert token not in stored[0]


def test_reset_refuses_while_a_password_is_configured(tmp_path, monkeypatch, capsys):
    """Attack: `password --reset` printed a new password that did not work while
    DNA_ADMIN_PASSWORD was set, and the old (perhaps leaked) one stayed valid."""
    from dna.cli import main as cli

    monkeypatch.setenv("DNA_DB_PATH", str(tmp_path / "r.db"))
    monkeypatch.setenv("DNA_ADMIN_PASSWORD", "geconfigureerd")
    assert cli.main(["password", "--reset"]) == 2
    err = capsys.readouterr().err
    assert "DNA_ADMIN_PASSWORD is set" in err and len(err.strip().splitlines()) == 1


def test_a_configured_password_is_checked_with_scrypt_too(sqlite_store, monkeypatch):
    """Attack: a human-chosen DNA_ADMIN_PASSWORD was compared with one fast hash, so parallel
    guesses from many addresses were cheap."""
    auth.ensure_password(sqlite_store, "geconfigureerd")
    assert sqlite_store.setting(auth.CONFIGURED_KEY).startswith("scrypt$")
    calls = []
    real = auth.matches

    def counted(password, stored):
        calls.append(password)
        return real(password, stored)

    monkeypatch.setattr(auth, "matches", counted)
    assert not auth.verify(sqlite_store, "geraden", "geconfigureerd")
    assert auth.verify(sqlite_store, "geconfigureerd", "geconfigureerd")
    assert calls == ["geraden", "geconfigureerd"]
