"""Wall-clock timing for the offline benches (time.perf_counter seconds)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object], repeat: int = 1) -> tuple[list[float], object]:
    """The seconds of `repeat` calls of fn, and the last call's result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


def clock(fn: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    """The median seconds of `repeat` calls of fn, and the last call's result."""
    times, result = timed(fn, repeat)
    return statistics.median(times), result


def cold_warm(
    make: Callable[[], object], fn: Callable[[object], object], runs: int = 5
) -> tuple[list[float], list[float], object]:
    """`runs` times: a fresh `make()` (empty caches: the first call after start-up), then fn on
    it twice. The first calls' seconds (cold), the second calls' (warm), and the last cold
    call's result."""
    cold, warm, result = [], [], None
    for _ in range(runs):
        fresh = make()
        t = time.perf_counter()
        result = fn(fresh)
        cold.append(time.perf_counter() - t)
        t = time.perf_counter()
        fn(fresh)
        warm.append(time.perf_counter() - t)
    return cold, warm, result
