"""Live-workshop load: protocol-level phones against a real `streamlit run`, one beamer watching.

Each scenario gets a fresh server on a fresh SQLite file. Participants open the QR link
(/?code=...), wait for the form, think, and submit 4+4 answers; some tap twice. A
facilitator's beamer tab (/beamer, session cookie) follows its `run_every` timer the way a
browser does. At the end the store is compared, phone by phone (each answer is identified by
the phone's anonymous token, question and position), with what the phones were told
("Dank je!"): lost, duplicated and unacknowledged-but-stored answers. `--answers words` (the
default) types what a room types: realistic terms, Zipf-distributed, some typos;
`--answers tagged` makes every answer text unique (a word plus a tag), which gives the beamer's
analysis thousands of unknown words: a worst case, not a room. Then, with the room quiet,
a probe phone measures how long a new answer takes to reach the beamer, and the server's CPU
per beamer refresh is measured with nothing changing.

    .venv/bin/python bench/bench_live.py                       # all scenarios (about 6 minutes)
    .venv/bin/python bench/bench_live.py -s a,d --json out.json
    .venv/bin/python bench/bench_live.py -s c -n c=300 --arrival c=30
    .venv/bin/python bench/bench_live.py -s b --profile /tmp/prof   # py-spy on the server

Prints a table; never fails on a missed target (it says so, and exits 0), exits 2 on a
broken setup. Numbers are only trustworthy on an otherwise idle machine: the table shows the
CPU used by other processes during the run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stclient import SUCCESS, StClient, StClientError, load_page_assets  # noqa: E402
from dna import auth  # noqa: E402
from dna.records import QUESTIONS  # noqa: E402
from dna.store import Store  # noqa: E402

PASSWORD = "bench-secret"
ACK = "Dank je"  # the Dutch success message starts like this
COUNTS = re.compile(r"(\d+) deelnemers · (\d+) antwoorden")
PER_PERSON = 4
JOIN_PAGE = ""  # the QR link opens the app's root with ?code= (dna.participation.join_url)
PROBE = "probe"  # tag of the beamer probe's answers (not a participant of the scenario)
WORDS = (
    "vertrouwen samenwerking eigenaarschap hiërarchisch transparant klantgericht wendbaar "
    "innovatief plezier waardering traag regels controle lef zelfsturing respect creatief "
    "flexibel eerlijk betrokken loyaal collegiaal werkdruk stroperig veilig trots gezellig "
    "formeel nieuwsgierig ondernemend resultaatgericht mensgericht afwachtend proactief open "
    "gesloten ambitieus gedreven chaotisch helder duidelijk star hectisch rustig informeel"
).split()


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    participants: int
    arrival: float  # seconds over which phones open the page
    burst: bool = False  # everyone submits in the same second, once all are connected
    think: tuple[float, float] = (2.0, 6.0)  # seconds between the form and the submit
    impatient: float = 0.2  # share who tap submit twice
    double_gap: float = 0.020  # the second tap comes 0..this seconds after the first
    p95_target: float | None = None
    rss_target_mb: float | None = None
    must_not_lose: bool = True
    no_dup: bool = True
    no_errors: bool = False


SCENARIOS = {
    "a": Scenario("a", "200 over 30 s, 20% tap twice", 200, 30.0, p95_target=0.5),
    "b": Scenario("b", "200 submit in the same second", 200, 20.0, burst=True, p95_target=2.0),
    "c": Scenario(
        "c",
        "500 over 60 s",
        500,
        60.0,
        p95_target=1.5,
        rss_target_mb=1536,
        no_errors=True,
    ),
    "d": Scenario("d", "50, a small room", 50, 15.0, p95_target=0.5),
}
PROJECTOR_LAG_TARGET = 3.0  # s, submit acknowledged -> the beamer shows the new counts
IDLE_CPU_TARGET = 0.050  # s of server CPU per beamer refresh when nothing changed


# -- the server ---------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `streamlit run app.py` on a free port, with its own database file and log."""

    def __init__(self, db_path: Path, log_path: Path, extra: tuple[str, ...] = ()):
        self.db_path = db_path
        self.log_path = log_path
        self.extra = extra
        self.proc: subprocess.Popen | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.db_path}"

    def start(self, timeout: float = 60.0) -> None:
        env = {
            **os.environ,
            "DNA_DB_PATH": str(self.db_path),
            "DNA_ADMIN_PASSWORD": PASSWORD,
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("DATABASE_URL", None)  # it would win over DNA_DB_PATH
        for attempt in range(3):
            self.port = free_port()
            cmd = [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                *self.extra,
            ]
            log = open(self.log_path, "ab")  # noqa: SIM115 - the server owns it until stop()
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=log)
            log.close()
            if wait_healthy(self.url, self.proc, timeout):
                return
            self.stop()
            if attempt == 2:
                raise RuntimeError(f"server did not start; see {self.log_path}")

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

    def log_problems(self) -> list[str]:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return [
            line
            for line in text.splitlines()
            if "Traceback" in line or " ERROR " in line or "Exception" in line
        ]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float) -> bool:
    import httpx

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            return False
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/_stcore/health", timeout=2).text == "ok":
                return True
        time.sleep(0.2)
    return False


