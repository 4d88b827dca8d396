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

The v* scenarios run the whole flow: after every phone answered, the bench opens voting
through the store (candidate values seeded, Rules(dots, cap), answering closed, as the
facilitator's button does); each phone's own 15 s check finds the ballot, the phone puts its
dots and presses "Stem opslaan" (all dot controls and the button's trigger in one rerun, or
one rerun per tap with --taps), some twice, some change their vote, some drop and reconnect.
At the end the store must hold exactly one ballot per voting phone, equal to the last one it
was told is saved ("Je stem is opgeslagen"), and the tally must equal theirs.

    .venv/bin/python bench/bench_live.py                       # a,b,c,d: answers (about 6 min)
    .venv/bin/python bench/bench_live.py -s a,d --json out.json
    .venv/bin/python bench/bench_live.py -s c -n c=300 --arrival c=30
    .venv/bin/python bench/bench_live.py -s b --profile /tmp/prof   # py-spy on the server
    .venv/bin/python bench/bench_live.py -s votes --json votes.json  # the flow with voting
    .venv/bin/python bench/bench_live.py -s v200 -n v200=30 --arrival v200=10   # a smoke run

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
from dna.records import QUESTIONS  # noqa: E402
from dna.services import auth  # noqa: E402
from dna.store import Store  # noqa: E402
from dna.workshop.values import Value  # noqa: E402
from dna.workshop.voting import Rules, tally  # noqa: E402

PASSWORD = "bench-secret"
ACK = "Dank je"  # the Dutch success message starts like this
COUNTS = re.compile(r"(\d+) deelnemers? · (\d+) antwoorden?")
VOTE_ACK = "Je stem is opgeslagen"  # ui/texts_voting.py vote_saved (nl)
VOTERS = re.compile(r"(\d+) stemmers")  # the beamer's head while voting (vote_voters)
VOTE_KEY = re.compile(r"vote_dots_(\d+)_(\d+)$")  # ui/ballot.py: one control per value (id, cap)
VALUE_NAMES = (
    "Vertrouwen Samenwerking Eigenaarschap Plezier Lef Respect Openheid Vakmanschap "
    "Klantgericht Zorgzaam Nieuwsgierig Betrouwbaar"
).split()
PER_PERSON = 4
JOIN_PAGE = ""  # the QR link opens the app's root with ?code= (dna.services.participation.join_url)
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
    drop: float = 0.0  # share of phones that lose the connection (in each phase) and reconnect
    # the voting phase (after every phone answered): None = no voting in this scenario
    vote: bool = False
    vote_burst: bool = False  # everyone presses "Stem opslaan" in the same second
    vote_think: tuple[float, float] = (3.0, 10.0)  # s from the ballot shown to the press
    vote_impatient: float = 0.2  # share who press the vote button twice
    revote: float = 0.1  # share who change their vote a few seconds later
    taps: bool = False  # one rerun per dot tap (a real phone) before the press
    check_tap: float = 0.3  # share who tap "Kijk of het stemmen begonnen is" when no ballot yet
    kill: bool = False  # SIGKILL the server once a third has voted, restart it, phones reload
    vote_p95_target: float | None = None


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
    # the whole flow: join -> 4+4 answers -> voting opens -> ballot (-> some change it)
    "v50": Scenario(
        "v50",
        "flow: 50 over 30 s, then vote",
        50,
        30.0,
        p95_target=0.5,
        vote=True,
        vote_p95_target=0.5,
    ),
    "v200": Scenario(
        "v200",
        "flow: 200 over 45 s, then vote",
        200,
        45.0,
        p95_target=0.5,
        vote=True,
        vote_p95_target=0.5,
    ),
    "v500": Scenario(
        "v500",
        "flow: 500 over 60 s, then vote",
        500,
        60.0,
        p95_target=1.5,
        rss_target_mb=1536,
        no_errors=True,
        vote=True,
        vote_p95_target=1.5,
    ),
    "vburst": Scenario(
        "vburst",
        "flow: 200, all vote in the same second",
        200,
        30.0,
        p95_target=0.5,
        vote=True,
        vote_burst=True,
        vote_p95_target=2.0,
    ),
    "vdouble": Scenario(
        "vdouble",
        "flow: 200, everyone taps twice",
        200,
        45.0,
        impatient=1.0,
        p95_target=0.5,
        vote=True,
        vote_impatient=1.0,
        vote_p95_target=0.5,
    ),
    "vdrop": Scenario(
        "vdrop",
        "flow: 200, 25% drop and reconnect",
        200,
        45.0,
        p95_target=0.5,
        drop=0.25,
        vote=True,
        vote_p95_target=0.5,
    ),
    "vkill": Scenario(
        "vkill",
        "flow: 200, server killed mid-vote, restarted",
        200,
        45.0,
        p95_target=0.5,
        vote=True,
        kill=True,
    ),
}
GROUPS = {  # -s NAME: several scenarios
    "answers": "a,b,c,d",
    "votes": "v50,v200,v500,vburst,vdouble,vdrop,vkill",
    "all": ",".join(SCENARIOS),
}
PROJECTOR_LAG_TARGET = 3.0  # s, submit acknowledged -> the beamer shows the new counts
IDLE_CPU_TARGET = 0.050  # s of server CPU per beamer refresh when nothing changed


