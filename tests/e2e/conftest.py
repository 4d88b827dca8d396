"""A real `streamlit run` on 127.0.0.1 and Debian's chromium driven by Playwright.

One server (with its own SQLite file and a known facilitator password) and one browser per test
module. Screenshots of every step go to test-output/e2e/ (or $DNA_E2E_OUT); with DNA_E2E_DOCS=1
the facilitator's steps are also copied to docs/ for the README.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from pathlib import Path

import pytest

from bench.server import Server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("DNA_E2E_CHROMIUM", "/usr/bin/chromium")
OUT = Path(os.environ.get("DNA_E2E_OUT") or ROOT / "test-output" / "e2e")
DOCS = ROOT / "docs"
PASSWORD = "e2e-facilitator-password"
COOKIE = "dna_session"  # ui.state.COOKIE
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT = 30_000  # ms: the longest a single step may take (the first analysis loads spaCy)
PHONE = {"width": 375, "height": 812}
LAPTOP = {"width": 1280, "height": 900}
SERVER_ARGS = ("--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none")

try:
    from playwright import sync_api
except ImportError:  # the fixtures skip, saying why; the test modules still import
    sync_api = expect = None
else:
    expect = sync_api.expect
    expect.set_options(timeout=TIMEOUT)  # the default 5 s is short for a first run


def skip_unless_runnable() -> None:
    """Skip, saying why, when playwright or chromium is missing; fail instead in CI
    (DNA_E2E_REQUIRED=1, set by .ci/run), which installs both."""
    why = None
    if sync_api is None:
        why = "playwright not installed: .venv/bin/pip install -r requirements-dev.txt"
    elif not os.access(CHROMIUM, os.X_OK):
        why = f"no chromium at {CHROMIUM}: `apt-get install chromium` (or set DNA_E2E_CHROMIUM)"
    if why and os.environ.get("DNA_E2E_REQUIRED") == "1":
        pytest.fail(why)
    if why:
        pytest.skip(why)


@pytest.fixture(scope="module")
def server(tmp_path_factory, request):
    skip_unless_runnable()
    tmp = tmp_path_factory.mktemp("e2e")
    srv = Server(tmp / "e2e.db", tmp / "streamlit.log", SERVER_ARGS, password=PASSWORD)
    srv.start()
    yield srv
    srv.stop()
    if srv.log_path.exists():  # the server's log next to the screenshots, for a failed run
        OUT.mkdir(parents=True, exist_ok=True)
        name = request.module.__name__.rsplit(".", 1)[-1]
        shutil.copy(srv.log_path, OUT / f"streamlit-{name}.log")


@pytest.fixture(scope="module")
def store(server):
    """The server's own database, to set up workshops (and play the facilitator) without
    clicking through Streamlit."""
    from dna.store import Store

    s = Store(server.db_url)
    yield s
    s.engine.dispose()


@pytest.fixture(scope="module")
def browser():
    skip_unless_runnable()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield b
        b.close()


class Shots:
    """Numbered screenshots of one test: OUT/<nn>-<step>.png; the ones named for the README are
    also copied to docs/workshop-<name>.png when DNA_E2E_DOCS=1."""

    def __init__(self, prefix: str = ""):
        self.prefix = prefix
        self.n = 0
        OUT.mkdir(parents=True, exist_ok=True)
        for old in OUT.glob(f"{prefix}[0-9][0-9]-*.png"):
            old.unlink()

    def __call__(self, page, step: str, docs: str | None = None, full: bool = False) -> Path:
        self.n += 1
        path = OUT / f"{self.prefix}{self.n:02d}-{step}.png"
        wait_idle(page)
        # and drawn: no grey bar left where an element's code or a chart is still loading
        expect(page.locator("[data-testid='stSkeleton']")).to_have_count(0, timeout=TIMEOUT)
        page.screenshot(path=path, animations="disabled", full_page=full)
        if docs and os.environ.get("DNA_E2E_DOCS") == "1":
            shutil.copy(path, DOCS / f"workshop-{docs}.png")
        return path


def wait_idle(page, timeout: float = TIMEOUT) -> None:
    """Until Streamlit is not running the script (its status widget is gone); an exception the
    app showed fails the test at once, with its text."""
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=timeout)
    errors = page.get_by_test_id("stException")
    assert errors.count() == 0, f"the app failed on {page.url}:\n" + "\n".join(
        errors.all_inner_texts()
    )


def goto(page, url: str) -> None:
    """Open a page and wait until the app has drawn something and finished its run."""
    page.goto(url)
    expect(page.get_by_test_id("stApp")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stMain")).to_be_visible(timeout=TIMEOUT)
    wait_idle(page)


def open_phone(page, url: str) -> None:
    """The participant's page (our own HTML, not Streamlit): loaded, its script running, and
    showing either the code form or a workshop."""
    page.goto(url)
    expect(page.locator("html.js")).to_have_count(1)
    expect(page.locator("#join:visible, #ws:visible")).to_have_count(1)


def fill_answers(page, question: str, words: list[str]) -> None:
    """Type `words` into the phone's answer fields of one question ("current" or "desired")."""
    for i, word in enumerate(words):
        page.locator(f"#a-{question}-{i}").fill(word)


def login(page, base: str, password: str = PASSWORD) -> None:
    """The server's login page (plain HTML), back to the workshops with an HttpOnly cookie."""
    page.goto(f"{base}/login?next=/workshops")
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Workshops", exact=True)).to_be_visible(timeout=TIMEOUT)
    wait_idle(page)
    wait_for_cookie(page.context, COOKIE)


def wait_for_cookie(context, name: str, timeout: float = TIMEOUT / 1000) -> None:
    """Wait until the browser has the cookie (the server sets it with the login's redirect)."""
    end = time.monotonic() + timeout
    while not any(c["name"] == name for c in context.cookies()):
        assert time.monotonic() < end, f"no {name} cookie after {timeout} s"
        time.sleep(0.1)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if call.when == "call" and outcome.get_result().failed:
        item.e2e_failed = True


@pytest.fixture
def open_page(browser, request):
    """open_page(viewport=..., **context options): a page in a browser context of its own (its
    own cookies: another person). All are closed after the test; a failed test first leaves a
    screenshot of each: FAILED-<test>-<n>.png."""
    pages = []
    for old in OUT.glob(f"FAILED-{request.node.name}-*.png"):
        old.unlink()

    def new(viewport=LAPTOP, **kwargs):
        context = browser.new_context(viewport=viewport, locale="nl-NL", **kwargs)
        context.set_default_timeout(TIMEOUT)
        pages.append(context.new_page())
        return pages[-1]

    yield new
    if getattr(request.node, "e2e_failed", False):
        OUT.mkdir(parents=True, exist_ok=True)
        for i, page in enumerate(pages):
            with contextlib.suppress(Exception):  # a page that crashed has nothing to show
                page.screenshot(path=OUT / f"FAILED-{request.node.name}-{i}.png")
    for page in pages:
        page.context.close()
