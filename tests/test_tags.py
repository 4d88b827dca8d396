"""Strength or limiting (dna.analysis.tags): the rules, the group vote, and the dev set's bar."""

from __future__ import annotations

import pytest

from bench.bench_tags import SETS, evaluate, predict_room, read
from dna.analysis import tags
from dna.analysis.grouping import analyse
from dna.analysis.tags import BEPERKEND, KRACHT, NEUTRAAL
from dna.records import CURRENT, DESIRED, Answer


def tag(text: str, lemmatiser) -> str:
    return tags.tagger(lemmatiser).text(text)


@pytest.mark.parametrize(
    "text",
    [
        "weinig waardering",
        "er is weinig waardering voor ons werk",
        "geen vertrouwen",
        "wantrouwen",
        "onveilig",
        "gebrek aan communicatie",
        "slechte communicatie",
        "niet luisteren",
        "het management luistert niet",
        "communicatie kan beter",
        "geen ruimte voor fouten",
        "afspraken worden niet nagekomen",
        "onduidelijkheid",
    ],
)
def test_a_lack_theme_is_limiting(text, lemmatiser):
    assert tag(text, lemmatiser) == BEPERKEND


@pytest.mark.parametrize(
    "text", ["geen angst", "niet bang", "niet bang om fouten te maken", "geen hiërarchie"]
)
def test_a_negated_limiting_word_is_not_limiting(text, lemmatiser):
    assert tag(text, lemmatiser) == KRACHT


@pytest.mark.parametrize(
    "text", ["minder regels", "minder bureaucratie", "kortere vergaderingen", "minder controle"]
)
def test_a_wish_to_reduce_is_neutral(text, lemmatiser):
    assert tag(text, lemmatiser) == NEUTRAAL


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Betrokkenheid!", KRACHT),
        ("hierarchische structuur", BEPERKEND),  # inflected, no diacritics
        ("faalangst", BEPERKEND),  # a compound head
        ("prestatiedruk", BEPERKEND),  # a head the theme reader leaves out (druk)
        ("werkplezier", KRACHT),
        ("schijnveiligheid", BEPERKEND),  # a strength's pretence
        ("ieder voor zich", BEPERKEND),  # a fixed phrase as written
        ("goede sfeer", KRACHT),  # a plain good word and a theme of no family
        ("te veel regels", BEPERKEND),  # excess
        ("te veel vrijheid", NEUTRAAL),  # excess of a strength: no guess
        ("vertrouwen in plaats van controle", NEUTRAAL),  # both: no guess
        ("sociale controle", NEUTRAAL),
        ("regels", NEUTRAAL),
        ("druk", NEUTRAAL),
        ("communicatie", NEUTRAAL),  # needed, neutral on its own
    ],
)
def test_families_heads_phrases_and_markers(text, expected, lemmatiser):
    assert tag(text, lemmatiser) == expected


def test_vote_needs_a_majority_and_no_opposite():
    assert tags.vote({KRACHT: 3, NEUTRAAL: 2}) == KRACHT
    assert tags.vote({KRACHT: 2, NEUTRAAL: 2}) == NEUTRAAL  # half is no majority
    assert tags.vote({KRACHT: 5, BEPERKEND: 1}) == NEUTRAAL  # one says the opposite
    assert tags.vote({BEPERKEND: 1, NEUTRAAL: 3}, label=BEPERKEND) == BEPERKEND  # named so
    assert tags.vote({KRACHT: 4}, label=BEPERKEND) == NEUTRAAL
    assert tags.vote({}) == NEUTRAAL


def test_a_theme_has_one_tag_in_both_questions_and_every_team(lemmatiser):
    """A lack said twice now and once desired: the tag comes from all three answers and is the
    same in both clouds and in every team's view."""
    answers = [
        Answer(CURRENT, "geen vertrouwen", "A", "p1"),
        Answer(CURRENT, "Geen vertrouwen!", "B", "p2"),
        Answer(DESIRED, "geen vertrouwen", "B", "p3"),
    ]
    for team in (None, "A", "B"):
        result = analyse(answers, lemmatiser, team=team)
        found = {g.tag for r in result.questions.values() for g in r.groups}
        assert found == {BEPERKEND}, team


def test_the_dev_set_never_tags_a_strength_limiting(lemmatiser):
    """tests/data/tags_dev.csv (written for tuning), each answer a participant of one room:
    no strength is tagged limiting, and tagged answers are right."""
    rows = read(SETS["dev"])
    score = evaluate(rows, predict_room(rows, lemmatiser))
    assert score.strengths_limiting == 0, [w for w in score.wrong if w[1] == KRACHT]
    assert score.confusion[BEPERKEND, KRACHT] == 0
    assert score.precision(BEPERKEND) >= 0.95 and score.precision(KRACHT) >= 0.95
    assert score.recall(BEPERKEND) >= 0.85 and score.recall(KRACHT) >= 0.85
