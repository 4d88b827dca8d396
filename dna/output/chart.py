"""The comparison as a chart a room can read from the back, and as a PNG drawn offline.

A diverging bar chart: the share of participants who named a group for the current culture to
the left, for the desired culture to the right; the biggest jump towards the desired culture on
top. A strength carries "(+)" after its name, a limiting theme "(−)" (dna.analysis.tags), in colour
too. The PNG is drawn in the shipped Open Sans, so it looks the same on every machine; the browser
falls back to the page's own Source Sans (never to a serif default).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import altair as alt

from dna.analysis.compare import OTHER, Comparison, Row
from dna.analysis.tags import BEPERKEND, KRACHT

FONTS = Path(__file__).resolve().parents[2] / "data" / "fonts"
FONT = "Open Sans"  # the PNG's font (data/fonts)
FONT_STACK = f"{FONT}, Source Sans, Source Sans Pro, Source Sans 3, sans-serif"  # the browser's
WARM, COOL = "#c2410c", "#1d4ed8"  # current, desired
INK, GRID = "#1f2937", "#e5e7eb"
MARKS = {KRACHT: "(+)", BEPERKEND: "(−)"}  # after a group's name on the axis
MARK_COLOURS = {KRACHT: "#047857", BEPERKEND: "#b91c1c"}
TOP = 12  # groups in the chart
# A page stretches the chart to its width; its height stays the bars' (the default "fit" squeezed
# the bars of a chart with a few title lines into one row's height on the page).
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
BAR_ROW = 46  # pixels per group: 28 px bars and room between them

LABELS = {  # Dutch defaults; the UI passes its own language
    "title": "Huidige en gewenste cultuur",
    "current": "Huidig",
    "desired": "Gewenst",
    "axis": "Deel van de deelnemers",
    "group": "Groep",
    "people": "deelnemers",
    "count": "antwoorden",
    "shift": "Verschuiving",
    "answers": "zo geschreven",
    "of": "van",
    "team": "Team",
    "tag": "Soort",
    "kracht": "kracht",
    "beperkend": "beperkend",
}
TEAM_LABELS = 200  # pixels for the group names left of the team panels


def top(rows: Sequence[Row], n: int = TOP) -> list[Row]:
    """The n groups most named in either question (by their larger share), in the rows' order."""
    chosen = sorted(rows, key=lambda r: (-max(r.current_share, r.desired_share), r.label))[:n]
    keep = {r.key for r in chosen}
    return [r for r in rows if r.key in keep]


def diverging(
    comparison: Comparison,
    labels: Mapping[str, str] | None = None,
    n: int = TOP,
    width: int = 900,
) -> alt.LayerChart:
    """The top n groups of a comparison, sorted by shift (the value jump), biggest first."""
    labels = {**LABELS, **(labels or {})}
    rows = top(comparison.rows, n)
    records = _records(rows, labels)
    layer = _layers(records, labels, _domain(records), width, len(rows))
    return _style(layer.properties(title=_title(labels, rows), autosize=FIT_WIDTH))


def teams_chart(
    teams: Mapping[str, Comparison],
    rows: Sequence[Row],
    labels: Mapping[str, str] | None = None,
    n: int = 8,
    columns: int = 2,
    width: int = 350,
) -> alt.FacetChart:
    """One small panel per team with the same groups in the same order: the overall top n of
    `rows` (everyone's comparison), so the panels can be compared side by side. A facet cannot
    stretch to its container, so `columns` panels of `width` pixels (and the group names, at
    most TEAM_LABELS wide) fit a 980-pixel page column: at most about 950 pixels in all."""
    labels = {**LABELS, **(labels or {})}
    chosen = top(rows, n)
    names = _unique(chosen)
    records = []
    panels = [f"{team} ({comparison.participants})" for team, comparison in teams.items()]
    for panel, (team, comparison) in zip(panels, teams.items(), strict=True):
        own = {r.key: r for r in comparison.rows}
        mine = [own.get(r.key) or Row(r.key, r.label, 0, 0, 0.0, 0, 0, 0.0, OTHER) for r in chosen]
        records += [
            {**record, "team": team, "panel": panel}
            for record in _records(mine, labels, names, comparison.participants)
        ]
    layer = _layers(records, labels, _domain(records), width, len(chosen), facet=True)
    chart = layer.facet(
        facet=alt.Facet(
            "panel:N",
            title=None,
            sort=panels,
            header=alt.Header(labelFontSize=20, labelFontWeight="bold", labelColor=INK),
        ),
        columns=columns,
        data=alt.Data(values=records),
    )
    return _style(chart.properties(title=_title(labels, chosen)))


