"""Scale-out, really run: two app processes (`streamlit run serve.py`) on one PostgreSQL database
behind nginx, configured by deploy/nginx.py exactly as deploy/README.md says.

Phones speak HTTP through nginx (and straight to one process or the other, so that each process
takes sends); the facilitator opens voting in a real browser on process B; every phone's event
stream, whichever process holds it, shows the ballot within 3 s; everything any process said it
saved is in the database, once. Streamlit's websocket works through nginx, and nginx's log shows
the phones spread over both processes while one browser's Streamlit stays on one. With process
A killed, the phones carry on through B.

Needs ./dev test's throwaway PostgreSQL (DNA_TEST_DATABASE_URL), Debian's nginx and chromium;
without them it is skipped, saying why, and in CI (DNA_E2E_REQUIRED=1, .ci/run) it fails.
Logs of the last run: test-output/replicas/.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from dna.records import CURRENT, DESIRED
from dna.store import Store
from dna.store.schema import attempts
from dna.workshop.values import Value
from dna.workshop.voting import Rules
from tests.e2e.conftest import BROWSER_ARGS, CHROMIUM, LAPTOP, PASSWORD, expect, goto, login
from tests.e2e.conftest import sync_api as playwright
from tests.phones import Phone

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test-output" / "replicas"
PG_URL = os.environ.get("DNA_TEST_DATABASE_URL")
NGINX = os.environ.get("DNA_NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
PUSH_WITHIN = 3.0  # s from the facilitator's click to the ballot on every phone
START_TIMEOUT = 60.0  # s for a process to answer its health check (spaCy loads at start)
HTTP_TIMEOUT = 15.0
VALUES = ["Eigenaarschap", "Vertrouwen", "Moed tonen"]
timings: dict[str, float] = {}


def require() -> None:
    """Skip, saying why, without PostgreSQL, nginx or a browser; fail instead in CI."""
    why = []
    if not PG_URL:
        why.append("no PostgreSQL: run through ./dev test (it starts a throwaway server)")
    if not os.access(NGINX, os.X_OK):
        why.append(f"no nginx at {NGINX}: `apt-get install nginx` (or set DNA_NGINX)")
    if playwright is None:
        why.append("playwright not installed: .venv/bin/pip install -r requirements-dev.txt")
    elif not os.access(CHROMIUM, os.X_OK):
        why.append(f"no chromium at {CHROMIUM}: `apt-get install chromium`")
    if why and os.environ.get("DNA_E2E_REQUIRED") == "1":
        pytest.fail("; ".join(why))
    if why:
        pytest.skip("; ".join(why))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float = START_TIMEOUT) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            break
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not become healthy:\n{log.read_text()[-3000:]}")


def stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


class Cluster:
    """Two app processes (A and B) on one fresh database, nginx in front; all stopped, the
    database dropped, by close() (also when starting failed halfway)."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.procs: list[subprocess.Popen] = []
        self.admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        self.db_name = f"t_replicas_{uuid.uuid4().hex[:12]}"
        self.db_url = ""

    @property
    def ports(self) -> list[int]:
        return [proc.port for proc in self.procs[:2]]

    @property
    def a(self) -> str:
        return f"http://127.0.0.1:{self.procs[0].port}"

    @property
    def b(self) -> str:
        return f"http://127.0.0.1:{self.procs[1].port}"

    @property
    def nginx(self) -> str:
        return f"http://127.0.0.1:{self.procs[2].port}"

    @property
    def access_log(self) -> Path:
        return self.tmp / "nginx" / "cultuur_dna.access.log"

    def start(self) -> None:
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{self.db_name}"'))
        url = sa.make_url(PG_URL).set(database=self.db_name)
        self.db_url = url.render_as_string(hide_password=False)
        Store(self.db_url).engine.dispose()  # the tables, before two processes race to make them
        started = time.monotonic()
        self.procs = [self._app(free_port()) for _ in range(2)]  # at once: each loads spaCy
        for i in range(2):
            self._healthy(i, self._app)
        timings["replicas_start"] = time.monotonic() - started
        started = time.monotonic()
        self.procs.append(self._nginx(free_port()))
        self._healthy(2, self._nginx, timeout=10)
        timings["nginx_start"] = time.monotonic() - started

    def _app(self, port: int) -> subprocess.Popen:
        """`streamlit run serve.py` on this port, on the test's database."""
        env = {k: v for k, v in os.environ.items() if k not in ("DNA_DB_PATH", "DNA_PUBLIC_URL")}
        env |= {"DATABASE_URL": self.db_url, "DNA_ADMIN_PASSWORD": PASSWORD}
        env["PYTHONUNBUFFERED"] = "1"
        cmd = [sys.executable, "-m", "streamlit", "run", "serve.py"]
        cmd += ["--server.port", str(port), "--server.address", "127.0.0.1"]
        cmd += ["--server.headless", "true", "--server.fileWatcherType", "none"]
        with open(self.tmp / f"app-{port}.log", "ab") as log:
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        proc.port, proc.log = port, self.tmp / f"app-{port}.log"
        return proc

    def _nginx(self, port: int) -> subprocess.Popen:
        """nginx on this port with the configuration deploy/nginx.py writes, in the foreground."""
        prefix = self.tmp / "nginx"
        cmd = [sys.executable, str(ROOT / "deploy" / "nginx.py"), "standalone"]
        cmd += ["--ports", *(str(p.port) for p in self.procs[:2])]
        cmd += ["--listen", f"127.0.0.1:{port}", "--prefix", str(prefix)]
        cmd += ["-o", str(prefix / "nginx.conf")]
        if os.geteuid() == 0:  # else its workers run as nobody, who cannot use pytest's tmp dirs
            cmd += ["--user", "root"]
        subprocess.run(cmd, check=True, timeout=30)
        log = self.tmp / "nginx.log"
        with open(log, "ab") as out:
            conf = ["-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(log)]
            proc = subprocess.Popen([NGINX, *conf], stdout=out, stderr=out)
        proc.port, proc.log = port, log
        return proc

    def _healthy(self, i: int, spawn, timeout: float = START_TIMEOUT) -> None:
        """Until process i answers its health check; started again on another port when its
        port was taken between free_port() and its bind."""
        for attempt in range(3):
            proc = self.procs[i]
            try:
                healthy(f"http://127.0.0.1:{proc.port}", proc, proc.log, timeout)
                return
            except RuntimeError:
                taken = re.search(r"not available|Address already in use", proc.log.read_text())
                if attempt == 2 or not taken or proc.poll() is None:
                    raise
                self.procs[i] = spawn(free_port())

    def close(self) -> None:
        for proc in reversed(self.procs):  # nginx first: the phones' streams end there
            stop(proc)
        OUT.mkdir(parents=True, exist_ok=True)
        for log in [*self.tmp.glob("*.log"), *self.tmp.glob("nginx/*.log")]:
            shutil.copy(log, OUT / log.name)
        with contextlib.suppress(Exception), self.admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)'))
        self.admin.dispose()

    def upstreams(self, path: re.Pattern[str]) -> list[str]:
        """The process (address:port) nginx sent each logged request on this path to."""
        found = []
        for line in self.access_log.read_text().splitlines():
            match = re.search(r'"[A-Z]+ (\S+) HTTP/[\d.]+" \d+ .* upstream=(\S+)', line)
            if match and path.fullmatch(match.group(1)):
                found.append(match.group(2).rstrip(","))
        return found


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    require()
    running = Cluster(tmp_path_factory.mktemp("replicas"))
    try:
        running.start()
        yield running
    finally:
        running.close()


