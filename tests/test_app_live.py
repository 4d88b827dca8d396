"""AppTest: a live workshop with a facilitator and participants in one Streamlit process."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from dna.store import Store, database_url
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


def participant(code: str | None = None, token: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if code:
        at.query_params["code"] = code
    if token:
        at.query_params["p"] = token
    at.run()
    assert not at.exception, at.exception
    return at


def facilitator(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    as_facilitator(at)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def submit(at: AppTest) -> AppTest:
    next(b for b in at.button if b.proto.is_form_submitter).click()
    at.run()
    assert not at.exception, at.exception
    return at


def fill(at: AppTest, current: list[str], desired: list[str], team: str | None = None) -> AppTest:
    for question, texts in (("current", current), ("desired", desired)):
        for i, text in enumerate(texts):
            at.text_input(key=f"join_{question}_{i}").set_value(text)
    if team:
        at.selectbox(key="join_team").set_value(team)
    submit(at)
    assert not at.exception, at.exception
    return at


def test_two_participants_answer_and_the_facilitator_sees_both(store, workshop):
    anna = participant(workshop.code)
    assert anna.title[0].value == "Cultuursessie"
    assert anna.query_params["p"]  # the anonymous token is in the URL, so a reload keeps it
    fill(anna, ["Betrokken", "Hiërarchisch", "traag"], ["open", "wendbaar"], team="Zorg")
    assert anna.success[0].value.startswith("Dank je! 5 antwoorden")

    bram = participant(workshop.code)
    fill(bram, ["betrokkenheid!", "log"], ["Open", "eerlijk"])
    assert bram.success

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
    anna = participant(workshop.code)
    token = anna.query_params["p"]
    token = token[0] if isinstance(token, list) else token
    fill(anna, ["traag", "log"], ["snel"])
    fill(anna, ["traag", "", "", ""], ["snel", "wendbaar"])  # changed: one current answer gone
    assert sorted(a.text for a in store.answers(workshop.code)) == ["snel", "traag", "wendbaar"]

    again = participant(workshop.code, token)  # a reload: same URL, new session
    assert again.text_input(key="join_current_0").value == "traag"
    assert again.text_input(key="join_desired_1").value == "wendbaar"
    assert store.status(workshop.code).participants == 1


def test_a_double_submit_stores_once(store, workshop):
    anna = participant(workshop.code)
    fill(anna, ["traag"], ["snel"])
    submit(anna)  # the same form again: a resend
    assert len(store.answer_rows(workshop.code)) == 2


@pytest.mark.parametrize(
    ("current", "desired", "message"),
    [
        (["", " "], [""], "Vul minstens één antwoord in"),
        (["<script>alert(1)</script>"], [""], "Vul minstens één antwoord in"),
    ],
)
def test_empty_answers_are_refused(store, workshop, current, desired, message):
    anna = fill(participant(workshop.code), current, desired)
    assert message in anna.error[0].value
    assert store.answer_rows(workshop.code) == []


def test_markup_long_and_formula_answers_are_stored_as_plain_capped_text(store, workshop):
    anna = participant(workshop.code)
    long = "samenwerken " * 20
    fill(anna, ["<b>open</b> deur", '=HYPERLINK("http://x")', long], ["+veilig"])
    texts = {a.text for a in store.answer_rows(workshop.code)}
    assert texts == {"open deur", long[:120].rsplit(" ", 1)[0].strip(), "veilig"}
    warnings = " ".join(w.value for w in anna.warning)
    assert "HTML-code is uit je antwoord gehaald" in warnings
    assert "spreadsheetformule" in warnings


def test_unknown_code_and_typing_a_code(store, workshop):
    lost = participant("ZZZZZZ")
    assert "geen workshop met deze code" in lost.error[0].value

    typed = participant()
    typed.text_input(key="join_code_input").set_value(workshop.code.lower())
    submit(typed)
    assert typed.title[0].value == "Cultuursessie"
    assert typed.text_input(key="join_current_0")


def test_a_closed_workshop_says_so_and_refuses(store, workshop):
    anna = participant(workshop.code)
    store.set_phase(workshop.code, "closed")
    fill(anna, ["traag"], ["snel"])
    assert "gesloten" in anna.error[0].value
    assert store.answer_rows(workshop.code) == []
    late = participant(workshop.code)
    assert "gesloten" in late.info[0].value
    assert not late.text_input


def test_profanity_is_held_back_for_review_and_the_facilitator_decides(store, workshop):
    fill(participant(workshop.code), ["kutsfeer", "traag"], ["open"])
    assert [a.text for a in store.answers(workshop.code)] == ["traag", "open"]
    held = [a for a in store.answer_rows(workshop.code) if a.hidden == "review"]
    assert [a.text for a in held] == ["kutsfeer"]

    fac = facilitator("views/moderate.py")
    fac.session_state["workshop"] = workshop.code
    fac.run()
    assert "Te beoordelen (1)" in fac.subheader[0].value


@pytest.mark.parametrize("page", ["views/workshops.py", "views/clouds.py", "views/projector.py"])
def test_participants_are_refused_facilitator_pages(workshop, page):
    at = participant(workshop.code)
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
    from dna import auth

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

    from dna.schema import sessions

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

    fill(participant(made.code), ["traag", "log"], ["snel"], team="Zuid")
    fac.switch_page("views/projector.py").run()
    assert not fac.exception, fac.exception
    page = " ".join(h.proto.body for h in fac.get("html"))
    assert made.code in page and "1 deelnemers · 3 antwoorden" in page
    assert len(fac.image) == 3  # QR, current cloud, desired cloud

    fac.toggle(key="projector_hide").set_value(True).run()
    page = " ".join(h.proto.body for h in fac.get("html"))
    assert "verborgen" in page and len(fac.image) == 1  # only the QR code

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
    fill(participant(workshop.code), ["traag"], ["snel"])
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    as_facilitator(at)
    at.query_params.update({"code": workshop.code, "hide": "1", "dark": "1"})
    at.run()
    at.switch_page("views/projector.py").run()
    assert not at.exception, at.exception
    assert at.toggle(key="projector_hide").value and at.toggle(key="projector_dark").value
    page = " ".join(h.proto.body for h in at.get("html"))
    assert "verborgen" in page and "#0e1117" in page
    assert len(at.image) == 1  # the QR code only: the results stay hidden after a reload


def test_the_join_link_is_the_app_root_with_the_code():
    from dna.participation import join_url

    assert join_url("http://10.0.0.5:8501/", "ACE347") == "http://10.0.0.5:8501/?code=ACE347"
