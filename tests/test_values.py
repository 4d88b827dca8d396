"""Candidate values: what a valid one is, where it came from, and a starting set."""

from __future__ import annotations

import pytest

from dna.analysis import overrides as ov
from dna.analysis.compare import compare
from dna.analysis.grouping import analyse
from dna.analysis.overrides import Override
from dna.records import CURRENT, DESIRED, Answer
from dna.workshop.values import (
    Value,
    check_value,
    from_groups,
    new_ones,
    starting_set,
    taken,
    trace,
)
from dna.workshop.workshop import WorkshopError


def test_a_value_as_typed_becomes_plain_text_within_limits():
    v = check_value(
        "  Eigenaarschap ",
        "We nemen <b>verantwoordelijkheid</b> voor ons werk.",
        ["Je pakt het op", "", '=HYPERLINK("x")', "Je zegt het als iets misgaat"],
        do=["Afspraak is afspraak"],
        sources=["eigenaarschap", "eigenaarschap", "verantwoordelijk"],
    )
    assert v.name == "Eigenaarschap"
    assert v.meaning == "We nemen verantwoordelijkheid voor ons werk."
    assert v.behaviours == ("Je pakt het op", "Je zegt het als iets misgaat")
    assert v.do == ("Afspraak is afspraak",) and v.dont == ()
    assert v.sources == ("eigenaarschap", "verantwoordelijk")  # once each, in order
    assert v.complete


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"name": ""}, "value_name_empty"),
        ({"name": "<i></i>"}, "value_name_empty"),
        ({"name": "veel te veel woorden"}, "value_name_long"),
        ({"name": "x" * 41}, "value_name_long"),
        ({"name": "Open", "meaning": "x" * 201}, "value_meaning_long"),
        ({"name": "Open", "behaviours": ["a", "b", "c", "d", "e"]}, "value_behaviours"),
        ({"name": "Open", "dont": ["a"] * 5}, "value_dont"),
    ],
)
def test_a_bad_value_says_what_is_wrong(kwargs, code):
    with pytest.raises(WorkshopError) as info:
        check_value(**kwargs)
    assert info.value.code == code


def test_complete_needs_a_meaning_and_two_to_four_behaviours():
    assert not Value("Open").complete
    assert not Value("Open", "Zo.", ("een",)).complete
    assert Value("Open", "Zo.", ("een", "twee")).complete


ROOM = [
    *(Answer(CURRENT, t, None, f"p{i}") for i, t in enumerate(["traag", "log", "open", "open"])),
    *(
        Answer(DESIRED, t, None, f"p{i}")
        for i, t in enumerate(["snel", "Open!", "openheid", "snel"])
    ),
]


def test_from_groups_and_trace_back_to_the_raw_answers(lemmatiser):
    result = analyse(ROOM, lemmatiser)
    groups = {g.label: g for q in result.questions.values() for g in q.groups}
    value = from_groups([groups["open"], groups["traag"]])
    assert value.name == "Open" and value.sources == (groups["open"].key, groups["traag"].key)
    found = {s.label: s for s in trace(value, result)}
    assert (found["open"].current, found["open"].desired) == (2, 2)
    assert (found["open"].current_people, found["open"].desired_people) == (2, 2)
    assert dict(found["open"].variants) == {"open": 2, "Open!": 1, "openheid": 1}
    assert (found["traag"].current, found["traag"].desired) == (1, 0)
    assert from_groups([groups["snel"]], name="wendbaar").name == "Wendbaar"


def test_trace_follows_the_facilitators_merges_and_survives_a_vanished_group(lemmatiser):
    plain = analyse(ROOM, lemmatiser)
    groups = {g.label: g for q in plain.questions.values() for g in q.groups}
    value = from_groups([groups["traag"], groups["log"]])
    edit = ov.merge([groups["traag"], groups["log"]], "traag")
    merged = analyse(ROOM, lemmatiser, [Override(edit.kind, edit.payload, None, 1)])
    found = trace(value, merged)
    assert found[0].current == 2 and dict(found[0].variants) == {"log": 1, "traag": 1}
    assert found[1].label == groups["log"].key and found[1].current == 0  # merged away: zeros


def test_starting_set_takes_keep_and_develop_most_wanted_first(lemmatiser):
    room = [
        *(Answer(CURRENT, "betrokken", None, f"p{i}") for i in range(6)),
        *(Answer(DESIRED, "betrokken", None, f"p{i}") for i in range(5)),
        *(Answer(CURRENT, "hiërarchisch", None, f"p{i}") for i in range(8)),
        *(Answer(DESIRED, "eigenaarschap", None, f"p{i}") for i in range(9)),
        *(Answer(DESIRED, "wendbaar", None, f"p{i}") for i in range(3)),
    ]
    comparison = compare(analyse(room, lemmatiser))
    names = [v.name for v in starting_set(comparison)]
    assert names == ["Eigenaarschap", "Betrokken", "Wendbaar"]  # not "hiërarchisch": let go
    assert starting_set(comparison, limit=1)[0].sources == ("eigenaarschap",)


def test_names_taken_and_new_ones_ignore_case_and_repeats():
    shown = [Value("Eigenaarschap", id=1), Value("Open", id=2)]
    assert taken(shown, "eigenaarschap") and not taken(shown, "Eigenaarschap", but=1)
    assert not taken(shown, "Vertrouwen")
    proposed = [Value("OPEN"), Value("Vertrouwen"), Value("vertrouwen"), Value("Lef")]
    assert [v.name for v in new_ones(shown, proposed)] == ["Vertrouwen", "Lef"]


def test_from_groups_cuts_a_long_label_to_three_words(lemmatiser):
    result = analyse([Answer(CURRENT, "ruimte om fouten te maken en ervan te leren")], lemmatiser)
    (group,) = result.questions[CURRENT].groups
    assert len(from_groups([group]).name.split()) <= 3


def test_aim_says_what_a_value_does_from_its_sources():
    """Keep (a strength kept, or strong now and named less), develop, let go; with sources in
    several, the one most people named; None for a value from no listed theme."""
    from dna.analysis.compare import DEVELOP, KEEP, LET_GO, OTHER, STRENGTH_LESS, Comparison, Row
    from dna.workshop.values import aim

    def row(key: str, category: str, now: int, later: int) -> Row:
        return Row(key, key, now, now, now / 10, later, later, later / 10, category)

    comparison = Comparison(
        (
            row("betrokken", STRENGTH_LESS, 5, 2),
            row("samen", KEEP, 3, 3),
            row("eigenaarschap", DEVELOP, 0, 7),
            row("hierarchie", LET_GO, 6, 0),
            row("los", OTHER, 1, 0),
        ),
        10,
    )
    assert aim(Value("Betrokken", sources=("betrokken",)), comparison) == KEEP
    assert aim(Value("Samen", sources=("samen",)), comparison) == KEEP
    assert aim(Value("Eigenaarschap", sources=("eigenaarschap",)), comparison) == DEVELOP
    assert aim(Value("Plat", sources=("hierarchie",)), comparison) == LET_GO
    both = Value("Samen eigenaar", sources=("samen", "eigenaarschap"))
    assert aim(both, comparison) == DEVELOP  # 7 people against 6
    tie = Value("Samen plat", sources=("samen", "hierarchie"))
    assert aim(tie, comparison) == KEEP  # 6 and 6: keeping a strength first
    assert aim(Value("Los", sources=("los",)), comparison) is None
    assert aim(Value("Met de hand"), comparison) is None