@pytest.fixture(scope="module")
def browser():
    require()
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            yield b
        finally:
            b.close()


class Stream(threading.Thread):
    """A phone's Server-Sent Events, read as they arrive: (time received, state) pairs."""

    def __init__(self, base: str, code: str):
        super().__init__(daemon=True)
        host, port = base.removeprefix("http://").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=30)
        self.path = f"/api/w/{code}/events"
        self.states: list[tuple[float, dict]] = []
        self.status = 0
        self.headers: dict[str, str] = {}
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.conn.request("GET", self.path, headers={"Accept": "text/event-stream"})
            response = self.conn.getresponse()
            self.status, self.headers = response.status, dict(response.getheaders())
            data = []
            while line := response.readline():
                line = line.decode().rstrip("\r\n")
                if line.startswith("data:"):
                    data.append(line[5:].strip())
                elif not line and data:
                    self.states.append((time.monotonic(), json.loads("\n".join(data))))
                    data = []
        except (OSError, http.client.HTTPException, ValueError) as e:
            self.error = e

    def wait(self, check, timeout: float) -> tuple[float, dict]:
        """The first state that passes `check`, and when it came."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for when, state in list(self.states):
                if check(state):
                    return when, state
            assert self.error is None, f"the event stream broke: {self.error!r}"
            time.sleep(0.02)
        raise AssertionError(f"no such state within {timeout} s; last: {self.states[-1:]}")

    def close(self) -> None:
        with contextlib.suppress(OSError, AttributeError):
            self.conn.sock.shutdown(socket.SHUT_RDWR)
        self.join(5)


def test_streamlit_through_nginx(cluster):
    """Health and the websocket upgrade through nginx; Streamlit's origin check still holds."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    with urllib.request.urlopen(f"{cluster.nginx}/_stcore/health", timeout=HTTP_TIMEOUT) as r:
        assert (r.status, r.read()) == (200, b"ok")
    ws_url = cluster.nginx.replace("http://", "ws://") + "/_stcore/stream"
    with connect(ws_url, origin=cluster.nginx, subprotocols=["streamlit"], open_timeout=10) as ws:
        assert ws.response.status_code == 101
        assert ws.subprotocol == "streamlit"
    with pytest.raises(InvalidStatus) as refused:  # Host passed on as is: same origin only
        with connect(ws_url, origin="http://elsewhere.example", open_timeout=10):
            pass
    assert refused.value.response.status_code == 403


