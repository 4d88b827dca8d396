"""How often one client may ask: a fixed window per key, in this process's memory.

Cheap enough to run on every send (no database write); each replica counts its own requests,
so behind a proxy with N replicas a client gets at most N times the limit. The join-code guesses
are counted in the store instead (`dna.services.participation.find`), where every replica sees them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Window:
    """At most `limit` requests per key within `seconds`; `now` is a parameter for tests."""

    limit: int
    seconds: float
    clock: Callable[[], float] = time.monotonic
    _counts: dict[str, tuple[float, int]] = field(default_factory=dict, repr=False)

    def wait(self, key: str) -> float:
        """0 when this request may go ahead (and counts it), else the seconds to wait."""
        now = self.clock()
        start, count = self._counts.get(key, (now, 0))
        if now - start >= self.seconds:
            start, count = now, 0
        if count >= self.limit:
            return self.seconds - (now - start)
        self._counts[key] = (start, count + 1)
        if len(self._counts) > 50_000:  # forget finished windows; a flood of keys stays small
            self._counts = {k: v for k, v in self._counts.items() if now - v[0] < self.seconds}
        return 0.0


# A phone sends its answers and its ballot a few times in a workshop; a burst of taps is the
# most it ever needs. A room of 500 behind one address sends ~2 a person in the busy minute.
PER_PHONE = Window(limit=20, seconds=60)
PER_ADDRESS = Window(limit=3000, seconds=60)
