"""AppTest: the moderation page. A tick belongs to an answer, not to a row number: it follows the
answer through every rerun, search and action."""

from __future__ import annotations

import pytest

from tests.test_app_live import on_page, send, store  # noqa: F401

PAGE = "views/moderate.py"


@pytest.fixture
def code(store):  # noqa: F811
    ws = store.new_workshop("Moderatie", "Org", ("Nu?", "Straks?"), 4, [])
    send(store, ws.code, ["klotecultuur", "kloten cultuur", "traag"], ["open"])
    return ws.code


def page(code: str):
    return on_page(PAGE, code)


def tick(at, key: str, *texts: str):
    """The facilitator ticks these answers in a table (by what it shows now)."""
    shown = list(at.dataframe(key=key).value["Antwoord"])
    at.session_state[key] = {"selection": {"rows": [shown.index(x) for x in texts]}}
    at.run()
    assert not at.exception, at.exception
    return at


def ticked(at, key: str) -> list[str]:
    """The answers ticked in a table, as the page will act on them."""
    shown = list(at.dataframe(key=key).value["Antwoord"])
    return [shown[i] for i in at.session_state[key]["selection"]["rows"]]


def test_hiding_a_reviewed_answer_does_not_tick_the_next_one(store, code):  # noqa: F811
    at = page(code)
    assert sorted(at.dataframe(key="moderate_review").value["Antwoord"]) == [
        "klotecultuur",
        "kloten cultuur",
    ]
    tick(at, "moderate_review", "klotecultuur")
    at.button(key="moderate_review_True").click().run()  # "Verborgen houden"
    assert not at.exception, at.exception
    states = {a.text: a.hidden for a in store.answer_rows(code)}
    assert states["klotecultuur"] == "facilitator" and states["kloten cultuur"] == "review"
    assert list(at.dataframe(key="moderate_review").value["Antwoord"]) == ["kloten cultuur"]
    assert ticked(at, "moderate_review") == []
    assert at.button(key="moderate_review_False").disabled  # "Tonen": nothing ticked
    at.run()  # and on the next run still nothing
    assert at.button(key="moderate_review_False").disabled


def test_a_search_keeps_the_tick_on_its_answer(store, code):  # noqa: F811
    at = tick(page(code), "moderate_answers", "klotecultuur")
    at.text_input(key="moderate_filter").set_value("kloten").run()
    assert list(at.dataframe(key="moderate_answers").value["Antwoord"]) == ["kloten cultuur"]
    assert ticked(at, "moderate_answers") == []
    assert at.button(key="moderate_answers_True").disabled
    at.text_input(key="moderate_filter").set_value("").run()
    assert ticked(at, "moderate_answers") == ["klotecultuur"]
    at.button(key="moderate_answers_True").click().run()  # "Verbergen"
    assert {a.text for a in store.answer_rows(code) if a.hidden == "facilitator"} == {
        "klotecultuur"
    }
