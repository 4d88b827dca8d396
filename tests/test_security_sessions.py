"""Security, items 2, 4 and 9: the facilitator's session cookie is set by the server, password
guessing is counted atomically, and uploads come only from a facilitator."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

import web
from dna.services import auth
from dna.store import Store
from tests.conftest import ADMIN_PASSWORD
from web.shared import COOKIE


def _inner(request):  # stands in for Streamlit's own routes behind our middleware
    return PlainTextResponse("streamlit")


@pytest.fixture
def client(app_db) -> TestClient:
    app = Starlette(
        routes=[*web.routes, Route("/{rest:path}", _inner, methods=["GET", "PUT", "POST"])],
        middleware=web.middleware,
    )
    with TestClient(app, follow_redirects=False) as c:
        yield c


def _login(client: TestClient, password: str = ADMIN_PASSWORD, **kw):
    return client.post("/login?next=/workshops", data={"password": password}, **kw)


def test_the_session_cookie_is_set_by_the_server_httponly_and_strict(client):
    """Attack: the cookie was set from JavaScript, so a script could read it and it could be
    neither HttpOnly nor reliably Secure."""
    page = client.get("/login?lang=nl")
    assert page.status_code == 200 and 'lang="nl"' in page.text
    assert '<label for="password">Wachtwoord</label>' in page.text
    sent = _login(client)
    assert sent.status_code == 303 and sent.headers["location"] == "/workshops"
    cookie = sent.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie
    assert "SameSite=strict" in cookie and "Path=/" in cookie and "Max-Age=43200" in cookie
    assert "Secure" not in cookie  # plain http on a laptop: a Secure cookie would not come back
    token = cookie.split(";")[0].split("=", 1)[1]
    store = Store()
    assert auth.session_valid(store, token)
    store.engine.dispose()


def test_behind_https_the_cookie_is_secure(app_db):
    app = Starlette(routes=web.routes)
    with TestClient(app, base_url="https://cultuur.example", follow_redirects=False) as c:
        cookie = _login(c).headers["set-cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_a_wrong_password_sets_no_cookie(client):
    sent = _login(client, "geraden")
    assert sent.status_code == 401 and "set-cookie" not in sent.headers
    assert "klopt niet" in sent.text


def test_login_goes_back_only_to_this_server(client):
    """Attack: an open redirect through ?next= after login."""
    for target in ("//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:x"):
        sent = client.post(f"/login?next={target}", data={"password": ADMIN_PASSWORD})
        assert sent.headers["location"] == "/", target


def test_a_form_from_another_site_is_refused(client):
    """Attack: login CSRF from a page on another site."""
    sent = _login(client, headers={"origin": "https://evil.example"})
    assert sent.status_code == 403 and "set-cookie" not in sent.headers


def test_logout_clears_the_cookie_and_ends_the_session(client):
    token = _login(client).headers["set-cookie"].split(";")[0].split("=", 1)[1]
    client.cookies.set(COOKIE, token)
    out = client.get("/logout")
    assert out.status_code == 303 and out.headers["location"].startswith("/login?bye=1")
    assert "Max-Age=0" in out.headers["set-cookie"] or "expires" in out.headers["set-cookie"]
    store = Store()
    assert not auth.session_valid(store, token)
    store.engine.dispose()


def test_parallel_guesses_are_each_counted(db_url):
    """Attack: the failure counter was read, slept on and written back, so 15 parallel guesses
    finished in 8.5 s and counted as one."""
    store = Store(db_url)
    now = datetime.now(UTC)
    barrier = threading.Barrier(15)
    results: list[auth.Attempt] = []

    def guess() -> None:
        barrier.wait()
        results.append(auth.attempt(store, "10.0.0.66", now))

    threads = [threading.Thread(target=guess) for _ in range(15)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(r.allowed for r in results) == 1  # one try; the other 14 wait, unchecked
    assert all(r.wait > 0 for r in results if not r.allowed)
    store.engine.dispose()


def test_refused_guesses_are_not_checked_and_say_how_long_to_wait(client):
    """Attack: guessing from one address at full speed."""
    codes = [_login(client, f"gok{i}").status_code for i in range(6)]
    assert codes[0] == 401 and set(codes[1:]) == {429}
    refused = _login(client, ADMIN_PASSWORD)  # even the right password waits its turn here
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert "Probeer het over" in refused.text


def test_someone_elses_guesses_never_lock_the_facilitator_out(sqlite_store_url):
    """Attack: guesses from many addresses made the real facilitator wait 10 s per try."""
    store = Store(sqlite_store_url)
    now = datetime.now(UTC)
    for i in range(200):  # 200 guesses from 200 addresses
        assert auth.attempt(store, f"10.1.{i // 250}.{i % 250}", now).allowed
    mine = auth.attempt(store, "192.168.1.20", now + timedelta(seconds=1))
    assert mine.allowed and mine.wait <= auth.MAX_SHARED_DELAY
    started = time.monotonic()
    assert auth.check(store, ADMIN_PASSWORD, ADMIN_PASSWORD, now, time.sleep, "192.168.1.21").ok
    assert time.monotonic() - started <= auth.MAX_SHARED_DELAY + 1
    store.engine.dispose()


@pytest.fixture
def sqlite_store_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'throttle.db'}"


def test_anonymous_uploads_are_refused_before_the_body_is_read(client):
    """Attack: any anonymous session pushed 19 MB files into Streamlit's upload endpoint."""
    path = "/_stcore/upload_file/some-session/some-file"
    anonymous = client.put(path, content=b"x" * 1024)
    assert anonymous.status_code == 403
    client.cookies.set(COOKIE, "forged")
    assert client.put(path, content=b"x").status_code == 403
    token = _login(client).headers["set-cookie"].split(";")[0].split("=", 1)[1]
    client.cookies.set(COOKIE, token)
    assert client.put(path, content=b"x").text == "streamlit"  # through to Streamlit
    assert client.get("/anything").text == "streamlit"  # other requests pass untouched


