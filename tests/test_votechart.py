"""Vote results: per value, per team (anonymity), the default final choice, and the chart spec."""

from __future__ import annotations

import pytest

from dna.output import votechart
from dna.workshop import values
from dna.workshop.values import Value
from dna.workshop.voting import tally

VALUES = [Value("Eigenaarschap", id=1), Value("Vertrouwen", id=2), Value("Samenwerken", id=3)]


def spec_rows(chart) -> list[dict]:
    spec = chart.to_dict()
    return (spec.get("data") or spec["layer"][0]["data"])["values"]  # Altair lifts shared data


def test_results_are_sorted_by_dots_with_voters_and_shares():
    count = tally([{2: 2, 1: 1}, {2: 1, 3: 2}, {1: 1}, {2: 1}])
    rows = votechart.results(VALUES, count)
    assert [(r.name, r.dots, r.voters) for r in rows] == [
        ("Vertrouwen", 4, 3),
        ("Eigenaarschap", 2, 2),
        ("Samenwerken", 2, 1),  # tie on dots: more voters first
    ]
    assert rows[0].share == pytest.approx(3 / 4)
    assert rows[2].share == pytest.approx(1 / 4)


def test_a_value_without_dots_is_still_on_the_chart_at_the_bottom():
    rows = votechart.results(VALUES, tally([{3: 1}]))
    assert [(r.name, r.dots, r.share) for r in rows][0] == ("Samenwerken", 1, 1.0)
    assert [r.dots for r in rows] == [1, 0, 0]


def test_the_chart_draws_bars_most_dots_on_top_with_dots_and_share_of_voters():
    count = tally([{2: 2, 1: 1}, {2: 1}, {3: 1}])
    chart = votechart.results_chart(VALUES, count, {"subtitle": "3 stemmers"})
    spec = chart.to_dict()
    assert spec["layer"][0]["encoding"]["y"]["sort"] == [
        "Vertrouwen",
        "Eigenaarschap",
        "Samenwerken",
    ]
    assert spec["layer"][0]["mark"]["type"] == "bar"
    texts = {r["label"]: r["text"] for r in spec_rows(chart)}
    assert texts == {  # the share is of the voters, and says so
        "Vertrouwen": "3 stippen · 67% van de stemmers",
        "Eigenaarschap": "1 stip · 33% van de stemmers",
        "Samenwerken": "1 stip · 33% van de stemmers",
    }
    assert spec["layer"][1]["encoding"]["text"]["field"] == "text"
    assert spec["title"] == {"text": "Stemmen", "subtitle": "3 stemmers"}


def test_the_chart_is_readable_from_the_back_and_in_the_house_font():
    spec = votechart.results_chart(VALUES, tally([{1: 1}])).to_dict()
    assert spec["config"]["axis"]["labelFontSize"] >= 24  # value names
    assert spec["layer"][1]["mark"]["fontSize"] >= 24  # dots and shares
    assert spec["config"]["font"].startswith("Open Sans")
    assert spec["config"]["background"] == "white"
    dark = votechart.results_chart(VALUES, tally([{1: 1}]), dark=True).to_dict()
    assert dark["config"]["background"] != "white"
    assert dark["config"]["axis"]["labelColor"] == "#ffffff"


def test_the_chart_speaks_the_given_language_and_keeps_equal_names_apart():
    values = [Value("Open", id=1), Value("Open", id=2)]
    labels = {"title": "Votes", "dots": "dots", "dot": "dot", "of_voters": "of voters"}
    chart = votechart.results_chart(values, tally([{1: 2}, {2: 1}]), labels)
    rows = spec_rows(chart)
    assert len({r["name"] for r in rows}) == 2
    assert [r["text"] for r in rows] == ["2 dots · 50% of voters", "1 dot · 50% of voters"]
    assert chart.to_dict()["title"] == {"text": "Votes"}


def test_an_empty_count_still_draws():
    assert [r["dots"] for r in spec_rows(votechart.results_chart(VALUES, tally([])))] == [0, 0, 0]


def test_teams_below_the_anonymity_threshold_are_withheld():
    ballots = [({1: 1}, "Zorg")] * 5 + [({2: 2}, "ICT")] * 4 + [({3: 1}, None)]
    shown, withheld = votechart.by_team(ballots, [1, 2, 3], ["Zorg", "ICT", "HR"])
    assert list(shown) == ["Zorg"] and shown["Zorg"].ballots == 5
    assert shown["Zorg"].share(1) == 1.0
    assert withheld == {"ICT": 4, "HR": 0}  # a team nobody voted in is named, with 0
    shown, withheld = votechart.by_team(ballots, [1, 2, 3], minimum=4)
    assert set(shown) == {"Zorg", "ICT"} and withheld == {}


def test_the_default_final_choice_follows_the_ranking():
    order = [1, 2, 3, 4, 5, 6, 7]
    many = tally([{v: 1} for v in order])  # seven values with dots: the top five
    assert votechart.default_final(many, order) == [1, 2, 3, 4, 5]
    few = tally([{6: 2}, {2: 1}])  # two with dots: padded to three from the ranking
    assert votechart.default_final(few, order) == [6, 2, 1]
    assert votechart.default_final(tally([]), [1, 2]) == [1, 2]


def test_the_default_final_choice_is_the_values_clearly_ahead():
    """It was the top five even when the fifth had 2 dots: now the ranking is cut where the
    dots drop most (between three and five values)."""
    order = [1, 2, 3, 4, 5, 6]
    dots = {1: 9, 2: 8, 3: 8, 4: 2, 5: 2, 6: 1}
    count = tally([{v: 1} for v, n in dots.items() for _ in range(n)])
    assert votechart.default_final(count, order) == [1, 2, 3]
    dots = {1: 9, 2: 8, 3: 7, 4: 7, 5: 1}
    count = tally([{v: 1} for v, n in dots.items() for _ in range(n)])
    assert votechart.default_final(count, order) == [1, 2, 3, 4]


def test_a_tagline_is_one_plain_line():
    assert values.clean_tagline("  Samen   <b>sterk</b>\n") == "Samen sterk"
    assert values.clean_tagline("=HYPERLINK(1)") == ""
    assert len(values.clean_tagline("x" * 200)) == values.TAGLINE_MAX


def test_a_beamer_chart_fills_its_room_with_fat_bars_for_few_values():
    assert votechart.fit_rows(5) == 120 and votechart.fit_rows(8) == 75
    assert votechart.fit_rows(30) == votechart.ROW and votechart.fit_rows(0) == 120
    spec = votechart.results_chart(VALUES, tally([{1: 1}]), row=100).to_dict()
    assert spec["height"] == 300 and spec["layer"][0]["mark"]["size"] == 62


def test_long_bars_carry_their_text_inside_short_ones_after_and_a_page_gets_smaller_type():
    count = tally([{1: 2}, {1: 2}, {2: 1}, {3: 2}])  # 4, 1, 2 dots
    chart = votechart.results_chart(VALUES, count)
    inside = {r["label"]: r["inside"] for r in spec_rows(chart)}
    assert inside == {"Eigenaarschap": True, "Samenwerken": True, "Vertrouwen": False}
    spec = chart.to_dict()
    assert [layer["mark"]["align"] for layer in spec["layer"][1:]] == ["left", "right"]
    assert spec["layer"][2]["mark"]["color"] == "white"  # on the blue bar
    page = votechart.results_chart(VALUES, count, compact=True).to_dict()
    assert page["config"]["axis"]["labelFontSize"] < spec["config"]["axis"]["labelFontSize"]
    assert page["height"] < spec["height"]
