"""How the phones bench's phones act: arriving, joining and sending (ramp or burst), the
push500 room of open streams, and the probe of a quiet room."""

from __future__ import annotations

import asyncio
import random
import secrets
import time
from dataclasses import dataclass

from bench.beamer import Beamer, probe_lags, probe_summary
from bench.phones.phone import (
    PER_PERSON,
    Calls,
    Phone,
    answers_for,
    call,
    cast,
    client,
    join,
    payload,
    send_answers,
    sentences,
)
from bench.stats import dist
from dna.records import DESIRED
from dna.store import Store
from dna.workshop.voting import Rules


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
    """A phone in a quiet room changes its answers through the API (bench.beamer's
    probe_lags); the lags' summary and the probe's token."""
    texts = answers_for(sentences(), "probe", 9999, args.answers == "tagged")
    calls, ph = Calls(), Phone(-1, texts, False, False)
    async with client(base, tls) as ph.http:
        await call(calls, ph, "join", "POST", "/api/join", {"code": code})

        async def send(k: int) -> tuple[float, int]:
            texts = dict(ph.texts)
            if k % 2:
                texts.pop(f"join_{DESIRED}_{PER_PERSON - 1}")
            body = {"answers": payload(texts), "team": None, "submission": secrets.token_hex(16)}
            r = await call(calls, ph, "answers", "POST", f"/api/w/{code}/answers", body)
            if r is None:
                raise RuntimeError(f"probe not acknowledged: {dict(calls.errors)}")
            return time.monotonic(), r.json()["saved"]

        lags = await probe_lags(beamer, args.probe_rounds, send, lambda done: until(done, 10.0))
        return probe_summary(lags), ph.http.cookies.get(f"dna_p_{code}")


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
