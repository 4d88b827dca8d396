"""A whole workshop run from the presenter page (Regie) alone, in real browsers: the facilitator
walks verzamelen → wolken → vergelijken → waarden → stemmen → ons DNA on a laptop, a 1920×1080
beamer follows every phase by itself (it is never touched or reloaded), four phones answer and
vote. With DNA_E2E_DOCS=1 the beamer's phases become the README's screenshots."""

from __future__ import annotations

import re

from .conftest import PHONE, TIMEOUT, Shots, expect, goto, login, open_phone, wait_idle
from .test_workshop import ANSWERS, PUSHED, answer, beamer_counts, vote

TITLE = "Koers 2028"
BEAMER = {"width": 1920, "height": 1080}
LAPTOP = {"width": 1440, "height": 900}
# Dots per phone by the candidate values' order (3 dots, at most 2 on one value).
PLAN = [{0: 2, 1: 1}, {0: 1, 1: 1, 2: 1}, {0: 2, 2: 1}, {1: 2, 3: 1}]


SEEN = """
window.e2eSeen = {sidebar: false, light: false, placeholder: false};
new MutationObserver(() => {
  if (document.querySelector('[data-testid="stSidebar"], [data-testid="stSidebarNav"]'))
    window.e2eSeen.sidebar = true;
  for (const sk of document.querySelectorAll('[data-testid="stSkeleton"]'))
    if (getComputedStyle(sk).visibility !== 'hidden') window.e2eSeen.placeholder = true;
  const app = document.querySelector('.stApp');
  if (app && getComputedStyle(app).backgroundColor === 'rgb(255, 255, 255)')
    window.e2eSeen.light = true;
}).observe(document, {childList: true, subtree: true, attributes: true});
"""


def control(page, key: str):
    """The button of a Streamlit widget key (st-key-<key>)."""
    return page.locator(f".st-key-{key} button")


def next_phase(host, name: str) -> None:
    host.get_by_role("button", name=f"Volgende fase: {name}").click()
    wait_idle(host)
    expect(host.get_by_role("heading", name=re.compile(rf"^\d · {name}$"))).to_be_visible()


