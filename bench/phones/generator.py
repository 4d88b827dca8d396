"""The load generator's own health: its CPU and how late its event loop wakes. The bench
shares the machine with the server; a busy generator adds its own queueing to every latency
(SAT in the table)."""

from __future__ import annotations

import asyncio
import time

from bench.sampler import Sampler
from bench.stats import pct

SATURATED_CPU = 85.0  # % of one core: the generator's own CPU above this distorts latency
SATURATED_LAG = 0.050  # s: the event loop's p99 lag above this distorts latency


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
