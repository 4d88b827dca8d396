"""A real `streamlit run serve.py` on a free port of 127.0.0.1, with its own database and log.

The one way the benches and the tests start a server: bench_phones and bench_page
(any database URL, any checkout), tests/e2e/conftest.py (its own password and options), and the
tests that kill a server mid-room. `wait_healthy` is the one health wait (nginx's too).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench import ROOT

PASSWORD = "bench-secret"  # the facilitator's password (DNA_ADMIN_PASSWORD)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float) -> bool:
    """Until `url`/_stcore/health answers 200 (True), the process ended or time ran out."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:  # refused, reset, a timeout or a 5xx (HTTPError)
            pass
        time.sleep(0.2)
    return False


class Server:
    """One `streamlit run serve.py`. `database`: a SQLite file (a path) or a database URL
    (PostgreSQL through DATABASE_URL); `cwd`: the checkout to run (e.g. an older worktree, with
    this venv); `extra`: more `streamlit run` options."""

    def __init__(
        self,
        database: Path | str,
        log_path: Path,
        extra: tuple[str, ...] = (),
        *,
        password: str = PASSWORD,
        cwd: Path = ROOT,
    ):
        url = str(database)
        sqlite = isinstance(database, Path) or url.startswith("sqlite:///")
        self.db_path = Path(url.removeprefix("sqlite:///")) if sqlite else None
        self.db_url = f"sqlite:///{self.db_path}" if sqlite else url
        self.log_path = log_path
        self.extra = extra
        self.password = password
        self.cwd = Path(cwd)
        self.proc: subprocess.Popen | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        """This environment without the settings that would win over ours (DATABASE_URL over
        DNA_DB_PATH) or point phones elsewhere (DNA_PUBLIC_URL)."""
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DNA_PUBLIC_URL")}
        env |= {"DNA_ADMIN_PASSWORD": self.password, "PYTHONUNBUFFERED": "1"}
        if self.db_path:
            env["DNA_DB_PATH"] = str(self.db_path)
        else:
            env["DATABASE_URL"] = self.db_url
        return env

    def start(self, timeout: float = 60.0) -> None:
        """Start on a free port; a port taken between free_port() and the bind: try another."""
        for _attempt in range(3):
            self.port = free_port()
            cmd = [sys.executable, "-m", "streamlit", "run", "serve.py"]
            cmd += ["--server.port", str(self.port), "--server.address", "127.0.0.1"]
            cmd += ["--server.headless", "true", *self.extra]
            with open(self.log_path, "ab") as log:  # the server writes to it until stop()
                self.proc = subprocess.Popen(
                    cmd, cwd=self.cwd, env=self.env(), stdout=log, stderr=subprocess.STDOUT
                )
            if wait_healthy(self.url, self.proc, timeout):
                return
            self.stop()
        tail = self.log_path.read_text(errors="replace")[-3000:] if self.log_path.exists() else ""
        raise RuntimeError(f"streamlit did not start; see {self.log_path}:\n{tail}")

    def stop(self, kill: bool = False) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        if kill:
            self.proc.kill()
        else:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)

    def pids(self) -> list[int]:
        return [self.proc.pid]

    def log_problems(self) -> list[str]:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return [
            line
            for line in text.splitlines()
            if "Traceback" in line or " ERROR " in line or "Exception" in line
        ]
