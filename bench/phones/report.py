"""The phones bench's targets missed and its table (bench/README.md, "What each number
means")."""

from __future__ import annotations

from bench.phones.scenarios import Scenario
from bench.table import markdown, triple
from bench.verdict import beamer_missed, p95_missed, rss_missed

BEAMER_LAGS = {"beamer_lag_load_s": "beamer_lag_load_s", "beamer_vote_lag_s": "beamer_vote_lag_s"}


def verdict(sc: Scenario, r: dict) -> list[str]:
    miss = p95_missed(r["main"], r["latency"][r["main"]], sc.p95_target)
    miss += rss_missed(r["load"], sc.rss_target_mb)
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
    return miss + beamer_missed(r, BEAMER_LAGS)


def _label(r: dict) -> str:
    """burst200 #1, and what differs from the defaults: tagged/plain, PostgreSQL, replicas."""
    extra = [r.get("answers"), "pg" if r.get("database") == "postgresql" else None]
    extra.append(f"x{r['replicas']}" if r.get("replicas") else None)
    return " ".join([f"{r['scenario']} #{r['run']}", *filter(None, extra)])


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
    ("send p50/p95/max s", lambda r: triple(r["latency"].get(r["main"]))),
    ("server's own p50/p95/max s", lambda r: triple(r.get("server", {}).get(r["main"]))),
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
    lines = markdown(COLUMNS, results)
    for r in results:
        name = f"{r['scenario']} #{r['run']}"
        kinds = ", ".join(f"{k} {triple(d)}" for k, d in r["latency"].items() if d.get("n"))
        lines.append(f"- ({name}) latency p50/p95/max s: {kinds}")
        if "push" in r:
            p, g = r["push"], r["push_generator"]
            lines.append(
                f"- ({name}) push: {p['streams_open']} streams; voting opened -> state on the "
                f"phone p50/p95/max {triple(p['push_s'])} s, {p['push_missing']} never; bench "
                f"during the push {g['cpu_pct']} % CPU, loop lag p99 {g['loop_lag_p99_ms']} ms"
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
