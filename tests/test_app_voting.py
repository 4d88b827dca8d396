"""AppTest: dot voting with a facilitator and the beamer. The phones vote through the domain
(`Store.cast`, what POST /api/w/<code>/ballot does); their page is tested in test_phone_api.py."""

from __future__ import annotations

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from dna.store import Store, database_url
from dna.workshop.values import Value
from dna.workshop.voting import CLOSED, OPEN, Rules
from dna.workshop.workshop import Submission, WorkshopError
from tests.sessions import as_facilitator
from tests.test_app_live import APP, TIMEOUT, facilitator, send

NAMES = ("Eigenaarschap", "Vertrouwen", "Samenwerken", "Nieuwsgierig")


@pytest.fixture
def store(app_db) -> Store:
    s = Store(database_url())
    yield s
    s.engine.dispose()


@pytest.fixture
def workshop(store):
    return store.new_workshop("Heidag", "Gemeente Test", ("Nu?", "Straks?"), 4, ["Zorg", "ICT"])


@pytest.fixture
def ids(store, workshop) -> list[int]:
    return [store.add_value(workshop.code, Value(name, f"Over {name.lower()}.")) for name in NAMES]


def page_html(at: AppTest) -> str:
    return " ".join(h.proto.body for h in at.get("html"))


def bars(at: AppTest) -> dict[str, int]:
    """Dots per value as the chart on the page draws them (the data Streamlit sends with it)."""
    (chart,) = charts(at)
    tables = [chart.proto.data.data, *(d.data.data for d in chart.proto.datasets)]
    rows = [r for b in tables if b for r in pa.ipc.open_stream(b).read_all().to_pylist()]
    return {r["label"]: r["dots"] for r in rows}


def charts(at: AppTest) -> list:
    return [e for e in at.main if type(e).__name__ == "UnknownElement" and "vega" in e.type]


def facilitator_on(code: str, page: str = "views/voting.py") -> AppTest:
    at = facilitator()
    at.session_state["workshop"] = code
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_voting_needs_two_candidate_values(store, workshop):
    store.add_value(workshop.code, Value("Eigenaarschap"))
    fac = facilitator_on(workshop.code)
    assert "vanaf 2 kandidaat-waarden" in fac.info[0].value
    assert not fac.button  # nothing to open yet


def test_without_a_workshop_the_page_says_so():
    fac = facilitator("views/voting.py")
    assert "Kies eerst een workshop" in fac.info[0].value


def test_the_facilitator_opens_voting_with_rules(store, workshop, ids):
    fac = facilitator_on(workshop.code)
    fac.number_input(key="vote_rule_dots").set_value(5).run()
    fac.number_input(key="vote_rule_cap").set_value(3).run()
    fac.button(key="vote_open").click().run()
    assert not fac.exception, fac.exception
    opened = store.workshop(workshop.code)
    assert (opened.voting, opened.dots, opened.cap) == (OPEN, 5, 3)
    assert opened.phase == "closed"  # answering closed with it (the default)
    assert "5 stippen per deelnemer, maximaal 3 per waarde" in fac.caption[0].value
    assert fac.button(key="vote_close")


def test_answering_can_stay_open_while_voting(store, workshop, ids):
    fac = facilitator_on(workshop.code)
    fac.checkbox(key="vote_close_answers").uncheck().run()
    fac.button(key="vote_open").click().run()
    opened = store.workshop(workshop.code)
    assert opened.voting == OPEN and opened.phase == "open"


def refused(code: str, call) -> None:
    with pytest.raises(WorkshopError) as caught:
        call()
    assert caught.value.code == code


def test_two_participants_vote_and_too_many_dots_are_refused(store, workshop, ids):
    store.set_voting(workshop.code, OPEN, Rules(3, 2))
    assert store.cast(workshop.code, "anna", {ids[0]: 2, ids[1]: 1}, "a1")

    refused(
        "too_many_dots", lambda: store.cast(workshop.code, "bram", {ids[0]: 2, ids[2]: 2}, "b1")
    )
    refused("over_cap", lambda: store.cast(workshop.code, "bram", {ids[0]: 3}, "b2"))
    assert store.ballot(workshop.code, "bram") == {}  # nothing stored
    assert [b for b, _ in store.ballots(workshop.code)] == [{ids[0]: 2, ids[1]: 1}]

    assert store.cast(workshop.code, "bram", {ids[0]: 1}, "b3")
    assert len(store.ballots(workshop.code)) == 2
    fac = facilitator_on(workshop.code)
    assert "2 stemmers" in fac.subheader[0].value


