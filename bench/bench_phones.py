"""Phones on their own page and JSON API (phone/API.md) against a real `streamlit run serve.py`.

Each run starts a fresh server on a fresh database (a SQLite file in a temporary folder, or a
new database on the PostgreSQL server of `--database-url`). The facilitator's beamer stays
Streamlit: one protocol client (bench_live.Beamer) follows its `run_every` timer during the whole
run. Each phone is one `httpx.AsyncClient` (its own cookies, so its own anonymous token) in one
asyncio loop. A phone opens the QR link `/?code=…` (80 %) or types the code (`GET /`, then
`POST /api/join`), fetches `phone.css` and `phone.js` as a fresh browser does, and holds the
event stream open as the page does (`--no-streams`: without). It sends 4+4 realistic Dutch
answers (tests/data/sentences_devset.csv), each tagged uniquely (`--answers plain`: untagged,
the beamer's realistic load), or casts a ballot; 20 % tap twice (the same submission id, 0-30 ms
apart). At the end the store is compared, phone by phone,
with what each phone was told (bench_live.check_store / check_ballots).

    .venv/bin/python bench/bench_phones.py -s burst200 --runs 2
    .venv/bin/python bench/bench_phones.py -s all --runs 2 --json phones.json
    .venv/bin/python bench/bench_phones.py -s ramp1000 -n 200 --arrival 20    # a smoke run
    .venv/bin/python bench/bench_phones.py -s vburst500 --database-url postgresql://dna@HOST/db
    .venv/bin/python bench/bench_phones.py -s vburst500 --replicas 2 --database-url ...

The load generator shares the machine with the server (2 cores, the server uses one): the
table shows its CPU and its event loop's lag; a busy generator adds its own queueing to every
latency, and the run says so (SAT, with how late its loop woke at most). Prints a table; never
fails on a missed target (it lists the misses, exits 0); exits 2 when the setup is broken.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import gc
import json
import os
import random
import re
import secrets
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import bench_live as live  # noqa: E402
from bench.bench_live import (  # noqa: E402
    IDLE_CPU_TARGET,
    PROJECTOR_LAG_TARGET,
    VALUE_NAMES,
    Beamer,
    Sampler,
    beamer_during_vote,
    beamer_under_load,
    check_ballots,
    check_store,
    dist,
    idle_cpu,
    pct,
    pick_ballot,
    raise_fd_limit,
)
from dna.intake.cleaning import clean_answer  # noqa: E402
from dna.records import CURRENT, DESIRED  # noqa: E402
from dna.services import auth  # noqa: E402
from dna.store import Store, database_url  # noqa: E402
from dna.workshop.values import Value  # noqa: E402
from dna.workshop.voting import Rules  # noqa: E402

SENTENCES = ROOT / "tests" / "data" / "sentences_devset.csv"
QUESTION = {"huidig": CURRENT, "gewenst": DESIRED}
PER_PERSON = 4
QR_SHARE = 0.8  # phones that scan the QR code; the others type the code
STATIC = re.compile(r"/phone/phone\.(?:css|js)\?v=[0-9a-f]+")
SATURATED_CPU = 85.0  # % of one core: the generator's own CPU above this distorts latency
SATURATED_LAG = 0.050  # s: the event loop's p99 lag above this distorts latency


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    phones: int
    arrival: float  # s over which the phones arrive (burst: join, then all send in 1 s)
    kind: str  # answers | votes | push
    burst: bool = False
    think: tuple[float, float] = (2.0, 6.0)  # s from the page to the send
    p95_target: float | None = None  # s, the send (answers) or the cast (votes)
    rss_target_mb: float | None = None
    no_errors: bool = False
    stall_target: float | None = None  # s: the longest time nothing completed while pending
    push_target: float | None = None  # s: voting opened -> every stream shows it (p95)
    revote: float = 0.0  # share of voters who change their ballot 2-6 s later


SCENARIOS = {
    "burst200": Scenario(
        "burst200",
        "200 joined phones send answers in the same second",
        200,
        15.0,
        "answers",
        burst=True,
        p95_target=0.3,
    ),
    "ramp1000": Scenario(
        "ramp1000",
        "1000 phones join and send over 60 s",
        1000,
        60.0,
        "answers",
        p95_target=0.2,
        rss_target_mb=1024,
        no_errors=True,
    ),
    "vburst500": Scenario(
        "vburst500",
        "500 joined voters cast in the same second",
        500,
        20.0,
        "votes",
        burst=True,
        p95_target=1.0,
    ),
    "vramp500": Scenario(
        "vramp500",
        "500 voters join and cast over 60 s",
        500,
        60.0,
        "votes",
        think=(3.0, 10.0),
        p95_target=0.2,
        stall_target=1.0,
        revote=0.1,
    ),
    "push500": Scenario(
        "push500",
        "500 open streams; voting opens",
        500,
        20.0,
        "push",
        push_target=2.0,
    ),
    "beamer": Scenario(
        "beamer",
        "50 phones over 15 s: the beamer's lag and idle cost",
        50,
        15.0,
        "answers",
    ),
}
GROUPS = {"all": "burst200,ramp1000,vburst500,vramp500,push500,beamer"}


# -- the server and its database --------------------------------------------------------------
class Launched(live.Server):
    """bench_live's server on any database URL (PostgreSQL through DATABASE_URL) and from any
    checkout (`cwd`, e.g. an older worktree run with this venv)."""

    def __init__(self, db_url: str, log_path: Path, extra: tuple[str, ...] = (), cwd=ROOT):
        super().__init__(Path(db_url.removeprefix("sqlite:///")), log_path, extra)
        self.database = db_url
        self.cwd = Path(cwd)

    @property
    def db_url(self) -> str:
        return self.database

    def start(self, timeout: float = 90.0) -> None:
        popen = subprocess.Popen

        def launch(cmd, *, cwd, env, **kw):
            if not self.database.startswith("sqlite"):
                env = {**env, "DATABASE_URL": self.database}
            return popen(cmd, cwd=self.cwd, env=env, **kw)

        with mock.patch.object(live.subprocess, "Popen", launch):
            super().start(timeout)


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


NGINX_CONFIG = ROOT / "deploy" / "nginx.py"  # the deployment's own generator


class Processes:
    """psutil.Process's cpu_times() and memory_info(), summed over several processes: the
    replicas and nginx, for bench_live's Sampler."""

    def __init__(self, pids: list[int]):
        import psutil

        self.procs = [psutil.Process(p) for p in pids]

    def cpu_times(self) -> SimpleNamespace:
        times = [p.cpu_times() for p in self.procs]
        return SimpleNamespace(user=sum(t.user for t in times), system=sum(t.system for t in times))

    def memory_info(self) -> SimpleNamespace:
        return SimpleNamespace(rss=sum(p.memory_info().rss for p in self.procs))