class Sampler:
    """Server RSS and CPU (psutil) every `every` seconds; also the whole machine's CPU."""

    def __init__(self, pid: int, every: float = 0.25):
        self.proc = psutil.Process(pid)
        self.me = psutil.Process()
        self.every = every
        self.samples: list[tuple[float, float, float, float, float]] = []  # t, rss, cpu, me, all
        self._task: asyncio.Task | None = None

    def cpu(self) -> float:
        t = self.proc.cpu_times()
        return t.user + t.system

    def sample(self) -> None:
        with contextlib.suppress(psutil.Error):
            mine = self.me.cpu_times()
            machine = psutil.cpu_times()
            busy = machine.user + machine.system + machine.nice + getattr(machine, "irq", 0)
            busy += getattr(machine, "softirq", 0) + getattr(machine, "steal", 0)
            self.samples.append(
                (
                    time.monotonic(),
                    self.proc.memory_info().rss,
                    self.cpu(),
                    mine.user + mine.system,
                    busy,
                )
            )

    async def _loop(self) -> None:
        while True:
            self.sample()
            await asyncio.sleep(self.every)

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        self.sample()
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def summary(self, since: float, until: float) -> dict:
        s = [x for x in self.samples if since <= x[0] <= until]
        if len(s) < 2:
            return {}
        span = s[-1][0] - s[0][0]
        window = []  # CPU % over ~1 s windows
        j = 0
        for i in range(len(s)):
            while s[i][0] - s[j + 1][0] >= 1.0:
                j += 1
            if s[i][0] - s[j][0] >= 1.0:
                window.append(100 * (s[i][2] - s[j][2]) / (s[i][0] - s[j][0]))
        server_cpu = s[-1][2] - s[0][2]
        client_cpu = s[-1][3] - s[0][3]
        machine_cpu = (s[-1][4] - s[0][4]) / psutil.cpu_count()
        return {
            "seconds": round(span, 1),
            "rss_peak_mb": round(max(x[1] for x in s) / 2**20, 1),
            "rss_start_mb": round(s[0][1] / 2**20, 1),
            "server_cpu_s": round(server_cpu, 2),
            "server_cpu_avg_pct": round(100 * server_cpu / span, 1),
            "server_cpu_peak_pct": round(max(window), 1) if window else None,
            "client_cpu_avg_pct": round(100 * client_cpu / span, 1),
            "other_cpu_avg_pct": round(
                max(0.0, 100 * (machine_cpu * psutil.cpu_count() - server_cpu - client_cpu)) / span,
                1,
            ),
        }


# -- participants -----------------------------------------------------------------------------
@dataclass
class Phone:
    i: int
    impatient: bool
    texts: dict[str, str]  # widget key -> the tagged answer it types
    connect: float | None = None  # s, websocket open
    first_render: float | None = None  # s from opening (assets included) to the form rendered
    assets: tuple[int, int] = (0, 0)  # static requests and bytes before the websocket
    assets_s: float | None = None
    submit: float | None = None  # s from the (first) tap to "Dank je"
    acked_at: float | None = None
    runs: int = 0
    token: str | None = None  # the anonymous participant token the page put in the URL
    page_not_found: int = 0  # the browser would show a "Page not found" dialog
    error: str | None = None
    messages: list[str] = field(default_factory=list)