# -- the server ---------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `streamlit run serve.py` on a free port, with its own database file and log."""

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
                "serve.py",
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
        """The server's CPU seconds so far (the last known, once it is gone: vkill)."""
        with contextlib.suppress(psutil.Error):
            t = self.proc.cpu_times()
            self._last_cpu = t.user + t.system
        return getattr(self, "_last_cpu", 0.0)

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
    drops: int = 0  # times this phone lost its connection (and reconnected)
    resumed: int = 0  # reconnects that found their old server session again
    in_flight: int = 0  # submits/votes sent just before the connection dropped (not acked)
    # voting
    ballot_seen: float | None = None  # s from voting opened to the ballot on the phone
    vote_s: list[float] = field(default_factory=list)  # s from press to "Je stem is opgeslagen"
    vote_acked_at: float | None = None  # the first vote acknowledged (monotonic)
    ballot: dict[int, int] | None = None  # the last ballot the phone was told is saved
    vote_runs: int = 0
    tap_s: list[float] = field(default_factory=list)  # --taps: s from a dot tap to its rerun's end
    vote_done: bool = False
    check_taps: int = 0  # taps on "Kijk of het stemmen begonnen is"
    vote_at: list[float] = field(default_factory=list)  # s from voting opened to each press
    vote_error: str | None = None


@dataclass
class Voting:
    """What the bench tells the phones about the voting phase."""

    rules: Rules
    opened: asyncio.Event = field(default_factory=asyncio.Event)
    opened_at: float = 0.0
    burst: asyncio.Event = field(default_factory=asyncio.Event)
    wait: float = 75.0  # s a phone waits for the ballot to appear before it gives up


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
    from dna.intake.ingest import clean_answer

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
    voting: Voting | None = None,
) -> None:
    await asyncio.sleep(max(0.0, start + at - time.monotonic()))
    t0 = time.monotonic()
    client = StClient(base, page=JOIN_PAGE, query=f"code={code}", timeout=60)
    drops = rnd.random() < sc.drop
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
        if drops:
            states = client.submit_states(ph.texts, button="join_submit")
            await drop_and_resume(client, ph, rnd, states)
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
    except Exception as e:  # noqa: BLE001 - every failure is a result, e.g. httpx timeouts
        ph.error = f"{type(e).__name__}: {e}"
    try:
        if voting is not None and ph.error is None:
            await vote(ph, client, sc, voting, rnd, drops)
    except Exception as e:  # noqa: BLE001
        ph.vote_error = f"{type(e).__name__}: {e}"
    finally:
        ph.vote_done = True
    try:
        await done.wait()  # the phone stays on the page until the session ends
    finally:
        await client.close()


async def drop_and_resume(
    client: StClient,
    ph: Phone,
    rnd: random.Random,
    states: list | None = None,
    fragment_id: str = "",
) -> None:
    """Lose the connection, come back 1-5 s later to the same server session (the URL keeps
    the code and token), and rerun with the page's widget values, as a browser tab does.
    Half the time the phone first sends `states` (a submit) and drops 0-50 ms later: the
    server may store it, but the phone never hears so, and its user presses again."""
    if states is not None and rnd.random() < 0.5:
        await client.send_rerun(states, fragment_id)
        ph.in_flight += 1
        await asyncio.sleep(rnd.uniform(0, 0.05))
    old = client.session_id
    await client.drop()
    ph.drops += 1
    await asyncio.sleep(rnd.uniform(1.0, 5.0))
    await client.reconnect(same_session=True, keep_state=True)
    ph.resumed += client.session_id == old


