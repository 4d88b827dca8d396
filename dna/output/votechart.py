"""Vote results: per value its dots, voters and share of voters, per team, and as a chart.

The chart is for the beamer first: horizontal bars, most dots on top, value names in 26-pixel
type and at the end of each bar its dots and the share of voters who gave it a dot. Pure: the
pages render what this module returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import altair as alt

from dna.analysis.compare import ANONYMITY_MIN
from dna.output.chart import FONT_STACK
from dna.workshop.values import FINAL_MAX, FINAL_MIN, Value
from dna.workshop.voting import Tally, clear_lead, tally

ROW = 66  # pixels per value: a 40-pixel bar and room between bars
INSIDE = 0.5  # a bar at least this part of the longest carries its text inside, in its own colour
BEAMER_ROOM, BEAMER_ROW = 600, 120  # a beamer's chart: this tall in all, rows at most this tall
NAME_SIZE, TEXT_SIZE = 26, 24  # the back of the room reads these
SIZES = {  # (row, value names, bar text, title, subtitle, name limit): beamer, laptop page
    False: (ROW, NAME_SIZE, TEXT_SIZE, 30, 22, 640),
    True: (46, 17, 16, 20, 15, 320),
}
COLOURS = {  # (bar, ink, background) for a light and a dark beamer
    False: ("#1d4ed8", "#111111", "white"),
    True: ("#60a5fa", "#ffffff", "#0e1117"),
}
LABELS = {  # Dutch defaults; the UI passes its own language
    "title": "Stemmen",
    "value": "Waarde",
    "dots": "stippen",
    "dot": "stip",
    "voters": "stemmers",
    "share": "deel van de stemmers",
    "of_voters": "van de stemmers",
}


@dataclass(frozen=True)
class Result:
    """One candidate value in the count."""

    value_id: int
    name: str
    dots: int
    voters: int  # participants with at least one dot on it
    share: float  # voters / everyone who voted


def results(values: Sequence[Value], count: Tally) -> list[Result]:
    """Every candidate value, most dots first (ties: more voters, then the values' order)."""
    by_id = {v.id: v for v in values}
    return [
        Result(i, by_id[i].name, count.dots.get(i, 0), count.voters.get(i, 0), count.share(i))
        for i in count.ranking([v.id for v in values])
    ]


def by_team(
    ballots: Iterable[tuple[Mapping[int, int], str | None]],
    value_ids: Iterable[int],
    teams: Sequence[str] = (),
    minimum: int = ANONYMITY_MIN,
) -> tuple[dict[str, Tally], dict[str, int]]:
    """(count per team with at least `minimum` voters, voters per withheld team). A voter's team
    is the one they gave when answering; `teams` lists the workshop's teams, so a team nobody
    voted in is withheld with 0 rather than missing."""
    ids = list(value_ids)
    per: dict[str, list[Mapping[int, int]]] = {team: [] for team in teams}
    for ballot, team in ballots:
        if team is not None:
            per.setdefault(team, []).append(ballot)
    shown: dict[str, Tally] = {}
    withheld: dict[str, int] = {}
    for team, mine in per.items():
        count = tally(mine, ids)
        if count.ballots >= minimum:
            shown[team] = count
        else:
            withheld[team] = count.ballots
    return shown, withheld


def default_final(count: Tally, order: Sequence[int]) -> list[int]:
    """The facilitator's starting point: the values clearly ahead (`voting.clear_lead`: cut at
    the largest drop in dots, FINAL_MIN to FINAL_MAX values, only values with dots); when fewer
    than FINAL_MIN got a dot, the top FINAL_MIN of the ranking. A fifth value with 2 dots after
    9, 8 and 8 is not proposed."""
    ranked = count.ranking(order)
    voted = [v for v in ranked if count.dots.get(v, 0) > 0]
    if len(voted) < FINAL_MIN:
        return ranked[:FINAL_MIN]
    return voted[: clear_lead([count.dots[v] for v in voted], FINAL_MIN, FINAL_MAX)]


def fit_rows(n: int, room: int = BEAMER_ROOM) -> int:
    """Row height that fills `room` pixels with n values: fat bars for few values, never thinner
    than ROW (more values make a taller chart) nor fatter than BEAMER_ROW."""
    return max(ROW, min(BEAMER_ROW, room // max(n, 1)))


def bar_text(result: Result, labels: Mapping[str, str]) -> str:
    """What a bar says at its end: "5 stippen · 60% van de stemmers" (the share is of the
    voters, not of the dots: it says so)."""
    unit = labels["dot"] if result.dots == 1 else labels["dots"]
    share = f"{round(result.share * 100)}% {labels.get('of_voters', '')}".rstrip()
    return f"{result.dots} {unit} · {share}"


def results_chart(
    values: Sequence[Value],
    count: Tally,
    labels: Mapping[str, str] | None = None,
    dark: bool = False,
    row: int | None = None,
    compact: bool = False,
) -> alt.LayerChart:
    """Bars of dots per value, most first; as wide as its container, `row` pixels per value.
    Long bars carry their text inside, short ones after them, so the text always fits; compact:
    smaller type for a page on a laptop rather than a beamer."""
    labels = {**LABELS, **(labels or {})}
    rows = results(values, count)
    names = _unique([r.name for r in rows])
    top = max((r.dots for r in rows), default=0)
    default_row, name_size, text_size, title_size, subtitle_size, limit = SIZES[compact]
    row = row or default_row
    records = [
        {
            "name": name,
            "label": r.name,
            "dots": r.dots,
            "voters": r.voters,
            "share": r.share,
            "text": bar_text(r, labels),
            "inside": top > 0 and r.dots >= top * INSIDE,
        }
        for name, r in zip(names, rows, strict=True)
    ]
    bar, ink, background = COLOURS[dark]
    base = alt.Chart(alt.Data(values=records)).encode(
        y=alt.Y(
            "name:N",
            sort=names,
            title=None,
            axis=alt.Axis(labelLimit=limit, ticks=False, domain=False, labelPadding=14),
        ),
        x=alt.X(
            "dots:Q",
            title=None,
            axis=None,
            scale=alt.Scale(domain=[0, max(top, 1) * 1.04], nice=False),
        ),
        tooltip=[
            alt.Tooltip("label:N", title=labels["value"]),
            alt.Tooltip("dots:Q", title=labels["dots"]),
            alt.Tooltip("voters:Q", title=labels["voters"]),
            alt.Tooltip("share:Q", title=labels["share"], format=".0%"),
        ],
    )
    bars = base.mark_bar(size=round(row * 0.62), color=bar, cornerRadiusEnd=4)
    text = base.encode(text="text:N")
    after = text.transform_filter("!datum.inside").mark_text(
        align="left", dx=10, fontSize=text_size, fontWeight="bold", color=ink
    )
    inside = text.transform_filter("datum.inside").mark_text(
        align="right", dx=-12, fontSize=text_size, fontWeight="bold", color=background
    )
    title = (
        alt.Title(labels["title"], subtitle=labels["subtitle"])
        if labels.get("subtitle")
        else alt.Title(labels["title"])
    )
    chart = alt.layer(bars, after, inside).properties(
        width="container", height=row * max(len(rows), 1), title=title
    )
    return (
        chart.configure(font=FONT_STACK, background=background, padding=16)
        .configure_axis(labelFontSize=name_size, labelColor=ink, labelFontWeight="bold")
        .configure_title(
            fontSize=title_size,
            color=ink,
            anchor="start",
            offset=14,
            subtitleFontSize=subtitle_size,
            subtitleColor=ink,
        )
        .configure_view(stroke=None)
    )


def _unique(names: Sequence[str]) -> list[str]:
    """Equal names of different values get invisible suffixes, so each keeps its own bar."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        n = seen[name] = seen.get(name, -1) + 1
        out.append(name + "\u200b" * n)
    return out
