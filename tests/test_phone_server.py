"""The phone side on a real `streamlit run serve.py`: pushed state within 2 s, the token never in
the server's log, compressed Streamlit files, strict headers, and a stop that does not wait for
the phones' open streams."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from bench.server import Server
from dna.store import Store
from dna.workshop.values import Value
from dna.workshop.voting import OPEN, Rules

ROOT = Path(__file__).resolve().parent.parent
STREAMLIT_STATIC = Path(__import__("streamlit").__file__).parent / "static" / "static" / "js"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    here = tmp_path_factory.mktemp("phone-server")
    s = Server(here / "live.db", here / "server.log")
    s.start(timeout=90)
    yield s
    s.stop(kill=True)


@pytest.fixture
def code(server):
    store = Store(server.db_url)
    ws = store.new_workshop("Live", "Test", ("Nu?", "Straks?"), 4)
    store.add_value(ws.code, Value("Eerlijk", "Zeggen wat je ziet"))
    store.engine.dispose()
    return ws.code


def _events(server: Server, code: str, seen: list[tuple[float, dict]], stop: threading.Event):
    """Read the event stream like a phone's EventSource; every state with the time it came."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.request("GET", f"/api/w/{code}/events", headers={"Accept": "text/event-stream"})
    response = conn.getresponse()
    assert response.status == 200
    assert response.getheader("content-type").startswith("text/event-stream")
    assert response.getheader("content-encoding") is None  # a stream is never gzipped
    while not stop.is_set():
        line = response.fp.readline().decode()
        if line.startswith("data: "):
            seen.append((time.monotonic(), json.loads(line[6:])))
        if not line:
            break
    conn.close()


def test_opening_voting_reaches_a_connected_phone_within_two_seconds(server, code):
    seen: list[tuple[float, dict]] = []
    stop = threading.Event()
    reader = threading.Thread(target=_events, args=(server, code, seen, stop), daemon=True)
    reader.start()
    deadline = time.monotonic() + 10
    while not seen and time.monotonic() < deadline:
        time.sleep(0.05)
    assert seen and seen[0][1]["voting"] == "none"  # the state at once, on connecting
    store = Store(server.db_url)  # the facilitator, through the shared database
    opened = time.monotonic()
    store.set_voting(code, OPEN, Rules(3, 2))
    store.engine.dispose()
    while time.monotonic() < opened + 5 and not any(s["voting"] == "open" for _, s in seen):
        time.sleep(0.02)
    stop.set()
    arrived = [t for t, s in seen if s["voting"] == "open"]
    assert arrived, "the phone never heard that voting opened"
    assert arrived[0] - opened <= 2.0
    assert [v["name"] for v in next(s for _, s in seen if s["voting"] == "open")["values"]] == [
        "Eerlijk"
    ]


def test_the_token_never_reaches_the_server_log(server, code):
    jar = CookieJar()
    http_ = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with http_.open(f"{server.url}/?code={code}") as page:
        assert page.status == 200
    token = next(c.value for c in jar if c.name == f"dna_p_{code}")
    body = json.dumps(
        {"answers": {"current": ["open"], "desired": []}, "team": None, "submission": "log-0001"}
    ).encode()
    request = urllib.request.Request(
        f"{server.url}/api/w/{code}/answers", body, {"Content-Type": "application/json"}
    )
    with http_.open(request) as sent:
        assert json.loads(sent.read())["saved"] == 1
    time.sleep(0.5)
    assert token not in server.log_path.read_text(errors="replace")


def test_streamlit_files_and_the_phone_page_go_out_compressed_with_headers(server, code):
    name = next(p.name for p in STREAMLIT_STATIC.glob("index*.js"))
    request = urllib.request.Request(
        f"{server.url}/static/js/{name}", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request) as got:
        assert got.headers["Content-Encoding"] == "gzip"
        packed = got.read()
    assert len(gzip.decompress(packed)) > 3 * len(packed)
    request = urllib.request.Request(
        f"{server.url}/?code={code}", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request) as page:
        assert page.headers["Content-Encoding"] == "gzip"
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]
        assert page.headers["X-Content-Type-Options"] == "nosniff"
        html = gzip.decompress(page.read()).decode()
    assert re.search(r'<html lang="nl"', html)


def test_a_stop_does_not_wait_for_open_streams(tmp_path, code):
    own = Server(tmp_path / "stop.db", tmp_path / "stop.log")
    own.start(timeout=90)
    store = Store(own.db_url)
    mine = store.new_workshop("Stop", "Test", ("Nu?", "Straks?"), 4).code
    store.engine.dispose()
    stop = threading.Event()
    threading.Thread(target=_events, args=(own, mine, [], stop), daemon=True).start()
    time.sleep(1)
    began = time.monotonic()
    own.stop()  # SIGTERM, as systemd or Ctrl-C
    took = time.monotonic() - began
    stop.set()
    assert own.proc.returncode is not None and took < 8


def test_a_phone_keeps_its_connection_between_taps(server, code):
    """uvicorn closes an idle connection after 5 s: a phone's next tap then met a closed
    connection (0-8 requests per burst in bench_phones). It stays open for a minute now."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", f"/api/w/{code}")
    first = conn.getresponse()
    first.read()
    assert first.status == 200
    sock = conn.sock
    time.sleep(7)
    conn.request("GET", f"/api/w/{code}")
    again = conn.getresponse()
    again.read()
    assert again.status == 200 and conn.sock is sock
    conn.close()


def test_the_server_loads_the_word_lists_before_the_first_send(tmp_path):
    """The first sends after a start each waited ~2-3 s for wordfreq's table (the profanity
    filter's compound check): the server's start loads it in the background instead."""
    script = (
        "import asyncio, gc, threading, time, wordfreq, web\n"
        "async def main():\n"
        "    async with web.lifespan(None):\n"
        "        for _ in range(300):\n"
        "            if not any(t.name == 'warm' for t in threading.enumerate()): break\n"
        "            await asyncio.sleep(0.1)\n"
        "    print(wordfreq.get_frequency_dict.cache_info().currsize, gc.get_freeze_count())\n"
        "asyncio.run(main())\n"
    )
    env = {**os.environ, "DNA_DB_PATH": str(tmp_path / "warm.db"), "DNA_ADMIN_PASSWORD": "x" * 12}
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    loaded, frozen = map(int, out.stdout.split())
    assert loaded >= 1 and frozen > 1000