def pick_ballot(rnd: random.Random, value_ids: list[int], rules: Rules) -> dict[int, int]:
    """A ballot a person might fill in: mostly every dot, popular values more often."""
    total = rules.dots if rnd.random() < 0.8 else rnd.randint(1, rules.dots)
    weights = [1 / (rank + 1) for rank in range(len(value_ids))]
    ballot = dict.fromkeys(value_ids, 0)
    for _ in range(total):
        free = [(v, w) for v, w in zip(value_ids, weights, strict=True) if ballot[v] < rules.cap]
        v = rnd.choices([v for v, _ in free], [w for _, w in free])[0]
        ballot[v] += 1
    return ballot


def ballot_controls(client: StClient) -> dict[int, str]:
    """The ballot on the page: value id -> the key of its dots control."""
    out = {}
    for w in client.widgets():
        m = VOTE_KEY.match(w.key or "")
        if m:
            out[int(m.group(1))] = w.key
    return out


async def vote(
    ph: Phone, client: StClient, sc: Scenario, voting: Voting, rnd: random.Random, drops: bool
) -> None:
    """Wait for the ballot (the page's own check finds that voting opened: every 15 s in a
    small room, up to 60 s in a big one; some tap the check button after reading the beamer's
    hint), think, put the dots, press "Stem opslaan"; maybe twice, maybe change the vote later."""
    await voting.opened.wait()

    def shown() -> bool:
        return client.is_open and "vote_submit" in {w.key for w in client.widgets()}

    if rnd.random() < sc.check_tap:  # reads the beamer's hint 3-20 s later, taps if no ballot
        with contextlib.suppress(StClientError):
            await client.wait_for(shown, rnd.uniform(3.0, 20.0))
        if not shown() and client.is_open and "vote_check" in {w.key for w in client.widgets()}:
            ph.check_taps += 1
            await client.click("vote_check")
    await client.wait_for(shown, max(1.0, voting.wait - (time.monotonic() - voting.opened_at)))
    ph.ballot_seen = time.monotonic() - voting.opened_at
    controls = ballot_controls(client)
    if len(controls) < 2:
        raise StClientError(f"ballot has {len(controls)} values: {client.texts()[:4]}")
    if sc.vote_burst:
        await voting.burst.wait()
        await asyncio.sleep(rnd.uniform(0, 1.0))
    else:
        await asyncio.sleep(rnd.uniform(*sc.vote_think))
    rounds = 2 if rnd.random() < sc.revote else 1
    for k in range(rounds):
        if k:  # a change of mind a few seconds later
            await asyncio.sleep(rnd.uniform(2.0, 6.0))
        ballot = pick_ballot(rnd, sorted(controls), voting.rules)
        values = {}
        for vid, key in controls.items():
            values[key] = client.options(key)[ballot[vid]]
        if sc.taps:  # one rerun per control changed, as a phone sends each tap
            for key, label in values.items():
                if client.widget(key).value not in ([label], label):
                    states = client.page_states({key: label})
                    tap = await client.run(states, fragment_id=client.fragment_of(key))
                    ph.tap_s.append(tap.done_at - tap.sent[0])
                    await asyncio.sleep(rnd.uniform(0.3, 1.0))
        if drops and k == 0:
            states = client.press_states("vote_submit", values)
            await drop_and_resume(client, ph, rnd, states, client.fragment_of("vote_submit"))
        gap = rnd.uniform(0, sc.double_gap) if k == 0 and rnd.random() < sc.vote_impatient else None
        out = await client.press("vote_submit", values, repeat_after=gap)
        ph.vote_runs = max(ph.vote_runs, len(out.runs))
        acked = out.first_alert_at(SUCCESS, VOTE_ACK)
        if acked is None:
            raise StClientError(f"vote not acknowledged: {out.errors or client.texts()[-2:]}")
        ph.vote_s.append(acked - out.sent[0])
        ph.vote_at.append(out.sent[0] - voting.opened_at)
        ph.vote_acked_at = ph.vote_acked_at or acked
        ph.ballot = {v: n for v, n in ballot.items() if n}


