from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from dna.intake.ingest import MAX_ANSWER_CHARS
from dna.records import CURRENT, DESIRED
from dna.workshop.workshop import (
    CLOSED,
    CODE_ALPHABET,
    CODE_LENGTH,
    MAX_PER_PERSON,
    MAX_TEAMS,
    MAX_TITLE_CHARS,
    OPEN,
    Submission,
    Workshop,
    WorkshopError,
    check_settings,
    new_code,
    new_token,
    normal_code,
    prepare,
)

QUESTIONS = ("Hoe is het nu?", "Hoe willen we het?")


def workshop(**changes) -> Workshop:
    base = Workshop(
        id=1,
        code="ACE347",
        title="Heidag",
        organisation="Gemeente",
        questions=QUESTIONS,
        per_person=4,
        teams=("Sales", "IT"),
        phase=OPEN,
        archived=False,
        created=datetime(2026, 1, 1, tzinfo=UTC),
        revision=0,
    )
    return replace(base, **changes)


def error(call, *args, **kwargs) -> WorkshopError:
    with pytest.raises(WorkshopError) as info:
        call(*args, **kwargs)
    return info.value


# -- codes ------------------------------------------------------------------------------------
def test_code_alphabet_has_no_look_alikes():
    for look_alike in "0OQD1ILJ2Z5S8BUV":
        assert look_alike not in CODE_ALPHABET
    assert len(set(CODE_ALPHABET)) == len(CODE_ALPHABET)
    assert CODE_ALPHABET == CODE_ALPHABET.upper()


def test_new_code_length_and_alphabet():
    codes = {new_code() for _ in range(500)}
    for code in codes:
        assert len(code) == CODE_LENGTH
        assert set(code) <= set(CODE_ALPHABET)
    assert len(codes) > 490  # random: 64 million possibilities


def test_new_code_avoids_taken_codes(monkeypatch):
    import dna.workshop.workshop as ws

    picks = iter("AAAAAAAAAAAACCCCCC")  # the first two draws are taken
    monkeypatch.setattr(ws.secrets, "choice", lambda alphabet: next(picks))
    assert new_code({"AAAAAA"}) == "CCCCCC"


def test_new_token_is_random_and_url_safe():
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    for token in tokens:
        assert len(token) >= 16
        assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


@pytest.mark.parametrize(
    "typed, code",
    [
        ("ace347", "ACE347"),
        (" ace 347 ", "ACE347"),
        ("ACE-347", "ACE347"),
        ("a.c.e/3 4 7\n", "ACE347"),
        ("", ""),
    ],
)
def test_normal_code(typed, code):
    assert normal_code(typed) == code


# -- settings ---------------------------------------------------------------------------------
def test_check_settings_cleans():
    title, org, qs, per, teams = check_settings(
        "  Heidag \n 2026 ",
        "  De   Gemeente ",
        (" Hoe  is het nu? ", "Hoe\twillen we het?"),
        4,
        [" Sales ", "IT", "", "   ", "Sales", "I  T"],
    )
    assert title == "Heidag 2026"
    assert org == "De Gemeente"
    assert qs == ("Hoe is het nu?", "Hoe willen we het?")
    assert per == 4
    assert teams == ("Sales", "IT", "I T")


def test_check_settings_caps_team_names():
    *_, teams = check_settings("t", "", QUESTIONS, 4, ["x" * 500])
    assert teams == ("x" * MAX_ANSWER_CHARS,)


@pytest.mark.parametrize(
    "args, code",
    [
        (("", "", QUESTIONS, 4, []), "title_missing"),
        (("  \n ", "", QUESTIONS, 4, []), "title_missing"),
        (("x" * (MAX_TITLE_CHARS + 1), "", QUESTIONS, 4, []), "title_too_long"),
        (("t", "", ("", "gewenst"), 4, []), "question_missing"),
        (("t", "", ("huidig", "  "), 4, []), "question_missing"),
        (("t", "", QUESTIONS, 0, []), "per_person_range"),
        (("t", "", QUESTIONS, MAX_PER_PERSON + 1, []), "per_person_range"),
        (("t", "", QUESTIONS, 4, [f"team {i}" for i in range(MAX_TEAMS + 1)]), "too_many_teams"),
    ],
)
def test_check_settings_errors(args, code):
    assert error(check_settings, *args).code == code


def test_check_settings_limits_are_inclusive():
    assert check_settings("x" * MAX_TITLE_CHARS, "", QUESTIONS, 1, [])[3] == 1
    assert check_settings("t", "", QUESTIONS, MAX_PER_PERSON, [])[3] == MAX_PER_PERSON
    teams = [f"team {i}" for i in range(MAX_TEAMS)] + ["team 0"]  # a duplicate does not count
    assert len(check_settings("t", "", QUESTIONS, 4, teams)[4]) == MAX_TEAMS


# -- a participant's form ---------------------------------------------------------------------
def test_prepare_keeps_answers_in_order():
    sub = prepare(workshop(), {CURRENT: ["open", "druk"], DESIRED: ["rustig"]}, "IT")
    assert sub == Submission({CURRENT: ("open", "druk"), DESIRED: ("rustig",)}, "IT", ())
    assert sub.count == 3