def answers_for(style: str, tag: str, i: int) -> dict[str, str]:
    """Phone i's 4+4 answers by widget key. "words": what a room types (a Zipf-like pick from
    realistic terms, some typos); "tagged": a word plus a tag unique to the answer."""
    rnd = random.Random(f"{tag}-{i}")
    if style == "tagged":
        return {
            f"join_{q}_{j}": f"{rnd.choice(WORDS)} {tag}p{i:04d}{q[0]}{j}"
            for q in QUESTIONS
            for j in range(PER_PERSON)
        }
    terms, weights = vocabulary()
    out = {}
    for q in QUESTIONS:
        picked: list[str] = []
        while len(picked) < PER_PERSON:
            word = rnd.choices(terms, weights)[0]
            if rnd.random() < 0.08 and len(word) > 5 and " " not in word:  # a typo: a swap
                k = rnd.randrange(2, len(word) - 2)
                word = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
            if word.casefold() not in {p.casefold() for p in picked}:
                picked.append(word)
        out.update({f"join_{q}_{j}": w for j, w in enumerate(picked)})
    return out


@functools.cache
def vocabulary() -> tuple[list[str], list[float]]:
    """bench_cloud's realistic terms that the form stores as typed, with Zipf weights."""
    from bench.bench_cloud import TERMS
    from dna.ingest import clean_answer

    terms = sorted({t for t in TERMS if clean_answer(t) == (t, ())})
    random.Random(5).shuffle(terms)
    return terms, [1 / (rank + 1) for rank in range(len(terms))]


async def phone(
    ph: Phone,
    base: str,
    code: str,
    start: float,
    at: float,
    sc: Scenario,
    burst: asyncio.Event,
    done: asyncio.Event,
    assets: bool,
    rnd: random.Random,
) -> None:
    await asyncio.sleep(max(0.0, start + at - time.monotonic()))
    t0 = time.monotonic()
    client = StClient(base, page=JOIN_PAGE, query=f"code={code}", timeout=60)
    try:
        if assets:
            ph.assets = await load_page_assets(client.url)
            ph.assets_s = time.monotonic() - t0
        t1 = time.monotonic()
        await client.connect()
        ph.connect = time.monotonic() - t1
        first = await client.run()
        ph.first_render = first.done_at - t0
        ph.page_not_found = client.page_not_found
        ph.token = parse_qs(client.query).get("p", [None])[0]
        missing = [k for k in ph.texts if k not in client.text_inputs()]
        if missing:
            raise StClientError(f"form incomplete: {missing[:2]}; page: {client.texts()[:3]}")
        if sc.burst:
            await burst.wait()
            await asyncio.sleep(rnd.uniform(0, 1.0))
        else:
            await asyncio.sleep(rnd.uniform(*sc.think))
        gap = rnd.uniform(0, sc.double_gap) if ph.impatient else None
        out = await client.submit(ph.texts, button="join_submit", repeat_after=gap)
        ph.runs = len(out.runs)
        acked = out.first_alert_at(SUCCESS, ACK)
        if acked is not None:
            ph.acked_at = acked
            ph.submit = acked - out.sent[0]
        ph.messages = out.errors
        if acked is None:
            ph.error = f"no acknowledgement: {out.errors or client.texts()[-2:]}"
        await done.wait()  # the phone stays on the page until the session ends
    except Exception as e:  # noqa: BLE001 - every failure is a result, e.g. httpx timeouts
        ph.error = f"{type(e).__name__}: {e}"
    finally:
        await client.close()


# -- the beamer -------------------------------------------------------------------------------
class Beamer:
    """The facilitator's projector tab; remembers every counts line it was sent."""

    def __init__(self, base: str, code: str, cookie: str):
        self.frames: list[tuple[float, int, int]] = []  # received, participants, answers
        self.client = StClient(
            base,
            page="beamer",
            query=f"code={code}",
            cookie=f"dna_session={cookie}",
            timeout=120,
            on_message=self._seen,
        )

    def _seen(self, _client, msg, now: float) -> None:
        if msg.WhichOneof("type") != "delta":
            return
        el = msg.delta.new_element
        if el.WhichOneof("type") == "html" and "dna-count" in el.html.body:
            m = COUNTS.search(el.html.body)
            if m:
                self.frames.append((now, int(m.group(1)), int(m.group(2))))

    async def open(self) -> float:
        t0 = time.monotonic()
        await self.client.connect()
        out = await self.client.run()
        if not self.frames:
            raise StClientError(f"the beamer shows no counts: {self.client.texts()[:4]}")
        return out.done_at - t0

    def refreshes(self, since: float = 0.0, until: float = float("inf")) -> list[float]:
        """Durations (s) of the auto-reruns of the live fragment in this window."""
        return [
            r.seconds
            for r in self.client.runs
            if r.is_fragment and r.done and since <= r.started <= until and r.seconds is not None
        ]

    def lag(self, at: float, people: int | None = None, answers: int | None = None) -> float:
        """Seconds from `at` to the first frame showing at least these counts (inf: never)."""
        for t, p, a in self.frames:
            if t >= at and (people is None or p >= people) and (answers is None or a == answers):
                return t - at
        return float("inf")


