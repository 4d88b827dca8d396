from __future__ import annotations

import csv
import io

import pytest

from dna.compare import (
    DEVELOP,
    KEEP,
    LET_GO,
    OTHER,
    Thresholds,
    categorise,
    compare,
    compare_teams,
    participants,
    split_teams,
    to_csv,
    to_json,
)
from dna.grouping import Analysis, Group, QuestionResult, analyse
from dna.records import CURRENT, DESIRED, Answer


def group(key: str, people: int, count: int | None = None, hidden: bool = False) -> Group:
    count = people if count is None else count
    return Group(key, key.title(), count, ((key, count),), hidden=hidden, people=people)


def analysis(current: list[Group], desired: list[Group], people: tuple[int, int]) -> Analysis:
    def result(groups: list[Group], n: int) -> QuestionResult:
        return QuestionResult(sum(g.count for g in groups), tuple(groups), n)

    return Analysis(
        "test", {CURRENT: result(current, people[0]), DESIRED: result(desired, people[1])}
    )


def rows(a: Analysis, **kw) -> dict:
    return {r.key: r for r in compare(a, Thresholds(**kw)).rows}


def test_categories_on_clear_cases():
    a = analysis(
        [group("regels", 8), group("betrokken", 6), group("traag", 1)],
        [group("vertrouwen", 7), group("betrokken", 5), group("regels", 1)],
        (20, 20),
    )
    r = rows(a)
    assert r["vertrouwen"].category == DEVELOP  # 0% -> 35%
    assert r["regels"].category == LET_GO  # 40% -> 5%
    assert r["betrokken"].category == KEEP  # 30% -> 25%
    assert r["traag"].category == OTHER  # 5% now, below the 10% minimum
    assert r["regels"].shift == pytest.approx(0.05 - 0.40)


@pytest.mark.parametrize(
    ("current", "desired", "expected"),
    [
        (0.0, 0.10, DEVELOP),  # exactly min_share counts
        (0.0, 0.0999, OTHER),
        (0.10, 0.20, DEVELOP),  # exactly lean times the current share
        (0.11, 0.20, KEEP),  # just under lean: both matter, so keep
        (0.20, 0.10, LET_GO),
        (0.10, 0.0, LET_GO),
        (0.05, 0.09, OTHER),  # 1.8x but under the minimum in both
        (0.10, 0.10, KEEP),
        (0.0, 0.0, OTHER),
        (0.60, 0.16, LET_GO),  # in both over 10%, but 3.75x as often now: not keep
    ],
)
def test_boundaries_at_exactly_min_share_and_lean(current, desired, expected):
    assert categorise(current, desired, Thresholds(0.10, 2.0)) == expected


def test_boundaries_through_people_counts():
    # 2 of 20 = exactly 10%; 4 of 20 = exactly 2x
    r = rows(analysis([group("a", 2), group("b", 2)], [group("a", 4), group("c", 2)], (20, 20)))
    assert r["a"].category == DEVELOP
    assert r["b"].category == LET_GO
    assert r["c"].category == DEVELOP


def test_thresholds_change_the_outcome():
    a = analysis([group("a", 3)], [group("a", 5)], (20, 20))  # 15% -> 25%
    assert rows(a)["a"].category == KEEP
    assert rows(a, lean=1.5)["a"].category == DEVELOP
    assert rows(a, min_share=0.2)["a"].category == OTHER  # 15% no longer matters; 25% < 2 x 15%
    assert rows(a, min_share=0.2, lean=1.5)["a"].category == DEVELOP


def test_shares_are_by_people_not_answers():
    # one person wrote "regels" five times; four people each wrote "vertrouwen" once
    a = analysis([group("regels", 1, count=5)], [group("vertrouwen", 4)], (10, 10))
    r = rows(a)
    assert r["regels"].current_share == pytest.approx(0.1)
    assert r["regels"].current_count == 5
    assert r["vertrouwen"].desired_share == pytest.approx(0.4)


def test_rows_sorted_by_shift_then_label():
    a = analysis(
        [group("x", 5), group("b", 1), group("a", 1)],
        [group("y", 6), group("b", 3), group("a", 3)],
        (10, 10),
    )
    result = compare(a)
    assert [r.key for r in result.rows] == ["y", "a", "b", "x"]
    shifts = [r.shift for r in result.rows]
    assert shifts == sorted(shifts, reverse=True)


def test_hidden_groups_are_left_out_even_when_hidden_in_one_question():
    a = analysis(
        [group("rot", 5, hidden=True), group("zooi", 3), group("ok", 2)],
        [group("zooi", 4, hidden=True), group("ok", 2)],
        (10, 10),
    )
    result = compare(a)
    assert [r.key for r in result.rows] == ["ok"]
    assert result.questions[CURRENT].groups == 1
    assert result.questions[CURRENT].answers == 10  # every answer read, hidden ones included


def test_empty_analysis():
    result = compare(Analysis("test", {}))
    assert result.rows == ()
    assert result.participants == 0
    assert result.overlap == 0.0
    assert result.questions[DESIRED].groups == 0


