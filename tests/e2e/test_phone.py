"""The participant's phone page (phone/: plain HTML and a JSON API at `/`) in Chromium at
375×812: joining by QR link and by typed code, answering with the server's warnings, the token
cookie across a reload and a new tab, the ballot and the result arriving by themselves (Server-
Sent Events) while the facilitator works on the store, and what every screen must be on a phone:
no sideways scroll, a language, labels, big enough targets, nothing from another host, no web
font. The facilitator's own clicks through Streamlit are in test_workshop.py; here the store on
the server's database file plays the facilitator."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest

from dna.workshop.values import Value

from .conftest import PHONE, Shots, expect, fill_answers, open_phone

TITLE = "Telefoontest"
ORGANISATION = "Stichting Testwerk"
QUESTIONS = ("Hoe werken we nu samen?", "Hoe willen we straks samenwerken?")
TEAMS = ("Zorg", "Staf")
# Pasted from a note: 130 characters, ten over the limit of 120.
LONG = (
    "Wij willen een organisatie zijn waarin iedereen zich gehoord voelt, fout mag maken "
    "en daarvan leert, samen met klanten en partners"
)
assert len(LONG) == 130
VALUES = [
    ("Eigenaarschap", "We maken af waar we aan beginnen."),
    ("Vertrouwen", "We gaan uit van goede bedoelingen."),
    ("Moed", "We zeggen wat we denken, ook als het schuurt."),
]
TAGLINE = "Samen maken we het verschil"
PUSHED = 3_000  # ms: a facilitator's change shows on a connected phone, without a tap, within
WIDTH = PHONE["width"]


@pytest.fixture(scope="module")
def shot():
    return Shots("phone-")


def workshop(store, title: str = TITLE, teams=()) -> str:
    return store.new_workshop(title, ORGANISATION, QUESTIONS, 4, teams).code


def phone(open_page, **options):
    """A phone of its own (its own cookies), with the list of every request it makes."""
    page = open_page(viewport=PHONE, has_touch=True, is_mobile=True, **options)
    seen: list[tuple[str, str]] = []
    page.context.on("request", lambda r: seen.append((r.url, r.resource_type)))
    return page, seen


def audit(page, base: str, seen: list[tuple[str, str]]) -> None:
    """What every screen of the phone page must be: no sideways scroll at 375 px, a language,
    an accessible name for every control, controls at least 44 px high, and no request to
    another host nor any web font."""
    found = page.evaluate(
        """() => {
        const shown = (e) => e.getClientRects().length > 0
            && getComputedStyle(e).visibility !== 'hidden';
        const small = [];
        for (const e of document.querySelectorAll(
            'button, input:not([type=hidden]), select, textarea')) {
            const h = e.getBoundingClientRect().height;
            if (shown(e) && h < 44) small.push(e.outerHTML.slice(0, 90) + ': ' + h + ' px');
        }
        return {lang: document.documentElement.lang, width: document.documentElement.scrollWidth,
                small, fonts: document.fonts.size};
    }"""
    )
    assert found["width"] <= WIDTH, f"sideways scroll on {page.url}: {found['width']} px"
    assert found["lang"] in ("nl", "en"), f"html lang={found['lang']!r}"
    assert not found["small"], f"tap targets under 44 px: {found['small']}"
    assert found["fonts"] == 0, f"{found['fonts']} web fonts declared"
    controls = page.locator(
        "button:visible, input:not([type=hidden]):visible, select:visible, textarea:visible"
    )
    assert controls.count() > 0, "no controls found: the audit would prove nothing"
    for control in controls.all():
        expect(control).to_have_accessible_name(re.compile(r"\S"), timeout=2_000)
    assert any(kind == "script" for _, kind in seen), "the phone's requests were not recorded"
    host = urlsplit(base).netloc
    foreign = [url for url, _ in seen if url.startswith("http") and urlsplit(url).netloc != host]
    assert not foreign, f"requests to another host: {foreign}"
    fonts = [url for url, kind in seen if kind == "font"]
    assert not fonts, f"web fonts loaded: {fonts}"


def field(page, question: str, i: int):
    return page.locator(f"#a-{question}-{i}")


def no_reload_since_now(page) -> None:
    page.evaluate("window.e2eNoReload = true")  # gone if the page ever reloads


def did_not_reload(page) -> None:
    assert page.evaluate("window.e2eNoReload") is True, f"{page.url} reloaded"


def test_join_by_link_answer_and_see_the_warnings(open_page, server, store, shot):
    code = workshop(store, teams=TEAMS)
    page, seen = phone(open_page)
    open_phone(page, f"{server.url}/?code={code}")  # the QR code's link
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_text(ORGANISATION)).to_be_visible()
    for question in QUESTIONS:
        expect(page.get_by_role("group", name=question)).to_be_visible()
    expect(page.get_by_role("group", name=QUESTIONS[0]).get_by_label("Antwoord 1")).to_be_visible()
    expect(page.get_by_label("Jouw team (optioneel)")).to_be_visible()
    audit(page, server.url, seen)
    shot(page, "joined-by-link")

    # The same answer twice, and a pasted note of 130 characters: the field says so at once.
    fill_answers(page, "current", ["Collegiaal", "collegiaal", "Traag"])
    page.get_by_label("Jouw team (optioneel)").select_option("Zorg")
    field(page, "desired", 0).focus()
    page.keyboard.insert_text(LONG)  # as a paste does: one input event with all the text
    expect(
        page.get_by_text("Langer dan 120 tekens: het wordt bij het versturen ingekort.")
    ).to_be_visible()
    expect(page.get_by_text("130 / 120")).to_be_visible()
    expect(page.get_by_text("Nog niet verstuurd.")).to_be_visible()
    audit(page, server.url, seen)
    page.get_by_text("130 / 120").scroll_into_view_if_needed()
    shot(page, "long-answer-hint")

    no_reload_since_now(page)
    page.get_by_role("button", name="Versturen").click()
    saved = page.get_by_text("Dank je! 3 antwoorden opgeslagen.")
    expect(saved).to_be_visible()
    expect(page.get_by_text("1 dubbel antwoord samengevoegd.")).to_be_visible()
    expect(
        page.get_by_text("Een antwoord was langer dan 120 tekens en is ingekort.")
    ).to_be_visible()
    # The form now shows what was stored: the double merged, the long answer cut.
    expect(field(page, "current", 0)).to_have_value("Collegiaal")
    expect(field(page, "current", 1)).to_have_value("Traag")
    cut = field(page, "desired", 0).input_value()
    assert LONG.startswith(cut) and len(cut) <= 120, cut
    expect(page.get_by_text("Nog niet verstuurd.")).to_be_hidden()
    expect(page.get_by_role("button", name="Wijzigingen opslaan")).to_be_visible()
    did_not_reload(page)
    rows = store.answer_rows(code)
    assert sorted(r.text for r in rows) == sorted(["Collegiaal", "Traag", cut]), rows
    assert {r.team for r in rows} == {"Zorg"}
    audit(page, server.url, seen)
    saved.scroll_into_view_if_needed()
    shot(page, "saved-with-warnings")
    shot(page, "saved-whole-page", full=True)


def test_join_by_typed_code(open_page, server, store, shot):
    code = workshop(store, "Getypte code")
    page, seen = phone(open_page)
    open_phone(page, server.url)  # the page at / : the code form
    expect(page.get_by_role("heading", name="Doe mee", level=1)).to_be_visible()
    audit(page, server.url, seen)
    shot(page, "code-form")
    page.get_by_label("Workshopcode").fill(f" {code.lower()} ")  # as typed on a phone keyboard
    page.get_by_role("button", name="Meedoen").click()
    expect(page.get_by_role("heading", name="Getypte code", level=1)).to_be_visible()
    assert page.url == f"{server.url}/?code={code}", page.url  # a reload stays in the workshop
    audit(page, server.url, seen)
    shot(page, "joined-by-code")
    fill_answers(page, "current", ["open"])
    fill_answers(page, "desired", ["eerlijk", "moedig"])
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Dank je! 3 antwoorden opgeslagen.")).to_be_visible()
    assert len(store.answer_rows(code)) == 3


def test_answers_survive_a_reload_and_a_new_tab(open_page, server, store, shot):
    code = workshop(store, "Blijft staan")
    link = f"{server.url}/?code={code}"
    page, seen = phone(open_page)
    open_phone(page, link)
    fill_answers(page, "current", ["behulpzaam", "druk"])
    fill_answers(page, "desired", ["rustig"])
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Dank je! 3 antwoorden opgeslagen.")).to_be_visible()

    cookies = [c for c in page.context.cookies() if c["name"] == f"dna_p_{code}"]
    assert len(cookies) == 1 and cookies[0]["httpOnly"], cookies
    assert cookies[0]["value"] not in page.url
    page.reload()
    expect(page.locator("html.js")).to_have_count(1)
    for tab in (page, page.context.new_page()):  # the same browser: the same token cookie
        if tab is not page:
            open_phone(tab, link)
        expect(tab.get_by_text("Je hebt 3 antwoorden gegeven.")).to_be_visible()
        expect(field(tab, "current", 0)).to_have_value("behulpzaam")
        expect(field(tab, "current", 1)).to_have_value("druk")
        expect(field(tab, "desired", 0)).to_have_value("rustig")
        expect(field(tab, "desired", 1)).to_have_value("")
        expect(tab.get_by_role("button", name="Wijzigingen opslaan")).to_be_visible()
        audit(tab, server.url, seen)
    shot(tab, "new-tab-same-answers")

    # A change from the new tab replaces the answers; it is one participant, not two.
    fill_answers(tab, "desired", ["rustig", "helder"])
    tab.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(tab.get_by_text("Dank je! 4 antwoorden opgeslagen.")).to_be_visible()
    assert store.status(code).participants == 1
    # Another phone (another browser) starts empty.
    other, _ = phone(open_page)
    open_phone(other, link)
    expect(field(other, "current", 0)).to_have_value("")
    expect(other.get_by_role("button", name="Versturen")).to_be_visible()


def test_the_ballot_and_the_result_come_by_themselves(open_page, server, store, shot):
    code = workshop(store, "Stemavond")
    page, seen = phone(open_page)
    open_phone(page, f"{server.url}/?code={code}")
    fill_answers(page, "current", ["betrokken"])
    fill_answers(page, "desired", ["eigenaarschap"])
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Dank je! 2 antwoorden opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Straks stem je hier op de waarden")).to_be_visible()
    no_reload_since_now(page)

    # The facilitator opens voting: the ballot appears with no reload and no tap.
    ids = [store.add_value(code, Value(name, meaning)) for name, meaning in VALUES]
    store.set_voting(code, "open")
    start = time.monotonic()
    expect(page.get_by_role("heading", name="Stemmen op de waarden")).to_be_visible(timeout=PUSHED)
    arrived = time.monotonic() - start
    did_not_reload(page)
    expect(page.get_by_text("Je hebt 3 stippen. Verdeel ze")).to_be_visible()
    audit(page, server.url, seen)
    shot(page, f"ballot-arrived-{arrived:.1f}s")
    shot(page, "ballot-whole-page", full=True)

    def dots(name: str):
        return page.get_by_role("group", name=f"Stippen voor {name}")

    # Over the cap (2 on one value) cannot be chosen: there is no such button.
    for name, _ in VALUES:
        names = dots(name).get_by_role("button").all_inner_texts()
        assert names == ["0", "●", "●●"], names
        expect(dots(name).get_by_role("button", name="3 stippen")).to_have_count(0)
    # More than the 3 dots in all: said, and the save button waits.
    dots("Eigenaarschap").get_by_role("button", name="2 stippen").click()
    dots("Vertrouwen").get_by_role("button", name="2 stippen").click()
    expect(
        page.get_by_text("Je hebt 4 stippen gezet; je hebt er 3. Haal er 1 weg.")
    ).to_be_visible()
    save = page.get_by_role("button", name="Stem opslaan")
    expect(save).to_be_disabled()
    audit(page, server.url, seen)
    page.get_by_text("Je hebt 4 stippen gezet").scroll_into_view_if_needed()
    shot(page, "ballot-too-many-dots")
    # The server refuses over the cap too, whatever a page sends.
    refused = page.evaluate(
        """async ([code, id]) => {
        const r = await fetch('/api/w/' + code + '/ballot', {method: 'POST',
            headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({dots: {[id]: 3}, submission: 'e2e-over-cap-1'})});
        return [r.status, await r.json()];
    }""",
        [code, str(ids[0])],
    )
    assert refused == [422, {"error": "over_cap", "params": {"cap": 2}}], refused
    dots("Vertrouwen").get_by_role("button", name="1 stip").click()
    expect(page.get_by_text("Nog 0 van de 3 stippen over.")).to_be_visible()
    expect(save).to_be_enabled()
    save.click()
    expect(page.get_by_text("Je stem is opgeslagen")).to_be_visible()
    expect(page.get_by_role("button", name="Stem wijzigen")).to_be_visible()
    assert store.ballots(code) == [({ids[0]: 2, ids[1]: 1}, None)], store.ballots(code)
    audit(page, server.url, seen)
    shot(page, "vote-saved")

    # Voting closes: the phone says the facilitator chooses now, and shows its own vote.
    store.set_voting(code, "closed")
    expect(page.get_by_text("De facilitator kiest nu de waarden")).to_be_visible(timeout=PUSHED)
    expect(page.get_by_text("Jouw stem:")).to_be_visible()
    expect(page.get_by_role("heading", name="Stemmen op de waarden")).to_be_hidden()
    audit(page, server.url, seen)
    shot(page, "voting-closed")

    # The chosen values and the tagline appear by themselves.
    store.set_final(code, [ids[0], ids[2]], TAGLINE)
    result = page.locator(".dna")
    expect(result.get_by_role("heading", name="Ons DNA")).to_be_visible(timeout=PUSHED)
    expect(result.get_by_role("listitem")).to_have_text(["Eigenaarschap", "Moed"])
    expect(result.get_by_text(TAGLINE)).to_be_visible()
    expect(page.get_by_text("Het stemmen is gesloten. Dank voor je stem!")).to_be_visible()
    audit(page, server.url, seen)
    shot(page, "our-dna")
    shot(page, "our-dna-whole-page", full=True)

    # The facilitator hides the results on the beamer: the phone does not give them away.
    store.set_results_hidden(code, True)
    expect(
        page.get_by_text("De facilitator laat de uitkomst zo zien op het scherm.")
    ).to_be_visible(timeout=PUSHED)
    expect(page.get_by_role("heading", name="Ons DNA")).to_have_count(0)
    expect(page.get_by_text(TAGLINE)).to_have_count(0)
    audit(page, server.url, seen)
    shot(page, "result-hidden")
    did_not_reload(page)

    # The same result in the dark, for a phone set to a dark theme.
    store.set_results_hidden(code, False)
    dark, dark_seen = phone(open_page, color_scheme="dark")
    open_phone(dark, f"{server.url}/?code={code}")
    expect(dark.get_by_role("heading", name="Ons DNA")).to_be_visible()
    audit(dark, server.url, dark_seen)
    shot(dark, "our-dna-dark")


def test_closing_while_typing_keeps_the_text(open_page, server, store, shot):
    code = workshop(store, "Net te laat")
    page, seen = phone(open_page)
    open_phone(page, f"{server.url}/?code={code}")
    fill_answers(page, "current", ["half af"])
    no_reload_since_now(page)
    store.set_phase(code, "closed")
    expect(page.get_by_text("Je antwoorden zijn niet opgeslagen")).to_be_visible(timeout=PUSHED)
    expect(field(page, "current", 0)).to_have_value("half af")
    expect(field(page, "current", 0)).to_be_disabled()
    expect(page.get_by_role("button", name="Versturen")).to_have_count(0)
    did_not_reload(page)
    assert store.answer_rows(code) == []
    audit(page, server.url, seen)
    shot(page, "closed-while-typing")
    # Opened again: the phone can send what it kept.
    store.set_phase(code, "open")
    send = page.get_by_role("button", name="Versturen")
    expect(send).to_be_visible(timeout=PUSHED)
    send.click()
    expect(page.get_by_text("Dank je! 1 antwoord opgeslagen.")).to_be_visible()
    assert [r.text for r in store.answer_rows(code)] == ["half af"]


def test_the_facilitators_countdown_ticks_on_the_phone(open_page, server, store, shot):
    """Started from the beamer, it arrives by itself and counts down every second."""
    code = workshop(store, "Drie minuten")
    page, seen = phone(open_page)
    open_phone(page, f"{server.url}/?code={code}")
    timer = page.get_by_role("timer")
    expect(timer).to_be_hidden()
    no_reload_since_now(page)
    store.set_timer(code, 3)
    expect(timer).to_have_text(re.compile(r"Nog (3:00|2:5\d)"), timeout=PUSHED)
    first = timer.text_content()
    page.wait_for_timeout(2100)
    assert timer.text_content() != first  # ticking on the phone, not waiting for a push
    did_not_reload(page)
    audit(page, server.url, seen)
    shot(page, "countdown")
    store.set_timer(code, None)
    expect(timer).to_be_hidden(timeout=PUSHED)