async def probe_lag(
    base: str, code: str, beamer: Beamer, rounds: int
) -> tuple[list[float], str | None]:
    """With the room quiet: one phone changes its answer count; how long until the beamer
    shows it? The number of answers alternates 8/7, so every round changes the counts."""
    rnd = random.Random(7)
    texts = answers_for("words", PROBE, 9999)
    lags = []
    async with StClient(base, page=JOIN_PAGE, query=f"code={code}") as c:
        await c.run()
        token = parse_qs(c.query).get("p", [None])[0]
        mine = 0  # answers the probe has stored now
        for k in range(rounds):
            values = dict(texts)
            if k % 2:
                values["join_desired_3"] = ""
            others = (beamer.frames[-1][2] if beamer.frames else 0) - mine
            out = await c.submit(values, button="join_submit")
            acked = out.first_alert_at(SUCCESS, ACK)
            if acked is None:
                raise StClientError(f"probe not acknowledged: {out.errors}")
            mine = int(re.search(r"(\d+)", out.successes[-1]).group(1))
            expected = others + mine
            with contextlib.suppress(StClientError):
                await c.wait_for(lambda e=expected, a=acked: beamer.lag(a, answers=e) < 99, 10)
            lags.append(beamer.lag(acked, answers=expected))
            await asyncio.sleep(rnd.uniform(0.3, 2.3))
    return lags, token


async def idle_cpu(sampler: Sampler, beamer: Beamer, seconds: float, profile=None) -> dict:
    """Server CPU per beamer refresh with nothing changing, minus an idle server's CPU.
    `profile`: a function starting a profiler, returning a function that stops it."""
    await asyncio.sleep(2.5)  # let the probe's last refresh pass
    stop = profile() if profile else None
    runs0, cpu0, t0 = len(beamer.refreshes()), sampler.cpu(), time.monotonic()
    await asyncio.sleep(seconds)
    runs1, cpu1, t1 = len(beamer.refreshes()), sampler.cpu(), time.monotonic()
    if stop:
        stop()
    durations = beamer.refreshes(t0, t1)
    await beamer.client.close()
    await asyncio.sleep(1.0)
    b0, tb0 = sampler.cpu(), time.monotonic()
    await asyncio.sleep(min(seconds, 10.0))
    baseline = (sampler.cpu() - b0) / (time.monotonic() - tb0)  # CPU s per s, no beamer
    n = runs1 - runs0
    gross = (cpu1 - cpu0) / n if n else None
    net = ((cpu1 - cpu0) - baseline * (t1 - t0)) / n if n else None
    return {
        "refreshes": n,
        "cpu_per_refresh_ms": None if gross is None else round(1000 * gross, 1),
        "cpu_per_refresh_net_ms": None if net is None else round(1000 * net, 1),
        "idle_server_cpu_pct": round(100 * baseline, 2),
        "refresh_wall_p50_ms": ms(pct(durations, 50)),
    }


# -- a scenario -------------------------------------------------------------------------------
def pct(values: list[float], p: float) -> float | None:
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return None
    k = max(0, min(len(vals) - 1, round(p / 100 * len(vals) + 0.5) - 1))
    return vals[k]


def ms(v: float | None) -> float | None:
    return None if v is None else round(1000 * v, 1)


