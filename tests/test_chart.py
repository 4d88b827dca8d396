from __future__ import annotations

import struct

import pytest

from dna.analysis.compare import Comparison, Row, compare
from dna.analysis.grouping import Analysis, Group, QuestionResult
from dna.output import chart
from dna.records import CURRENT, DESIRED


def row(key: str, current: float, desired: float, label: str | None = None) -> Row:
    people = (round(current * 20), round(desired * 20))
    return Row(
        key,
        label or key,
        people[0],
        people[0],
        current,
        people[1],
        people[1],
        desired,
        "other",
        ((f"{key} (nu)", people[0]),) if people[0] else (),
        ((f"{key}!", people[1]),) if people[1] else (),
    )


def comparison(rows: list[Row]) -> Comparison:
    return Comparison(tuple(sorted(rows, key=lambda r: (-r.shift, r.label))), 20)


def spec_of(c) -> dict:
    return c.to_dict()


def names(spec: dict) -> list[str]:
    """The axis rows in the order the chart draws them."""
    return spec["layer"][0]["encoding"]["y"]["sort"]


def test_top_n_by_larger_share_in_shift_order():
    rows = [row(f"g{i}", 0.01 * i, 0.0) for i in range(1, 16)]  # small, all let go
    rows += [row("vertrouwen", 0.0, 0.6), row("regels", 0.5, 0.05), row("samen", 0.3, 0.35)]
    spec = spec_of(chart.diverging(comparison(rows), n=5))
    assert names(spec) == ["vertrouwen", "samen", "g14", "g15", "regels"]  # by shift
    values = spec["data"]["values"]
    assert len(values) == 10  # two sides per group
    current = [v for v in values if v["side"] == "Huidig"]
    assert all(v["value"] <= 0 for v in current)  # current to the left
    assert {v["value"] for v in values if v["name"] == "regels"} == {-0.5, 0.05}


def test_colours_fonts_and_language_of_the_labels():
    labels = {"current": "Current", "desired": "Desired", "title": "Current and desired"}
    spec = spec_of(chart.diverging(comparison([row("a", 0.2, 0.4)]), labels))
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"] == {"domain": ["Current", "Desired"], "range": [chart.WARM, chart.COOL]}
    config = spec["config"]
    assert config["font"].startswith("Open Sans,") and config["font"].endswith("sans-serif")
    assert config["axisY"]["labelFontSize"] >= 16
    assert config["axis"]["labelFontSize"] >= 16
    assert config["title"]["fontSize"] >= 20
    assert spec["title"]["text"] == "Current and desired"
    texts = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert len(texts) == 2 and all(layer["mark"]["fontSize"] >= 16 for layer in texts)


def test_tooltip_has_counts_people_shares_shift_and_raw_answers():
    spec = spec_of(chart.diverging(comparison([row("samen", 0.2, 0.4)])))
    fields = {t["field"] for t in spec["layer"][0]["encoding"]["tooltip"]}
    assert fields >= {
        "label",
        "current_count",
        "current_people",
        "current_share",
        "desired_count",
        "desired_people",
        "desired_share",
        "shift",
        "current_answers",
        "desired_answers",
    }
    (record, _) = spec["data"]["values"]
    assert record["desired_answers"] == "samen!"
    assert record["shift"] == pytest.approx(0.2)


def test_equal_labels_stay_separate_rows():
    spec = spec_of(
        chart.diverging(comparison([row("a", 0.1, 0.5, "open"), row("b", 0.3, 0.1, "open")]))
    )
    assert len(names(spec)) == 2 and len(set(names(spec))) == 2


def test_teams_share_the_overall_rows():
    overall = comparison([row("vertrouwen", 0.0, 0.6), row("regels", 0.5, 0.0)])
    teams = {"ICT": comparison([row("regels", 0.8, 0.0)]), "Staf": overall}
    spec = spec_of(chart.teams_chart(teams, overall.rows, n=2))
    values = spec["data"]["values"]
    assert spec["facet"]["field"] == "panel" and spec["facet"]["sort"] == ["ICT (20)", "Staf (20)"]
    ict = {(v["name"], v["side"]): v["value"] for v in values if v["team"] == "ICT"}
    assert ict[("vertrouwen", "Gewenst")] == 0.0  # not named by this team: an empty row
    assert ict[("regels", "Huidig")] == -0.8
    assert spec["spec"]["layer"][0]["encoding"]["y"]["sort"] == ["vertrouwen", "regels"]