# -- the beamer -------------------------------------------------------------------------------
class Beamer:
    """The facilitator's projector tab; remembers every counts line it was sent."""

    def __init__(self, base: str, code: str, cookie: str):
        self.frames: list[tuple[float, int, int]] = []  # received, participants, answers
        self.vote_frames: list[tuple[float, int]] = []  # received, voters (during voting)
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
            m = VOTERS.search(el.html.body)
            if m:
                self.vote_frames.append((now, int(m.group(1))))

    async def open(self) -> float:
        t0 = time.monotonic()
        await self.client.connect()
        out = await self.client.run()
        if not self.frames and not self.vote_frames:
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

    def vote_lag(self, at: float, voters: int) -> float:
        """Seconds from `at` to the first frame showing at least this many voters (inf: never)."""
        for t, n in self.vote_frames:
            if t >= at and n >= voters:
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
    await asyncio.sleep(seconds)
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
    if sc.vote:  # the candidate values the facilitator made from the answers
        for name in (VALUE_NAMES * 10)[: args.values]:
            seed_store.add_value(workshop.code, Value(name))
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
        voting = Voting(Rules(args.dots, args.cap), wait=args.ballot_wait) if sc.vote else None
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
                    voting,
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
        if profiler is not None:  # the vote phase gets a profile of its own
            stop_profiler(profiler)
            profiler = None
            if voting is not None:
                profiler = start_profiler(server, args.profile, f"{sc.name}-vote")
        await asyncio.sleep(2.5)
        result["load"] = sampler.summary(start, load_end + 2.5)
        if voting is not None:
            result.update(
                await vote_phase(server, workshop.code, voting, phones, tasks, sampler, sc, args)
            )
            if sc.kill:  # the same database, a new process; every phone reloads its link
                t_restart = time.monotonic()
                server.start()
                result["restart_s"] = round(time.monotonic() - t_restart, 2)
                result["reload"] = await reload_phones(server.url, workshop.code, phones)
            if profiler is not None:
                stop_profiler(profiler)
                profiler = None
        done.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        if sc.burst:  # from the burst to the last acknowledgement
            result["load"]["burst_s"] = round(load_end - burst_at, 2)
            result["load"]["burst_server_cpu_s"] = round(load_cpu - burst_cpu, 2)
            result["load"]["burst_server_cpu_pct"] = round(
                100 * (load_cpu - burst_cpu) / (load_end - burst_at), 1
            )
        result.update(summarise(phones))
        if voting is not None:
            result.update(summarise_votes(phones))
        if beamer is not None:
            result.update(beamer_under_load(beamer, phones, start, load_end))
            if voting is not None:
                result.update(beamer_during_vote(beamer, phones, *result["vote_window"]))
            if not beamer.client.is_open:
                result["beamer_error"] = beamer.client.closed_reason
            else:
                if voting is None:  # the probe answers through the form (closed for voting)
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
    if voting is not None:
        result["ballots"] = check_ballots(server.db_url, workshop.code, phones)
    result["verdict"] = verdict(sc, result)
    if not args.keep:
        shutil.rmtree(here, ignore_errors=True)
    return result


async def vote_phase(
    server: Server,
    code: str,
    voting: Voting,
    phones: list[Phone],
    tasks: list[asyncio.Task],
    sampler: Sampler,
    sc: Scenario,
    args,
) -> dict:
    """Open voting as the facilitator's button does (voting open with its rules, answering
    closed), let the phones find their ballot and vote; returns the phase's numbers."""
    store = Store(server.db_url)
    try:
        store.set_voting(code, "open", voting.rules)
        if not args.keep_answering:
            store.set_phase(code, "closed")
    finally:
        store.engine.dispose()
    voting.opened_at, cpu0 = time.monotonic(), sampler.cpu()
    voting.opened.set()
    out: dict = {}
    if sc.kill:  # SIGKILL once a third has an acknowledged ballot, votes still coming in

        async def kill() -> None:
            while sum(p.ballot is not None for p in phones) < len(phones) // 3:
                await asyncio.sleep(0.02)
            out["killed_after_s"] = round(time.monotonic() - voting.opened_at, 2)
            out["killed_with_ballots_acked"] = sum(p.ballot is not None for p in phones)
            server.stop(kill=True)

        killer = asyncio.create_task(kill())

    def waiting(ready) -> bool:
        return not all(
            ready(p) or p.vote_done or t.done() for p, t in zip(phones, tasks, strict=True)
        )

    if sc.vote_burst:  # everyone has the ballot (or gave up), then all press in one second
        limit = time.monotonic() + voting.wait + 5.0
        while waiting(lambda p: p.ballot_seen is not None) and time.monotonic() < limit:
            await asyncio.sleep(0.2)
        out["ballot_before_burst"] = sum(p.ballot_seen is not None for p in phones)
        burst_at, burst_cpu = time.monotonic(), sampler.cpu()
        voting.burst.set()
    while waiting(lambda p: False):
        await asyncio.sleep(0.2)
    end, cpu1 = time.monotonic(), sampler.cpu()
    if sc.kill:
        killer.cancel()
    await asyncio.sleep(2.5)  # the beamer's next refresh shows the last votes
    out["vote_window"] = (voting.opened_at, end)
    out["vote_load"] = sampler.summary(voting.opened_at, end + 2.5)
    out["vote_load"]["phase_server_cpu_s"] = round(cpu1 - cpu0, 2)
    if sc.vote_burst:
        out["vote_load"]["burst_s"] = round(end - burst_at, 2)
        out["vote_load"]["burst_server_cpu_s"] = round(cpu1 - burst_cpu, 2)
        out["vote_load"]["burst_server_cpu_pct"] = round(
            100 * (cpu1 - burst_cpu) / max(end - burst_at, 1e-6), 1
        )
    return out