def test_a_changed_ballot_is_prefilled_after_a_reload_and_counted_once(store, workshop, ids):
    store.set_voting(workshop.code, OPEN, Rules(3, 2))
    store.cast(workshop.code, "anna", {ids[0]: 2, ids[1]: 1}, "a1")
    store.cast(workshop.code, "anna", {ids[0]: 0, ids[1]: 1, ids[3]: 2}, "a2")  # dots moved
    store.cast(workshop.code, "anna", {ids[1]: 1, ids[3]: 2}, "a3")  # the same ballot again
    assert [b for b, _ in store.ballots(workshop.code)] == [{ids[1]: 1, ids[3]: 2}]
    assert store.ballot(workshop.code, "anna") == {ids[1]: 1, ids[3]: 2}  # what a reload shows


def test_a_double_tap_with_the_same_submission_stores_once(store, workshop, ids):
    store.set_voting(workshop.code, OPEN, Rules(3, 2))
    assert store.cast(workshop.code, "anna", {ids[0]: 1}, "tap")
    assert not store.cast(workshop.code, "anna", {ids[1]: 1}, "tap")  # the resend of that tap
    assert [b for b, _ in store.ballots(workshop.code)] == [{ids[0]: 1}]


def test_closed_voting_refuses_while_answering_stays_open(store, workshop, ids):
    store.set_voting(workshop.code, OPEN, Rules(3, 2))
    store.cast(workshop.code, "anna", {ids[0]: 1}, "a1")
    store.set_voting(workshop.code, CLOSED)
    refused("voting_closed", lambda: store.cast(workshop.code, "anna", {ids[1]: 2}, "a2"))
    assert [b for b, _ in store.ballots(workshop.code)] == [{ids[0]: 1}]
    assert send(store, workshop.code, ["traag"], ["snel"], token="anna")  # answering: still open


def cast(store: Store, code: str, *ballots: dict[int, int], team: str | None = None) -> None:
    for i, ballot in enumerate(ballots):
        token = f"{team or 'x'}{i}"
        if team:
            answer = Submission({"current": ("traag",), "desired": ("snel",)}, team)
            store.submit(code, token, answer, f"s{token}")
        assert store.cast(code, token, ballot, f"b{token}")


def test_final_values_default_to_the_ranking_can_be_reordered_and_saved(store, workshop, ids):
    store.set_voting(workshop.code, OPEN, Rules(3, 2))
    cast(store, workshop.code, {ids[2]: 2, ids[1]: 1}, {ids[2]: 1, ids[0]: 2}, {ids[1]: 1})
    fac = facilitator_on(workshop.code)
    assert "3 stemmers" in fac.subheader[0].value
    table = fac.dataframe[0].value
    assert list(table["Waarde"]) == ["Samenwerken", "Vertrouwen", "Eigenaarschap", "Nieuwsgierig"]
    assert list(table["Stippen"]) == [3, 2, 2, 0]  # a tie on dots: more voters first
    assert list(table["Deel van de stemmers"]) == [67, 67, 33, 0]
    assert charts(fac)

    fac.button(key="vote_close").click().run()
    assert store.workshop(workshop.code).voting == CLOSED
    assert fac.multiselect(key="vote_final").value == [ids[2], ids[1], ids[0]]
    fac.button(key=f"vote_up_{ids[0]}").click().run()  # Eigenaarschap one place up
    assert fac.multiselect(key="vote_final").value == [ids[2], ids[0], ids[1]]
    fac.multiselect(key="vote_final").unselect(ids[1]).run()
    assert "2 waarden gekozen" in fac.warning[0].value
    fac.multiselect(key="vote_final").select(ids[3]).run()
    assert not fac.warning
    fac.text_input(key="vote_tagline").set_value("  Samen <b>sterk</b> ").run()
    fac.button(key="vote_final_save").click().run()
    assert not fac.exception, fac.exception
    saved = store.workshop(workshop.code)
    assert saved.final == (ids[2], ids[0], ids[3]) and saved.tagline == "Samen sterk"

    fac.button(key="vote_reopen").click().run()
    assert store.workshop(workshop.code).voting == OPEN
    assert len(store.ballots(workshop.code)) == 3  # nothing lost on the way