def chart_png(chart: alt.TopLevelMixin, scale: float = 2) -> bytes:
    """The chart drawn offline by vl-convert (no browser), with the shipped fonts."""
    import vl_convert

    _register_fonts()
    spec = chart.to_dict()
    spec.setdefault("config", {})["font"] = FONT  # the shipped font, not the browser's stack
    return vl_convert.vegalite_to_png(spec, scale=scale)


@cache
def _register_fonts() -> None:
    import vl_convert

    vl_convert.register_font_directory(str(FONTS))


def _title(labels: Mapping[str, str], rows: Sequence[Row] = ()) -> alt.Title:
    """The title, and a subtitle when the labels carry one: who and how many, lines of their
    own ("\n": the entropy), and what the marks after the names mean when a row has one."""
    lines = [line for line in labels.get("subtitle", "").split("\n") if line]
    tagged = [tag for tag in MARKS if any(r.tag == tag for r in rows)]
    if tagged:
        lines.append(" · ".join(f"{MARKS[tag]} {labels[tag]}" for tag in tagged))
    if lines:
        return alt.Title(labels["title"], subtitle=lines)
    return alt.Title(labels["title"])


def _unique(rows: Sequence[Row]) -> dict[str, str]:
    """key -> the name on the axis: the label and its tag's mark; equal names of different
    groups get invisible suffixes."""
    seen: dict[str, int] = {}
    names = {}
    for r in rows:
        name = f"{r.label} {MARKS[r.tag]}" if r.tag in MARKS else r.label
        n = seen[name] = seen.get(name, -1) + 1
        names[r.key] = name + "\u200b" * n
    return names


def _records(
    rows: Sequence[Row],
    labels: Mapping[str, str],
    names: Mapping[str, str] | None = None,
    of: int | None = None,
) -> list[dict]:
    """Two records per row (current to the left, desired to the right). `of`: the people
    the shares are of, for a team's tooltip ("2 of 7")."""
    names = names or _unique(rows)
    records = []
    for r in rows:
        common = {
            "name": names[r.key],
            "label": r.label,
            "tag": labels.get(r.tag, "–"),
            "current_people": r.current_people,
            "current_count": r.current_count,
            "current_share": r.current_share,
            "desired_people": r.desired_people,
            "desired_count": r.desired_count,
            "desired_share": r.desired_share,
            "shift": r.shift,
            "current_answers": ", ".join(text for text, _ in r.current_variants) or "–",
            "desired_answers": ", ".join(text for text, _ in r.desired_variants) or "–",
        }
        if of is not None:
            for side in ("current", "desired"):
                common[f"{side}_of"] = f"{common[f'{side}_people']} {labels['of']} {of}"
        for side, share in (("current", r.current_share), ("desired", r.desired_share)):
            records.append(
                {**common, "side": labels[side], "value": -share if side == "current" else share}
            )
    return records


def _domain(records: Sequence[dict]) -> list[float]:
    """Symmetric, with room for the percentages at the ends of the bars."""
    m = max((abs(r["value"]) for r in records), default=0.0) or 0.1
    return [-1.3 * m, 1.3 * m]


