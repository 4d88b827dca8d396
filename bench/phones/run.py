"""One run of a phones-bench scenario: a fresh database and server, the beamer, the phones,
the numbers of the load window, and the store checked phone by phone."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import gc
import random
import ssl
from pathlib import Path

from bench.beamer import Beamer, beamer_seen, idle_cpu
from bench.phones.generator import LoopLag, generator
from bench.phones.phone import Calls, Phone, answers_for, client, sentences
from bench.phones.report import verdict
from bench.phones.room import probe, run_answers, run_push
from bench.phones.scenarios import Scenario
from bench.phones.servers import Replicas, fresh_database
from bench.profiler import start_profiler
from bench.sampler import Sampler
from bench.server import Server
from bench.stats import dist
from bench.workshop import check_ballots, check_store, login, open_voting, seed
from dna.workshop.voting import Rules

QR_SHARE = 0.8  # phones that scan the QR code; the others type the code
START_TIMEOUT = 90.0  # s for a server to answer its health check


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
        # voting open with its values for the vote scenarios, values ready for push500
        code, ids = seed(url, args.values if sc.kind in ("votes", "push") else 0)
        if sc.kind == "votes":
            open_voting(url, code, Rules(args.dots, args.cap))
        if args.replicas > 1:
            server = Replicas(args.replicas, url, here, tuple(args.server_arg))
            result["replicas"] = args.replicas
        else:
            server = Server(url, here / "server.log", tuple(args.server_arg))
        server.start(START_TIMEOUT)
        # a server start with a newly configured password ends the sessions made before it
        cookie = login(url)
        tls = ssl.create_default_context()
        sampler = Sampler(server.pids())  # with replicas: all of them and nginx together
        lag = LoopLag()
        sampler.start()
        beamer = Beamer(server.url, code, cookie) if args.beamer else None
        calls, phones, probe_token, stop_profile = Calls(retry=args.retry), [], None, None
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
            if args.replicas == 1:  # py-spy on the server while phones act
                stop_profile = start_profiler(server.proc.pid, args.profile, f"{sc.name}-{run}")
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
            if stop_profile is not None:
                stop_profile()
                stop_profile = None
            await asyncio.sleep(2.5)  # the beamer's next refresh shows the last of them
            result.update(numbers(sc, args, calls, phones, sampler, lag, start, end))
            if sc.kind == "push":
                result["push_generator"] = generator(sampler, lag, *result["push"]["push_window"])
            if beamer is not None:
                if sc.kind == "answers":
                    result.update(beamer_seen(beamer, [p.acked_at for p in phones], start, end))
                    lags, probe_token = await probe(server.url, code, beamer, args, tls)
                    result["beamer_lag_idle_s"] = lags
                elif sc.kind == "votes":
                    acked = [p.vote_acked_at for p in phones]
                    result.update(beamer_seen(beamer, acked, start, end, "vote"))
                if beamer.client.is_open:
                    result["beamer_idle"] = await idle_cpu(sampler, beamer, args.idle_seconds)
                else:
                    result["beamer_error"] = beamer.client.closed_reason
            await sampler.stop()
            result["server_log_problems"] = server.log_problems()[:10]
        finally:
            if stop_profile is not None:
                stop_profile()
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