class Replicas:
    """N servers on one database behind a foreground nginx, configured as deploy/run-replicas
    does it (deploy/nginx.py standalone); `url` is nginx's."""

    def __init__(self, n: int, db_url: str, folder: Path, extra: tuple[str, ...] = ()):
        self.servers = [Launched(db_url, folder / f"server-{k}.log", extra) for k in range(n)]
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

    def start(self) -> None:
        for server in self.servers:
            server.start()
        self.port = live.free_port()
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
        if not live.wait_healthy(self.url, self.nginx, 30):
            raise RuntimeError(f"nginx did not start; see {log}")

    def stop(self, kill: bool = False) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()
            self.nginx.wait(10)
        for server in self.servers:
            server.stop(kill)

    def log_problems(self) -> list[str]:
        return [line for s in self.servers for line in s.log_problems()]


def seed(url: str, sc: Scenario, args) -> tuple[str, list[int]]:
    """The workshop: voting open with its values for the vote scenarios, values ready for
    push500."""
    store = Store(url)
    try:
        ws = store.new_workshop(
            "Bench", "Cultuur-DNA", ("Hoe is onze cultuur nu?", "Hoe willen we dat die wordt?"), 4
        )
        ids = []
        if sc.kind in ("votes", "push"):
            ids = [store.add_value(ws.code, Value(n)) for n in (VALUE_NAMES * 9)[: args.values]]
        if sc.kind == "votes":  # what the facilitator's "open voting" does
            store.set_voting(ws.code, "open", Rules(args.dots, args.cap))
            store.set_phase(ws.code, "closed")
    finally:
        store.engine.dispose()
    return ws.code, ids


def login(url: str) -> str:
    """A facilitator's session cookie, made once the server ran: a server start with a newly
    configured password ends the sessions made before it (web.lifespan)."""
    store = Store(url)
    try:
        return auth.open_session(store, datetime.now(UTC))
    finally:
        store.engine.dispose()


# -- answers ----------------------------------------------------------------------------------
def sentences() -> dict[str, list[str]]:
    """Realistic Dutch answers per question: words and short sentences people typed (one of
    each, ignoring case: the server merges a phone's same answer given twice)."""
    pool: dict[str, dict[str, str]] = {CURRENT: {}, DESIRED: {}}
    with SENTENCES.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            text, _ = clean_answer(row["text"])  # as stored ("suf." -> "suf"): checkable
            if text:
                pool[QUESTION[row["question"]]].setdefault(text.casefold(), text)
    return {q: list(texts.values()) for q, texts in pool.items()}


def answers_for(pool: dict[str, list[str]], tag: str, i: int, tagged: bool) -> dict[str, str]:
    """Phone i's 4+4 answers, keyed like bench_live's form keys (`join_current_0`). Tagged:
    each ends in a tag unique to the run, phone, question and position. Either way the store is
    checked phone by phone (its token), question and text (bench_live.check_store)."""
    rnd = random.Random(f"{tag}-{i}")
    return {
        f"join_{q}_{j}": f"{text} ({tag}{i:04d}{q[0]}{j})" if tagged else text
        for q in (CURRENT, DESIRED)
        for j, text in enumerate(rnd.sample(pool[q], PER_PERSON))
    }


def payload(texts: dict[str, str]) -> dict[str, list[str]]:
    return {
        q: [t for k, t in sorted(texts.items()) if k.split("_")[1] == q] for q in (CURRENT, DESIRED)
    }


# -- the phones -------------------------------------------------------------------------------
@dataclass
class Phone:
    i: int
    texts: dict[str, str]  # what it sends (empty for voters)
    impatient: bool
    qr: bool
    http: httpx.AsyncClient | None = None
    token: str | None = None
    joined_at: float | None = None
    acked_at: float | None = None  # the first acknowledgement of its answers
    ballot: dict[int, int] | None = None  # the last ballot it was told is saved
    vote_acked_at: float | None = None
    first_event: float | None = None
    pushed: float | None = None  # push500: s from voting opened to a state with the values
    stream: asyncio.Task | None = None
    error: str | None = None


@dataclass
class Calls:
    """Every request: (kind, start, end, status, phone); the latency is end - start."""

    rows: list[tuple[str, float, float, object, int]] = field(default_factory=list)
    server: list[tuple[str, float, float]] = field(
        default_factory=list
    )  # kind, start, Server-Timing s
    errors: Counter = field(default_factory=Counter)
    retried: Counter = field(default_factory=Counter)  # sent again on a fresh connection
    retry: bool = True

    def latencies(self, kind: str, since: float = 0.0, until: float = float("inf")) -> list[float]:
        return [e - s for k, s, e, *_ in self.rows if k == kind and since <= s <= until]

    def server_latencies(self, kind: str, since: float = 0.0, until: float = float("inf")):
        """What the server says it took (its Server-Timing header), without the generator."""
        return [d for k, s, d in self.server if k == kind and since <= s <= until]

    def stall(self, since: float, until: float) -> float:
        """The longest time in which requests were pending and none completed."""
        events = []
        for k, s, e, *_ in self.rows:
            if k != "events" and since <= s <= until:
                events += [(s, 1), (e, -1)]
        events.sort()
        pending, mark, worst = 0, 0.0, 0.0
        for t, step in events:
            if step > 0:
                if pending == 0:
                    mark = t
                pending += 1
            else:
                worst = max(worst, t - mark)
                mark = t
                pending -= 1
        return worst


