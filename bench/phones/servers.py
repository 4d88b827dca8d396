"""What the phones bench runs its servers on: a fresh database per run (a SQLite file, or a new
database on a PostgreSQL server), and `--replicas N`: N servers behind a foreground nginx."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

from bench.server import ROOT, Server, free_port, wait_healthy
from dna.store import database_url

NGINX_CONFIG = ROOT / "deploy" / "nginx.py"  # the deployment's own generator


@contextlib.contextmanager
def fresh_database(base: str | None, folder: Path):
    """A SQLite file in `folder`, or a new database on `base`'s PostgreSQL server (dropped
    after)."""
    if not base:
        yield f"sqlite:///{folder / 'workshop.db'}"
        return
    import sqlalchemy as sa

    url = sa.engine.make_url(database_url({"DATABASE_URL": base}))
    name = f"dna_bench_{os.getpid()}_{secrets.token_hex(3)}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


class Replicas:
    """N servers on one database behind a foreground nginx, configured as deploy/run-replicas
    does it (deploy/nginx.py standalone); `url` is nginx's."""

    def __init__(self, n: int, db_url: str, folder: Path, extra: tuple[str, ...] = ()):
        self.servers = [Server(db_url, folder / f"server-{k}.log", extra) for k in range(n)]
        self.folder = folder / "nginx"
        self.nginx: subprocess.Popen | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def pids(self) -> list[int]:
        import psutil

        nginx = psutil.Process(self.nginx.pid)
        return [s.proc.pid for s in self.servers] + [nginx.pid] + [c.pid for c in nginx.children()]

    def start(self, timeout: float = 60.0) -> None:
        for server in self.servers:
            server.start(timeout)
        self.port = free_port()
        root = os.geteuid() == 0  # nginx's workers drop root: they need its folders
        cmd = [sys.executable, str(NGINX_CONFIG), "standalone", "--ports"]
        cmd += [str(s.port) for s in self.servers]
        cmd += ["--listen", f"127.0.0.1:{self.port}", "--prefix", str(self.folder)]
        cmd += ["-o", str(self.folder / "nginx.conf"), *(["--user", "www-data"] if root else [])]
        self.folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(cmd, check=True)
        if root:
            for folder in (self.folder, *self.folder.parents[:2]):  # up to the workdir
                folder.chmod(folder.stat().st_mode | 0o755)
            shutil.chown(self.folder / "tmp", "www-data")
            for sub in (self.folder / "tmp").iterdir():
                shutil.chown(sub, "www-data")
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        conf, log = str(self.folder / "nginx.conf"), str(self.folder / "error.log")
        self.nginx = subprocess.Popen([nginx, "-p", str(self.folder), "-c", conf, "-e", log])
        if not wait_healthy(self.url, self.nginx, 30):
            raise RuntimeError(f"nginx did not start; see {log}")

    def stop(self, kill: bool = False) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()
            self.nginx.wait(10)
        for server in self.servers:
            server.stop(kill)

    def log_problems(self) -> list[str]:
        return [line for s in self.servers for line in s.log_problems()]
