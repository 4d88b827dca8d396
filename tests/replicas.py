"""The machinery of tests/test_replicas.py: two app processes (`streamlit run serve.py`) on one
fresh PostgreSQL database behind nginx (a Cluster), a phone's event stream read as it arrives (a
Stream), and the check that skips, saying why, without PostgreSQL, nginx or a browser."""

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
import urllib.request
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from dna.store import Store
from tests.e2e.conftest import CHROMIUM, PASSWORD
from tests.e2e.conftest import sync_api as playwright

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