# A kept-alive connection the server closed (uvicorn: after 5 s idle) just as the phone sent on
# it: no response at all. A browser sends the request again on a new connection, unseen.
SERVER_TIMING = re.compile(r"app;dur=([0-9.]+)")
STALE = (httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError)


async def call(calls: Calls, ph: Phone, kind: str, method: str, path: str, body=None):
    """One request of a phone, timed; the response (body read), or None on a failure."""
    t0 = time.monotonic()
    for attempt in (1, 2):
        try:
            r = await ph.http.request(method, path, json=body)
            break
        except STALE as e:
            if attempt == 1 and calls.retry:
                calls.retried[f"{kind}: {type(e).__name__}"] += 1
                continue
            failed = e
        except httpx.HTTPError as e:
            failed = e
        calls.rows.append((kind, t0, time.monotonic(), type(failed).__name__, ph.i))
        calls.errors[f"{kind}: {type(failed).__name__}"] += 1
        ph.error = ph.error or f"{kind}: {type(failed).__name__}"
        return None
    calls.rows.append((kind, t0, time.monotonic(), r.status_code, ph.i))
    timing = SERVER_TIMING.search(r.headers.get("server-timing", ""))
    if timing:
        calls.server.append((kind, t0, float(timing.group(1)) / 1000))
    if r.status_code != 200:
        code = ""
        with contextlib.suppress(ValueError, AttributeError):
            code = r.json().get("error", "")
        calls.errors[f"{kind}: {r.status_code} {code}".strip()] += 1
        ph.error = ph.error or f"{kind}: {r.status_code} {code}"
        return None
    return r


def client(base: str, tls: ssl.SSLContext) -> httpx.AsyncClient:
    """One phone's browser: its own cookie jar and connections (the stream holds one)."""
    return httpx.AsyncClient(
        base_url=base,
        headers={"Origin": base, "User-Agent": "bench-phone"},
        limits=httpx.Limits(max_connections=8, max_keepalive_connections=8),
        timeout=httpx.Timeout(60.0),
        verify=tls,  # one TLS context for all: making 1,000 is seconds of generator CPU
    )


async def join(calls: Calls, ph: Phone, code: str, streams: bool, watch=None) -> None:
    """Open the QR link (or the page, then type the code), fetch the page's two files as a fresh
    browser does, and open the event stream as the page's script does."""
    page = await call(calls, ph, "page", "GET", f"/?code={code}" if ph.qr else "/")
    if page is None:
        return
    files = STATIC.findall(page.text)
    if len(files) != 2:
        ph.error = ph.error or "page: no phone.css/phone.js links"
    await asyncio.gather(*(call(calls, ph, "static", "GET", f) for f in files))
    if not ph.qr and await call(calls, ph, "join", "POST", "/api/join", {"code": code}) is None:
        return
    ph.token = ph.http.cookies.get(f"dna_p_{code}")
    if ph.token is None:
        ph.error = ph.error or "join: no token cookie"
        return
    ph.joined_at = time.monotonic()
    if streams:
        ph.stream = asyncio.create_task(listen(calls, ph, code, watch))


async def listen(calls: Calls, ph: Phone, code: str, watch) -> None:
    """Hold the event stream open; `watch` (push500) records when voting arrived with values."""
    t0 = time.monotonic()
    try:
        async with ph.http.stream(
            "GET", f"/api/w/{code}/events", timeout=httpx.Timeout(60.0, read=None)
        ) as r:
            if r.status_code != 200:
                calls.errors[f"events: {r.status_code}"] += 1
                return
            async for line in r.aiter_lines():
                if not line.startswith("data:"):
                    continue
                if ph.first_event is None:
                    ph.first_event = time.monotonic() - t0
                    calls.rows.append(("events", t0, time.monotonic(), 200, ph.i))
                if watch is not None and watch.opened and ph.pushed is None:
                    if '"voting":"open"' in line and json.loads(line[5:]).get("values"):
                        ph.pushed = time.monotonic() - watch.opened
    except httpx.HTTPError as e:
        calls.errors[f"events: {type(e).__name__}"] += 1


async def twice(ph: Phone, send, gap: float) -> None:
    """One tap, or (impatient) the same request again 0-`gap` s later, both in flight."""
    if not ph.impatient:
        await send()
        return

    async def later():
        await asyncio.sleep(gap)
        await send()

    await asyncio.gather(send(), later())


async def send_answers(calls: Calls, ph: Phone, code: str, rnd: random.Random) -> None:
    body = {"answers": payload(ph.texts), "team": None, "submission": secrets.token_hex(16)}

    async def send():
        r = await call(calls, ph, "answers", "POST", f"/api/w/{code}/answers", body)
        if r is not None and ph.acked_at is None:
            ph.acked_at = time.monotonic()

    await twice(ph, send, rnd.uniform(0, 0.030))


async def cast(calls: Calls, ph: Phone, code: str, ids: list[int], rules: Rules, rnd) -> None:
    ballot = pick_ballot(rnd, ids, rules)
    body = {"dots": {str(v): n for v, n in ballot.items()}, "submission": secrets.token_hex(16)}

    async def send():
        r = await call(calls, ph, "ballot", "POST", f"/api/w/{code}/ballot", body)
        if r is not None:
            ph.ballot = {v: n for v, n in ballot.items() if n}
            ph.vote_acked_at = ph.vote_acked_at or time.monotonic()

    await twice(ph, send, rnd.uniform(0, 0.030))