async def reload_phones(base: str, code: str, phones: list[Phone]) -> dict:
    """After the restart every phone opens its link again (`?code=…&p=TOKEN`, a new session):
    a phone told its ballot was saved must find those dots on its ballot; a phone that was
    not told votes now, as its user would (and must be told it is saved)."""
    rnd = random.Random(7)
    out = Counter()
    seconds: list[float] = []

    async def one(ph: Phone) -> None:
        await asyncio.sleep(rnd.uniform(0, 5.0))
        client = StClient(base, page=JOIN_PAGE, query=f"code={code}&p={ph.token}", timeout=60)
        try:
            t0 = time.monotonic()
            await client.connect()
            await client.run()
            seconds.append(time.monotonic() - t0)
            controls = ballot_controls(client)
            if not controls:
                out["no_ballot"] += 1
                return
            shown = {}
            for vid, key in controls.items():
                value = client.widget(key).value
                label = value[0] if isinstance(value, list | tuple) else value
                shown[vid] = client.options(key).index(label) if label else 0
            shown = {v: n for v, n in shown.items() if n}
            if ph.ballot is not None:
                out["ballot_back" if shown == ph.ballot else "ballot_wrong"] += 1
                return
            out["in_flight_stored" if shown else "not_voted_yet"] += 1
            ballot = pick_ballot(rnd, sorted(controls), Rules(3, 2))
            labels = {controls[v]: client.options(controls[v])[n] for v, n in ballot.items()}
            press = await client.press("vote_submit", labels)
            if press.first_alert_at(SUCCESS, VOTE_ACK) is None:
                out["vote_after_reload_failed"] += 1
            else:
                out["voted_after_reload"] += 1
                ph.ballot = {v: n for v, n in ballot.items() if n}
        except (StClientError, OSError) as e:
            out[f"error: {type(e).__name__}"] += 1
        finally:
            await client.close()

    await asyncio.gather(*(one(p) for p in phones if p.token))
    return {**dict(out), "reload_s": dist(seconds)}


def summarise_votes(phones: list[Phone]) -> dict:
    errors = Counter(re.sub(r"\d+", "N", p.vote_error)[:120] for p in phones if p.vote_error)
    return {
        "voters": sum(1 for p in phones if p.ballot is not None),
        "ballot_seen_s": dist([p.ballot_seen for p in phones]),
        "vote_s": dist([s for p in phones for s in p.vote_s]),
        "tap_s": dist([s for p in phones for s in p.tap_s]),
        "votes_acknowledged": sum(len(p.vote_s) for p in phones),
        "revotes": sum(1 for p in phones if len(p.vote_s) > 1),
        "check_taps": sum(p.check_taps for p in phones),
        "vote_timeline": sorted(  # (s after voting opened, s to acknowledge) of every press
            (round(at, 2), round(s, 3))
            for p in phones
            for at, s in zip(p.vote_at, p.vote_s, strict=True)
        ),
        "vote_errors": sum(1 for p in phones if p.vote_error),
        "vote_error_kinds": dict(errors.most_common(5)),
        "runs_per_vote_max": max((p.vote_runs for p in phones), default=0),
    }


