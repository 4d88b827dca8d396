from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from dna.analysis.grouping import analyse, bcubed, group_texts
from dna.records import CURRENT, DESIRED, Answer

DATA = Path(__file__).parent / "data"
SETS = ["grouping_devset.csv", "grouping_blind.csv"]  # the second was written blind to the rules
TRAPS = {"antonym_on", "short_lookalike", "compound_head", "negation", "different"}


def test_group_keeps_every_variant_with_counts_and_label_is_most_frequent(lemmatiser):
    texts = ["Betrokkenheid!", "betrokken", "betrokken ", "Betrokken", "betrokkenhied", "onveilig"]
    groups = group_texts(texts, lemmatiser)
    assert [g.count for g in groups] == [5, 1]
    top = groups[0]
    assert top.label == "betrokken"  # the most frequent spelling, lowercased
    assert dict(top.variants) == {
        "betrokken": 2,
        "Betrokken": 1,
        "Betrokkenheid!": 1,
        "betrokkenhied": 1,
    }
    assert groups[1].label == "onveilig"


def test_label_is_a_form_people_wrote_not_a_lemma(lemmatiser):
    (group,) = group_texts(["samenwerking", "Samenwerking", "samen werken"], lemmatiser)
    assert group.label == "samenwerking"


def test_capitals_kept_only_when_everyone_agrees(lemmatiser):
    groups = {g.label for g in group_texts(["ICT", "ICT", "ict-gericht"], lemmatiser)}
    assert "ICT" in groups
    groups = {g.label for g in group_texts(["ICT", "ict"], lemmatiser)}
    assert groups == {"ict"}
    # a phone's automatic capital is not a meaningful one
    assert {g.label for g in group_texts(["Open", "Open"], lemmatiser)} == {"open"}


def test_analyse_counts_add_up_and_labels_agree_across_questions(lemmatiser):
    answers = [
        Answer(CURRENT, "Hiërarchisch"),
        Answer(CURRENT, "hierarchisch"),
        Answer(CURRENT, "  "),
        Answer(CURRENT, "betrokken"),
        Answer(DESIRED, "Betrokkenheid"),
        Answer(DESIRED, "eigenaarschap"),
        Answer(DESIRED, "Eigenaarschap!"),
    ]
    result = analyse(answers, lemmatiser)
    cur, des = result.questions[CURRENT], result.questions[DESIRED]
    assert cur.answers == 3 and sum(g.count for g in cur.groups) == 3
    assert des.answers == 3 and sum(g.count for g in des.groups) == 3
    label_cur = {g.key: g.label for g in cur.groups}
    label_des = {g.key: g.label for g in des.groups}
    shared = label_cur.keys() & label_des.keys()
    assert shared and all(label_cur[k] == label_des[k] for k in shared)
    doc = result.to_json()
    assert doc["pipeline"] == lemmatiser.label
    assert doc["questions"][DESIRED]["groups"][0] == {
        "label": "eigenaarschap",
        "count": 2,
        "people": 2,
        "variants": {"Eigenaarschap!": 1, "eigenaarschap": 1},
        "key": "eigenaarschap",
        "hidden": False,
        "tag": "kracht",  # issue 16: every group carries its tag
    }


def test_grouping_does_not_depend_on_answer_order(lemmatiser):
    texts = ["Open", "openheid", "transparant", "Transparantie!", "onveilig", "veilig"] * 3
    a = {(g.key, g.count) for g in group_texts(texts, lemmatiser)}
    b = {(g.key, g.count) for g in group_texts(texts[::-1], lemmatiser)}
    assert a == b


def test_a_label_changes_only_when_another_spelling_clearly_leads(lemmatiser):
    """The beamer re-analyses as answers trickle in: a tie or a lead of one keeps the label."""
    seen = []
    room = ["hiërarchie", "hiërarchisch", "hiërarchisch", "hiërarchie", "hiërarchisch"]
    room += ["hiërarchie", "hiërarchisch", "hiërarchisch", "hiërarchisch"]
    for n in range(1, len(room) + 1):
        (group,) = group_texts(room[:n], lemmatiser)
        seen.append(group.label)
    # 1:0, 1:1, 1:2, 2:2, 2:3, 3:3, 3:4 keep "hiërarchie"; 3:5 is a clear lead
    assert seen == ["hiërarchie"] * 7 + ["hiërarchisch"] * 2


def test_bcubed_scores_known_clusterings():
    assert bcubed(["a", "a", "b"], ["x", "x", "y"]) == (1.0, 1.0, 1.0)
    p, r, f = bcubed(["a", "a", "a"], ["x", "x", "y"])  # one wrong merge
    assert p == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3) and r == 1.0
    p, r, f = bcubed(["a", "b", "c"], ["x", "x", "x"])  # nothing merged
    assert p == 1.0 and r == pytest.approx(1 / 3)


def _rows(name: str = SETS[0]) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("name", SETS)
def test_devset_f1_and_no_wrong_merges_of_traps(lemmatiser, name):
    rows = _rows(name)
    texts = [r["text"] for r in rows]
    assert len(set(texts)) == len(texts) > 300, name
    keys = lemmatiser.keys(texts)
    precision, recall, f1 = bcubed(keys, [r["gold"] for r in rows])
    assert f1 >= 0.90, (precision, recall, f1)
    # a key holding two gold concepts where one side is a trap is a wrong merge that misleads a room
    golds_by_key: dict[str, set[str]] = {}
    for key, row in zip(keys, rows, strict=True):
        golds_by_key.setdefault(key, set()).add(row["gold"])
    trap_golds = {r["gold"] for r in rows if r["category"] in TRAPS}
    wrong = {k: g for k, g in golds_by_key.items() if len(g) > 1 and g & trap_golds}
    assert not wrong


def test_devset_covers_every_category():
    counts = Counter(r["category"] for r in _rows())
    must = {
        "case",
        "punct",
        "plural",
        "inflection",
        "diminutive",
        "diacritics",
        "nominalisation",
        "split_compound",
        "stopwords",
        "typo",
    } | TRAPS
    assert must <= set(counts), must - set(counts)
