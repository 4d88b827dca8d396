"""AppTest: a live workshop run by a facilitator in one Streamlit process. The participants'
phones are not Streamlit's (phone/, tested in test_phone_api.py): here they send through the
domain (`dna.services.participation.send`), as the phone API does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from dna.services import participation
from dna.store import Store, database_url
from dna.workshop.workshop import WorkshopError
from tests.sessions import as_facilitator

APP = "../app.py"
TIMEOUT = 60


@pytest.fixture
def store(app_db) -> Store:
    """The same database file the app under test uses."""
    s = Store(database_url())
    yield s
    s.engine.dispose()


@pytest.fixture
def workshop(store):
    return store.new_workshop(
        "Cultuursessie", "Gemeente Test", ("Nu?", "Straks?"), 4, ["Zorg", "ICT"]
    )


def seeded(store: Store, title: str, people: list[tuple[str, list[str], list[str]]]):
    """A workshop with teams Zorg and ICT and imported answers: (team, current, desired) each."""
    from dna.records import CURRENT, DESIRED, Answer

    ws = store.new_workshop(title, "Org", ("Nu?", "Straks?"), 4, ["Zorg", "ICT"])
    rows = []
    for i, (team, now, later) in enumerate(people):
        rows += [Answer(CURRENT, text, team, f"r{i}") for text in now]
        rows += [Answer(DESIRED, text, team, f"r{i}") for text in later]
    store.add_import(ws.code, "seed", "seed.csv", rows)
    return ws


def visitor(code: str | None = None) -> AppTest:
    """A browser without a facilitator session (in AppTest, where "/" is not the phone route)."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if code:
        at.query_params["code"] = code
    at.run()
    assert not at.exception, at.exception
    return at


def send(
    store: Store,
    code: str,
    current: list[str],
    desired: list[str],
    team: str | None = None,
    token: str = "phone",
    submission: str | None = None,
) -> participation.Sent:
    """A phone sends its answers (what POST /api/w/<code>/answers does)."""
    typed = {"current": current, "desired": desired}
    sid = submission or f"{token}-{len(store.answer_rows(code))}"
    return participation.send(store, code, token, typed, team, sid)


