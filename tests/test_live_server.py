"""A real `streamlit run` with protocol-level phones: what a participant was told is saved,
survives a kill -9, comes back in their form, and a double tap stores it once."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from bench.bench_live import Server
from bench.stclient import SUCCESS, StClient
from dna.records import QUESTIONS
from dna.store import Store

ACK = "Dank je"
PHONES = 5
TIMEOUT = 60  # s for one answer from the server; a test normally takes a few


@pytest.fixture
def servers(tmp_path):
    """Start servers on one database file; every one is gone after the test."""
    started: list[Server] = []

    def start() -> Server:
        server = Server(tmp_path / "live.db", tmp_path / f"server-{len(started)}.log")
        started.append(server)
        server.start(timeout=60)
        return server

    yield start
    for server in started:
        server.stop(kill=True)


@pytest.fixture
def workshop(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'live.db'}")
    ws = store.new_workshop("Live", "Test", ("Nu?", "Straks?"), 4)
    store.engine.dispose()
    return ws


def answers(tag: str) -> dict[str, str]:
    return {f"join_{q}_{i}": f"{tag} {q} {i}" for q in QUESTIONS for i in range(4)}


def token_of(client: StClient) -> str:
    return parse_qs(client.query)["p"][0]


def stored(db: Path, code: str) -> Counter[str]:
    store = Store(f"sqlite:///{db}")
    try:
        return Counter(r.text for r in store.answer_rows(code))
    finally:
        store.engine.dispose()


async def join(url: str, query: str) -> StClient:
    """A phone opening the QR link (the app's root with ?code=...)."""
    client = StClient(url, query=query, timeout=TIMEOUT)
    await client.connect()
    await client.run()
    assert client.page_not_found == 0, "the join link shows 'Page not found'"
    assert len(client.text_inputs()) == 8, client.texts()
    return client


async def submit_all(url: str, code: str) -> list[tuple[str, dict[str, str]]]:
    """Five phones send 4+4 answers; returns (token, answers) of those told "Dank je"."""

    async def one(i: int) -> tuple[str, dict[str, str]] | None:
        client = await join(url, f"code={code}")
        try:
            mine = answers(f"phone{i}")
            out = await client.submit(mine, button="join_submit")
            told = out.first_alert_at(SUCCESS, ACK) is not None
            return (token_of(client), mine) if told else None
        finally:
            await client.drop()  # no goodbye: the server is killed next

    done = await asyncio.gather(*(one(i) for i in range(PHONES)))
    return [d for d in done if d is not None]


def test_acknowledged_answers_survive_kill_9_and_come_back(servers, workshop, tmp_path):
    first = servers()
    acked = asyncio.run(submit_all(first.url, workshop.code))
    first.stop(kill=True)  # SIGKILL right after the last "Dank je"
    assert len(acked) == PHONES

    second = servers()
    saved = stored(tmp_path / "live.db", workshop.code)
    sent = [text for _, mine in acked for text in mine.values()]
    assert [t for t in sent if saved[t] == 0] == []  # nothing acknowledged is lost
    assert {t: n for t, n in saved.items() if n > 1} == {}  # nothing is stored twice
    assert sum(saved.values()) == len(sent)

    async def come_back(token: str, mine: dict[str, str]) -> None:
        client = await join(second.url, f"code={workshop.code}&p={token}")
        try:
            shown = {key: w.value for key, w in client.text_inputs().items()}
            assert shown == mine
        finally:
            await client.close()

    async def everyone() -> None:
        await asyncio.gather(*(come_back(token, mine) for token, mine in acked))

    asyncio.run(everyone())


def test_double_tap_stores_once_and_a_dropped_phone_gets_its_session_back(
    servers, workshop, tmp_path
):
    server = servers()
    rnd = random.Random(3)

    async def tap_twice(i: int) -> dict[str, str]:
        client = await join(server.url, f"code={workshop.code}")
        try:
            mine = answers(f"double{i}")
            out = await client.submit(
                mine, button="join_submit", repeat_after=rnd.uniform(0, 0.010)
            )
            assert out.first_alert_at(SUCCESS, ACK) is not None, out.errors
            assert not out.errors
            if i == 0:  # a phone that drops reconnects to the same server session
                session = client.session_id
                again = await client.reconnect(same_session=True)
                assert client.session_id == session
                assert again.final.status is not None
                assert {k: w.value for k, w in client.text_inputs().items()} == mine
            return mine
        finally:
            await client.close()

    async def everyone() -> list[dict[str, str]]:
        return await asyncio.gather(*(tap_twice(i) for i in range(PHONES)))

    sent = [text for mine in asyncio.run(everyone()) for text in mine.values()]
    saved = stored(tmp_path / "live.db", workshop.code)
    assert sorted(saved.elements()) == sorted(sent)  # each once: none lost, none doubled
