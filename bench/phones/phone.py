"""A phone of the phones bench: one `httpx.AsyncClient` (its own cookie jar, so its own token)
on the phone's page and JSON API (phone/API.md): what it sends, every request timed."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import json
import random
import re
import secrets
import ssl
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx

from bench import DATA
from bench.workshop import pick_ballot
from dna.intake.cleaning import clean_answer
from dna.records import CURRENT, DESIRED
from dna.workshop.voting import Rules

SENTENCES = DATA / "sentences_devset.csv"
QUESTION = {"huidig": CURRENT, "gewenst": DESIRED}
PER_PERSON = 4
STATIC = re.compile(r"/phone/phone\.(?:css|js)\?v=[0-9a-f]+")


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
    """Phone i's 4+4 answers, keyed like the old Streamlit form's keys (`join_current_0`). Tagged:
    each ends in a tag unique to the run, phone, question and position. Either way the store is
    checked phone by phone (its token), question and text (bench/workshop.py's check_store)."""
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