# -- the generator's own health ---------------------------------------------------------------
class LoopLag:
    """How late the event loop wakes a 10 ms sleeper: the generator's own queueing."""

    def __init__(self):
        self.samples: list[tuple[float, float]] = []
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            t = time.monotonic()
            await asyncio.sleep(0.010)
            self.samples.append((t, time.monotonic() - t - 0.010))

    def summary(self, since: float, until: float) -> dict:
        lags = [lag for t, lag in self.samples if since <= t <= until]
        return {
            "p99_ms": round(1000 * pct(lags, 99), 1) if lags else None,
            "max_ms": round(1000 * max(lags), 1) if lags else None,
        }

    def stop(self) -> None:
        self._task.cancel()


def generator(sampler: Sampler, lag: LoopLag, since: float, until: float) -> dict:
    """The bench's own CPU (average, and the busiest second) and its loop's lateness."""
    s = [x for x in sampler.samples if x[0] <= since][-1:]
    s += [x for x in sampler.samples if since < x[0] < until]
    s += [x for x in sampler.samples if x[0] >= until][:1]  # a short window: the samples around
    cpu = peak = None
    if len(s) >= 2:
        cpu = round(100 * (s[-1][3] - s[0][3]) / (s[-1][0] - s[0][0]), 1)
        windows, j = [], 0  # CPU % over ~1 s windows, as Sampler.summary does the server's
        for i in range(len(s)):
            while j + 1 < i and s[i][0] - s[j + 1][0] >= 1.0:
                j += 1
            if s[i][0] - s[j][0] >= 1.0:
                windows.append(100 * (s[i][3] - s[j][3]) / (s[i][0] - s[j][0]))
        peak = max(windows, default=cpu)
    loop = lag.summary(since, until)
    return {
        "cpu_pct": cpu,
        "cpu_peak_pct": None if peak is None else round(peak, 1),
        "loop_lag_p99_ms": loop["p99_ms"],
        "loop_lag_max_ms": loop["max_ms"],
        # its own work, or a busy machine, delays it: latencies include some bench queueing
        "saturated": (peak or 0) >= SATURATED_CPU or (loop["p99_ms"] or 0) >= 1000 * SATURATED_LAG,
    }


# -- the scenarios ----------------------------------------------------------------------------
async def at(when: float) -> None:
    await asyncio.sleep(max(0.0, when - time.monotonic()))