def check_store(db_url: str, code: str, phones: list[Phone], probe_token: str | None) -> dict:
    """What the store holds against what each phone was told, phone by phone (its token)."""
    store = Store(db_url)
    try:
        total = len(store.answer_rows(code))
        status = store.status(code)
        held = {p.i: store.participant_answers(code, p.token)[0] if p.token else {} for p in phones}
        probe_held = store.participant_answers(code, probe_token)[0] if probe_token else {}
        probe = sum(len(v) for v in probe_held.values())
    finally:
        store.engine.dispose()
    lost = dup = unacked_stored = lost_phones = 0
    for p in phones:
        sent = Counter((k.split("_")[1], t) for k, t in p.texts.items())
        got = Counter((q, t) for q, texts in held[p.i].items() for t in texts)
        if p.acked_at is not None:
            missing = sum((sent - got).values())
            lost += missing
            lost_phones += bool(missing)
            dup += sum((got - sent).values())
        else:
            unacked_stored += sum(got.values())
    acked = [p for p in phones if p.acked_at is not None]
    mine = sum(sum(len(v) for v in held[p.i].values()) for p in phones)
    return {
        "acknowledged_phones": len(acked),
        "acknowledged_answers": sum(len(p.texts) for p in acked),
        "stored_answers": total - probe,
        "stored_participants": status.participants - bool(probe) if status else None,
        "lost_answers": lost,
        "lost_phones": lost_phones,
        # a phone's answer stored twice, or stored rows that belong to no phone
        "duplicated_answers": dup + (total - probe - mine),
        "unacknowledged_but_stored_answers": unacked_stored,
        "unacknowledged_phones": len(phones) - len(acked),
    }


async def run_scenario(sc: Scenario, args, workdir: Path) -> dict:
    here = workdir / f"scenario-{sc.name}"
    shutil.rmtree(here, ignore_errors=True)
    here.mkdir(parents=True)
    server = Server(here / "workshop.db", here / "server.log", tuple(args.server_arg))
    seed_store = Store(server.db_url)
    workshop = seed_store.new_workshop(
        "Bench", "Cultuur-DNA", ("Hoe is onze cultuur nu?", "Hoe willen we dat die wordt?"), 4
    )
    cookie = auth.open_session(seed_store, datetime.now(UTC))
    seed_store.engine.dispose()
    server.start()
    sampler = Sampler(server.proc.pid)
    sampler.start()
    profiler = start_profiler(server, args.profile, f"{sc.name}-load") if args.profile else None
    rnd = random.Random(args.seed)
    probe_token = None
    result: dict = {"scenario": sc.name, "title": sc.title, "participants": sc.participants}
    beamer = None
    try:
        if not args.no_projector:
            beamer = Beamer(server.url, workshop.code, cookie)
            result["beamer_first_render_s"] = round(await beamer.open(), 2)
        else:  # warm the imports up as the facilitator's first page would
            async with StClient(server.url, page=JOIN_PAGE, query="code=WARMUP") as c:
                await c.run()
        phones = [
            Phone(i, rnd.random() < sc.impatient, answers_for(args.answers, sc.name, i))
            for i in range(sc.participants)
        ]
        arrivals = sorted(rnd.uniform(0, sc.arrival) for _ in phones)
        burst, done = asyncio.Event(), asyncio.Event()
        start = time.monotonic() + 0.5
        tasks = [
            asyncio.create_task(
                phone(
                    p,
                    server.url,
                    workshop.code,
                    start,
                    at,
                    sc,
                    burst,
                    done,
                    args.assets,
                    random.Random(args.seed * 1000 + p.i),
                )
            )
            for p, at in zip(phones, arrivals, strict=True)
        ]
        if sc.burst:
            await asyncio.sleep(max(0.0, start + sc.arrival + 3.0 - time.monotonic()))
            connected = sum(1 for p in phones if p.first_render is not None or p.error)
            result["connected_before_burst"] = connected
            burst_at, burst_cpu = time.monotonic(), sampler.cpu()
            burst.set()
        # all submitted (or failed), then the room stays connected one more refresh
        while not all(
            p.acked_at or p.error or t.done() for p, t in zip(phones, tasks, strict=True)
        ):
            await asyncio.sleep(0.2)
        load_end, load_cpu = time.monotonic(), sampler.cpu()
        if profiler is not None:
            stop_profiler(profiler)
            profiler = None
        await asyncio.sleep(2.5)
        done.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        result["load"] = sampler.summary(start, load_end + 2.5)
        if sc.burst:  # from the burst to the last acknowledgement
            result["load"]["burst_s"] = round(load_end - burst_at, 2)
            result["load"]["burst_server_cpu_s"] = round(load_cpu - burst_cpu, 2)
            result["load"]["burst_server_cpu_pct"] = round(
                100 * (load_cpu - burst_cpu) / (load_end - burst_at), 1
            )
        result.update(summarise(phones))
        if beamer is not None:
            result.update(beamer_under_load(beamer, phones, start, load_end))
            if not beamer.client.is_open:
                result["beamer_error"] = beamer.client.closed_reason
            else:
                lags, probe_token = await probe_lag(
                    server.url, workshop.code, beamer, args.probe_rounds
                )
                result["beamer_lag_idle_s"] = {
                    "p50": round(pct(lags, 50), 2),
                    "max": round(max(lags), 2),
                    "rounds": len(lags),
                }
                result["beamer_idle"] = await idle_cpu(
                    sampler,
                    beamer,
                    args.idle_seconds,
                    profile=(lambda: profiling(server, args.profile, f"{sc.name}-idle"))
                    if args.profile
                    else None,
                )
        await sampler.stop()
        result["server_log_problems"] = server.log_problems()[:10]
    finally:
        if profiler is not None:
            stop_profiler(profiler)
        if beamer is not None:
            await beamer.client.close()
        with contextlib.suppress(Exception):
            await sampler.stop()
        server.stop()
    # the store after the server is gone: what a restart would find
    result["store"] = check_store(server.db_url, workshop.code, phones, probe_token)
    result["verdict"] = verdict(sc, result)
    if not args.keep:
        shutil.rmtree(here, ignore_errors=True)
    return result