def test_team_panels_fit_a_page_column_and_count_people_in_the_tooltip():
    overall = comparison([row("vertrouwen", 0.0, 0.6), row("regels", 0.5, 0.0)])
    small = Comparison((Row("regels", "regels", 2, 2, 2 / 7, 0, 0, 0.0, "let_go"),), 7)
    spec = spec_of(chart.teams_chart({"ICT": small, "Staf": overall}, overall.rows))
    panel = spec["spec"]["layer"][0]
    labels = panel["encoding"]["y"]["axis"]["labelLimit"]
    assert labels + spec["columns"] * spec["spec"]["width"] + 60 <= 980  # spacing, padding
    tips = {t["field"]: t["title"] for t in panel["encoding"]["tooltip"]}
    assert tips["team"] == "Team" and tips["current_of"] == "Huidig: deelnemers"
    ict = [v for v in spec["data"]["values"] if v["team"] == "ICT" and v["name"] == "regels"]
    assert ict[0]["current_of"] == "2 van 7" and ict[0]["desired_of"] == "0 van 7"


def test_one_legend_setting_per_layer():
    """Text and bars share the colour legend: a layer with legend=None conflicts ("disable")."""
    spec = spec_of(chart.diverging(comparison([row("a", 0.2, 0.4)])))
    legends = [layer["encoding"]["color"].get("legend") for layer in spec["layer"][:3]]
    assert None not in legends and len({str(legend) for legend in legends}) == 1


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_png_of_dutch_answers():
    answers = [
        ("hiërarchisch", 9, 1),
        ("ruimte voor fouten", 0, 7),
        ("één team", 4, 6),
        ("café", 2, 2),
    ]
    groups = {
        q: tuple(Group(w, w, n, ((w, n),), people=n) for w, *counts in answers if (n := counts[i]))
        for i, q in enumerate((CURRENT, DESIRED))
    }
    analysis = Analysis("test", {q: QuestionResult(20, g, 20) for q, g in groups.items()})
    data = chart.chart_png(chart.diverging(compare(analysis)), scale=1)
    width, height = png_size(data)
    assert 800 <= width <= 1400 and 300 <= height <= 900
    wide, _ = png_size(chart.chart_png(chart.diverging(compare(analysis)), scale=2))
    assert wide == 2 * width


def test_png_is_drawn_in_the_shipped_font(monkeypatch):
    import vl_convert

    seen = {}
    monkeypatch.setattr(
        vl_convert, "vegalite_to_png", lambda spec, scale: seen.update(spec) or b"png"
    )
    assert chart.chart_png(chart.diverging(comparison([row("a", 0.2, 0.4)]))) == b"png"
    assert seen["config"]["font"] == "Open Sans"


def test_png_of_teams_and_of_an_empty_comparison():
    overall = comparison([row("vertrouwen", 0.0, 0.6)])
    assert png_size(chart.chart_png(chart.teams_chart({"ICT": overall}, overall.rows), scale=1))
    assert png_size(chart.chart_png(chart.diverging(comparison([])), scale=1))


def test_a_stretched_chart_keeps_the_height_of_its_bars():
    """On the page the chart is stretched to the page's width. Vega's default "fit" then fitted
    title, legend and bars into the spec's height, and a chart with a few title lines drew its
    five bars in one row's height (labels on top of each other). Only the width may fit."""
    rows = [row(name, 0.5, 0.1) for name in ("traag", "log", "stroperig", "star", "hiërarchisch")]
    spec = spec_of(chart.diverging(comparison(rows)))
    assert spec["height"] == chart.BAR_ROW * 5
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}
