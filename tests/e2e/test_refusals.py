"""What the browser must refuse: a participant on a facilitator page, a wrong password, answers
for a closed workshop. Participants use their own page (phone/, plain HTML at `/`); the
facilitator's pages are Streamlit's."""

from __future__ import annotations

import re

import pytest

from dna.store import Store

from .conftest import COOKIE, PHONE, Shots, expect, goto, login, open_phone

# Every facilitator page, by the path a participant could type or be sent.
FACILITATOR_PAGES = [
    "workshops",
    "antwoorden",
    "wolken",
    "groepen",
    "vergelijking",
    "moderatie",
    "beamer",
    "waarden",
    "stemmen",
    "dna-sheet",
]


@pytest.fixture(scope="module")
def shot():
    return Shots("refuse-")


def workshop(store: Store, title: str) -> str:
    return store.new_workshop(title, "Testorganisatie", ("Nu?", "Straks?"), 4).code


def open_refused(page, url: str) -> None:
    """A facilitator page without a session: the app sends the browser to the server's login
    page, which will come back to that page after the password."""
    page.goto(url)
    path = url.split("//", 1)[1].split("/", 1)[1].split("?")[0]
    page.wait_for_url(f"**/login?next=/{path}*", timeout=20_000)
    expect(page.get_by_label("Wachtwoord")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)


def test_a_participant_is_refused_every_facilitator_page(open_page, server, store, shot):
    code = workshop(store, "Geheime workshop")
    phone = open_page(viewport=PHONE, has_touch=True)
    open_phone(phone, f"{server.url}/?code={code}")
    expect(phone.get_by_role("heading", name="Geheime workshop")).to_be_visible()
    for path in FACILITATOR_PAGES:
        open_refused(phone, f"{server.url}/{path}?code={code}&ws={code}")
        expect(phone.get_by_text("Geheime workshop")).to_have_count(0)
        expect(phone.get_by_text(code)).to_have_count(0)
        if path in ("groepen", "beamer"):
            shot(phone, f"participant-on-{path}")
    # A made-up session cookie does not open them either.
    phone.context.add_cookies([{"name": COOKIE, "value": "guessed", "url": server.url}])
    open_refused(phone, f"{server.url}/stemmen?ws={code}")


def test_a_wrong_password_is_refused(open_page, server, shot):
    page = open_page()
    page.goto(f"{server.url}/login")
    page.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Dat wachtwoord klopt niet.")).to_be_visible()
    shot(page, "wrong-password")
    assert not any(c["name"] == COOKIE for c in page.context.cookies())
    open_refused(page, f"{server.url}/workshops")


def test_a_closed_workshop_says_so(open_page, server, store, shot):
    code = workshop(store, "Bijna dicht")
    early = open_page(viewport=PHONE, has_touch=True)
    open_phone(early, f"{server.url}/?code={code}")
    early.locator("#a-current-0").fill("open")
    # A second phone has lost its live connection (a tunnel, a sleeping radio): it learns that
    # answering closed only from the reply to its send.
    offline = open_page(viewport=PHONE, has_touch=True)
    offline.route(re.compile(rf"/api/w/{code}(/events)?(\?.*)?$"), lambda route: route.abort())
    open_phone(offline, f"{server.url}/?code={code}")
    offline.evaluate("window.e2eNoReload = true")
    offline.locator("#a-current-0").fill("ook open")

    # The facilitator closes answering on the Workshops page.
    host = open_page()
    login(host, server.url)
    goto(host, f"{server.url}/workshops?ws={code}")  # "/" sends a facilitator here
    host.get_by_role("button", name="Antwoorden sluiten").click()
    expect(host.get_by_role("button", name="Antwoorden openen")).to_be_visible()
    expect(host.get_by_text("Antwoorden is gesloten")).to_be_visible()

    # A phone that still shows the form hears it by itself: its typed text stays, not saved.
    expect(early.get_by_text("Je antwoorden zijn niet opgeslagen")).to_be_visible(timeout=5_000)
    expect(early.locator("#a-current-0")).to_have_value("open")
    expect(early.locator("#a-current-0")).to_be_disabled()
    expect(early.get_by_role("button", name="Versturen")).to_have_count(0)
    shot(early, "closed-while-typing")
    # The phone without a connection sends, and is told; its text stays too.
    offline.get_by_role("button", name="Versturen").click()
    expect(offline.get_by_text("Je antwoorden zijn niet opgeslagen")).to_be_visible()
    expect(offline.locator("#a-current-0")).to_have_value("ook open")
    assert offline.evaluate("window.e2eNoReload") is True, "the phone reloaded"
    shot(offline, "sent-after-closing")
    assert store.answer_rows(code) == []

    # A phone that opens the link, or types the code, hears that answering is closed.
    for typed in (False, True):
        late = open_page(viewport=PHONE, has_touch=True)
        if typed:
            open_phone(late, server.url)
            late.get_by_label("Workshopcode").fill(code)
            late.get_by_role("button", name="Meedoen").click()
        else:
            open_phone(late, f"{server.url}/?code={code}")
        expect(late.get_by_role("heading", name="Bijna dicht")).to_be_visible()
        expect(late.get_by_text("Antwoorden is gesloten. Dank voor je bijdrage!")).to_be_visible()
        expect(late.get_by_role("button", name="Versturen")).to_have_count(0)
        expect(late.get_by_role("textbox")).to_have_count(0)
    shot(late, "closed-workshop")


def test_an_unknown_code_is_refused(open_page, server, shot):
    phone = open_page(viewport=PHONE, has_touch=True)
    open_phone(phone, server.url)
    phone.get_by_label("Workshopcode").fill("ZZZZZZ")
    phone.get_by_role("button", name="Meedoen").click()
    expect(phone.get_by_text("Er is geen workshop met deze code.")).to_be_visible()
    shot(phone, "unknown-code")


def test_the_facilitator_can_open_workshops_by_its_address(open_page, server):
    host = open_page()
    login(host, server.url)
    goto(host, f"{server.url}/workshops")
    expect(host.get_by_role("heading", name="Workshops", exact=True)).to_be_visible()
    host.wait_for_timeout(500)  # the dialog comes with the page's first run
    assert host.get_by_text("Page not found").count() == 0
    assert host.url.split("?")[0].endswith("/workshops"), host.url
