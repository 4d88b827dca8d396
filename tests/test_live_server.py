"""A real `streamlit run` with protocol-level phones: what a participant was told is saved
(answers and ballots) survives a kill -9, also in the middle of a busy room, comes back in
their form, and a double tap stores it once."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from bench.bench_live import VOTE_ACK, Server, ballot_controls
from bench.stclient import SUCCESS, StClient, StClientError
from dna.records import QUESTIONS
from dna.store import Store
from dna.values import Value
from dna.voting import OPEN, Rules

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


VOTERS = 16


def test_kill_9_while_a_room_answers_and_votes_loses_nothing_acknowledged(
    servers, workshop, tmp_path
):
    """Phones answer and vote while the server is killed mid-run: after a restart every
    acknowledged answer and ballot is stored (once), no phone has half its answers, and a
    phone that reloads with its token finds its answers and its dots again."""
    db = tmp_path / "live.db"
    store = Store(f"sqlite:///{db}")
    ids = [store.add_value(workshop.code, Value(n)) for n in ("Moed", "Rust", "Trots", "Lef")]
    store.set_voting(workshop.code, OPEN, Rules(3, 2))  # answering stays open as well
    store.engine.dispose()
    first = servers()
    rnd = random.Random(6)
    told: dict[int, dict] = {}  # phone -> token, and the answers / ballot it was told are saved
    voted = asyncio.Event()

    async def phone(i: int) -> None:
        await asyncio.sleep(rnd.uniform(0, 6.0))
        client = StClient(first.url, query=f"code={workshop.code}", timeout=TIMEOUT)
        try:
            await client.connect()
            await client.run()
            told[i] = {"token": token_of(client)}
            mine = answers(f"kill{i}")
            out = await client.submit(mine, button="join_submit")
            if out.first_alert_at(SUCCESS, ACK) is not None:
                told[i]["answers"] = mine
            controls = ballot_controls(client)
            ballot = {ids[i % 4]: 2, ids[(i + 1) % 4]: 1}
            labels = {controls[v]: client.options(controls[v])[n] for v, n in ballot.items()}
            out = await client.press("vote_submit", labels)
            if out.first_alert_at(SUCCESS, VOTE_ACK) is not None:
                told[i]["ballot"] = ballot
                if sum("ballot" in t for t in told.values()) >= VOTERS // 3:
                    voted.set()
        except (StClientError, OSError, TimeoutError):
            pass  # the server died under this phone
        finally:
            await client.drop()

    async def room() -> None:
        phones = [asyncio.create_task(phone(i)) for i in range(VOTERS)]
        await asyncio.wait_for(voted.wait(), TIMEOUT)
        first.stop(kill=True)  # SIGKILL with phones still joining, answering and voting
        await asyncio.gather(*phones)

    asyncio.run(room())
    acked = {i: t for i, t in told.items() if "answers" in t or "ballot" in t}
    assert VOTERS // 3 <= sum("ballot" in t for t in acked.values()) < VOTERS  # killed mid-run

    saved = Store(f"sqlite:///{db}")
    try:
        rows = saved.answer_rows(workshop.code)
        by_phone = Counter(r.text.rsplit(" ", 2)[0] for r in rows)
        assert set(by_phone.values()) <= {8}  # all of a phone's answers or none
        assert all(n == 1 for n in Counter(r.text for r in rows).values())  # none twice
        for i, t in acked.items():
            if "answers" in t:
                assert by_phone[f"kill{i}"] == 8
            if "ballot" in t:  # (an unacknowledged vote in flight may or may not have landed)
                assert saved.ballot(workshop.code, t["token"]) == t["ballot"]
        assert len(saved.ballots(workshop.code)) >= sum("ballot" in t for t in acked.values())
    finally:
        saved.engine.dispose()

    second = servers()

    async def come_back(t: dict) -> None:
        client = StClient(second.url, query=f"code={workshop.code}&p={t['token']}")
        try:
            await client.connect()
            await client.run()
            if "answers" in t:
                shown = {key: w.value for key, w in client.text_inputs().items()}
                assert shown == t["answers"]
            if "ballot" in t:
                controls = ballot_controls(client)
                dots = {
                    v: client.options(k).index(dot(client.widget(k).value))
                    for v, k in controls.items()
                }
                assert {v: n for v, n in dots.items() if n} == t["ballot"]
                assert "Je hebt al gestemd" in " ".join(client.texts())
        finally:
            await client.close()

    async def everyone() -> None:
        await asyncio.gather(*(come_back(t) for t in acked.values()))

    asyncio.run(everyone())


def dot(value: object) -> str:
    """A dots control's value as the protocol carries it: a label, or a list of one label."""
    return value[0] if isinstance(value, list | tuple) else value
