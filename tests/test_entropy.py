"""Cultural entropy from free text (dna.analysis.entropy): the arithmetic on a room
counted by hand."""

from __future__ import annotations

import pytest

from dna.analysis import overrides as ov
from dna.analysis.entropy import Entropy, measure
from dna.analysis.grouping import analyse
from dna.analysis.overrides import Override
from dna.analysis.tags import BEPERKEND
from dna.records import CURRENT, DESIRED, Answer

ROOM = {  # respondent: (current answers, desired answers)
    "p1": (["hiërarchisch", "betrokken", "traag"], ["vertrouwen"]),
    "p2": (["Hiërarchisch!", "gezellig"], ["minder regels"]),
    "p3": (["betrokken", "regels"], ["open"]),
    "p4": (["geen vertrouwen"], ["hiërarchie"]),
}


def answers() -> list[Answer]:
    out = []
    for who, (now, later) in ROOM.items():
        out += [Answer(CURRENT, text, None, who) for text in now]
        out += [Answer(DESIRED, text, None, who) for text in later]
    return out


def with_ids(*edits: Override) -> list[Override]:
    return [Override(o.kind, o.payload, o.question, i) for i, o in enumerate(edits, start=1)]


def test_entropy_counted_by_hand(lemmatiser):
    """Now: 8 answers; limiting are hiërarchisch (p1, p2), traag (p1) and geen vertrouwen (p4):
    4 of 8 = 0.5. People with at least one: p1, p2, p4 = 3 of 4 = 0.75.
    Desired: 4 answers; "hiërarchie" (p4) is in the limiting theme hiërarchisch ("minder
    regels" is a wish, neutral): 1 of 4 = 0.25, and 1 of 4 people = 0.25."""
    result = analyse(answers(), lemmatiser)
    now, wanted = result.questions[CURRENT].entropy, result.questions[DESIRED].entropy
    assert now == Entropy(answers=8, limiting=4, people=4, limited=3)
    assert (now.answer_share, now.people_share) == (0.5, 0.75)
    assert wanted == Entropy(answers=4, limiting=1, people=4, limited=1)
    assert result.to_json()["questions"][CURRENT]["entropy"] == {"answers": 0.5, "people": 0.75}


def test_hidden_groups_and_the_facilitators_tags_change_it(lemmatiser):
    """Hiding "traag": 7 visible answers now, 3 limiting (hiërarchisch twice, geen vertrouwen),
    and p1 still has hiërarchisch: 3 of 4 people. Then tagging "regels" beperkend: 4 of 7
    answers, and p3 joins: 4 of 4 people."""
    first = analyse(answers(), lemmatiser)
    groups = {g.label: g for g in first.questions[CURRENT].groups}
    hide = ov.hide([groups["traag"]], "off topic")
    hidden = analyse(answers(), lemmatiser, with_ids(hide)).questions[CURRENT].entropy
    assert hidden == Entropy(answers=7, limiting=3, people=4, limited=3)
    tagged = with_ids(hide, ov.tag(groups["regels"], BEPERKEND))
    now = analyse(answers(), lemmatiser, tagged).questions[CURRENT].entropy
    assert now == Entropy(answers=7, limiting=4, people=4, limited=4)
    assert now.answer_share == pytest.approx(4 / 7)


def test_measure_and_an_empty_question():
    rows = [("a", "p1"), ("a", "p1"), ("b", "p2"), ("c", "p3")]
    assert measure(rows, {"a"}) == Entropy(4, 2, 3, 1)
    assert measure([], {"a"}).to_json() == {"answers": 0.0, "people": 0.0}
