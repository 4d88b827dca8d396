"""What the server costs while the phones act: its RSS and CPU (psutil), the bench's own CPU
and the whole machine's, sampled in the background of the bench's event loop."""

from __future__ import annotations

import asyncio
import contextlib
import time
from types import SimpleNamespace

import psutil


class Sampler:
    """Server RSS and CPU (psutil) every `every` seconds; also the whole machine's CPU.
    `pids`: the server's process, or several summed (the replicas and nginx)."""

    def __init__(self, pids: list[int], every: float = 0.25):
        self.proc = psutil.Process(pids[0]) if len(pids) == 1 else Processes(pids)
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
        """The last sample, and no more; stopping again (a run's cleanup) does nothing."""
        if self._task is None:
            return
        self.sample()
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

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


class Processes:
    """psutil.Process's cpu_times() and memory_info(), summed over several processes: the
    replicas and nginx."""

    def __init__(self, pids: list[int]):
        self.procs = [psutil.Process(p) for p in pids]

    def cpu_times(self) -> SimpleNamespace:
        times = [p.cpu_times() for p in self.procs]
        return SimpleNamespace(user=sum(t.user for t in times), system=sum(t.system for t in times))

    def memory_info(self) -> SimpleNamespace:
        return SimpleNamespace(rss=sum(p.memory_info().rss for p in self.procs))


def raise_fd_limit() -> None:
    """500 websockets plus the server's files need more than the usual 1024 descriptors."""
    with contextlib.suppress(Exception):
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