def test_a_whole_workshop_from_the_presenter_page(open_page, server, store):
    shot = Shots("regie-")
    base = server.url

    host = open_page(viewport=LAPTOP)
    login(host, base)
    host.get_by_label("Titel").fill(TITLE)
    host.get_by_role("button", name="Workshop aanmaken").click()
    expect(host.get_by_role("heading", name=TITLE)).to_be_visible()
    host.get_by_role("link", name="Start de regie").click()
    expect(host.get_by_role("heading", name=f"Regie · {TITLE}")).to_be_visible(timeout=TIMEOUT)
    wait_idle(host)
    code = store.workshops()[0].code
    expect(host.get_by_role("heading", name="1 · Verzamelen")).to_be_visible()

    # The beamer: opened once, dark, on 1920x1080; from here on nobody touches it.
    beamer = open_page(viewport=BEAMER, storage_state=host.context.storage_state())
    beamer.add_init_script(SEEN)  # notes a sidebar or a light page from the very first paint
    goto(beamer, host.locator("a", has_text="Open de beamer").get_attribute("href"))
    beamer.evaluate("window.e2eNoReload = true")  # gone if the page ever reloads
    expect(beamer.locator(".dna-join")).to_contain_text(code)
    # Streamlit draws a grey bar while the code of an element's kind first loads (~0.1 s on the
    # first paint, before any style of ours can hide it); after that, never again.
    beamer.evaluate("window.e2eSeen.placeholder = false")

    # 1 · Verzamelen: a countdown, four phones answer; the counts and clouds follow.
    control(host, "regie_timer_3").click()
    expect(beamer.locator(".dna-timer")).to_have_text(re.compile(r"^[23]:\d\d$"))
    phones = []
    for current, desired in ANSWERS:
        phone = open_page(viewport=PHONE, has_touch=True)
        open_phone(phone, f"{base}/?code={code}")
        expect(phone.get_by_role("heading", name=TITLE)).to_be_visible()
        answer(phone, current, desired)
        phones.append(phone)
    beamer_counts(beamer, 4, 32)
    expect(beamer.locator(".dna-q")).to_have_count(2)
    expect(beamer.locator("[data-testid='stImage'] img")).to_have_count(3)  # QR + 2 clouds
    expect(host.get_by_test_id("stMetricValue").first).to_have_text("4")  # live on the laptop
    shot(host, "presenter", docs="regie")
    shot(beamer, "beamer-collect", docs="beamer-1-verzamelen")
    control(host, "regie_timer_0").click()  # stop the countdown
    control(host, "regie_answers").click()  # close answering: the join panel goes
    expect(beamer.locator(".dna-join")).to_have_count(0, timeout=TIMEOUT)
    expect(beamer.locator(".dna-timer")).to_have_count(0)

    # 2 · Wolken: both clouds over the whole screen, then the desired one alone.
    next_phase(host, "Wolken")
    expect(beamer.locator(".dna-q")).to_have_count(2)
    shot(beamer, "beamer-clouds", docs="beamer-2-wolken")
    control(host, "regie_show").filter(has_text="Gewenste cultuur").click()
    wait_idle(host)
    expect(beamer.locator(".dna-q")).to_have_count(1, timeout=TIMEOUT)
    expect(beamer.locator(".dna-q")).to_have_text("Beschrijf onze gewenste cultuur in vier woorden")

    # 3 · Vergelijken: keep, let go, develop as three lists.
    next_phase(host, "Vergelijken")
    lists = beamer.locator(".dna-lists")
    expect(lists).to_be_visible(timeout=TIMEOUT)
    for heading in ("Behouden", "Loslaten", "Ontwikkelen"):
        expect(lists.get_by_role("heading", name=heading)).to_be_visible()
    expect(beamer.locator(".dna-develop")).to_contain_text("eigenaarschap")
    shot(beamer, "beamer-compare", docs="beamer-3-vergelijken")

    # 4 · Waarden: the suggested values in one click, on the beamer as cards.
    next_phase(host, "Waarden")
    add = host.get_by_role("button", name=re.compile(r"^Voorgestelde waarden toevoegen"))
    add.click()
    expect(add).to_have_count(0)  # each suggestion only once: the button goes
    wait_idle(host)
    values = [v.name for v in store.values(code)]
    assert len(values) >= 4, values
    expect(beamer.locator(".dna-card")).to_have_count(min(len(values), 8), timeout=TIMEOUT)
    shot(beamer, "beamer-values", docs="beamer-4-waarden")

    # 5 · Stemmen: open; the ballot reaches every phone by itself; the count is live.
    next_phase(host, "Stemmen")
    control(host, "regie_voting").filter(has_text="Stemmen openen").click()
    wait_idle(host)
    for phone, plan in zip(phones, PLAN, strict=True):
        expect(phone.get_by_role("heading", name="Stemmen op de waarden")).to_be_visible(
            timeout=PUSHED
        )
        vote(phone, {values[i]: n for i, n in plan.items()})
    expect(beamer.get_by_text("Stemmen open · 4 stemmers")).to_be_visible(timeout=TIMEOUT)
    chart = beamer.locator(
        "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg"
    )
    expect(chart.first).to_be_visible(timeout=TIMEOUT)
    shot(beamer, "beamer-vote", docs="beamer-5-stemmen")
    control(host, "regie_voting").filter(has_text="Stemmen sluiten").click()
    wait_idle(host)
    expect(beamer.get_by_text("Stemmen gesloten · 4 stemmers")).to_be_visible(timeout=TIMEOUT)

    # 6 · Ons DNA: the count's proposal kept in one click; beamer and phones show it.
    next_phase(host, "Ons DNA")
    expect(beamer.get_by_text("Ons DNA wordt gekozen…")).to_be_visible(timeout=TIMEOUT)
    control(host, "regie_final").click()
    expect(host.get_by_text(re.compile("^Vastgelegd: "))).to_be_visible()
    final = [v.name for v in store.values(code) if v.id in store.workshops()[0].final]
    assert final and values[0] in final, final
    cards = beamer.locator(".dna-chosen .dna-card b")
    expect(cards).to_have_text(final, timeout=TIMEOUT)
    for phone in phones:
        expect(phone.locator(".dna").get_by_role("heading", name="Ons DNA")).to_be_visible(
            timeout=PUSHED
        )
    shot(beamer, "beamer-dna", docs="beamer-6-dna")
    assert beamer.evaluate("window.e2eNoReload") is True, "the beamer reloaded"
    seen = beamer.evaluate("window.e2eSeen")
    assert seen == {"sidebar": False, "light": False, "placeholder": False}, f"the room saw {seen}"
