"""Scale-out, really run: two app processes (`streamlit run serve.py`) on one PostgreSQL database
behind nginx, configured by deploy/nginx.py exactly as deploy/README.md says.

Phones speak HTTP through nginx (and straight to one process or the other, so that each process
takes sends); the facilitator opens voting in a real browser on process B; every phone's event
stream, whichever process holds it, shows the ballot within 3 s; everything any process said it
saved is in the database, once. Streamlit's websocket works through nginx, and nginx's log shows
the phones spread over both processes while one browser's Streamlit stays on one. With process
A killed, the phones carry on through B.

Needs ./dev test's throwaway PostgreSQL (DNA_TEST_DATABASE_URL), Debian's nginx and chromium;
without them it is skipped, saying why, and in CI (DNA_E2E_REQUIRED=1, .ci/run) it fails.
Logs of the last run: test-output/replicas/. The cluster and the event streams: tests/replicas.py.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request

import pytest
import sqlalchemy as sa

from dna.records import CURRENT, DESIRED
from dna.store import Store
from dna.store.schema import attempts
from dna.workshop.values import Value
from dna.workshop.voting import Rules
from tests.e2e.conftest import BROWSER_ARGS, CHROMIUM, LAPTOP, expect, goto, login
from tests.e2e.conftest import sync_api as playwright
from tests.phones import Phone
from tests.replicas import (
    HTTP_TIMEOUT,
    PUSH_WITHIN,
    VALUES,
    Cluster,
    Stream,
    require,
    timings,
)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    require()
    running = Cluster(tmp_path_factory.mktemp("replicas"))
    try:
        running.start()
        yield running
    finally:
        running.close()


@pytest.fixture(scope="module")
def browser():
    require()
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            yield b
        finally:
            b.close()


def test_streamlit_through_nginx(cluster):
    """Health and the websocket upgrade through nginx; Streamlit's origin check still holds."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    with urllib.request.urlopen(f"{cluster.nginx}/_stcore/health", timeout=HTTP_TIMEOUT) as r:
        assert (r.status, r.read()) == (200, b"ok")
    ws_url = cluster.nginx.replace("http://", "ws://") + "/_stcore/stream"
    with connect(ws_url, origin=cluster.nginx, subprotocols=["streamlit"], open_timeout=10) as ws:
        assert ws.response.status_code == 101
        assert ws.subprotocol == "streamlit"
    with pytest.raises(InvalidStatus) as refused:  # Host passed on as is: same origin only
        with connect(ws_url, origin="http://elsewhere.example", open_timeout=10):
            pass
    assert refused.value.response.status_code == 403