def test_one_question_empty_gives_zero_shares_and_no_division_error():
    result = compare(analysis([group("regels", 4)], [], (10, 0)))
    (row,) = result.rows
    assert (row.desired_share, row.current_share) == (0.0, pytest.approx(0.4))
    assert row.category == LET_GO
    assert result.overlap == 0.0
    assert result.participants == 10  # without the overall count: the larger question


def test_overlap_is_the_desired_answer_weight_in_groups_the_current_culture_has():
    a = analysis(
        [group("betrokken", 3), group("regels", 4)],
        [group("betrokken", 2, count=3), group("vertrouwen", 5), group("regels", 0, count=0)],
        (10, 10),
    )
    assert compare(a).overlap == pytest.approx(3 / 8)


def test_variants_of_both_questions_are_kept_for_the_hover():
    g_now = Group("samen", "samen", 4, (("samen", 2), ("Samen!", 1), ("samen ", 1)), people=4)
    g_want = Group("samen", "samenwerken", 6, (("samenwerken", 6),), people=6)
    (row,) = compare(analysis([g_now], [g_want], (10, 10))).rows
    assert row.current_variants == (("samen", 2), ("Samen!", 1), ("samen ", 1))
    assert row.desired_variants == (("samenwerken", 6),)
    assert row.label == "samenwerken"  # the label of the side more people used


def test_of_lists_a_category_strongest_first():
    a = analysis([group("a", 2), group("b", 6), group("c", 4)], [], (10, 10))
    assert [r.key for r in compare(a).of(LET_GO)] == ["b", "c", "a"]


def test_through_analyse_on_dutch_answers(lemmatiser):
    answers = []
    for i in range(10):
        who = f"p{i}"
        answers.append(Answer(CURRENT, "hiërarchisch" if i < 6 else "Betrokken", "A", who))
        answers.append(Answer(DESIRED, "vertrouwen" if i < 7 else "betrokken", "A", who))
        if i < 3:  # three of them say it twice: more answers, not more people
            answers.append(Answer(CURRENT, "Hierarchisch!", "A", who))
    result = compare(analyse(answers, lemmatiser), participants=participants(answers))
    r = {row.label.casefold(): row for row in result.rows}
    assert (r["hiërarchisch"].current_count, r["hiërarchisch"].current_people) == (9, 6)
    assert r["hiërarchisch"].current_share == pytest.approx(0.6)
    assert r["hiërarchisch"].category == LET_GO
    assert r["vertrouwen"].category == DEVELOP
    assert result.participants == 10
    assert result.rows[0].label == "vertrouwen"


def test_participants_counts_distinct_people_across_questions():
    answers = [
        Answer(CURRENT, "a", "T", "p1"),
        Answer(DESIRED, "b", "T", "p1"),
        Answer(DESIRED, "c", "U", "p2"),
        Answer(CURRENT, "d", "T"),  # no id: counts as one
    ]
    assert participants(answers) == 3
    assert participants(answers, team="T") == 2


def test_teams_below_the_minimum_are_withheld_and_not_read():
    big = analysis([group("regels", 4)], [group("vertrouwen", 5)], (6, 6))
    sizes = {"ICT": 6, "Staf": 4, "Beleid": 5}
    teams = compare_teams({"ICT": big, "Beleid": big}, sizes)  # no analysis for Staf needed
    assert list(teams.shown) == ["ICT", "Beleid"]
    assert teams.withheld == ("Staf",)
    assert teams.shown["ICT"].participants == 6
    assert split_teams(sizes) == (["ICT", "Beleid"], ["Staf"])


def test_csv_for_a_dutch_spreadsheet():
    a = analysis([group("regels", 4)], [group("vertrouwen", 5)], (8, 8))
    text = to_csv(compare(a), {"label": "Groep", DEVELOP: "Ontwikkelen"})
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0][0] == "Groep"
    assert table[1][:2] == ["Vertrouwen", "Ontwikkelen"]
    assert table[1][5] == "62,5"  # the desired share in percent, decimal comma
    assert len(table) == 3


def test_csv_cells_cannot_run_as_formulas():
    """Labels and raw answers come from participants: '=1+1' or '-weinig' must stay text."""
    g = Group("x", '=HYPERLINK("http://evil")', 3, (("-weinig", 2), ("@x", 1)), people=3)
    a = analysis([g], [group("vertrouwen", 5)], (8, 8))
    table = list(csv.reader(io.StringIO(to_csv(compare(a))), delimiter=";"))
    cells = [c for row in table[1:] for c in row]
    assert '\'=HYPERLINK("http://evil")' in cells
    assert all(not c.startswith(("=", "+", "-", "@")) for c in cells)
    assert any(c.startswith("'-weinig") for c in cells)  # the variants cell


def test_to_json_is_plain_data():
    import json

    a = analysis([group("regels", 4)], [group("vertrouwen", 5), group("regels", 1)], (8, 8))
    doc = json.loads(json.dumps(to_json(compare(a))))
    assert doc["participants"] == 8 and doc["thresholds"] == {"min_share": 0.1, "lean": 2.0}
    first = doc["rows"][0]
    assert first["label"] == "Vertrouwen" and first["category"] == DEVELOP
    assert first["desired"] == {"count": 5, "people": 5, "share": 0.625}
    assert doc["questions"]["current"]["groups"] == 1
