"""A whole live workshop in real browsers: the facilitator creates it (Streamlit), four phones
answer on their own page (phone/, plain HTML at `/?code=`), the beamer follows without a reload,
groups are merged, values made and voted on (the ballot and the result reach the phones by
themselves), the DNA sheet downloaded and read."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

from pypdf import PdfReader

from .conftest import (
    PHONE,
    TIMEOUT,
    Shots,
    expect,
    fill_answers,
    goto,
    login,
    open_phone,
    wait_idle,
)

TITLE = "Koers 2027"
ORGANISATION = "Gemeente Voorbeeldstad"
# Four phones, four answers on each question. Variants that must be one group: betrokken /
# Betrokkenheid! / betrokkenhied, hiërarchisch / hierarchisch, innovatief / innovatie,
# eigenaarschap / Eigenaarschap. Two groups the facilitator merges: klantgericht + klantvriendelijk.
ANSWERS = [
    (
        ["betrokken", "hiërarchisch", "traag", "collegiaal"],
        ["klantgericht", "eigenaarschap", "betrokken", "innovatief"],
    ),
    (
        ["Betrokkenheid!", "hierarchisch", "traag", "gezellig"],
        ["klantvriendelijk", "eigenaarschap", "betrokken", "vertrouwen"],
    ),
    (
        ["betrokkenhied", "hiërarchisch", "stroperig", "collegiaal"],
        ["klantgericht", "eigenaarschap", "vertrouwen", "innovatief"],
    ),
    (
        ["betrokken", "bureaucratisch", "traag", "gezellig"],
        ["klantvriendelijk", "Eigenaarschap", "betrokkenheid", "innovatie"],
    ),
]
# The starting set after the merge (groups strong in "keep" and "develop") plus one by hand.
STARTING_SET = ["Eigenaarschap", "Klantgericht", "Betrokken", "Innovatief", "Vertrouwen"]
BY_HAND = "Moed tonen"
MEANING = "We zeggen wat we denken, ook als het schuurt."
BEHAVIOURS = ["We benoemen fouten hardop", "We vragen door in overleggen"]
# Dots per phone (3 dots, at most 2 on one value): Eigenaarschap 5, Klantgericht 4, Moed tonen 2,
# Vertrouwen 1. The ranking proposes all four; the facilitator keeps the first three.
BALLOTS = [
    {"Eigenaarschap": 2, "Klantgericht": 1},
    {"Eigenaarschap": 1, "Klantgericht": 1, BY_HAND: 1},
    {"Eigenaarschap": 2, BY_HAND: 1},
    {"Klantgericht": 2, "Vertrouwen": 1},
]
FINAL = ["Eigenaarschap", "Klantgericht", BY_HAND]
TAGLINE = "Samen maken we het verschil"
DOTS = {0: "0 stippen", 1: "1 stip", 2: "2 stippen"}  # the dot buttons' accessible names
PUSHED = 5_000  # ms: a change the facilitator makes shows on every phone by itself within this


def poll(what, check, timeout: float = 30):
    """Call check() until it returns something truthy (no page reloads; tiny sleeps only)."""
    end = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        assert time.monotonic() < end, f"{what}: still not so after {timeout} s"
        time.sleep(0.2)


def cloud_sources(beamer) -> list[str]:
    """The src of both clouds on the beamer (current, desired); '' where none is drawn yet."""
    inner = "[data-testid='stColumn']:has(.dna-q):not(:has([data-testid='stColumn']))"
    sources = []
    for column in beamer.locator(inner).all():
        img = column.locator("img")
        sources.append(img.first.get_attribute("src") or "" if img.count() else "")
    return sources if len(sources) == 2 else ["?", "?"]


def clouds_redrawn(beamer, before: list[str], changed: tuple[int, ...] = (0, 1)) -> list[str]:
    """Wait until the clouds at `changed` show a new picture; the others must stay as they were."""

    def check():
        now = cloud_sources(beamer)
        if "?" in now or not all(now[i] and now[i] != before[i] for i in changed):
            return None
        return now

    now = poll(f"clouds {changed} redrawn", check)
    for i in {0, 1} - set(changed):
        assert now[i] == before[i], f"cloud {i} changed too"
    return now


def beamer_counts(beamer, people: int, answers: int) -> None:
    head = beamer.locator(".dna-count")
    people_ = f"{people} deelnemer{'s' if people != 1 else ''}"  # "1 deelnemer", not "1 deelnemers"
    answers_ = f"{answers} antwoord{'en' if answers != 1 else ''}"
    expect(head).to_have_text(f"{people_} · {answers_}", timeout=TIMEOUT)


def answer(phone, current: list[str], desired: list[str]) -> None:
    fill_answers(phone, "current", current)
    fill_answers(phone, "desired", desired)
    phone.get_by_role("button", name="Versturen").click()
    expect(phone.get_by_text("Dank je! 8 antwoorden opgeslagen.")).to_be_visible()
    expect(phone.get_by_role("button", name="Wijzigingen opslaan")).to_be_visible()


def pick_groups(page, question: str, *options: str) -> None:
    """Choose options of the multiselect "Groepen om te bewerken" by their visible text."""
    box = page.locator(f".st-key-groups_pick_{question}")
    for option in options:
        box.locator("input").click()
        page.get_by_role("option", name=option, exact=True).click()
        wait_idle(page)
    page.keyboard.press("Escape")


def group_options(page, question: str) -> list[str]:
    """Every option of "Groepen om te bewerken" (label and count), read from its open list."""
    box = page.locator(f".st-key-groups_pick_{question}")
    expect(box.get_by_role("combobox", name="Groepen om te bewerken")).to_be_visible()
    box.locator("input").click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    texts = options.all_inner_texts()
    page.keyboard.press("Escape")
    return texts


def vote(phone, ballot: dict[str, int]) -> None:
    for name, n in ballot.items():
        choice = phone.get_by_role("group", name=f"Stippen voor {name}").get_by_role(
            "button", name=DOTS[n], exact=True
        )
        choice.click()
        expect(choice).to_have_attribute("aria-pressed", "true")
    expect(phone.get_by_text("Nog 0 van de 3 stippen over.")).to_be_visible()
    phone.get_by_role("button", name="Stem opslaan").click()
    expect(phone.get_by_text("Je stem is opgeslagen")).to_be_visible()


def test_a_whole_workshop(open_page, server):
    shot = Shots()
    base = server.url

    # The facilitator logs in and creates the workshop.
    host = open_page()
    login(host, base)
    shot(host, "facilitator-logged-in")
    goto(host, f"{base}/")  # the facilitator's default page: Workshops
    host.get_by_label("Titel").fill(TITLE)
    host.get_by_label("Organisatie").fill(ORGANISATION)
    host.get_by_role("button", name="Workshop aanmaken").click()
    expect(host.get_by_role("heading", name=TITLE)).to_be_visible()
    link = host.get_by_test_id("stCode").inner_text().strip()
    code = re.fullmatch(rf"{re.escape(base)}/\?code=([A-Z0-9]{{6}})", link).group(1)
    expect(host.get_by_text("0 deelnemers · 0 antwoorden")).to_be_visible()
    shot(host, "workshop-created", docs="1-created")

    # The beamer, in a window that shares the facilitator's login cookie.
    beamer = open_page(storage_state=host.context.storage_state())
    goto(beamer, f"{base}/beamer?code={code}")
    beamer_counts(beamer, 0, 0)
    expect(beamer.get_by_text("Wachten op de eerste antwoorden…")).to_have_count(2)
    expect(beamer.locator(".dna-join")).to_contain_text(code)
    beamer.evaluate("window.e2eNoReload = true")  # gone if the page ever reloads
    shot(beamer, "beamer-waiting")

    # Four phones: three open the join link, one types the code.
    phones = []
    for i, (current, desired) in enumerate(ANSWERS):
        phone = open_page(viewport=PHONE, has_touch=True)
        phones.append(phone)
        if i < 3:
            open_phone(phone, link)
        else:
            open_phone(phone, base)
            phone.get_by_label("Workshopcode").fill(code.lower())
            shot(phone, "phone-types-code")
            phone.get_by_role("button", name="Meedoen").click()
        expect(phone.get_by_role("heading", name=TITLE)).to_be_visible()
        phone.evaluate("window.e2eNoReload = true")  # gone if the page ever reloads
        if i in (0, 3):
            shot(phone, f"phone{i + 1}-joined")
        before = cloud_sources(beamer)
        answer(phone, current, desired)
        if i in (0, 3):
            shot(phone, f"phone{i + 1}-answered")
        beamer_counts(beamer, i + 1, 8 * (i + 1))
        clouds_redrawn(beamer, before)
    assert beamer.evaluate("window.e2eNoReload") is True, "the beamer reloaded"
    shot(beamer, "beamer-four-phones", docs="2-beamer")

    # The variants are one group each; klantgericht and klantvriendelijk are still two.
    goto(host, f"{base}/groepen?ws={code}")
    current = group_options(host, "current")
    assert "betrokken (4)" in current and "hiërarchisch (3)" in current, current
    assert not any(
        o.startswith(("Betrokkenheid", "betrokkenhied", "hierarchisch")) for o in current
    )
    host.get_by_role("radio", name="Gewenste cultuur").click()
    wait_idle(host)
    desired = group_options(host, "desired")
    for group in (
        "eigenaarschap (4)",
        "innovatief (3)",
        "klantgericht (2)",
        "klantvriendelijk (2)",
    ):
        assert group in desired, desired

    # The facilitator merges them; the desired cloud on the beamer changes, the current does not.
    before = cloud_sources(beamer)
    pick_groups(host, "desired", "klantgericht (2)", "klantvriendelijk (2)")
    merge = host.locator(".st-key-groups_merge").get_by_role("button", name="Samenvoegen")
    merge.scroll_into_view_if_needed()
    shot(host, "merge-two-groups", docs="3-merge")
    merge.click()
    wait_idle(host)
    merged = host.locator(".st-key-groups_pick_desired")  # the merged group stays chosen
    expect(merged).to_contain_text("klantgericht (4)")
    expect(merged).not_to_contain_text("klantvriendelijk")
    clouds_redrawn(beamer, before, changed=(1,))
    assert beamer.evaluate("window.e2eNoReload") is True, "the beamer reloaded"
    shot(host, "merged")
    shot(beamer, "beamer-after-merge")

    # Candidate values: the suggested starting set and one by hand.
    goto(host, f"{base}/waarden?ws={code}")
    host.get_by_role("button", name=re.compile(r"^Toevoegen \(5 nieuw\)$")).click()
    expect(host.get_by_role("heading", name="Kandidaat-waarden (5)")).to_be_visible()
    host.get_by_role("tab", name="Met de hand").click()
    host.get_by_label("Naam (1–3 woorden)").fill(BY_HAND)
    host.get_by_label("Betekenis (één zin)").fill(MEANING)
    host.get_by_label("Dit zie je aan (2–4 gedragingen, één per regel)").fill("\n".join(BEHAVIOURS))
    host.locator(".st-key-values_new_ok button").click()
    expect(host.get_by_role("heading", name="Kandidaat-waarden (6)")).to_be_visible()
    for n, name in enumerate([*STARTING_SET, BY_HAND], 1):
        expect(host.get_by_role("heading", name=f"{n}. {name}")).to_be_visible()
    host.get_by_role("heading", name="Kandidaat-waarden (6)").scroll_into_view_if_needed()
    shot(host, "values", docs="4-values")

    # Voting opens; every phone shows its ballot by itself, without a reload or a tap.
    goto(host, f"{base}/stemmen?ws={code}")
    host.get_by_role("button", name="Stemmen openen").click()
    expect(host.get_by_role("button", name="Stemmen sluiten")).to_be_visible()
    for phone in phones:
        expect(phone.get_by_role("heading", name="Stemmen op de waarden")).to_be_visible(
            timeout=PUSHED
        )
    expect(beamer.get_by_text("je stemkaart verschijnt vanzelf")).to_be_visible()
    shot(phones[0], "phone1-ballot", full=True)
    for i, (phone, dots) in enumerate(zip(phones, BALLOTS, strict=True)):
        vote(phone, dots)
        if i == 0:
            shot(phone, "phone1-voted")
    expect(beamer.get_by_text("Stemmen open · 4 stemmers")).to_be_visible()
    chart = beamer.locator(
        "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg"
    )
    expect(chart.first).to_be_visible(timeout=TIMEOUT)  # drawn, not its placeholder
    shot(beamer, "beamer-votes", docs="5-beamer-votes")

    # The facilitator closes voting, keeps the top three and adds a tagline.
    expect(host.get_by_role("heading", name="Uitslag · 4 stemmers")).to_be_visible()
    host.get_by_role("button", name="Stemmen sluiten").click()
    expect(host.get_by_role("heading", name="Het DNA: kies de waarden")).to_be_visible()
    expect(phones[0].get_by_text("De facilitator kiest nu de waarden")).to_be_visible(
        timeout=PUSHED
    )
    shot(phones[0], "phone1-voting-closed")
    final = host.get_by_test_id("stMultiSelect").filter(has_text="Gekozen waarden")
    expect(final).to_contain_text("Vertrouwen")
    final.get_by_role("button", name=re.compile("Vertrouwen")).click()  # the chip's ×
    wait_idle(host)
    expect(final).not_to_contain_text("Vertrouwen")
    host.get_by_label("Slogan (optioneel, één regel)").fill(TAGLINE)
    host.get_by_role("button", name="Keuze opslaan").click()
    expect(host.get_by_text("Opgeslagen: 3 waarden.")).to_be_visible()
    shot(host, "final-values", docs="6-final")
    expect(beamer.get_by_text(f"Ons DNA: {' · '.join(FINAL)} — {TAGLINE}")).to_be_visible()
    shot(beamer, "beamer-dna")
    # Every phone shows the DNA by itself, and its own vote.
    for phone in phones:
        result = phone.locator(".dna")
        expect(result.get_by_role("heading", name="Ons DNA")).to_be_visible(timeout=PUSHED)
        expect(result.get_by_role("listitem")).to_have_text(FINAL)
        expect(result.get_by_text(TAGLINE)).to_be_visible()
        expect(phone.get_by_text("Het stemmen is gesloten. Dank voor je stem!")).to_be_visible()
        expect(phone.get_by_text("Jouw stem:")).to_be_visible()
        assert phone.evaluate("window.e2eNoReload") is True, "a phone reloaded"
    shot(phones[3], "phone4-dna", full=True)

    # The DNA sheet: the PDF names the three values in order, with the tagline.
    goto(host, f"{base}/dna-sheet?ws={code}")
    expect(host.get_by_text(TAGLINE)).to_be_visible()
    shot(host, "dna-sheet", docs="7-sheet")
    with host.expect_download() as download:
        host.get_by_role("button", name="DNA-sheet (PDF)").click()
    assert download.value.suggested_filename == f"cultuur-dna-{code}-handout.pdf"
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    for needle in (TITLE, ORGANISATION, TAGLINE, MEANING, *FINAL, *BEHAVIOURS):
        assert needle in text, f"{needle!r} not in the PDF: {text[:800]}"
    where = [text.index(name) for name in FINAL]
    assert where == sorted(where), f"values out of order in the PDF: {text[:800]}"