def summarise(phones: list[Phone]) -> dict:
    errors = Counter(
        re.sub(r"\d+", "N", p.error)[:120] for p in phones if p.error
    )  # grouped by kind
    return {
        "connect_s": dist([p.connect for p in phones]),
        "first_render_s": dist([p.first_render for p in phones]),
        "assets_s": dist([p.assets_s for p in phones]),
        "assets_requests_bytes": max((p.assets for p in phones), default=(0, 0)),
        "submit_s": dist([p.submit for p in phones]),
        "impatient": sum(p.impatient for p in phones),
        "errors": sum(1 for p in phones if p.error),
        "error_kinds": dict(errors.most_common(5)),
        "runs_per_submit_max": max((p.runs for p in phones), default=0),
        "page_not_found": sum(1 for p in phones if p.page_not_found),
    }


def dist(values: list[float | None]) -> dict:
    vals = [v for v in values if v is not None]
    if not vals:
        return {"n": 0}
    return {
        "n": len(vals),
        "p50": round(pct(vals, 50), 3),
        "p95": round(pct(vals, 95), 3),
        "max": round(max(vals), 3),
        "mean": round(statistics.fmean(vals), 3),
    }


def beamer_under_load(beamer: Beamer, phones: list[Phone], start: float, end: float) -> dict:
    """Lag from each acknowledgement to the first beamer frame counting that many people."""
    acks = sorted(p.acked_at for p in phones if p.acked_at is not None)
    lags = [beamer.lag(t, people=k) for k, t in enumerate(acks, start=1)]
    finite = [x for x in lags if x != float("inf")]
    refresh = beamer.refreshes(start, end)
    return {
        "beamer_lag_load_s": {
            "p50": round(pct(finite, 50), 2) if finite else None,
            "p95": round(pct(finite, 95), 2) if finite else None,
            "max": round(max(finite), 2) if finite else None,
            "never": len(lags) - len(finite),
        },
        "beamer_refresh_load_ms": {
            "n": len(refresh),
            "p50": ms(pct(refresh, 50)),
            "p95": ms(pct(refresh, 95)),
            "max": ms(max(refresh)) if refresh else None,
        },
    }