async def until(predicate, timeout: float, step: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            return False
        await asyncio.sleep(step)
    return True


@dataclass
class Watch:
    opened: float = 0.0  # monotonic time the facilitator opened voting (0: not yet)


async def probe(base: str, code: str, beamer: Beamer, args, tls) -> tuple[dict, str | None]:
    """A phone in a quiet room changes its answers (8, 7, 8, … of them): seconds from its
    acknowledgement until the beamer shows the new answer count."""
    pool = sentences()
    texts = answers_for(pool, "probe", 9999, args.answers == "tagged")
    calls, ph = Calls(), Phone(-1, texts, False, False)
    rnd, lags, mine = random.Random(7), [], 0
    async with client(base, tls) as ph.http:
        await call(calls, ph, "join", "POST", "/api/join", {"code": code})
        for k in range(args.probe_rounds):
            texts = dict(ph.texts)
            if k % 2:
                texts.pop(f"join_{DESIRED}_{PER_PERSON - 1}")
            others = (beamer.frames[-1][2] if beamer.frames else 0) - mine
            body = {"answers": payload(texts), "team": None, "submission": secrets.token_hex(16)}
            r = await call(calls, ph, "answers", "POST", f"/api/w/{code}/answers", body)
            if r is None:
                raise RuntimeError(f"probe not acknowledged: {dict(calls.errors)}")
            acked, mine = time.monotonic(), r.json()["saved"]
            await until(lambda e=others + mine, a=acked: beamer.lag(a, answers=e) < 99, 10.0)
            lags.append(beamer.lag(acked, answers=others + mine))
            await asyncio.sleep(rnd.uniform(0.3, 2.3))
        finite = [x for x in lags if x != float("inf")]
        summary = {
            "p50": round(pct(finite, 50), 2) if finite else None,
            "max": round(max(lags), 2) if lags else None,
            "rounds": len(lags),
        }
        return summary, ph.http.cookies.get(f"dna_p_{code}")


async def run_answers(sc, args, calls, phones, code, ids, rnd) -> tuple[float, float]:
    """Join, think, send (ramp); or everyone joins, then all send within one second (burst).
    Returns the measured window."""
    t0 = time.monotonic() + 0.5
    arrive = sc.arrival if sc.burst else max(1.0, sc.arrival - sc.think[1])
    times = sorted(rnd.uniform(0, arrive) for _ in phones)
    rules = Rules(args.dots, args.cap)

    async def act(ph: Phone, when: float, burst: asyncio.Event | None) -> None:
        await at(t0 + when)
        await join(calls, ph, code, args.streams)
        if ph.token is None:
            return
        own = random.Random(args.seed * 7919 + ph.i)
        if burst is not None:
            await burst.wait()
            await asyncio.sleep(own.uniform(0, 1.0))
        else:
            await asyncio.sleep(own.uniform(*sc.think))
        if sc.kind == "answers":
            await send_answers(calls, ph, code, own)
            return
        await cast(calls, ph, code, ids, rules, own)
        if own.random() < sc.revote:  # changes their mind: a new ballot, a new submission
            await asyncio.sleep(own.uniform(2, 6))
            await cast(calls, ph, code, ids, rules, own)

    burst = asyncio.Event() if sc.burst else None
    tasks = [asyncio.create_task(act(p, w, burst)) for p, w in zip(phones, times, strict=True)]
    start = t0
    if burst is not None:
        await until(lambda: all(p.joined_at or p.error for p in phones), sc.arrival + 120)
        await asyncio.sleep(2.0)
        start = time.monotonic()
        burst.set()
    await asyncio.gather(*tasks)
    return start, time.monotonic()


async def run_push(sc, args, calls, phones, code, url, base, sampler, beamer, tls) -> dict:
    """Baseline, then every phone joins with its stream; idle; the beamer probe; then the
    facilitator opens voting through the store and every stream should show it."""
    out: dict = {"probe_token": None}
    watch = Watch()
    window = args.push_idle
    t0, c0 = time.monotonic(), sampler.cpu()
    await asyncio.sleep(window / 2)
    sampler.sample()
    out["base_cpu_per_s"] = (sampler.cpu() - c0) / (time.monotonic() - t0)
    out["base_rss_mb"] = sampler.samples[-1][1] / 2**20
    rnd = random.Random(args.seed)
    start = time.monotonic() + 0.2
    times = sorted(rnd.uniform(0, sc.arrival) for _ in phones)

    async def arrive(ph, when):
        await at(start + when)
        await join(calls, ph, code, True, watch)

    await asyncio.gather(*(arrive(p, w) for p, w in zip(phones, times, strict=True)))
    await until(lambda: all(p.first_event or p.error for p in phones), 30.0)
    out["streams_open"] = sum(1 for p in phones if p.first_event)
    await asyncio.sleep(2.0)
    t1, c1 = time.monotonic(), sampler.cpu()
    await asyncio.sleep(window)
    sampler.sample()
    idle = (sampler.cpu() - c1) / (time.monotonic() - t1)
    rss = sampler.samples[-1][1] / 2**20
    n = max(1, out["streams_open"])
    out.update(
        idle_window_s=window,
        idle_cpu_per_s=round(idle, 4),
        idle_cpu_ms_per_s_per_phone=round(1000 * (idle - out["base_cpu_per_s"]) / n, 3),
        idle_rss_mb=round(rss, 1),
        rss_kb_per_phone=round(1024 * (rss - out["base_rss_mb"]) / n, 1),
        base_cpu_per_s=round(out["base_cpu_per_s"], 4),
        base_rss_mb=round(out["base_rss_mb"], 1),
    )
    out["load_window"] = (start, time.monotonic())
    if beamer is not None:  # a new answer on the beamer while 500 streams are open
        out["beamer_lag_idle_s"], out["probe_token"] = await probe(base, code, beamer, args, tls)
    store = Store(url)
    try:
        watch.opened = time.monotonic()
        store.set_voting(code, "open", Rules(args.dots, args.cap))
        out["set_voting_s"] = round(time.monotonic() - watch.opened, 3)
    finally:
        store.engine.dispose()
    await until(lambda: all(p.pushed is not None or p.first_event is None for p in phones), 15.0)
    pushed = [p.pushed for p in phones if p.pushed is not None]
    out["push_s"] = dist(pushed)
    out["push_missing"] = sum(1 for p in phones if p.first_event and p.pushed is None)
    out["push_window"] = (watch.opened, time.monotonic())
    return out


def numbers(sc, args, calls: Calls, phones, sampler, lag, start: float, end: float) -> dict:
    """The load window's latencies, errors, server and generator use."""
    return dict(
        main="answers" if sc.kind == "answers" else "ballot" if sc.kind == "votes" else "page",
        load=sampler.summary(start, end + 2.5),
        generator=generator(sampler, lag, start, end),
        latency={
            k: dist(calls.latencies(k, start, end))
            for k in ("page", "static", "join", "events", "answers", "ballot")
        },
        server={k: dist(calls.server_latencies(k, start, end)) for k in ("answers", "ballot")},
        all_requests_s=dist(
            [e - s for k, s, e, *_ in calls.rows if k != "events" and start <= s <= end]
        ),
        stall_s=round(calls.stall(start, end), 3),
        errors=sum(calls.errors.values()),
        error_kinds=dict(calls.errors.most_common(6)),
        retried=sum(calls.retried.values()),
        retried_kinds=dict(calls.retried.most_common(4)),
        phones_failed=sum(1 for p in phones if p.error),
        streams=args.streams or sc.kind == "push",
    )


async def run_scenario(sc: Scenario, args, here: Path, run: int) -> dict:
    """One run: a fresh database and server, the beamer, the phones, the checks."""
    result: dict = {"scenario": sc.name, "run": run, "title": sc.title, "phones": sc.phones}
    result["answers"] = args.answers if sc.kind == "answers" else None
    result["database"] = "postgresql" if args.database_url else "sqlite"
    with fresh_database(args.database_url, here) as url:
        code, ids = seed(url, sc, args)
        if args.replicas > 1:
            server = Replicas(args.replicas, url, here, tuple(args.server_arg))
        else:
            server = Launched(url, here / "server.log", tuple(args.server_arg))
        server.start()
        cookie = login(url)
        tls = ssl.create_default_context()
        if args.replicas > 1:  # all the replicas and nginx together
            sampler = Sampler(server.servers[0].proc.pid)
            sampler.proc = Processes(server.pids())
            result["replicas"] = args.replicas
        else:
            sampler = Sampler(server.proc.pid)
        lag = LoopLag()
        sampler.start()
        beamer = Beamer(server.url, code, cookie) if args.beamer else None
        calls, phones, probe_token, spy = Calls(retry=args.retry), [], None, None
        try:
            if beamer is not None:
                result["beamer_first_render_s"] = round(await beamer.open(), 2)
            bases = [s.url for s in server.servers] if args.replicas > 1 else [server.url]
            for base in bases:  # the page's code paths, once in each process
                async with client(base, tls) as warm:
                    await warm.get(f"/?code={code}")
            rnd = random.Random(args.seed * 1000 + run)
            pool = sentences()
            tag = f"{sc.name[0]}{run}"
            phones = [
                Phone(
                    i,
                    answers_for(pool, tag, i, args.answers == "tagged")
                    if sc.kind == "answers"
                    else {},
                    rnd.random() < args.impatient,
                    rnd.random() < QR_SHARE,
                )
                for i in range(sc.phones)
            ]
            for p in phones:
                p.http = client(server.url, tls)
            gc.collect()  # what exists now is never garbage: keep the collector off it, so
            gc.freeze()  # a full collection does not stop the generator's loop mid-run
            if args.profile and args.replicas == 1:  # py-spy on the server while phones act
                spy = live.start_profiler(server, args.profile, f"{sc.name}-{run}")
            if sc.kind == "push":
                push = await run_push(
                    sc, args, calls, phones, code, url, server.url, sampler, beamer, tls
                )
                start, end = push.pop("load_window")
                probe_token = push.pop("probe_token")
                result["beamer_lag_idle_s"] = push.pop("beamer_lag_idle_s", {})
                result["push"] = push
            else:
                start, end = await run_answers(sc, args, calls, phones, code, ids, rnd)
            if spy is not None:
                live.stop_profiler(spy)
                spy = None
            await asyncio.sleep(2.5)  # the beamer's next refresh shows the last of them
            result.update(numbers(sc, args, calls, phones, sampler, lag, start, end))
            if sc.kind == "push":
                result["push_generator"] = generator(sampler, lag, *result["push"]["push_window"])
            if beamer is not None:
                if sc.kind == "answers":
                    result.update(beamer_under_load(beamer, phones, start, end))
                    lags, probe_token = await probe(server.url, code, beamer, args, tls)
                    result["beamer_lag_idle_s"] = lags
                elif sc.kind == "votes":
                    result.update(beamer_during_vote(beamer, phones, start, end))
                if beamer.client.is_open:
                    result["beamer_idle"] = await idle_cpu(sampler, beamer, args.idle_seconds)
                else:
                    result["beamer_error"] = beamer.client.closed_reason
            await sampler.stop()
            result["server_log_problems"] = server.log_problems()[:10]
        finally:
            if spy is not None:
                live.stop_profiler(spy)
            lag.stop()
            for p in phones:
                if p.stream:
                    p.stream.cancel()
            await asyncio.gather(*(p.stream for p in phones if p.stream), return_exceptions=True)
            await asyncio.gather(
                *(p.http.aclose() for p in phones if p.http), return_exceptions=True
            )
            if beamer is not None:
                await beamer.client.close()
            with contextlib.suppress(Exception):
                await sampler.stop()
            server.stop()
        if args.trace:
            write_trace(Path(args.trace), sc, run, calls, start)
        if sc.kind == "answers":
            result["store"] = check_store(url, code, phones, probe_token)
        elif sc.kind == "votes":
            result["ballots"] = check_ballots(url, code, phones)
    result["verdict"] = verdict(sc, result)
    return result


def write_trace(path: Path, sc: Scenario, run: int, calls: Calls, start: float) -> None:
    """Every request of the run as CSV (seconds from the load's start): for a timeline."""
    new = not path.exists()
    with path.open("a", newline="") as f:
        out = csv.writer(f)
        if new:
            out.writerow(
                ["scenario", "run", "kind", "start_s", "end_s", "latency_s", "status", "phone"]
            )
        for kind, s, e, status, i in calls.rows:
            row = [sc.name, run, kind, f"{s - start:.4f}", f"{e - start:.4f}", f"{e - s:.4f}"]
            out.writerow([*row, status, i])


# -- verdict and table ------------------------------------------------------------------------
def verdict(sc: Scenario, r: dict) -> list[str]:
    miss = []
    p95 = r["latency"][r["main"]].get("p95")
    if sc.p95_target is not None and (p95 is None or p95 > sc.p95_target):
        miss.append(f"{r['main']} p95 {p95} s > {sc.p95_target} s")
    if sc.rss_target_mb and (r["load"].get("rss_peak_mb") or 0) > sc.rss_target_mb:
        miss.append(f"RSS {r['load']['rss_peak_mb']} MB > {sc.rss_target_mb} MB")
    if sc.no_errors and (r["errors"] or r["phones_failed"]):
        miss.append(f"{r['errors']} failed requests, {r['phones_failed']} phones with errors")
    if sc.stall_target is not None and r["stall_s"] > sc.stall_target:
        miss.append(f"stall {r['stall_s']} s > {sc.stall_target} s")
    st = r.get("store")
    if st and (st["lost_answers"] or st["duplicated_answers"] or st["unacknowledged_phones"]):
        miss.append(
            f"answers: {st['lost_answers']} lost, {st['duplicated_answers']} duplicated, "
            f"{st['unacknowledged_phones']} phones never acknowledged"
        )
    b = r.get("ballots")
    if b and (
        b["lost_ballots"]
        or b["wrong_ballots"]
        or b["extra_ballots"]
        or not b["tally_matches"]
        or b["acknowledged_ballots"] < sc.phones
    ):
        miss.append(
            f"ballots: {b['acknowledged_ballots']} acked of {sc.phones}, "
            f"{b['lost_ballots']} lost, {b['wrong_ballots']} wrong, "
            f"{b['extra_ballots']} extra, tally {'=' if b['tally_matches'] else '!='}"
        )
    push = r.get("push")
    if push and sc.push_target is not None:
        p = push["push_s"].get("p95")
        if (
            p is None
            or p > sc.push_target
            or push["push_missing"]
            or push["streams_open"] < sc.phones
        ):
            miss.append(
                f"push p95 {p} s (target {sc.push_target} s), "
                f"{push['push_missing']} streams never showed voting, "
                f"{push['streams_open']} of {sc.phones} streams open"
            )
    for key in ("beamer_lag_load_s", "beamer_vote_lag_s"):
        lag = r.get(key, {})
        if lag.get("max") is not None and (lag["max"] > PROJECTOR_LAG_TARGET or lag["never"]):
            miss.append(f"{key} max {lag['max']} s (never: {lag['never']})")
    idle = r.get("beamer_lag_idle_s", {})
    if idle.get("max") is not None and idle["max"] > PROJECTOR_LAG_TARGET:
        miss.append(f"beamer lag idle max {idle['max']} s")
    cpu = r.get("beamer_idle", {}).get("cpu_per_refresh_net_ms")
    if cpu is not None and cpu > 1000 * IDLE_CPU_TARGET:
        miss.append(f"beamer idle refresh {cpu} ms CPU > {1000 * IDLE_CPU_TARGET:.0f} ms")
    if r.get("beamer_error"):
        miss.append(f"beamer disconnected: {r['beamer_error']}")
    return miss


def _label(r: dict) -> str:
    """burst200 #1, and what differs from the defaults: tagged/plain, PostgreSQL, replicas."""
    extra = [r.get("answers"), "pg" if r.get("database") == "postgresql" else None]
    extra.append(f"x{r['replicas']}" if r.get("replicas") else None)
    return " ".join([f"{r['scenario']} #{r['run']}", *filter(None, extra)])


def _t(d: dict | None) -> str:
    return f"{d['p50']}/{d['p95']}/{d['max']}" if d and d.get("n") else "-"


def _stored(r: dict) -> str:
    if "store" in r:
        s = r["store"]
        return (
            f"{s['acknowledged_answers']}/{s['stored_answers']} "
            f"({s['lost_answers']}/{s['duplicated_answers']})"
        )
    if "ballots" in r:
        b = r["ballots"]
        return (
            f"{b['acknowledged_ballots']}/{b['stored_ballots']} "
            f"({b['lost_ballots'] + b['wrong_ballots']}/{b['extra_ballots']})"
        )
    return "-"


def _gen(r: dict) -> str:
    g = r["generator"]
    flag = " SAT" if g["saturated"] else ""
    return f"{g['cpu_pct']}/{g.get('cpu_peak_pct')}/{g['loop_lag_p99_ms']}{flag}"


def _beamer(r: dict) -> str:
    lag = r.get("beamer_lag_load_s") or r.get("beamer_vote_lag_s") or {}
    idle = r.get("beamer_lag_idle_s", {}).get("max")
    return f"{lag.get('p95', '-')}/{lag.get('max', '-')}/{idle if idle is not None else '-'}"


def _refresh(r: dict) -> str:
    d = r.get("beamer_refresh_load_ms") or r.get("beamer_refresh_vote_ms") or {}
    i = r.get("beamer_idle", {})
    return (
        f"{d.get('p50', '-')}/{d.get('p95', '-')}; "
        f"{i.get('cpu_per_refresh_ms', '-')}/{i.get('cpu_per_refresh_net_ms', '-')} "
        f"({i.get('refreshes', '-')})"
    )


COLUMNS = (
    ("scenario", _label),
    ("phones", lambda r: r["phones"]),
    ("send p50/p95/max s", lambda r: _t(r["latency"].get(r["main"]))),
    ("server's own p50/p95/max s", lambda r: _t(r.get("server", {}).get(r["main"]))),
    (
        "all requests p95/max s",
        lambda r: f"{r['all_requests_s'].get('p95')}/{r['all_requests_s'].get('max')}",
    ),
    ("errors (phones) retried", lambda r: f"{r['errors']} ({r['phones_failed']}) {r['retried']}"),
    ("acked/stored (lost/dup)", _stored),
    ("RSS peak MB", lambda r: r["load"].get("rss_peak_mb")),
    (
        "server CPU s (avg/peak %)",
        lambda r: (
            f"{r['load'].get('server_cpu_s')} "
            f"({r['load'].get('server_cpu_avg_pct')}/"
            f"{r['load'].get('server_cpu_peak_pct')})"
        ),
    ),
    ("bench CPU avg/peak %, loop lag p99 ms", _gen),
    ("other CPU %", lambda r: r["load"].get("other_cpu_avg_pct")),
    ("longest stall s", lambda r: r["stall_s"]),
    ("beamer lag load p95/max/idle s", _beamer),
    ("beamer refresh p50/p95 ms; CPU/idle refresh ms server/beamer (refreshes)", _refresh),
    ("targets", lambda r: "ok" if not r["verdict"] else "MISSED"),
)


def table(results: list[dict]) -> str:
    lines = [
        "| " + " | ".join(h for h, _ in COLUMNS) + " |",
        "|" + "|".join("---" for _ in COLUMNS) + "|",
    ]
    lines += ["| " + " | ".join(str(get(r)) for _, get in COLUMNS) + " |" for r in results]
    for r in results:
        name = f"{r['scenario']} #{r['run']}"
        kinds = ", ".join(f"{k} {_t(d)}" for k, d in r["latency"].items() if d.get("n"))
        lines.append(f"- ({name}) latency p50/p95/max s: {kinds}")
        if "push" in r:
            p, g = r["push"], r["push_generator"]
            lines.append(
                f"- ({name}) push: {p['streams_open']} streams; voting opened -> state on the "
                f"phone p50/p95/max {_t(p['push_s'])} s, {p['push_missing']} never; bench during "
                f"the push {g['cpu_pct']} % CPU, loop lag p99 {g['loop_lag_p99_ms']} ms"
            )
            lines.append(
                f"- ({name}) idle streams ({p['idle_window_s']} s): server {p['idle_cpu_per_s']}"
                f" CPU s/s (without phones {p['base_cpu_per_s']}), "
                f"{p['idle_cpu_ms_per_s_per_phone']} ms CPU/s per phone; RSS {p['idle_rss_mb']} "
                f"MB (without {p['base_rss_mb']}), {p['rss_kb_per_phone']} KB per phone"
            )
        g = r["generator"]
        if g["saturated"]:
            lines.append(
                f"- ({name}) generator busy (SAT): its busiest second {g.get('cpu_peak_pct')} % "
                f"CPU, its loop woke up to {g['loop_lag_max_ms']} ms late (p99 "
                f"{g['loop_lag_p99_ms']}), other processes {r['load'].get('other_cpu_avg_pct')} %"
                ": latencies include up to that much of the bench's own queueing"
            )
        notes = [f"missed: {miss}" for miss in r["verdict"]]
        notes += [f"{n} × {kind}" for kind, n in r["error_kinds"].items()]
        notes += [
            f"{n} × {kind} on a kept-alive connection: sent again"
            for kind, n in r.get("retried_kinds", {}).items()
        ]
        notes += [f"server log: {x[:160]}" for x in r.get("server_log_problems", [])[:3]]
        lines += [f"- ({name}) {note}" for note in notes]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    listed = "; ".join(f"{s.name}: {s.title}" for s in SCENARIOS.values())
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=f"scenarios: {listed}; all = {GROUPS['all']}. See bench/README.md.",
    )
    ap.add_argument(
        "-s",
        "--scenario",
        default="burst200",
        help="comma-separated scenario names, or all (default %(default)s)",
    )
    ap.add_argument("--runs", type=int, default=1, help="fresh-server runs per scenario")
    ap.add_argument("-n", "--phones", type=int, help="phones (overrides the scenario's)")
    ap.add_argument("--arrival", type=float, help="seconds of arrival (overrides)")
    ap.add_argument(
        "--impatient",
        type=float,
        default=0.2,
        help="share of phones sending each request twice, 0-30 ms apart",
    )
    ap.add_argument(
        "--no-streams",
        dest="streams",
        action="store_false",
        help="phones do not hold the event stream open (push500 always does)",
    )
    ap.add_argument(
        "--no-retry",
        dest="retry",
        action="store_false",
        help="count a request that met a connection the server had just closed as an error "
        "(default: send it again once, as a browser does, and count it as retried)",
    )
    ap.add_argument(
        "--answers",
        choices=("tagged", "plain"),
        default="tagged",
        help="tagged: every answer ends in a unique tag, so every answer is a theme of its own "
        "for the beamer's analysis (a worst case: thousands of unknown words); plain: the "
        "realistic texts alone, as a room types them (default %(default)s)",
    )
    ap.add_argument("--values", type=int, default=8, help="candidate values on the ballot")
    ap.add_argument("--dots", type=int, default=3)
    ap.add_argument("--cap", type=int, default=2)
    ap.add_argument(
        "--push-idle",
        type=float,
        default=20.0,
        help="push500: seconds with 500 idle streams (and half as long without)",
    )
    ap.add_argument(
        "--probe-rounds",
        type=int,
        default=6,
        help="times a probe phone changes its answers in a quiet room (beamer lag)",
    )
    ap.add_argument(
        "--idle-seconds",
        type=float,
        default=20.0,
        help="seconds of idle beamer refreshes for the CPU per refresh",
    )
    ap.add_argument(
        "--database-url",
        help="a PostgreSQL server: each run makes (and drops) a fresh database there "
        "(default: a SQLite file in a temporary folder)",
    )
    ap.add_argument(
        "--replicas",
        type=int,
        default=1,
        help="server processes on one PostgreSQL database (--database-url) behind a foreground "
        "nginx configured by deploy/nginx.py, as deploy/run-replicas runs them; RSS and CPU are "
        "then the sum of all of them and nginx",
    )
    ap.add_argument(
        "--server-arg",
        action="append",
        default=[],
        help="extra `streamlit run` option, e.g. --server-arg=--logger.level=error",
    )
    ap.add_argument(
        "--no-beamer",
        dest="beamer",
        action="store_false",
        help="no beamer tab (to see what it costs the phones; not a result)",
    )
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--trace", help="append every request's timing to this CSV file")
    ap.add_argument(
        "--profile",
        help="folder for py-spy speedscope profiles of the server "
        "while the phones act (.venv/bin/pip install py-spy)",
    )
    ap.add_argument("--workdir", help="where databases and server logs go (kept)")
    args = ap.parse_args(argv)
    names = ",".join(GROUPS.get(n.strip(), n.strip()) for n in args.scenario.split(","))
    chosen = []
    for name in names.split(","):
        if name not in SCENARIOS:
            ap.error(f"unknown scenario {name!r}; known: {', '.join(SCENARIOS)}, all")
        sc = SCENARIOS[name]
        changes = {k: v for k, v in (("phones", args.phones), ("arrival", args.arrival)) if v}
        chosen.append(Scenario(**{**sc.__dict__, **changes}))
    if args.replicas > 1 and not NGINX_CONFIG.exists():
        ap.error("--replicas needs deploy/nginx.py (the deployment's nginx configuration)")
    if args.replicas > 1 and not args.database_url:
        ap.error("--replicas needs --database-url: the processes share one PostgreSQL database")
    raise_fd_limit()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="dna-phones-"))
    results = []
    for sc in chosen:
        for run in range(1, args.runs + 1):
            print(f"{sc.name} #{run}: {sc.title} ({sc.phones} phones) …", flush=True)
            here = workdir / f"{sc.name}-{run}"
            shutil.rmtree(here, ignore_errors=True)
            here.mkdir(parents=True)
            t0 = time.monotonic()
            try:
                r = asyncio.run(run_scenario(sc, args, here, run))
            except (RuntimeError, live.StClientError) as e:
                print(f"{sc.name} could not run: {e}", file=sys.stderr)
                return 2
            r["wall_s"] = round(time.monotonic() - t0, 1)
            results.append(r)
            print(table([r]), flush=True)
    print()
    print(table(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))
        print(f"\nwrote {args.json}")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