def facilitator(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    as_facilitator(at)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def on_page(page: str, code: str) -> AppTest:
    """A facilitator on `page`, with the workshop `code` chosen."""
    at = facilitator()
    at.session_state["workshop"] = code
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def submit(at: AppTest) -> AppTest:
    next(b for b in at.button if b.proto.is_form_submitter).click()
    at.run()
    assert not at.exception, at.exception
    return at


def test_two_participants_answer_and_the_facilitator_sees_both(store, workshop):
    now, later = ["Betrokken", "Hiërarchisch", "traag"], ["open", "wendbaar"]
    sent = send(store, workshop.code, now, later, team="Zorg", token="anna")
    assert sent.receipt.saved == 5 and not sent.receipt.duplicate
    assert send(store, workshop.code, ["betrokkenheid!", "log"], ["Open", "eerlijk"], token="bram")

    assert store.status(workshop.code).participants == 2
    assert {a.text for a in store.answers(workshop.code)} >= {"Betrokken", "betrokkenheid!"}

    fac = facilitator("views/clouds.py")
    fac.session_state["workshop"] = workshop.code
    fac.run()
    assert "2 deelnemers, 9 antwoorden" in fac.success[0].value
    current = fac.dataframe[0].value
    row = current[current["Woord"].str.lower().str.startswith("betrokken")]
    assert int(row["Aantal"].iloc[0]) == 2  # "Betrokken" and "betrokkenheid!" are one word
    assert len(fac.image) == 2


def test_a_participant_changes_answers_and_a_reload_keeps_them(store, workshop):
    send(store, workshop.code, ["traag", "log"], ["snel"], token="anna")
    send(store, workshop.code, ["traag", "", "", ""], ["snel", "wendbaar"], token="anna")
    assert sorted(a.text for a in store.answers(workshop.code)) == ["snel", "traag", "wendbaar"]

    answers, team = store.participant_answers(workshop.code, "anna")  # what a reload shows
    assert answers == {"current": ["traag"], "desired": ["snel", "wendbaar"]} and team is None
    assert store.status(workshop.code).participants == 1


def test_a_double_submit_stores_once(store, workshop):
    first = send(store, workshop.code, ["traag"], ["snel"], submission="tap")
    again = send(store, workshop.code, ["traag"], ["snel"], submission="tap")  # a resend
    assert not first.receipt.duplicate and again.receipt.duplicate
    assert len(store.answer_rows(workshop.code)) == 2


@pytest.mark.parametrize(
    ("current", "desired"), [(["", " "], [""]), (["<script>alert(1)</script>"], [""])]
)
def test_empty_answers_are_refused(store, workshop, current, desired):
    with pytest.raises(WorkshopError) as refused:
        send(store, workshop.code, current, desired)
    assert refused.value.code == "empty_submission"
    assert store.answer_rows(workshop.code) == []


def test_markup_long_and_formula_answers_are_stored_as_plain_capped_text(store, workshop):
    long = "samenwerken " * 20
    now = ["<b>open</b> deur", '=HYPERLINK("http://x")', long]
    sent = send(store, workshop.code, now, ["+veilig"])
    texts = {a.text for a in store.answer_rows(workshop.code)}
    assert texts == {"open deur", long[:120].rsplit(" ", 1)[0].strip(), "veilig"}
    said = {w.split(":")[0] for w in sent.submission.warnings}  # what the phone is told
    assert {"markup_removed", "formula_dropped"} <= said


def test_unknown_code_and_typing_a_code(store, workshop):
    with pytest.raises(WorkshopError) as lost:
        participation.find(store, "ZZZZZZ", "10.0.0.1")
    assert lost.value.code == "unknown_code"
    assert participation.find(store, f" {workshop.code.lower()} ", "10.0.0.1").code == workshop.code


def test_a_closed_workshop_refuses(store, workshop):
    store.set_phase(workshop.code, "closed")
    with pytest.raises(WorkshopError) as refused:
        send(store, workshop.code, ["traag"], ["snel"])
    assert refused.value.code == "closed"
    assert store.answer_rows(workshop.code) == []


def test_profanity_is_held_back_for_review_and_the_facilitator_decides(store, workshop):
    send(store, workshop.code, ["kutsfeer", "traag"], ["open"])
    assert [a.text for a in store.answers(workshop.code)] == ["traag", "open"]
    held = [a for a in store.answer_rows(workshop.code) if a.hidden == "review"]
    assert [a.text for a in held] == ["kutsfeer"]

    fac = facilitator("views/moderate.py")
    fac.session_state["workshop"] = workshop.code
    fac.run()
    assert "Te beoordelen (1)" in fac.subheader[0].value


def test_without_a_session_streamlit_offers_only_the_login(workshop):
    """The participant's page is the phone route at "/"; Streamlit's own default page (reached
    in AppTest, or by `streamlit run app.py` without the routes) is the facilitator login, with a
    plain link to the phone page."""
    at = visitor(workshop.code)
    assert at.title[0].value == "Inloggen als facilitator"
    assert not at.text_input and [b.key for b in at.button_group] == ["lang_pick"]  # no ballot
    assert "/login?next=/" in " ".join(h.proto.body for h in at.get("html"))
    (link,) = at.get("link_button")
    assert link.proto.url == "/" and "Deelnemer" in link.proto.label


@pytest.mark.parametrize("page", ["views/workshops.py", "views/clouds.py", "views/projector.py"])
def test_participants_are_refused_facilitator_pages(workshop, page):
    at = visitor(workshop.code)
    at.switch_page(page).run()
    assert not at.exception
    assert "alleen voor de facilitator" in at.warning[0].value
    assert not at.image  # no clouds, no QR code
    assert "/login?next=/" in " ".join(h.proto.body for h in at.get("html"))  # the login page


def test_a_logout_in_one_tab_ends_the_session_in_every_other(store):
    """Attack: after a logout in one tab, a second session opened with the same cookie stayed
    facilitator and closed answering."""
    one = facilitator("views/workshops.py")
    token = one.session_state["facilitator_session"]
    two = AppTest.from_file(APP, default_timeout=TIMEOUT)
    two.session_state["facilitator_session"] = token  # the same browser cookie, a second tab
    two.run()
    two.switch_page("views/workshops.py").run()
    assert two.session_state["facilitator"] is True
    one.switch_page("views/login.py").run()
    one.button(key="login_logout").click().run()
    assert "/logout" in " ".join(h.proto.body for h in one.get("html"))  # clears the cookie
    two.run()  # the next click in the other tab
    assert "facilitator" not in two.session_state
    assert "alleen voor de facilitator" in two.warning[0].value


def test_logout_everywhere_and_a_new_password_end_every_session(store):
    """Attack: a forgotten projector tab stayed facilitator; after a restart with a new
    DNA_ADMIN_PASSWORD the old cookie still worked."""
    from dna.services import auth

    laptop, beamer = facilitator("views/workshops.py"), facilitator("views/workshops.py")
    laptop.switch_page("views/login.py").run()
    laptop.button(key="login_logout_all").click().run()
    beamer.run()
    assert "facilitator" not in beamer.session_state

    again = facilitator("views/workshops.py")
    assert again.session_state["facilitator"] is True
    assert auth.ensure_password(store, "een-nieuw-wachtwoord") is None  # a restart, new password
    again.run()
    assert "facilitator" not in again.session_state


def test_an_expired_session_ends_while_the_tab_is_open(store):
    """Attack: the 12-hour expiry was only applied when a browser came back, not to an open
    session."""
    import sqlalchemy as sa

    from dna.store.schema import sessions

    at = facilitator("views/workshops.py")
    assert at.session_state["facilitator"] is True
    with store.engine.begin() as conn:  # 12 hours later
        conn.execute(sa.update(sessions).values(expires=datetime.now(UTC) - timedelta(seconds=1)))
    store.put_setting(store.SESSIONS_REVISION, "later")
    at.run()
    assert "facilitator" not in at.session_state


def test_facilitator_creates_a_workshop_and_runs_the_projector(store):
    fac = facilitator("views/workshops.py")
    fac.text_input(key="workshops_title").set_value("Heidag")
    fac.text_area(key="workshops_teams").set_value("Noord\nZuid\n\nNoord")
    submit(fac)
    (made,) = store.workshops()
    assert made.title == "Heidag" and made.teams == ("Noord", "Zuid") and made.per_person == 4
    assert made.questions[0] == "Beschrijf onze huidige cultuur in vier woorden"
    assert fac.session_state["workshop"] == made.code
    assert len(fac.image) == 1  # the QR code
    (beamer,) = fac.get("link_button")  # the next step is the beamer, not closing answering
    assert beamer.proto.label == "Open de beamer" and beamer.proto.type == "primary"
    assert fac.button(key="workshops_phase").proto.type != "primary"

    send(store, made.code, ["traag", "log"], ["snel"], team="Zuid")
    fac.switch_page("views/projector.py").run()
    assert not fac.exception, fac.exception
    page = " ".join(h.proto.body for h in fac.get("html"))
    assert made.code in page and "1 deelnemer · 3 antwoorden" in page  # not "1 deelnemers"
    assert len(fac.image) == 3  # QR, current cloud, desired cloud

    fac.toggle(key="projector_hide").set_value(True).run()
    assert store.workshop(made.code).results_hidden  # stored: the phones say so too
    page = " ".join(h.proto.body for h in fac.get("html"))
    assert "verborgen" in page and len(fac.image) == 1  # only the QR code
    fac.toggle(key="projector_hide").set_value(False).run()
    assert not store.workshop(made.code).results_hidden and len(fac.image) == 3

    fac.button(key="projector_timer_3").click().run()  # a countdown, on the beamer and phones
    ends = store.workshop(made.code).timer_ends
    assert ends and timedelta(minutes=2.9) < ends - datetime.now(UTC) <= timedelta(minutes=3)
    assert f"data-ends='{int(ends.timestamp() * 1000)}'" in " ".join(
        h.proto.body for h in fac.get("html")
    )
    fac.button(key="projector_timer_0").click().run()
    assert store.workshop(made.code).timer_ends is None

    fac.switch_page("views/workshops.py").run()
    fac.button(key="workshops_phase").click().run()  # close answering
    assert store.workshop(made.code).phase == "closed"


def test_language_chosen_before_login_stays_after_login():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page("views/login.py").run()
    at.button_group(key="lang_pick").set_value("en").run()
    at.switch_page("views/workshops.py").run()
    assert at.title[0].value == "Facilitator login"
    page = " ".join(h.proto.body for h in at.get("html"))
    assert "/login?next=/workshops%3Flang%3Den&lang=en" in page  # and back, in English


def test_the_beamer_takes_its_settings_from_the_url_so_a_reload_keeps_them(store, workshop):
    send(store, workshop.code, ["traag"], ["snel"])
    store.set_results_hidden(workshop.code, True)  # hidden is the workshop's, not the URL's
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    as_facilitator(at)
    at.query_params.update({"code": workshop.code, "hide": "0"})  # dark: the default
    at.run()
    at.switch_page("views/projector.py").run()
    assert not at.exception, at.exception
    assert at.toggle(key="projector_hide").value and at.toggle(key="projector_dark").value
    page = " ".join(h.proto.body for h in at.get("html"))
    assert "verborgen" in page and "#0e1117" in page
    assert len(at.image) == 1  # the QR code only: the results stay hidden after a reload


def test_a_light_beamer_stays_light_after_a_reload(store, workshop):
    """Dark is the beamer's default (less glare in a dimmed room); light is kept as dark=0."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    as_facilitator(at)
    at.query_params.update({"code": workshop.code, "dark": "0"})
    at.run()
    at.switch_page("views/projector.py").run()
    assert not at.exception, at.exception
    assert not at.toggle(key="projector_dark").value
    css = [h.proto.body for h in at.get("html") if "<style>" in h.proto.body]
    assert css and '.stApp, [data-testid="stAppViewContainer"]' in css[-1]
    assert "background: #ffffff" in css[-1]
    at.toggle(key="projector_dark").set_value(True).run()
    assert "dark" not in at.query_params  # the default needs no mark in the URL


def test_hiding_results_on_one_beamer_shows_on_another(store, workshop):
    """The toggle is stored state (phones read it too): a second beamer follows on its next
    refresh, and an old `hide=1` in a URL no longer hides anything."""
    send(store, workshop.code, ["traag"], ["snel"])
    one, two = (facilitator() for _ in range(2))
    for at in (one, two):
        at.query_params.update({"code": workshop.code, "hide": "1"})
        at.switch_page("views/projector.py").run()
        assert not at.toggle(key="projector_hide").value and len(at.image) == 3
    one.toggle(key="projector_hide").set_value(True).run()
    two.run()
    assert "verborgen" in " ".join(h.proto.body for h in two.get("html"))
    assert two.toggle(key="projector_hide").value and len(two.image) == 1


def test_the_join_link_is_the_app_root_with_the_code():
    from dna.services.participation import join_url

    assert join_url("http://10.0.0.5:8501/", "ACE347") == "http://10.0.0.5:8501/?code=ACE347"