def verdict(sc: Scenario, r: dict) -> list[str]:
    """Which targets were missed (empty: all met)."""
    miss = []
    st = r["store"]
    p95 = r["submit_s"].get("p95")
    if sc.p95_target is not None and (p95 is None or p95 > sc.p95_target):
        miss.append(f"submit p95 {p95} s > {sc.p95_target} s")
    if sc.must_not_lose and st["lost_answers"]:
        miss.append(f"{st['lost_answers']} acknowledged answers lost")
    if sc.no_dup and st["duplicated_answers"]:
        miss.append(f"{st['duplicated_answers']} answers stored twice")
    if sc.no_errors and r["errors"]:
        miss.append(f"{r['errors']} phones with errors")
    rss = r.get("load", {}).get("rss_peak_mb")
    if sc.rss_target_mb and rss and rss > sc.rss_target_mb:
        miss.append(f"RSS {rss} MB > {sc.rss_target_mb} MB")
    lag = r.get("beamer_lag_load_s", {})
    if lag.get("max") is not None and (lag["max"] > PROJECTOR_LAG_TARGET or lag["never"]):
        miss.append(f"beamer lag under load max {lag['max']} s (never: {lag['never']})")
    idle = r.get("beamer_lag_idle_s", {})
    if idle.get("max") is not None and idle["max"] > PROJECTOR_LAG_TARGET:
        miss.append(f"beamer lag idle max {idle['max']} s")
    cpu = r.get("beamer_idle", {}).get("cpu_per_refresh_ms")
    if cpu is not None and cpu > 1000 * IDLE_CPU_TARGET:
        miss.append(f"beamer idle refresh {cpu} ms CPU > {1000 * IDLE_CPU_TARGET:.0f} ms")
    if r.get("beamer_error"):
        miss.append(f"beamer disconnected: {r['beamer_error']}")
    return miss


# -- profiling --------------------------------------------------------------------------------
def start_profiler(server: Server, folder: str, name: str) -> subprocess.Popen | None:
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).exists():
        print("py-spy not found: .venv/bin/pip install py-spy", file=sys.stderr)
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    out = Path(folder) / f"scenario-{name}.speedscope.json"
    return subprocess.Popen(
        [
            spy,
            "record",
            "-p",
            str(server.proc.pid),
            "-o",
            str(out),
            "-f",
            "speedscope",
            "-r",
            "100",
        ],
        stdout=subprocess.DEVNULL,
        stderr=open(Path(folder) / f"scenario-{name}.py-spy.log", "wb"),  # noqa: SIM115
    )


def profiling(server: Server, folder: str, name: str):
    proc = start_profiler(server, folder, name)
    return (lambda: stop_profiler(proc)) if proc else None