def check_ballots(db_url: str, code: str, phones: list[Phone]) -> dict:
    """The ballots in the store against what each phone was last told is saved: one per
    voting phone, equal to its last acknowledged ballot; the tally equals theirs."""
    store = Store(db_url)
    try:
        rows = store.ballots(code)
        held = {p.i: store.ballot(code, p.token) if p.token else {} for p in phones}
        value_ids = [v.id for v in store.values(code)]
    finally:
        store.engine.dispose()
    acked = [p for p in phones if p.ballot is not None]
    wrong = [p for p in acked if held[p.i] != p.ballot]
    stored_tally = tally([b for b, _ in rows], value_ids)
    acked_tally = tally([p.ballot for p in acked], value_ids)
    return {
        "acknowledged_ballots": len(acked),
        "stored_ballots": len(rows),
        # acknowledged, but the store holds another ballot for that phone (or none)
        "lost_ballots": sum(1 for p in wrong if not held[p.i]),
        "wrong_ballots": sum(1 for p in wrong if held[p.i]),
        # rows beyond one per phone: a ballot stored twice, or one that belongs to no phone
        "extra_ballots": len(rows) - sum(1 for p in phones if held[p.i]),
        "unacknowledged_but_stored_ballots": sum(
            1 for p in phones if p.ballot is None and held[p.i]
        ),
        "dots_stored": sum(stored_tally.dots.values()),
        "dots_acknowledged": sum(acked_tally.dots.values()),
        "tally_matches": stored_tally == acked_tally,
    }


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
        "drops": sum(p.drops for p in phones),
        "drops_resumed_session": sum(p.resumed for p in phones),
        "drops_in_flight": sum(p.in_flight for p in phones),
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
    refresh = beamer.refreshes(start, end)
    return {
        "beamer_lag_load_s": lag_dist(
            [beamer.lag(t, people=k) for k, t in enumerate(acks, start=1)]
        ),
        "beamer_refresh_load_ms": {
            "n": len(refresh),
            "p50": ms(pct(refresh, 50)),
            "p95": ms(pct(refresh, 95)),
            "max": ms(max(refresh)) if refresh else None,
        },
    }


def lag_dist(lags: list[float]) -> dict:
    finite = [x for x in lags if x != float("inf")]
    return {
        "p50": round(pct(finite, 50), 2) if finite else None,
        "p95": round(pct(finite, 95), 2) if finite else None,
        "max": round(max(finite), 2) if finite else None,
        "never": len(lags) - len(finite),
    }


def beamer_during_vote(beamer: Beamer, phones: list[Phone], start: float, end: float) -> dict:
    """Lag from each first vote acknowledged to the first frame counting that many voters,
    and how long the vote chart's refreshes took while the room voted."""
    acks = sorted(p.vote_acked_at for p in phones if p.vote_acked_at is not None)
    refresh = beamer.refreshes(start, end)
    return {
        "beamer_vote_lag_s": lag_dist(
            [beamer.vote_lag(t, voters=k) for k, t in enumerate(acks, start=1)]
        ),
        "beamer_refresh_vote_ms": {
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
    cpu = r.get("beamer_idle", {}).get("cpu_per_refresh_net_ms")  # the beamer's own share
    if cpu is not None and cpu > 1000 * IDLE_CPU_TARGET:
        miss.append(f"beamer idle refresh {cpu} ms CPU > {1000 * IDLE_CPU_TARGET:.0f} ms")
    if r.get("beamer_error") and not sc.kill:  # vkill: the beamer dies with the server
        miss.append(f"beamer disconnected: {r['beamer_error']}")
    if sc.vote:
        miss += vote_verdict(sc, r)
    return miss


def vote_verdict(sc: Scenario, r: dict) -> list[str]:
    miss = []
    if sc.kill:  # after the restart every phone finds its ballot, or votes and is told so
        bad = {
            k: n
            for k, n in r["reload"].items()
            if k != "reload_s"
            and not k.startswith(
                ("ballot_back", "in_flight_stored", "not_voted_yet", "voted_after_reload")
            )
        }
        if bad:
            miss.append(f"after the restart: {bad}")
    b = r["ballots"]
    p95 = r["vote_s"].get("p95")
    if sc.vote_p95_target is not None and (p95 is None or p95 > sc.vote_p95_target):
        miss.append(f"vote p95 {p95} s > {sc.vote_p95_target} s")
    if b["lost_ballots"] or b["wrong_ballots"]:
        miss.append(f"ballots lost {b['lost_ballots']}, not the acknowledged {b['wrong_ballots']}")
    if b["extra_ballots"]:
        miss.append(f"{b['extra_ballots']} ballots counted twice or for no phone")
    if not b["tally_matches"] and not (sc.kill and b["unacknowledged_but_stored_ballots"]):
        miss.append(f"tally {b['dots_stored']} dots != acknowledged {b['dots_acknowledged']}")
    if sc.no_errors and r["vote_errors"]:
        miss.append(f"{r['vote_errors']} phones with errors while voting")
    rss = r.get("vote_load", {}).get("rss_peak_mb")
    if sc.rss_target_mb and rss and rss > sc.rss_target_mb:
        miss.append(f"RSS while voting {rss} MB > {sc.rss_target_mb} MB")
    lag = r.get("beamer_vote_lag_s", {})
    if sc.kill:
        pass  # votes acknowledged after the restart reach no beamer: it died with the server
    elif lag.get("max") is not None and (lag["max"] > PROJECTOR_LAG_TARGET or lag["never"]):
        miss.append(f"beamer vote lag max {lag['max']} s (never: {lag['never']})")
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
            "--gil",  # only the thread holding the GIL: where the server's CPU goes
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
        "CPU/idle refresh ms (server/beamer)",
        "cpu/refresh",
        lambda r: pair(
            {
                "p50": r.get("beamer_idle", {}).get("cpu_per_refresh_ms"),
                "p95": r.get("beamer_idle", {}).get("cpu_per_refresh_net_ms"),
            }
        ),
    ),
    ("targets", "ok", lambda r: "ok" if not r["verdict"] else "MISSED"),
)