def test_phones_spread_and_facilitator_sticky(cluster):
    """least_conn spreads the phones' requests over both processes; every Streamlit request of
    one client address reaches the same process (nginx's log says where each went)."""
    phone = Phone(timeout=HTTP_TIMEOUT)
    for _ in range(6):
        assert phone.call(cluster.nginx, "/api/w/NOSUCH")[0] == 404
        with urllib.request.urlopen(f"{cluster.nginx}/?lang=en", timeout=HTTP_TIMEOUT) as r:
            assert r.status == 200 and b'<html lang="en">' in r.read()
        for path in ("/_stcore/health", "/_stcore/host-config", "/login", "/workshops"):
            with urllib.request.urlopen(cluster.nginx + path, timeout=HTTP_TIMEOUT) as r:
                assert r.status == 200
    # A body over the phone limit reaches the app (nginx buffers it in its temp folder) and is
    # refused there, with the app's JSON error.
    status, error = phone.call(cluster.nginx, "/api/join", raw=b" " * 100_000)
    assert (status, error["error"]) == (413, "too_large")
    # An upload without a facilitator session: refused by the app (web/guard.py), through nginx.
    put = urllib.request.Request(
        f"{cluster.nginx}/_stcore/upload_file/session/file", b"x" * 1_000_000, method="PUT"
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(put, timeout=HTTP_TIMEOUT)
    assert refused.value.code == 403 and b"facilitators only" in refused.value.read()
    both = {f"127.0.0.1:{p}" for p in cluster.ports}
    assert set(cluster.upstreams(re.compile(r"/api/.*|/\?.*"))) == both
    streamlit = cluster.upstreams(re.compile(r"/_stcore/.*|/login|/workshops"))
    assert len(streamlit) >= 24 and len(set(streamlit)) == 1


def test_nginx_sets_the_forwarded_headers(cluster):
    """The app hears the real client, scheme and host from nginx, whatever the client claims:
    a phone's Origin (its page's address, through nginx) is accepted, a claimed one is not, a
    claimed HTTPS gives no Secure cookie, and the join-code throttle counts 127.0.0.1."""
    claims = {
        "X-Forwarded-For": "203.0.113.9",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "elsewhere.example",
    }
    for base, secure in ((cluster.a, True), (cluster.nginx, False)):  # A trusts a local proxy
        request = urllib.request.Request(f"{base}/", headers=claims)
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as r:
            cookie = r.headers["Set-Cookie"]
        assert "dna_b=" in cookie and ("secure" in cookie.lower()) is secure, (base, cookie)
    phone = Phone(timeout=HTTP_TIMEOUT)
    status, error = phone.call(cluster.nginx, "/api/join", {"code": "ZZZZZZ"}, headers=claims)
    assert (status, error["error"]) == (404, "unknown_code")
    with Store(cluster.db_url).engine.connect() as conn:
        keys = set(conn.execute(sa.select(attempts.c.key)).scalars())
    assert "code:127.0.0.1" in keys and not any("203.0.113.9" in k for k in keys), keys
    foreign = {**claims, "Origin": "http://elsewhere.example"}
    status, error = phone.call(cluster.nginx, "/api/join", {"code": "ZZZZZZ"}, headers=foreign)
    assert (status, error["error"]) == (403, "foreign")


def test_a_room_on_two_replicas(cluster, browser):
    store = Store(cluster.db_url)
    try:
        room(cluster, browser, store)
    finally:
        store.engine.dispose()
    print("\ntimings (s):", {k: round(v, 2) for k, v in timings.items()})


def room(cluster: Cluster, browser, store: Store) -> None:
    started = time.monotonic()
    ws = store.new_workshop("Twee processen", "Proef", ("Hoe is het nu?", "Hoe wil je het?"), 3)
    for name in VALUES:
        store.add_value(ws.code, Value(name, f"Wat {name.lower()} betekent."))
    code = ws.code

    # Four phones join through nginx; two event streams through nginx: least_conn gives the
    # second to the process that does not hold the first, so one of them is on process A.
    phones = [Phone(timeout=HTTP_TIMEOUT) for _ in range(4)]
    for phone in phones:
        status, joined = phone.call(cluster.nginx, "/api/join", {"code": code})
        assert status == 200, joined
        assert joined["state"]["voting"] == "none" and joined["state"]["values"] == []
    streams = [Stream(cluster.nginx, code), Stream(cluster.nginx, code)]
    try:
        for stream in streams:
            stream.start()
            stream.wait(lambda s: s.get("code") == code, timeout=10)  # the catch-up state
            assert stream.status == 200
            assert stream.headers["Content-Type"].startswith("text/event-stream")
        listening(cluster, browser, store, code, phones, streams, started)
    finally:
        for stream in streams:
            stream.close()
    # nginx logs a stream when it ends: the two were on different processes.
    end = time.monotonic() + 5
    while len(cluster.upstreams(re.compile(rf"/api/w/{code}/events"))) < 2:
        assert time.monotonic() < end, cluster.access_log.read_text()[-2000:]
        time.sleep(0.1)
    held = cluster.upstreams(re.compile(rf"/api/w/{code}/events"))
    assert set(held) == {f"127.0.0.1:{p}" for p in cluster.ports}, held
    timings["room_total"] = time.monotonic() - started


def listening(cluster, browser, store, code, phones, streams, started) -> None:
    # Answers: phone 0 straight to A, phone 1 straight to B, phones 2 and 3 through nginx.
    sent = {}
    bases = [cluster.a, cluster.b, cluster.nginx, cluster.nginx]
    for i, (phone, base) in enumerate(zip(phones, bases, strict=True)):
        typed = {CURRENT: [f"traag{i}", f"hiërarchisch{i}"], DESIRED: [f"wendbaar{i}"]}
        answer = {"answers": typed, "team": None, "submission": f"answers-{i}-{code}"}
        status, reply = phone.call(base, f"/api/w/{code}/answers", answer)
        assert (status, reply["saved"], reply["duplicate"]) == (200, 3, False), reply
        assert reply["mine"]["answers"] == typed
        sent[i] = (answer, typed)
    # The same send again, to the other process: stored once.
    status, reply = phones[2].call(cluster.a, f"/api/w/{code}/answers", sent[2][0])
    assert (status, reply["duplicate"]) == (200, True), reply
    timings["answers_sent"] = time.monotonic() - started

    # The facilitator, in a real browser on process B, opens voting.
    page = browser.new_context(viewport=LAPTOP, locale="nl-NL").new_page()
    try:
        login(page, cluster.b)
        # The same login works through nginx (sessions live in the database): Streamlit's
        # pages, scripts and websocket all through the proxy.
        goto(page, f"{cluster.nginx}/workshops?ws={code}")
        expect(page.get_by_role("heading", name="Workshops", exact=True)).to_be_visible()
        goto(page, f"{cluster.b}/stemmen?ws={code}")
        opening = page.get_by_role("button", name="Stemmen openen")
        expect(opening).to_be_visible()
        timings["facilitator_ready"] = time.monotonic() - started
        clicked = time.monotonic()
        opening.click()
        for n, stream in enumerate(streams):
            when, state = stream.wait(_voting_open, timeout=PUSH_WITHIN + 2)
            timings[f"push_stream{n}"] = when - clicked
            assert when - clicked <= PUSH_WITHIN, f"stream {n}: {when - clicked:.2f} s"
            assert [v["name"] for v in state["values"]] == VALUES
        expect(page.get_by_role("button", name="Stemmen sluiten")).to_be_visible()
    finally:
        page.context.close()

    # Every phone votes through nginx; a resend straight to B is no second ballot.
    ids = [v.id for v in store.values(code)]
    ballots = [{ids[0]: 2, ids[1]: 1}, {ids[1]: 2}, {ids[2]: 1, ids[0]: 1}, {ids[2]: 2, ids[1]: 1}]
    for i, (phone, dots) in enumerate(zip(phones, ballots, strict=True)):
        ballot = {"dots": {str(k): n for k, n in dots.items()}, "submission": f"ballot-{i}-{code}"}
        status, reply = phone.call(cluster.nginx, f"/api/w/{code}/ballot", ballot)
        assert (status, reply["saved"]) == (200, True), reply
        assert reply["mine"]["ballot"] == ballot["dots"]
        if i == 0:
            assert phone.call(cluster.b, f"/api/w/{code}/ballot", ballot)[1]["saved"] is False

    # Everything acknowledged is stored, once.
    for i, phone in enumerate(phones):
        token = phone.token(code)
        answers, team = store.participant_answers(code, token)
        assert ({q: answers.get(q, []) for q in (CURRENT, DESIRED)}, team) == (sent[i][1], None)
        assert store.ballot(code, token) == ballots[i]
    assert len(store.ballots(code)) == 4
    assert store.status(code).participants == 4
    assert len(store.answers(code)) == 12


def _voting_open(state: dict) -> bool:
    return state.get("voting") == "open" and bool(state.get("values"))


def test_phones_carry_on_when_a_process_dies(cluster):
    """Process A killed (a crash, a restart): the phones' sends and event streams through nginx
    go to B, and everything acknowledged is stored. Last in this file: A stays down."""
    store = Store(cluster.db_url)
    try:
        code = store.new_workshop("Een proces weg", "Proef", ("Nu?", "Straks?"), 3).code
        for name in VALUES:
            store.add_value(code, Value(name))
        phones = [Phone(timeout=HTTP_TIMEOUT) for _ in range(6)]
        for phone in phones:  # every phone has a connection to each process in nginx's pool
            assert phone.call(cluster.nginx, "/api/join", {"code": code})[0] == 200
        cluster.procs[0].kill()
        cluster.procs[0].wait(10)
        killed = time.monotonic()
        for i, phone in enumerate(phones):
            typed = {CURRENT: [f"rustig{i}"], DESIRED: [f"snel{i}"]}
            answer = {"answers": typed, "team": None, "submission": f"after-{i}-{code}"}
            status, reply = phone.call(cluster.nginx, f"/api/w/{code}/answers", answer)
            assert (status, reply.get("saved")) == (200, 2), reply
        stream = Stream(cluster.nginx, code)  # a phone reconnecting: to B
        stream.start()
        try:
            stream.wait(lambda s: s.get("code") == code, timeout=10)
            store.set_voting(code, "open", Rules())
            when, _ = stream.wait(_voting_open, timeout=PUSH_WITHIN)
            timings["after_kill_push"] = when - killed
        finally:
            stream.close()
        for i, phone in enumerate(phones):
            answers, _ = store.participant_answers(code, phone.token(code))
            assert answers == {CURRENT: [f"rustig{i}"], DESIRED: [f"snel{i}"]}
    finally:
        store.engine.dispose()
    print("\ntimings (s):", {k: round(v, 2) for k, v in timings.items()})
