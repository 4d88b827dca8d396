"""Page weight and time-to-usable of a fresh phone in Chromium on a slow mobile network.

Headless Chromium (Debian's, `/usr/bin/chromium`; never `playwright install`) through
Playwright, a 375x812 touch viewport, the browser cache disabled (a fresh phone), and DevTools'
`Network.emulateNetworkConditions`: 150 ms latency, 200 KB/s down, 100 KB/s up by default.
For each page it reports the requests, the bytes transferred (compressed, the sum of
`Network.loadingFinished.encodedDataLength`), the websocket bytes received (Streamlit's
deltas; DevTools gives their uncompressed payload), and the time from navigation start until
the page is usable: the first answer field visible and enabled.

    .venv/bin/python bench/bench_page.py                          # the phone page, this tree
    .venv/bin/python bench/bench_page.py --facilitator --runs 3   # and /workshops, /beamer
    git -C /work/main worktree add /tmp/dna-old f386e75           # the before numbers
    .venv/bin/python bench/bench_page.py --old-checkout /tmp/dna-old --facilitator
    git -C /work/main worktree remove /tmp/dna-old

With `--old-checkout`, that checkout's server runs with this venv (`streamlit run serve.py` in
its folder) and its join page (`--old-url`, default `/doe-mee?code={code}`) is measured until
its first text input is visible and enabled; then this tree's `/?code={code}` until the first
answer input (`#a-current-0`). `--facilitator` adds a facilitator's fresh load of Streamlit's
own files: `/workshops` without a session (the login hint), and `/beamer?code=…` with a session
cookie until the counts show. Each page gets a new browser context per run (nothing cached).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # as a script: the root's packages

from bench import ROOT  # noqa: E402
from bench.server import Server  # noqa: E402
from bench.table import markdown, row  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
KB = 1024
# The workshop and a facilitator session, made by the checkout's own code (its schema), once
# its server runs (a server start with a newly configured password ends older sessions).
SEED = """
import sys
from datetime import UTC, datetime
try:
    from dna.services import auth
except ImportError:  # a checkout before dna/ had packages (f386e75)
    from dna import auth
from dna.store import Store
store = Store(sys.argv[1])
ws = store.new_workshop(
    "Bench", "Cultuur-DNA", ("Hoe is onze cultuur nu?", "Hoe willen we dat die wordt?"), 4
)
print(ws.code, auth.open_session(store, datetime.now(UTC)))
"""
# Usable: the element is there, laid out (visible) and enabled; performance.now() is the time
# since the navigation started (the page's time origin).
USABLE = """(selector) => {
  const el = document.querySelector(selector);
  if (!el || el.disabled) return false;
  const box = el.getBoundingClientRect();
  if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') return false;
  return performance.now();
}"""


@dataclass
class Page:
    name: str
    path: str  # with {code}
    selector: str  # the element that makes the page usable
    session: bool = False  # with the facilitator's session cookie


@dataclass
class Load:
    """One fresh load: what DevTools saw."""

    requests: int = 0
    bytes: int = 0  # transferred, compressed (encodedDataLength)
    bytes_by_type: dict[str, int] = field(default_factory=dict)
    ws_frames: int = 0
    ws_bytes: int = 0
    urls: list[str] = field(default_factory=list)
    usable_s: float | None = None
    requests_at_usable: int = 0
    bytes_at_usable: int = 0
    error: str | None = None


def measure(browser, base: str, page: Page, code: str, cookie: str, args) -> Load:
    """One fresh phone (new context, cache off, throttled) loading one page."""
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True
    )
    if page.session:
        context.add_cookies([{"name": "dna_session", "value": cookie, "url": base}])
    tab = context.new_page()
    cdp = context.new_cdp_session(tab)
    load, types = Load(), {}
    cdp.on("Network.requestWillBeSent", lambda e: _sent(load, types, e))
    cdp.on("Network.loadingFinished", lambda e: _finished(load, types, e))
    cdp.on("Network.webSocketFrameReceived", lambda e: _frame(load, e))
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": args.latency,
            "downloadThroughput": args.down * KB,
            "uploadThroughput": args.up * KB,
        },
    )
    if args.cpu_slowdown > 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": args.cpu_slowdown})
    try:
        tab.goto(base + page.path.format(code=code), wait_until="commit", timeout=120_000)
        found = tab.wait_for_function(
            USABLE, arg=page.selector, polling="raf", timeout=args.timeout * 1000
        )
        load.usable_s = round(found.json_value() / 1000, 2)
        load.requests_at_usable, load.bytes_at_usable = load.requests, load.bytes
        quiet(load, args.settle)
    except Exception as e:  # a page that never became usable is a result, not a crash
        load.error = f"{type(e).__name__}: {str(e).splitlines()[0][:120]}"
    finally:
        context.close()
    return load


def _sent(load: Load, types: dict, e: dict) -> None:
    if e["request"]["url"].startswith("data:"):
        return
    load.requests += 1
    load.urls.append(e["request"]["url"].split("?")[0].rsplit("/", 1)[-1] or "/")
    types[e["requestId"]] = e.get("type", "Other")


def _finished(load: Load, types: dict, e: dict) -> None:
    n = int(e.get("encodedDataLength", 0))
    load.bytes += n
    kind = types.get(e["requestId"], "Other")
    load.bytes_by_type[kind] = load.bytes_by_type.get(kind, 0) + n


def _frame(load: Load, e: dict) -> None:
    data = e["response"].get("payloadData", "")
    load.ws_frames += 1  # binary frames arrive base64-encoded
    load.ws_bytes += len(data) * 3 // 4 if e["response"].get("opcode") == 2 else len(data)


def quiet(load: Load, seconds: float, limit: float = 30.0) -> None:
    """Wait until no request started and no byte arrived for `seconds` (at most `limit`)."""
    end = time.monotonic() + limit
    last, seen = time.monotonic(), (load.requests, load.bytes)
    while time.monotonic() < end and time.monotonic() - last < seconds:
        time.sleep(0.1)
        if (load.requests, load.bytes) != seen:
            last, seen = time.monotonic(), (load.requests, load.bytes)


def seed(checkout: Path, url: str) -> tuple[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    out = subprocess.run(
        [sys.executable, "-c", SEED, url],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    code, cookie = out.stdout.split()[-2:]
    return code, cookie


def measure_checkout(name: str, checkout: Path, pages: list[Page], args, work: Path) -> list:
    """Start the checkout's server on a fresh SQLite file and load each page `runs` times."""
    from playwright.sync_api import sync_playwright

    folder = work / name
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'workshop.db'}"
    server = Server(url, folder / "server.log", cwd=checkout)
    server.start(timeout=90)
    rows = []
    try:
        code, cookie = seed(checkout, url)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            try:
                warm = browser.new_page()  # the server's first render (imports) is not a phone's
                for page in pages:
                    warm.goto(server.url + page.path.format(code=code), timeout=120_000)
                    warm.wait_for_timeout(3000)
                warm.close()
                for page in pages:
                    loads = [
                        measure(browser, server.url, page, code, cookie, args)
                        for _ in range(args.runs)
                    ]
                    rows.append(summary(name, page, loads))
                    print(row(COLUMNS, rows[-1]), flush=True)
            finally:
                browser.close()
    finally:
        server.stop()
    return rows