def test_prepare_one_question_is_enough():
    sub = prepare(workshop(), {DESIRED: ["rustig"]})
    assert sub.answers == {CURRENT: (), DESIRED: ("rustig",)}
    assert sub.team is None


def test_prepare_unknown_code():
    assert error(prepare, None, {CURRENT: ["open"]}).code == "unknown_code"


@pytest.mark.parametrize("changes", [{"phase": CLOSED}, {"archived": True}])
def test_prepare_closed(changes):
    exc = error(prepare, workshop(**changes), {CURRENT: ["open"]})
    assert exc.code == "closed"
    assert exc.params["title"] == "Heidag"


@pytest.mark.parametrize(
    "typed",
    [{}, {CURRENT: [], DESIRED: []}, {CURRENT: ["", "   "], DESIRED: ["...", None]}],
)
def test_prepare_empty(typed):
    assert error(prepare, workshop(), typed).code == "empty_submission"


def test_prepare_only_a_formula_is_empty():
    assert error(prepare, workshop(), {CURRENT: ['=HYPERLINK("x")']}).code == "empty_submission"


def test_prepare_too_many_answers():
    exc = error(prepare, workshop(per_person=2), {CURRENT: ["a1"], DESIRED: ["b1", "b2", "b3"]})
    assert exc.code == "too_many_answers"
    assert exc.params == {"limit": 2, "question": DESIRED}


def test_prepare_per_person_limit_is_inclusive():
    sub = prepare(workshop(per_person=2), {CURRENT: ["a", "b"], DESIRED: ["c", "d"]})
    assert sub.count == 4


def test_prepare_unknown_team():
    exc = error(prepare, workshop(), {CURRENT: ["open"]}, "Marketing")
    assert exc.code == "unknown_team"
    assert exc.params["team"] == "Marketing"


def test_prepare_team_is_optional():
    assert prepare(workshop(), {CURRENT: ["open"]}, None).team is None


def test_prepare_errors_in_order_of_importance():
    closed = workshop(phase=CLOSED)
    assert error(prepare, closed, {}, "Marketing").code == "closed"
    assert error(prepare, workshop(), {}, "Marketing").code == "empty_submission"


def test_prepare_cleans_answers():
    sub = prepare(
        workshop(),
        {
            CURRENT: ["<b>open</b>", "=SUM(A1)", "+eerlijk", "  veel   ruimte  "],
            DESIRED: ["<script>alert(1)</script>", "x" * 300],
        },
    )
    assert sub.answers[CURRENT] == ("open", "eerlijk", "veel ruimte")
    assert sub.answers[DESIRED] == ("x" * MAX_ANSWER_CHARS,)
    assert sub.warnings == (
        "answer_truncated:1",
        "formula_dropped:1",
        "formula_stripped:1",
        "markup_removed:2",
    )


def test_prepare_caps_long_answers_at_a_word():
    long = "samen " * 40
    sub = prepare(workshop(), {CURRENT: [long]})
    (text,) = sub.answers[CURRENT]
    assert len(text) <= MAX_ANSWER_CHARS
    assert text.endswith("samen")
    assert sub.warnings == ("answer_truncated:1",)


def test_prepare_without_changes_has_no_warnings():
    assert prepare(workshop(), {CURRENT: ["open", "Eerlijk"]}).warnings == ()


def test_prepare_collapses_duplicates_case_insensitively():
    sub = prepare(
        workshop(per_person=2),
        {CURRENT: ["Open", "open", " OPEN ", "<i>open</i>", "druk"], DESIRED: ["Open"]},
    )
    assert sub.answers[CURRENT] == ("Open", "druk")  # the first spelling wins
    assert sub.answers[DESIRED] == ("Open",)  # the other question is separate
    assert sub.count == 3
    assert "duplicate:3" in sub.warnings  # said to the phone: "3 dubbele antwoorden samengevoegd"


def test_prepare_says_one_duplicate():
    sub = prepare(workshop(), {CURRENT: ["traag", "traag"], DESIRED: ["snel"]})
    assert sub.answers[CURRENT] == ("traag",)
    assert sub.warnings == ("duplicate:1",)


def test_prepare_keeps_separators_in_one_field():
    sub = prepare(workshop(), {CURRENT: ["open, eerlijk"]})
    assert sub.answers[CURRENT] == ("open, eerlijk",)


def test_prepare_ignores_unknown_questions():
    sub = prepare(workshop(), {CURRENT: ["open"], "other": ["x"]})
    assert set(sub.answers) == {CURRENT, DESIRED}
    assert sub.count == 1


def test_workshop_record():
    w = workshop()
    assert w.is_open
    assert not workshop(phase=CLOSED).is_open
    assert not workshop(archived=True).is_open
    assert w.question(CURRENT) == QUESTIONS[0]
    assert w.question(DESIRED) == QUESTIONS[1]


def test_teams_typed_with_commas_or_lines():
    from dna.workshop.workshop import split_teams

    assert split_teams("Zorg, ICT\nStaf;  Beleid\n\n") == ["Zorg", "ICT", "Staf", "Beleid", ""]
    *_, teams = check_settings("T", "O", ("a", "b"), 4, split_teams("Zorg, ICT, zorg,ICT"))
    assert teams == ("Zorg", "ICT", "zorg")  # blanks and exact repeats go