def _layers(
    records: list[dict],
    labels: Mapping[str, str],
    domain: list[float],
    width: int,
    n_rows: int,
    facet: bool = False,
) -> alt.LayerChart:
    order = list(dict.fromkeys(r["name"] for r in records))
    limit = TEAM_LABELS if facet else 320
    colour = alt.ExprRef(  # a tagged group's name in its tag's colour
        " : ".join(
            f"indexof(datum.label, '{MARKS[tag]}') >= 0 ? '{MARK_COLOURS[tag]}'" for tag in MARKS
        )
        + f" : '{INK}'"
    )
    axis_y = alt.Axis(labelLimit=limit, ticks=False, domain=False, labelColor=colour)
    y = alt.Y("name:N", sort=order, title=None, axis=axis_y)
    axis = alt.Axis(labelExpr="format(abs(datum.value), '.0%')", tickCount=6, grid=True)
    x = alt.X(  # small panels: no axis, the bars carry their percentages
        "value:Q",
        scale=alt.Scale(domain=domain, nice=False),
        title=labels["axis"],
        axis=None if facet else axis,
    )
    scale = alt.Scale(domain=[labels["current"], labels["desired"]], range=[WARM, COOL])
    color = alt.Color(
        "side:N",
        scale=scale,
        legend=alt.Legend(title=None, orient="top", symbolSize=300, symbolType="square"),
    )
    tooltip = _tooltip(labels, team=facet)
    base = alt.Chart() if facet else alt.Chart(alt.Data(values=records))
    bars = base.mark_bar(size=18 if facet else 28).encode(x=x, y=y, color=color, tooltip=tooltip)
    size = 14 if facet else 16
    text = (
        base.encode(
            x="value:Q",
            y=alt.Y("name:N", sort=order),
            text=alt.Text("pct:Q", format=".0%"),
            color=color,  # the bars' legend: a second setting would conflict ("disable")
            tooltip=tooltip,
        )
        .transform_calculate(pct="abs(datum.value)")
        .transform_filter("datum.value != 0")  # no "0%": an empty side says it
    )
    left = text.transform_filter("datum.value < 0").mark_text(
        align="right", dx=-6, fontSize=size, fontWeight="bold"
    )
    right = text.transform_filter("datum.value > 0").mark_text(
        align="left", dx=6, fontSize=size, fontWeight="bold"
    )
    zero = base.mark_rule(color=INK, strokeWidth=2).encode(x=alt.datum(0))
    row = 30 if facet else BAR_ROW
    return alt.layer(bars, left, right, zero).properties(width=width, height=row * max(n_rows, 1))


def _tooltip(labels: Mapping[str, str], team: bool = False) -> list[alt.Tooltip]:
    """Everything about a bar. In a team's panel also the team, and its people as "2 of 7":
    a small team's shares rest on few people."""
    people = ("current_of:N", "desired_of:N") if team else ("current_people:Q", "desired_people:Q")
    tips = [alt.Tooltip("team:N", title=labels["team"])] if team else []
    return tips + [
        alt.Tooltip("label:N", title=labels["group"]),
        alt.Tooltip("tag:N", title=labels["tag"]),
        alt.Tooltip("current_share:Q", title=labels["current"], format=".0%"),
        alt.Tooltip(people[0], title=f"{labels['current']}: {labels['people']}"),
        alt.Tooltip("current_count:Q", title=f"{labels['current']}: {labels['count']}"),
        alt.Tooltip("desired_share:Q", title=labels["desired"], format=".0%"),
        alt.Tooltip(people[1], title=f"{labels['desired']}: {labels['people']}"),
        alt.Tooltip("desired_count:Q", title=f"{labels['desired']}: {labels['count']}"),
        alt.Tooltip("shift:Q", title=labels["shift"], format="+.0%"),
        alt.Tooltip("current_answers:N", title=f"{labels['current']}: {labels['answers']}"),
        alt.Tooltip("desired_answers:N", title=f"{labels['desired']}: {labels['answers']}"),
    ]


def _style(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Big type for a projector, one font everywhere, white background."""
    return (
        chart.configure(font=FONT_STACK, background="white", padding=16)
        .configure_axis(
            labelFontSize=17, titleFontSize=17, labelColor=INK, titleColor=INK, gridColor=GRID
        )
        .configure_axisY(labelFontSize=19)
        .configure_legend(labelFontSize=19, labelColor=INK)
        .configure_title(
            fontSize=24,
            color=INK,
            anchor="start",
            offset=12,
            subtitleFontSize=17,
            subtitleColor=INK,
        )
        .configure_view(stroke=None)
    )