def summary(name: str, page: Page, loads: list[Load]) -> dict:
    ok = [x for x in loads if x.error is None]
    usable = [x.usable_s for x in ok]
    first = ok[0] if ok else Load()
    return {
        "checkout": name,
        "page": page.name,
        "path": page.path,
        "runs": len(loads),
        "failed": [x.error for x in loads if x.error],
        "usable_s": usable,
        "usable_median_s": round(statistics.median(usable), 2) if usable else None,
        "requests": first.requests,
        "kb": round(first.bytes / KB, 1),
        "kb_at_usable": round(first.bytes_at_usable / KB, 1),
        "requests_at_usable": first.requests_at_usable,
        "kb_by_type": {k: round(v / KB, 1) for k, v in sorted(first.bytes_by_type.items())},
        "ws_frames": first.ws_frames,
        "ws_kb": round(first.ws_bytes / KB, 1),
        "kb_all_runs": [round(x.bytes / KB, 1) for x in ok],
        "urls": first.urls,
    }


COLUMNS = (
    ("checkout", lambda r: r["checkout"]),
    ("page", lambda r: f"{r['page']} ({r['path']})"),
    ("requests", lambda r: r["requests"]),
    ("KB transferred", lambda r: r["kb"]),
    ("KB/requests until usable", lambda r: f"{r['kb_at_usable']}/{r['requests_at_usable']}"),
    ("websocket KB (frames)", lambda r: f"{r['ws_kb']} ({r['ws_frames']})"),
    ("usable s median (runs)", lambda r: f"{r['usable_median_s']} {r['usable_s']}"),
    ("failed", lambda r: len(r["failed"])),
)


def table(rows: list[dict]) -> str:
    out = markdown(COLUMNS, rows)
    for r in rows:
        out.append(f"- {r['checkout']} {r['page']}: KB by type {r['kb_by_type']}")
        for err in r["failed"][:2]:
            out.append(f"- {r['checkout']} {r['page']} failed: {err}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="fresh loads per page (default 3)")
    ap.add_argument("--latency", type=int, default=150, help="ms round trip added")
    ap.add_argument("--down", type=int, default=200, help="KB/s download")
    ap.add_argument("--up", type=int, default=100, help="KB/s upload")
    ap.add_argument("--cpu-slowdown", type=float, default=1, help="CPU throttling (4: a phone)")
    ap.add_argument("--timeout", type=float, default=90, help="s until a page counts as failed")
    ap.add_argument("--settle", type=float, default=3, help="s without traffic: the load ended")
    ap.add_argument("--old-checkout", help="an older worktree to measure first (the before)")
    ap.add_argument(
        "--old-url",
        default="/doe-mee?code={code}",
        help="the old checkout's join page (default %(default)s)",
    )
    ap.add_argument("--facilitator", action="store_true", help="also /workshops and /beamer")
    ap.add_argument("--json", help="write the rows here")
    args = ap.parse_args(argv)

    facilitator = [
        Page("login hint", "/workshops", "a[href^='/login']"),
        Page("beamer", "/beamer?code={code}", ".dna-count", session=True),
    ]
    text_input = "[data-testid='stTextInput'] input"
    work = Path(tempfile.mkdtemp(prefix="dna-page-"))
    rows = []
    try:
        if args.old_checkout:
            pages = [Page("join (Streamlit)", args.old_url, text_input)]
            pages += facilitator if args.facilitator else []
            rows += measure_checkout("old", Path(args.old_checkout), pages, args, work)
        pages = [Page("phone", "/?code={code}", "#a-current-0")]
        pages += facilitator if args.facilitator else []
        rows += measure_checkout("new", ROOT, pages, args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(
        f"Chromium, 375x812, cache off, {args.latency} ms latency, {args.down} KB/s down, "
        f"{args.up} KB/s up, CPU slowdown {args.cpu_slowdown}x, {args.runs} runs a page"
    )
    print(table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
