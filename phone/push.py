"""Pushed state: every connected phone hears within a second when the facilitator opens or
closes answering or voting, without anyone tapping.

One watcher per workshop and process reads the workshop's public state (two small queries)
every POLL seconds while at least one phone listens, and wakes the phones only when it changed.
An idle phone costs an open connection and an awaiting task: no query, no CPU, a comment line
every PING seconds so proxies keep the connection. A change made on another replica reaches the
phones here through the shared database, like a change made in this process.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool

POLL = 0.5  # seconds between two reads of a watched workshop's state
PING = 15.0  # seconds between keep-alive comments on an idle connection
RETRY_MS = 1000  # how soon a dropped phone reconnects (EventSource's `retry`)


@dataclass
class _Room:
    state: dict = field(default_factory=dict)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    loaded: asyncio.Event = field(default_factory=asyncio.Event)
    listeners: int = 0
    task: asyncio.Task | None = None


class Rooms:
    """The watched workshops of this process; `load(code)` reads one's public state."""

    def __init__(self, load: Callable[[str], dict], poll: float = POLL, ping: float = PING):
        self.load = load
        self.poll = poll
        self.ping = ping
        self._rooms: dict[str, _Room] = {}

    def listeners(self) -> int:
        return sum(room.listeners for room in self._rooms.values())

    async def _room(self, code: str) -> _Room:
        room = self._rooms.get(code)
        if room is None:  # the first phone reads the state; the others wait for that read
            room = self._rooms[code] = _Room()
            try:
                room.state = await run_in_threadpool(self.load, code)
            finally:
                if not room.state:
                    del self._rooms[code]
                room.loaded.set()
        await room.loaded.wait()
        if not room.state:
            raise LookupError(f"the state of {code} could not be read")
        if room.task is None or room.task.done():
            room.task = asyncio.create_task(self._watch(code, room))
        return room

    async def _watch(self, code: str, room: _Room) -> None:
        """Read the state while anyone listens; wake the listeners when it changed."""
        while room.listeners > 0:
            await asyncio.sleep(self.poll)
            try:
                state = await run_in_threadpool(self.load, code)
            except Exception:  # the database away for a moment: try again, phones keep waiting
                continue
            if state.get("version") != room.state.get("version"):
                room.state = state
                async with room.changed:
                    room.changed.notify_all()
        if self._rooms.get(code) is room and room.listeners == 0:
            del self._rooms[code]

    async def states(self, code: str) -> AsyncIterator[dict | None]:
        """The current state at once, then every change; None when it is time for a ping."""
        room = await self._room(code)
        room.listeners += 1
        try:
            seen = None
            while True:
                if room.state.get("version") != seen:  # also a change made while we sent
                    seen = room.state.get("version")
                    yield room.state
                    continue
                async with room.changed:
                    try:
                        await asyncio.wait_for(room.changed.wait(), self.ping)
                        continue
                    except TimeoutError:
                        pass
                yield None
        finally:
            room.listeners -= 1


def event(state: dict | None) -> str:
    """One Server-Sent Event: the state (its version as the id), or a keep-alive comment."""
    if state is None:
        return ": ping\n\n"
    data = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
    return f"event: state\nid: {state.get('version', '')}\nretry: {RETRY_MS}\ndata: {data}\n\n"
