"""The facilitator's beamer tab, the one protocol client both live benches keep open: it
follows its 2 s `run_every` timer and remembers every count it was shown. From it: how soon a
new answer (or voter) reaches the beamer, under load and in a quiet room, and what a refresh
costs the server with nothing changing (the targets: bench/verdict.py)."""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections.abc import Awaitable, Callable

from bench.sampler import Sampler
from bench.stats import lag_dist, ms, pct
from bench.stclient import StClient, StClientError

COUNTS = re.compile(r"(\d+) deelnemers? · (\d+) antwoorden?")
VOTERS = re.compile(r"(\d+) stemmers")  # the beamer's head while voting (vote_voters)
SEEN = {  # phase -> the result's keys: lag from acknowledgement to beamer, refresh times
    "load": ("beamer_lag_load_s", "beamer_refresh_load_ms"),
    "vote": ("beamer_vote_lag_s", "beamer_refresh_vote_ms"),
}


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


async def probe_lags(
    beamer: Beamer,
    rounds: int,
    send: Callable[[int], Awaitable[tuple[float, int]]],
    wait: Callable[[Callable[[], bool]], Awaitable[object]],
) -> list[float]:
    """With the room quiet, a probe phone changes its answers `rounds` times (8, 7, 8, … of
    them, so every round changes the counts): the seconds from each acknowledgement until the
    beamer shows the new answer count. `send(k)` sends round k's answers and returns when they
    were acknowledged and how many the probe has stored now; `wait(done)` waits (at most 10 s)
    until `done()`."""
    rnd = random.Random(7)
    lags, mine = [], 0
    for k in range(rounds):
        others = (beamer.frames[-1][2] if beamer.frames else 0) - mine
        acked, mine = await send(k)
        expected = others + mine
        await wait(lambda e=expected, a=acked: beamer.lag(a, answers=e) < 99)
        lags.append(beamer.lag(acked, answers=expected))
        await asyncio.sleep(rnd.uniform(0.3, 2.3))
    return lags


def probe_summary(lags: list[float]) -> dict:
    finite = [x for x in lags if x != float("inf")]
    return {
        "p50": round(pct(finite, 50), 2) if finite else None,
        "max": round(max(lags), 2) if lags else None,
        "rounds": len(lags),
    }


async def idle_cpu(sampler: Sampler, beamer: Beamer, seconds: float) -> dict:
    """Server CPU per beamer refresh with nothing changing, minus an idle server's CPU."""
    await asyncio.sleep(2.5)  # let the probe's last refresh pass
    runs0, cpu0, t0 = len(beamer.refreshes()), sampler.cpu(), time.monotonic()
    await asyncio.sleep(seconds)
    runs1, cpu1, t1 = len(beamer.refreshes()), sampler.cpu(), time.monotonic()
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


def beamer_seen(
    beamer: Beamer, acked: list[float | None], start: float, end: float, phase: str = "load"
) -> dict:
    """From the k-th acknowledgement to the first beamer frame counting k people (phase
    "load") or k voters ("vote"), and how long the beamer's refreshes took in the window."""
    acks = sorted(t for t in acked if t is not None)
    if phase == "load":
        lags = [beamer.lag(t, people=k) for k, t in enumerate(acks, start=1)]
    else:
        lags = [beamer.vote_lag(t, voters=k) for k, t in enumerate(acks, start=1)]
    refresh = beamer.refreshes(start, end)
    lag_key, refresh_key = SEEN[phase]
    return {
        lag_key: lag_dist(lags),
        refresh_key: {
            "n": len(refresh),
            "p50": ms(pct(refresh, 50)),
            "p95": ms(pct(refresh, 95)),
            "max": ms(max(refresh)) if refresh else None,
        },
    }