VOTE_COLUMNS = (
    ("scenario", lambda r: r["scenario"]),
    ("voters", lambda r: r["voters"]),
    ("ballot shown p50/p95/max s", lambda r: triple(r["ballot_seen_s"])),
    ("vote p50/p95/max s", lambda r: triple(r["vote_s"])),
    ("vote errors", lambda r: r["vote_errors"]),
    ("acked/stored ballots", lambda r: ballots_pair(r["ballots"])),
    ("lost/wrong/extra/unacked-stored", lambda r: ballots_bad(r["ballots"])),
    ("tally = acked", lambda r: "yes" if r["ballots"]["tally_matches"] else "NO"),
    ("revotes", lambda r: r["revotes"]),
    ("drops (same session/in flight)", lambda r: drops(r)),
    ("RSS peak MB", lambda r: r.get("vote_load", {}).get("rss_peak_mb")),
    ("CPU avg/peak %", lambda r: cpu_pair(r.get("vote_load", {}))),
    ("other CPU %", lambda r: r.get("vote_load", {}).get("other_cpu_avg_pct")),
    ("beamer vote lag p95/max s", lambda r: lag(r.get("beamer_vote_lag_s"))),
    ("beamer refresh vote p50/p95 ms", lambda r: pair(r.get("beamer_refresh_vote_ms", {}))),
    ("targets", lambda r: "ok" if not r["verdict"] else "MISSED"),
)


def ballots_pair(b: dict) -> str:
    return f"{b['acknowledged_ballots']}/{b['stored_ballots']}"


def ballots_bad(b: dict) -> str:
    return (
        f"{b['lost_ballots']}/{b['wrong_ballots']}/{b['extra_ballots']}"
        f"/{b['unacknowledged_but_stored_ballots']}"
    )


