"""Pushed state (phone/push.py): one read of a workshop per poll however many phones listen,
every listener woken when the state changed, and a ping while nothing does."""

from __future__ import annotations

import asyncio

from phone import push


class Source:
    """A workshop whose state the test changes; counts how often it was read."""

    def __init__(self):
        self.version = 1
        self.reads = 0

    def __call__(self, code: str) -> dict:
        self.reads += 1
        return {"code": code, "voting": "open" if self.version > 1 else "none",
                "version": str(self.version)}  # fmt: skip


async def _listen(rooms, code, got, n):
    async for state in rooms.states(code):
        got.append(state)
        if len([s for s in got if s]) >= n:
            return


def test_every_listener_hears_a_change_and_reads_do_not_grow_with_listeners():
    async def run():
        source = Source()
        rooms = push.Rooms(source, poll=0.02, ping=5)
        heard = [[] for _ in range(200)]
        tasks = [asyncio.create_task(_listen(rooms, "ABC", got, 2)) for got in heard]
        await asyncio.sleep(0.2)  # all connected, idle
        idle_reads = source.reads
        assert rooms.listeners() == 200
        source.version = 2  # the facilitator opens voting
        await asyncio.wait_for(asyncio.gather(*tasks), 2)
        return source, heard, idle_reads

    source, heard, idle_reads = asyncio.run(run())
    assert all([s["voting"] for s in got] == ["none", "open"] for got in heard)
    assert idle_reads <= 0.2 / 0.02 + 3  # one read per poll for all 200 phones, not 200


def test_a_reconnecting_phone_gets_the_current_state_first():
    async def run():
        source = Source()
        rooms = push.Rooms(source, poll=0.02, ping=5)
        first = []
        await asyncio.wait_for(_listen(rooms, "ABC", first, 1), 1)
        source.version = 2
        await asyncio.sleep(0.1)
        again = []
        await asyncio.wait_for(_listen(rooms, "ABC", again, 1), 1)
        return first, again

    first, again = asyncio.run(run())
    assert first[0]["voting"] == "none" and again[0]["voting"] == "open"


def test_an_idle_stream_gets_pings_and_a_watch_ends_with_its_last_listener():
    async def run():
        source = Source()
        rooms = push.Rooms(source, poll=0.02, ping=0.05)
        got = []

        async def listen():
            async for state in rooms.states("ABC"):
                got.append(state)
                if len(got) == 3:
                    return

        await asyncio.wait_for(listen(), 1)
        await asyncio.sleep(0.1)
        reads = source.reads
        await asyncio.sleep(0.1)
        return got, rooms, reads, source.reads

    got, rooms, before, after = asyncio.run(run())
    assert got[0]["version"] == "1" and got[1:] == [None, None]
    assert push.event(None) == ": ping\n\n"
    assert rooms.listeners() == 0 and after == before  # nobody listens: no more reads


def test_an_event_is_one_sse_message():
    text = push.event({"code": "ABC", "title": "Heidag\nregel 2", "version": "v7"})
    assert text.startswith("event: state\nid: v7\nretry: ")
    assert text.endswith("\n\n") and text.count("\n\n") == 1  # a newline in data is escaped