def beamer(code: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    as_facilitator(at)
    at.query_params.update({"code": code, **params})
    at.run()
    at.switch_page("views/projector.py").run()
    assert not at.exception, at.exception
    return at


def test_the_beamer_shows_the_votes_and_hides_them(store, workshop, ids):
    store.set_voting(workshop.code, OPEN, Rules(3, 2))
    cast(store, workshop.code, {ids[0]: 2}, {ids[0]: 1, ids[1]: 1})
    shown = beamer(workshop.code)
    assert "Stemmen open · 2 stemmers" in page_html(shown)
    assert len(charts(shown)) == 1 and not shown.image[1:]  # the QR code, no clouds
    assert bars(shown) == {"Eigenaarschap": 3, "Vertrouwen": 1, "Samenwerken": 0, "Nieuwsgierig": 0}
    store.cast(workshop.code, "late", {ids[2]: 2}, "blate")  # one more ballot: the chart follows
    shown.run()
    assert "Stemmen open · 3 stemmers" in page_html(shown) and bars(shown)["Samenwerken"] == 2

    store.set_results_hidden(workshop.code, True)
    hidden = beamer(workshop.code)
    assert "verborgen" in page_html(hidden) and not charts(hidden)
    store.set_results_hidden(workshop.code, False)

    clouds = beamer(workshop.code, view="clouds")
    assert not charts(clouds) and "antwoorden" in page_html(clouds)


def test_team_results_are_withheld_below_five_voters(store, workshop, ids):
    store.set_voting(workshop.code, OPEN, Rules(3, 2))
    cast(store, workshop.code, *[{ids[0]: 1}] * 5, team="Zorg")
    cast(store, workshop.code, *[{ids[1]: 2}] * 3, team="ICT")
    fac = facilitator_on(workshop.code)
    teams = fac.dataframe[1].value
    assert list(teams.columns) == ["Waarde", "Zorg (5)"]
    assert "minder dan 5 stemmers" in fac.caption[-1].value and "ICT (3)" in fac.caption[-1].value

    for i in range(2):  # ICT: 5 answered, 3 voted; the beamer offers the team, then withholds it
        store.submit(workshop.code, f"ict{i}", Submission({"current": ("x",)}, "ICT"), f"e{i}")
    at = beamer(workshop.code, team="ICT")
    assert "nog geen 5 stemmers" in page_html(at) and not charts(at)
    at = beamer(workshop.code, team="Zorg")
    assert "Zorg" in page_html(at) and "5 stemmers" in page_html(at) and charts(at)


def test_a_tab_left_open_after_logout_everywhere_changes_nothing(store, workshop, ids):
    """Attack: after "Overal uitloggen", a stale voting tab still closed voting (widget callbacks
    run before the page's session check), and its live results kept updating."""
    from dna.services import auth

    fac = facilitator_on(workshop.code)
    fac.button(key="vote_open").click().run()
    assert store.workshop(workshop.code).voting == OPEN
    auth.close_session(store, None, everywhere=True)  # another tab: "Overal uitloggen"
    fac.button(key="vote_close").click().run()
    assert store.workshop(workshop.code).voting == OPEN  # the click did nothing
    assert "facilitator" not in fac.session_state


def test_the_proposed_dna_is_the_values_clearly_ahead_and_the_bars_say_of_whom(
    store, workshop, ids
):
    """The final choice started as the top five even when the fifth had 2 dots; the bars read
    "9 stippen · 60 %" without saying the 60 % is of the voters."""
    store.set_voting(workshop.code, OPEN, Rules(3, 2))
    cast(
        store,
        workshop.code,
        {ids[0]: 2, ids[1]: 1},
        {ids[0]: 2, ids[1]: 1},
        {ids[0]: 2, ids[2]: 1},
        {ids[1]: 2, ids[2]: 1},
        {ids[2]: 2, ids[3]: 1},
    )  # 6, 4, 4 and 1 dots
    store.set_voting(workshop.code, CLOSED)
    fac = facilitator_on(workshop.code)
    assert fac.multiselect(key="vote_final").value == [ids[0], ids[1], ids[2]]
    assert any("Voorgesteld" in c.value for c in fac.caption)
    (chart,) = charts(fac)
    tables = [chart.proto.data.data, *(d.data.data for d in chart.proto.datasets)]
    rows = [r for b in tables if b for r in pa.ipc.open_stream(b).read_all().to_pylist()]
    texts = {r["label"]: r["text"] for r in rows}
    assert texts["Eigenaarschap"] == "6 stippen · 60% van de stemmers"  # 3 of the 5 voters