def drops(r: dict) -> str:
    return f"{r['drops']} ({r['drops_resumed_session']}/{r['drops_in_flight']})"


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
    voted = [r for r in results if "ballots" in r]
    if voted:
        lines += ["", "Voting:"]
        lines.append("| " + " | ".join(h for h, _ in VOTE_COLUMNS) + " |")
        lines.append("|" + "|".join("---" for _ in VOTE_COLUMNS) + "|")
        lines += ["| " + " | ".join(str(get(r)) for _, get in VOTE_COLUMNS) + " |" for r in voted]
    for r in results:
        for miss in r["verdict"]:
            lines.append(f"- ({r['scenario']}) missed: {miss}")
        for kind, n in r.get("error_kinds", {}).items():
            lines.append(f"- ({r['scenario']}) {n} × {kind}")
        for kind, n in r.get("vote_error_kinds", {}).items():
            lines.append(f"- ({r['scenario']}) voting: {n} × {kind}")
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
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="scenarios: "
        + "; ".join(f"{sc.name}: {sc.title}" for sc in SCENARIOS.values())
        + "; groups: "
        + "; ".join(f"{k} = {v}" for k, v in GROUPS.items())
        + ". See bench/README.md for the full runs and what each number means.",
    )
    ap.add_argument(
        "-s",
        "--scenarios",
        default=GROUPS["answers"],
        help="comma-separated scenario names or groups (default: %(default)s; "
        "votes: the whole flow with voting; all: every scenario)",
    )
    ap.add_argument(
        "-n",
        "--participants",
        action="append",
        default=[],
        metavar="NAME=N",
        help="phones in scenario NAME (repeatable), e.g. -n v200=50",
    )
    ap.add_argument(
        "--arrival",
        action="append",
        default=[],
        metavar="NAME=SECONDS",
        help="spread the phones' arrival over this many seconds in scenario NAME (repeatable)",
    )
    ap.add_argument(
        "--impatient",
        type=float,
        metavar="SHARE",
        help="share of phones tapping the answer submit twice, 0..20 ms apart (all scenarios)",
    )
    ap.add_argument(
        "--think",
        metavar="MIN,MAX",
        help="seconds between the form shown and the answer submit (default 2,6)",
    )
    ap.add_argument(
        "--drop",
        type=float,
        metavar="SHARE",
        help="share of phones that lose the connection in each phase (while thinking, or 0-50 "
        "ms after sending) and reconnect to their session 1-5 s later (all scenarios; vdrop: "
        "0.25)",
    )
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
    vote = ap.add_argument_group("voting (the v* scenarios)")
    vote.add_argument(
        "--values",
        type=int,
        default=8,
        help="candidate values on the ballot, seeded through the store (default %(default)s)",
    )
    vote.add_argument("--dots", type=int, default=3, help="dots per voter (default %(default)s)")
    vote.add_argument(
        "--cap", type=int, default=2, help="most dots on one value (default %(default)s)"
    )
    vote.add_argument(
        "--vote-think",
        metavar="MIN,MAX",
        help="seconds from the ballot shown to the press (default 3,10; not in vburst)",
    )
    vote.add_argument(
        "--vote-impatient",
        type=float,
        metavar="SHARE",
        help="share of phones pressing the vote button twice, 0..20 ms apart (default 0.2; "
        "vdouble: 1)",
    )
    vote.add_argument(
        "--revote",
        type=float,
        metavar="SHARE",
        help="share of voters who change their ballot 2-6 s later (default 0.1)",
    )
    vote.add_argument(
        "--taps",
        action="store_true",
        help="one rerun per dot control changed before the press, as a real phone sends "
        "(default: all dots and the press in one rerun, the minimum)",
    )
    vote.add_argument(
        "--check-tap",
        type=float,
        metavar="SHARE",
        help="share of phones that tap 'Kijk of het stemmen begonnen is' 3-20 s after voting "
        "opened when their ballot has not appeared yet (default 0.3)",
    )
    vote.add_argument(
        "--keep-answering",
        action="store_true",
        help="leave answering open when voting opens (the app closes it by default)",
    )
    vote.add_argument(
        "--ballot-wait",
        type=float,
        default=75.0,
        metavar="SECONDS",
        help="a phone gives up when its ballot has not appeared this long after voting opened "
        "(a waiting page checks every 15-60 s, by room size; default %(default)s)",
    )
    ap.add_argument(
        "--probe-rounds",
        type=int,
        default=6,
        help="answer scenarios: times a probe phone changes its answers in a quiet room, to "
        "time the beamer (default %(default)s)",
    )
    ap.add_argument(
        "--idle-seconds",
        type=float,
        default=20.0,
        help="seconds of beamer refreshes with nothing changing, for the CPU per refresh "
        "(default %(default)s)",
    )
    ap.add_argument("--seed", type=int, default=1, help="random seed (default %(default)s)")
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--profile", help="folder for py-spy speedscope profiles of the server")
    ap.add_argument("--workdir", help="where the databases and server logs go")
    ap.add_argument("--keep", action="store_true", help="keep databases and logs")
    args = ap.parse_args(argv)

    counts = sizes(args.participants, int)
    arrivals = sizes(args.arrival, float)
    chosen = []
    names = [GROUPS.get(n.strip(), n.strip()) for n in args.scenarios.split(",")]
    for name in ",".join(names).split(","):
        sc = SCENARIOS.get(name)
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
        if args.drop is not None:
            changes["drop"] = args.drop
        if args.vote_think:
            lo, hi = (float(x) for x in args.vote_think.split(","))
            changes["vote_think"] = (lo, hi)
        if args.vote_impatient is not None:
            changes["vote_impatient"] = args.vote_impatient
        if args.revote is not None:
            changes["revote"] = args.revote
        if args.taps:
            changes["taps"] = True
        if args.check_tap is not None:
            changes["check_tap"] = args.check_tap
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
        print(table([r]), flush=True)
        if "reload" in r:  # vkill
            kill = {k: r.get(k) for k in ("killed_after_s", "killed_with_ballots_acked")}
            print(f"killed: {kill}; restart {r['restart_s']} s; reload: {r['reload']}")
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
