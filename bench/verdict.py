"""The targets both load benches share, and the checks of a result against them: each returns
the targets missed, as the lines printed under the table ("missed: ...")."""

from __future__ import annotations

PROJECTOR_LAG_TARGET = 3.0  # s, submit acknowledged -> the beamer shows the new counts
IDLE_CPU_TARGET = 0.050  # s of server CPU per beamer refresh when nothing changed


def p95_missed(label: str, d: dict, target: float | None) -> list[str]:
    """A latency distribution (bench.stats.dist) whose p95 is over `target`, or missing."""
    p95 = d.get("p95")
    if target is not None and (p95 is None or p95 > target):
        return [f"{label} p95 {p95} s > {target} s"]
    return []


def rss_missed(load: dict, target: float | None) -> list[str]:
    """The server's peak RSS (a Sampler summary) over `target` MB."""
    rss = load.get("rss_peak_mb")
    if target and rss and rss > target:
        return [f"RSS {rss} MB > {target} MB"]
    return []


def lag_missed(r: dict, key: str, label: str) -> list[str]:
    lag = r.get(key, {})
    if lag.get("max") is not None and (lag["max"] > PROJECTOR_LAG_TARGET or lag["never"]):
        return [f"{label} max {lag['max']} s (never: {lag['never']})"]
    return []


def beamer_missed(r: dict, lags: dict[str, str]) -> list[str]:
    """The beamer's targets missed: each lag in `lags` (result key -> its label), the quiet
    room's lag, the idle refresh's CPU, and staying connected."""
    miss = [m for key, label in lags.items() for m in lag_missed(r, key, label)]
    idle = r.get("beamer_lag_idle_s", {})
    if idle.get("max") is not None and idle["max"] > PROJECTOR_LAG_TARGET:
        miss.append(f"beamer lag idle max {idle['max']} s")
    cpu = r.get("beamer_idle", {}).get("cpu_per_refresh_net_ms")  # the beamer's own share
    if cpu is not None and cpu > 1000 * IDLE_CPU_TARGET:
        miss.append(f"beamer idle refresh {cpu} ms CPU > {1000 * IDLE_CPU_TARGET:.0f} ms")
    if r.get("beamer_error"):
        miss.append(f"beamer disconnected: {r['beamer_error']}")
    return miss