def test_phones_spread_and_facilitator_sticky(cluster):
    """least_conn spreads the phones' requests over both processes; every Streamlit request of
    one client address reaches the same process (nginx's log says where each went)."""
    phone = Phone(timeout=HTTP_TIMEOUT)
    for _ in range(6):
        assert phone.call(cluster.nginx, "/api/w/NOSUCH")[0] == 404
        with urllib.request.urlopen(f"{cluster.nginx}/?lang=en", timeout=HTTP_TIMEOUT) as r:
            assert r.status == 200 and b'<html lang="en">' in r.read()
        for path in ("/_stcore/health", "/_stcore/host-config", "/login", "/workshops"):
            with urllib.request.urlopen(cluster.nginx + path, timeout=HTTP_TIMEOUT) as r:
                assert r.status == 200
    # A body over the phone limit reaches the app (nginx buffers it in its temp folder) and is
    # refused there, with the app's JSON error.
    status, error = phone.call(cluster.nginx, "/api/join", raw=b" " * 100_000)
    assert (status, error["error"]) == (413, "too_large")
    # An upload without a facilitator session: refused by the app (web/guard.py), through nginx.
    put = urllib.request.Request(
        f"{cluster.nginx}/_stcore/upload_file/session/file", b"x" * 1_000_000, method="PUT"
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(put, timeout=HTTP_TIMEOUT)
    assert refused.value.code == 403 and b"facilitators only" in refused.value.read()
    both = {f"127.0.0.1:{p}" for p in cluster.ports}
    assert set(cluster.upstreams(re.compile(r"/api/.*|/\?.*"))) == both
    streamlit = cluster.upstreams(re.compile(r"/_stcore/.*|/login|/workshops"))
    assert len(streamlit) >= 24 and len(set(streamlit)) == 1


def test_nginx_sets_the_forwarded_headers(cluster):
    """The app hears the real client, scheme and host from nginx, whatever the client claims:
    a phone's Origin (its page's address, through nginx) is accepted, a claimed one is not, a
    claimed HTTPS gives no Secure cookie, and the join-code throttle counts 127.0.0.1."""
    claims = {
        "X-Forwarded-For": "203.0.113.9",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "elsewhere.example",
    }
    for base, secure in ((cluster.a, True), (cluster.nginx, False)):  # A trusts a local proxy
        request = urllib.request.Request(f"{base}/", headers=claims)
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as r:
            cookie = r.headers["Set-Cookie"]
        assert "dna_b=" in cookie and ("secure" in cookie.lower()) is secure, (base, cookie)
    phone = Phone(timeout=HTTP_TIMEOUT)
    status, error = phone.call(cluster.nginx, "/api/join", {"code": "ZZZZZZ"}, headers=claims)
    assert (status, error["error"]) == (404, "unknown_code")
    with Store(cluster.db_url).engine.connect() as conn:
        keys = set(conn.execute(sa.select(attempts.c.key)).scalars())
    assert "code:127.0.0.1" in keys and not any("203.0.113.9" in k for k in keys), keys
    foreign = {**claims, "Origin": "http://elsewhere.example"}
    status, error = phone.call(cluster.nginx, "/api/join", {"code": "ZZZZZZ"}, headers=foreign)
    assert (status, error["error"]) == (403, "foreign")


def test_a_room_on_two_replicas(cluster, browser):
    store = Store(cluster.db_url)
    try:
        room(cluster, browser, store)
    finally:
        store.engine.dispose()
    print("\ntimings (s):", {k: round(v, 2) for k, v in timings.items()})


def room(cluster: Cluster, browser, store: Store) -> None:
    started = time.monotonic()
    ws = store.new_workshop("Twee processen", "Proef", ("Hoe is het nu?", "Hoe wil je het?"), 3)
    for name in VALUES:
        store.add_value(ws.code, Value(name, f"Wat {name.lower()} betekent."))
    code = ws.code

    # Four phones join through nginx; two event streams through nginx: least_conn gives the
    # second to the process that does not hold the first, so one of them is on process A.
    phones = [Phone(timeout=HTTP_TIMEOUT) for _ in range(4)]
    for phone in phones:
        status, joined = phone.call(cluster.nginx, "/api/join", {"code": code})
        assert status == 200, joined
        assert joined["state"]["voting"] == "none" and joined["state"]["values"] == []
    streams = [Stream(cluster.nginx, code), Stream(cluster.nginx, code)]
    try:
        for stream in streams:
            stream.start()
            stream.wait(lambda s: s.get("code") == code, timeout=10)  # the catch-up state
            assert stream.status == 200
            assert stream.headers["Content-Type"].startswith("text/event-stream")
        listening(cluster, browser, store, code, phones, streams, started)
    finally:
        for stream in streams:
            stream.close()
    # nginx logs a stream when it ends: the two were on different processes.
    end = time.monotonic() + 5
    while len(cluster.upstreams(re.compile(rf"/api/w/{code}/events"))) < 2:
        assert time.monotonic() < end, cluster.access_log.read_text()[-2000:]
        time.sleep(0.1)
    held = cluster.upstreams(re.compile(rf"/api/w/{code}/events"))
    assert set(held) == {f"127.0.0.1:{p}" for p in cluster.ports}, held
    timings["room_total"] = time.monotonic() - started


def listening(cluster, browser, store, code, phones, streams, started) -> None:
    # Answers: phone 0 straight to A, phone 1 straight to B, phones 2 and 3 through nginx.
    sent = {}
    bases = [cluster.a, cluster.b, cluster.nginx, cluster.nginx]
    for i, (phone, base) in enumerate(zip(phones, bases, strict=True)):
        typed = {CURRENT: [f"traag{i}", f"hiërarchisch{i}"], DESIRED: [f"wendbaar{i}"]}
        answer = {"answers": typed, "team": None, "submission": f"answers-{i}-{code}"}
        status, reply = phone.call(base, f"/api/w/{code}/answers", answer)
        assert (status, reply["saved"], reply["duplicate"]) == (200, 3, False), reply
        assert reply["mine"]["answers"] == typed
        sent[i] = (answer, typed)
    # The same send again, to the other process: stored once.
    status, reply = phones[2].call(cluster.a, f"/api/w/{code}/answers", sent[2][0])
    assert (status, reply["duplicate"]) == (200, True), reply
    timings["answers_sent"] = time.monotonic() - started

    # The facilitator, in a real browser on process B, opens voting.
    page = browser.new_context(viewport=LAPTOP, locale="nl-NL").new_page()
    try:
        login(page, cluster.b)
        # The same login works through nginx (sessions live in the database): Streamlit's
        # pages, scripts and websocket all through the proxy.
        goto(page, f"{cluster.nginx}/workshops?ws={code}")
        expect(page.get_by_role("heading", name="Workshops", exact=True)).to_be_visible()
        goto(page, f"{cluster.b}/stemmen?ws={code}")
        opening = page.get_by_role("button", name="Stemmen openen")
        expect(opening).to_be_visible()
        timings["facilitator_ready"] = time.monotonic() - started
        clicked = time.monotonic()
        opening.click()
        for n, stream in enumerate(streams):
            when, state = stream.wait(_voting_open, timeout=PUSH_WITHIN + 2)
            timings[f"push_stream{n}"] = when - clicked
            assert when - clicked <= PUSH_WITHIN, f"stream {n}: {when - clicked:.2f} s"
            assert [v["name"] for v in state["values"]] == VALUES
        expect(page.get_by_role("button", name="Stemmen sluiten")).to_be_visible()
    finally:
        page.context.close()

    # Every phone votes through nginx; a resend straight to B is no second ballot.
    ids = [v.id for v in store.values(code)]
    ballots = [{ids[0]: 2, ids[1]: 1}, {ids[1]: 2}, {ids[2]: 1, ids[0]: 1}, {ids[2]: 2, ids[1]: 1}]
    for i, (phone, dots) in enumerate(zip(phones, ballots, strict=True)):
        ballot = {"dots": {str(k): n for k, n in dots.items()}, "submission": f"ballot-{i}-{code}"}
        status, reply = phone.call(cluster.nginx, f"/api/w/{code}/ballot", ballot)
        assert (status, reply["saved"]) == (200, True), reply
        assert reply["mine"]["ballot"] == ballot["dots"]
        if i == 0:
            assert phone.call(cluster.b, f"/api/w/{code}/ballot", ballot)[1]["saved"] is False

    # Everything acknowledged is stored, once.
    for i, phone in enumerate(phones):
        token = phone.token(code)
        answers, team = store.participant_answers(code, token)
        assert ({q: answers.get(q, []) for q in (CURRENT, DESIRED)}, team) == (sent[i][1], None)
        assert store.ballot(code, token) == ballots[i]
    assert len(store.ballots(code)) == 4
    assert store.status(code).participants == 4
    assert len(store.answers(code)) == 12


def _voting_open(state: dict) -> bool:
    return state.get("voting") == "open" and bool(state.get("values"))


def test_phones_carry_on_when_a_process_dies(cluster):
    """Process A killed (a crash, a restart): the phones' sends and event streams through nginx
    go to B, and everything acknowledged is stored. Last in this file: A stays down."""
    store = Store(cluster.db_url)
    try:
        code = store.new_workshop("Een proces weg", "Proef", ("Nu?", "Straks?"), 3).code
        for name in VALUES:
            store.add_value(code, Value(name))
        phones = [Phone(timeout=HTTP_TIMEOUT) for _ in range(6)]
        for phone in phones:  # every phone has a connection to each process in nginx's pool
            assert phone.call(cluster.nginx, "/api/join", {"code": code})[0] == 200
        cluster.procs[0].kill()
        cluster.procs[0].wait(10)
        killed = time.monotonic()
        for i, phone in enumerate(phones):
            typed = {CURRENT: [f"rustig{i}"], DESIRED: [f"snel{i}"]}
            answer = {"answers": typed, "team": None, "submission": f"after-{i}-{code}"}
            status, reply = phone.call(cluster.nginx, f"/api/w/{code}/answers", answer)
            assert (status, reply.get("saved")) == (200, 2), reply
        stream = Stream(cluster.nginx, code)  # a phone reconnecting: to B
        stream.start()
        try:
            stream.wait(lambda s: s.get("code") == code, timeout=10)
            store.set_voting(code, "open", Rules())
            when, _ = stream.wait(_voting_open, timeout=PUSH_WITHIN)
            timings["after_kill_push"] = when - killed
        finally:
            stream.close()
        for i, phone in enumerate(phones):
            answers, _ = store.participant_answers(code, phone.token(code))
            assert answers == {CURRENT: [f"rustig{i}"], DESIRED: [f"snel{i}"]}
    finally:
        store.engine.dispose()
    print("\ntimings (s):", {k: round(v, 2) for k, v in timings.items()})