def stop_profiler(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(30)


# -- output -----------------------------------------------------------------------------------
COLUMNS = (
    ("scenario", "sc", lambda r: r["scenario"]),
    ("phones", "n", lambda r: r["participants"]),
    ("first render p50/p95 s", "render", lambda r: pair(r["first_render_s"])),
    ("submit p50/p95/max s", "submit", lambda r: triple(r["submit_s"])),
    ("errors", "err", lambda r: r["errors"]),
    ("acked/stored answers", "ack/stored", lambda r: ack_stored(r["store"])),
    ("lost/dup/unacked-stored", "lost/dup/ua", lambda r: lost_dup(r["store"])),
    ("RSS peak MB", "rss", lambda r: r.get("load", {}).get("rss_peak_mb")),
    ("CPU avg/peak %", "cpu", lambda r: cpu_pair(r.get("load", {}))),
    ("other CPU %", "other", lambda r: r.get("load", {}).get("other_cpu_avg_pct")),
    ("beamer lag load p95/max s", "lag load", lambda r: lag(r.get("beamer_lag_load_s"))),
    ("beamer lag idle max s", "lag idle", lambda r: r.get("beamer_lag_idle_s", {}).get("max")),
    (
        "beamer refresh load p50/p95 ms",
        "refresh",
        lambda r: pair(r.get("beamer_refresh_load_ms", {})),
    ),
    (
        "CPU/idle refresh ms",
        "cpu/refresh",
        lambda r: r.get("beamer_idle", {}).get("cpu_per_refresh_ms"),
    ),
    ("targets", "ok", lambda r: "ok" if not r["verdict"] else "MISSED"),
)


def pair(d: dict) -> str:
    return f"{d.get('p50')}/{d.get('p95')}" if d and d.get("p50") is not None else "-"


def triple(d: dict) -> str:
    return f"{d['p50']}/{d['p95']}/{d['max']}" if d.get("n") else "-"


def ack_stored(s: dict) -> str:
    return f"{s['acknowledged_answers']}/{s['stored_answers']}"


def lost_dup(s: dict) -> str:
    return f"{s['lost_answers']}/{s['duplicated_answers']}/{s['unacknowledged_but_stored_answers']}"


def cpu_pair(d: dict) -> str:
    return f"{d.get('server_cpu_avg_pct')}/{d.get('server_cpu_peak_pct')}" if d else "-"


def lag(d: dict | None) -> str:
    return f"{d['p95']}/{d['max']}" if d and d.get("p95") is not None else "-"


def table(results: list[dict]) -> str:
    rows = [[str(get(r)) for _, _, get in COLUMNS] for r in results]
    lines = ["| " + " | ".join(h for h, _, _ in COLUMNS) + " |"]
    lines.append("|" + "|".join("---" for _ in COLUMNS) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    for r in results:
        for miss in r["verdict"]:
            lines.append(f"- ({r['scenario']}) missed: {miss}")
        for kind, n in r.get("error_kinds", {}).items():
            lines.append(f"- ({r['scenario']}) {n} × {kind}")
        for line in r.get("server_log_problems", [])[:3]:
            lines.append(f"- ({r['scenario']}) server log: {line[:160]}")
    return "\n".join(lines)


def sizes(pairs: list[str], cast) -> dict[str, object]:
    out = {}
    for p in pairs:
        name, _, value = p.partition("=")
        if name not in SCENARIOS or not value:
            raise SystemExit(f"expected NAME=VALUE with NAME in {','.join(SCENARIOS)}: {p!r}")
        out[name] = cast(value)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-s", "--scenarios", default=",".join(SCENARIOS), help="e.g. a,b,c,d")
    ap.add_argument("-n", "--participants", action="append", default=[], help="NAME=N")
    ap.add_argument("--arrival", action="append", default=[], help="NAME=seconds")
    ap.add_argument("--impatient", type=float, help="share tapping twice (all scenarios)")
    ap.add_argument("--think", help="MIN,MAX seconds between form and submit")
    ap.add_argument("--no-projector", action="store_true", help="no beamer tab")
    ap.add_argument(
        "--server-arg",
        action="append",
        default=[],
        help="extra `streamlit run` option, e.g. --server-arg=--server.fileWatcherType=none",
    )
    ap.add_argument("--assets", action="store_true", help="phones also fetch the page's assets")
    ap.add_argument(
        "--answers",
        choices=("words", "tagged"),
        default="words",
        help="words: what a room types (checked per participant token); tagged: every answer "
        "unique (a worst case for the beamer's analysis: thousands of unknown words)",
    )
    ap.add_argument("--probe-rounds", type=int, default=6)
    ap.add_argument("--idle-seconds", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--profile", help="folder for py-spy speedscope profiles of the server")
    ap.add_argument("--workdir", help="where the databases and server logs go")
    ap.add_argument("--keep", action="store_true", help="keep databases and logs")
    args = ap.parse_args(argv)

    counts = sizes(args.participants, int)
    arrivals = sizes(args.arrival, float)
    chosen = []
    for name in args.scenarios.split(","):
        sc = SCENARIOS.get(name.strip())
        if sc is None:
            ap.error(f"unknown scenario {name!r}; known: {', '.join(SCENARIOS)}")
        changes: dict = {}
        if name in counts:
            changes["participants"] = counts[name]
        if name in arrivals:
            changes["arrival"] = arrivals[name]
        if args.impatient is not None:
            changes["impatient"] = args.impatient
        if args.think:
            lo, hi = (float(x) for x in args.think.split(","))
            changes["think"] = (lo, hi)
        chosen.append(Scenario(**{**asdict(sc), **changes}))

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="dna-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    raise_fd_limit()
    results = []
    for sc in chosen:
        print(f"scenario {sc.name}: {sc.title} ({sc.participants} phones) …", flush=True)
        t0 = time.monotonic()
        try:
            r = asyncio.run(run_scenario(sc, args, workdir))
        except (RuntimeError, StClientError) as e:
            print(f"scenario {sc.name} could not run: {e}", file=sys.stderr)
            return 2
        r["wall_s"] = round(time.monotonic() - t0, 1)
        results.append(r)
        print(table([r]).split("\n", 2)[2], flush=True)
    print()
    print(table(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))
        print(f"\nwrote {args.json}")
    if not args.keep and not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def raise_fd_limit() -> None:
    """500 websockets plus the server's files need more than the usual 1024 descriptors."""
    with contextlib.suppress(Exception):
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))


if __name__ == "__main__":
    sys.exit(main())
