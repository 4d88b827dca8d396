"""Percentiles and the distributions the load benches report (nearest rank, rounded)."""

from __future__ import annotations

import statistics


def pct(values: list[float], p: float) -> float | None:
    """The p-th percentile by nearest rank (None of nothing)."""
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return None
    k = max(0, min(len(vals) - 1, round(p / 100 * len(vals) + 0.5) - 1))
    return vals[k]


def ms(v: float | None) -> float | None:
    return None if v is None else round(1000 * v, 1)


def dist(values: list[float | None]) -> dict:
    """n, p50, p95, max and mean (s, 3 decimals) of the values that are there."""
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


def lag_dist(lags: list[float]) -> dict:
    """p50, p95 and max of the lags that ended (2 decimals), and how many never did (inf)."""
    finite = [x for x in lags if x != float("inf")]
    return {
        "p50": round(pct(finite, 50), 2) if finite else None,
        "p95": round(pct(finite, 95), 2) if finite else None,
        "max": round(max(finite), 2) if finite else None,
        "never": len(lags) - len(finite),
    }