def test_uploads_are_capped_at_what_the_importers_accept():
    import tomllib
    from pathlib import Path

    from dna.intake.tables import MAX_FILE_BYTES

    config = tomllib.loads((Path(__file__).parent.parent / ".streamlit/config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 2**20 <= MAX_FILE_BYTES


def test_the_login_page_speaks_the_apps_language(client):
    """Dutch as the app, whatever the browser says; English when the app's link asks."""
    dutch = client.get("/login", headers={"accept-language": "en-US,en;q=0.9"})
    assert 'lang="nl"' in dutch.text and "Wachtwoord" in dutch.text
    english = client.get("/login?lang=en&next=/workshops%3Flang%3Den")
    assert 'lang="en"' in english.text and ">Password</label>" in english.text
    assert 'action="/login?next=/workshops%3Flang%3Den&amp;lang=en"' in english.text


def test_a_huge_login_body_is_refused_unread(client):
    """Attack: /login read a 300 MB body into memory before cutting it to 4 KB."""
    sent = client.post("/login", content=b"password=" + b"x" * 100_000)
    assert sent.status_code == 413 and "set-cookie" not in sent.headers


def test_a_sandboxed_or_foreign_origin_is_refused_and_head_logs_nobody_in(client):
    """Attack: Origin "null" (a sandboxed frame) was accepted; HEAD was treated as POST."""
    assert _login(client, headers={"origin": "null"}).status_code == 403
    head = client.request("HEAD", "/login", data={"password": ADMIN_PASSWORD})
    assert "set-cookie" not in head.headers
    same = _login(client, headers={"origin": "http://testserver"})
    assert same.status_code == 303


def test_behind_a_local_proxy_the_forwarded_client_and_https_count(app_db):
    """Attack: behind a proxy on this machine every client had the proxy's address (one
    throttle for all) and logins over HTTPS were refused as cross-site."""
    app = Starlette(routes=web.routes, middleware=web.middleware)
    with TestClient(app, client=("::ffff:127.0.0.1", 5000), follow_redirects=False) as c:
        forwarded = {
            "x-forwarded-for": "203.0.113.7",
            "x-forwarded-proto": "https",
            "host": "cultuur.example.nl",
            "origin": "https://cultuur.example.nl",
        }
        sent = c.post("/login?next=/", data={"password": ADMIN_PASSWORD}, headers=forwarded)
        assert sent.status_code == 303 and "Secure" in sent.headers["set-cookie"]
        c.post("/login", data={"password": "fout"}, headers=forwarded)
        other = {**forwarded, "x-forwarded-for": "198.51.100.9"}
        assert c.post("/login", data={"password": "fout"}, headers=other).status_code == 401


def test_ipv6_clients_are_counted_per_network():
    assert auth.address("2001:db8:1:2:aaaa::1") == auth.address("2001:db8:1:2:bbbb::2")
    assert auth.address("::ffff:10.0.0.5") == "10.0.0.5"
    assert auth.address(None) == "unknown"
