"""The presenter page (Regie): one page walks the workshop's phases, and the beamer follows."""

from __future__ import annotations

from dna.workshop.voting import CLOSED, OPEN, Rules
from tests.test_app_live import facilitator, on_page, seeded, send, store, workshop  # noqa: F401

PAGE = "views/regie.py"
BEAMER = "views/projector.py"

PEOPLE = [
    ("Zorg", ["betrokken", "hiërarchisch", "traag"], ["open", "wendbaar", "betrokken"]),
    ("Zorg", ["betrokken", "bureaucratisch"], ["open", "snel"]),
    ("ICT", ["traag", "hiërarchisch"], ["wendbaar", "open"]),
]


def phase_button(at, name: str):
    return next(b for b in at.button if b.key == name)


def beamer_html(_store, code: str) -> str:
    at = on_page(BEAMER, code)
    return " ".join(h.proto.body for h in at.get("html"))


def test_the_presenter_opens_on_collecting_and_walks_to_the_next_phase(store, workshop):  # noqa: F811
    at = on_page(PAGE, workshop.code)
    assert at.segmented_control(key="regie_stage").value == "collect"
    assert store.workshop(workshop.code).stage == "collect"  # the beamer follows from now on
    assert store.workshop(workshop.code).is_open  # a new workshop takes answers
    phase_button(at, "regie_answers").click().run()  # closed from here...
    assert not store.workshop(workshop.code).is_open
    phase_button(at, "regie_answers").click().run()  # ...and opened again
    assert store.workshop(workshop.code).is_open
    phase_button(at, "regie_timer_3").click().run()
    assert store.workshop(workshop.code).timer_ends is not None
    phase_button(at, "regie_next").click().run()
    assert not at.exception, at.exception
    assert store.workshop(workshop.code).stage == "clouds"
    assert at.segmented_control(key="regie_stage").value == "clouds"


def test_the_beamer_follows_the_phase_chosen_on_the_presenter_page(store):  # noqa: F811
    ws = seeded(store, "Volgen", PEOPLE)
    at = on_page(PAGE, ws.code)
    at.segmented_control(key="regie_stage").set_value("compare").run()
    assert store.workshop(ws.code).stage == "compare"
    shown = beamer_html(store, ws.code)
    assert "dna-lists" in shown and "Ontwikkelen" in shown  # keep / let go / develop
    assert "wendbaar" in shown  # wanted, not named now: develop

    at.segmented_control(key="regie_stage").set_value("clouds").run()
    at.segmented_control(key="regie_show").set_value("desired").run()
    assert (store.workshop(ws.code).stage, store.workshop(ws.code).stage_show) == (
        "clouds",
        "desired",
    )
    beamer = on_page(BEAMER, ws.code)
    questions = [
        h.proto.body for h in beamer.get("html") if h.proto.body.startswith("<div class='dna-q'")
    ]
    assert questions == ["<div class='dna-q'>Straks?</div>"]  # only the desired cloud, large


def test_values_vote_and_dna_from_the_presenter_page(store):  # noqa: F811
    from dna.workshop.values import Value

    ws = seeded(store, "Stemmen", PEOPLE)
    ids = [store.add_value(ws.code, Value(name)) for name in ("Open", "Wendbaar", "Samen", "Snel")]
    at = on_page(PAGE, ws.code)
    assert at.segmented_control(key="regie_stage").value == "values"  # values exist: there
    assert "Wendbaar" in beamer_html(store, ws.code)  # the candidate values on the beamer

    for i in range(3):  # three phones in the room
        send(store, ws.code, ["x"], ["y"], token=f"p{i}")
    phase_button(at, "regie_next").click().run()
    phase_button(at, "regie_voting").click().run()  # open voting, with the stored rules
    now = store.workshop(ws.code)
    assert (now.stage, now.voting, now.phase) == ("vote", OPEN, "closed")
    for i, dots in enumerate(
        ({ids[0]: 2, ids[1]: 1}, {ids[0]: 2, ids[2]: 1}, {ids[0]: 2, ids[1]: 1})
    ):
        assert store.cast(ws.code, f"p{i}", dots, f"b{i}")
    at.run()
    assert at.metric[2].value == "3"  # voters, live
    phase_button(at, "regie_voting").click().run()  # close voting
    assert store.workshop(ws.code).voting == CLOSED

    phase_button(at, "regie_next").click().run()
    assert "Ons DNA wordt gekozen" in beamer_html(store, ws.code)  # nothing chosen yet
    phase_button(at, "regie_final").click().run()  # the count's proposal, in one click
    assert list(store.workshop(ws.code).final) == ids[:3]  # Snel got no dot
    shown = beamer_html(store, ws.code)
    assert "dna-chosen" in shown and "Open" in shown and "Wendbaar" in shown
    assert "Samen" in shown and "Snel" not in shown


def test_hiding_results_on_the_presenter_page_hides_them_on_the_beamer(store):  # noqa: F811
    ws = seeded(store, "Verbergen", PEOPLE)
    at = on_page(PAGE, ws.code)
    at.toggle(key="regie_hide").set_value(True).run()
    assert store.workshop(ws.code).results_hidden
    assert "dna-hidden" in beamer_html(store, ws.code)


def test_voting_cannot_open_with_fewer_than_two_values(store):  # noqa: F811
    ws = seeded(store, "Te vroeg", PEOPLE)
    store.set_stage(ws.code, "vote")
    at = on_page(PAGE, ws.code)
    assert not [b for b in at.button if b.key == "regie_voting"]
    assert any("minstens" in i.value or "waarden" in i.value for i in at.info)
    store.set_voting(ws.code, OPEN, Rules(3, 2))  # opened elsewhere: the page follows
    assert on_page(PAGE, ws.code).segmented_control(key="regie_stage").value == "vote"


def test_the_values_phase_adds_the_suggested_values_in_one_click(store):  # noqa: F811
    ws = seeded(store, "Startset", PEOPLE * 3)
    store.set_stage(ws.code, "values")
    at = on_page(PAGE, ws.code)
    add = phase_button(at, "regie_values_add")
    assert "nieuw" in add.label
    add.click().run()
    names = [v.name.lower() for v in store.values(ws.code)]
    assert names and "wendbaar" in names  # wanted, not named now: a value to develop
    assert not [b for b in at.button if b.key == "regie_values_add"]  # each only once
