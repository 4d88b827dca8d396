"""Exports a spreadsheet opens: the tables of a workshop (written as an XLSX workbook or CSVs
by dna.output.spreadsheet, every cell through dna.cells); and the DNA sheet's content, so the app
and the command line make the same one.

The answer tables are private by default: teams under the comparison's anonymity minimum are
one team ("kleine teams"), rows come in an order made of their content (no person's answers
side by side), and hidden answers stay out unless asked for.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

from dna.analysis.compare import (
    ANONYMITY_MIN,
    DEVELOP,
    KEEP,
    LET_GO,
    STRENGTH_LESS,
    Comparison,
    participants,
)
from dna.analysis.grouping import Analysis
from dna.analysis.overrides import Override
from dna.cells import safe_cell as safe_cell
from dna.output.sheet import SheetData, SheetValue, Summary
from dna.output.sheetdata import Cloud
from dna.output.spreadsheet import Table
from dna.output.spreadsheet import csv_zip as csv_zip
from dna.output.spreadsheet import csvs as csvs
from dna.output.spreadsheet import workbook as workbook
from dna.records import CURRENT, DESIRED
from dna.workshop.values import aim
from dna.workshop.voting import Tally, tally

if TYPE_CHECKING:
    from dna.records import Answer
    from dna.store import StoredAnswer
    from dna.workshop.values import Value
    from dna.workshop.workshop import Workshop

SHEET_VALUES = 5  # values on the sheet when the facilitator chose none

_TEXT_ROWS = (  # key, Dutch, English
    ("answers", "Antwoorden", "Answers"),
    ("groups", "Groepen", "Groups"),
    ("overrides", "Wijzigingen", "Edits"),
    ("values", "Waarden", "Values"),
    ("votes", "Stemmen", "Votes"),
    ("ballots", "Stembiljetten", "Ballots"),
    ("h_answers", "Vraag|Antwoord|Team|Bron|Verborgen", "Question|Answer|Team|Source|Hidden"),
    ("h_groups", "Vraag|Groep|Antwoorden|Deelnemers|Aandeel deelnemers|Zo geschreven|Verborgen"
     "|Reden", "Question|Group|Answers|Participants|Share of participants|Written as|Hidden"
     "|Reason"),
    ("h_overrides", "Nr|Wijziging|Vraag|Omschrijving|Gegevens",
     "No|Edit|Question|Description|Data"),
    ("h_values", "Positie|Waarde|Betekenis|Dit zie je aan|We doen wel|We doen niet|Uit de groepen"
     "|Stemmen|Stemmers|Gekozen als", "Position|Value|Meaning|You can tell by|We do|We don’t"
     "|From the groups|Votes|Voters|Chosen as"),
    ("h_votes", "Plaats|Waarde|Stemmen|Stemmers|Aandeel stemmers",
     "Place|Value|Votes|Voters|Share of voters"),
    ("ballot", "Stembiljet", "Ballot"),
    ("current", "Huidige cultuur", "Current culture"),
    ("desired", "Gewenste cultuur", "Desired culture"),
    ("both", "Beide vragen", "Both questions"),
    ("yes", "ja", "yes"),
    ("small", "kleine teams", "small teams"),
    ("live", "live", "live"),
    ("import", "import", "import"),
    ("review", "ter beoordeling", "awaiting review"),
    ("facilitator", "door begeleider", "by the facilitator"),
    ("own", "eigen groep", "own group"),
    ("merge", "samengevoegd", "merged"),
    ("move", "verplaatst", "moved"),
    ("rename", "hernoemd", "renamed"),
    ("hide", "verborgen", "hidden"),
    ("show", "weer getoond", "shown again"),
    ("reject", "suggestie afgewezen", "suggestion rejected"),
)  # fmt: skip
TEXTS = MappingProxyType(
    {lang: MappingProxyType({k: r[i] for k, *r in _TEXT_ROWS})
     for i, lang in enumerate(("nl", "en"))}
)  # fmt: skip


def tables(
    analysis: Analysis,
    answers: Iterable[StoredAnswer],
    overrides: Iterable[Override],
    values: Sequence[Value],
    ballots: Iterable[Mapping[int, int]],
    final: Sequence[int] = (),
    language: str = "nl",
    *,
    teams: Mapping[str, int] | None = None,
    include_hidden: bool = False,
) -> dict[str, Table]:
    """The workshop's tables by key (answers, groups, overrides, values, votes, ballots); every
    name and header in `language`. Ballots are anonymous: no team or token, sorted by content.

    `teams`: participants per team (`team_sizes`); a team under ANONYMITY_MIN, or not listed,
    is shown as "kleine teams". Hidden answers (held for review, hidden by the facilitator, or
    in a hidden group) and hidden groups are left out unless `include_hidden`."""
    t = TEXTS[language]
    ids = [v.id for v in values]
    names = {v.id: v.name for v in values}
    counted = [{v: n for v, n in b.items() if n > 0 and v in names} for b in ballots]
    counted = [b for b in counted if b]
    votes = tally(counted, ids)
    labels = _labels(analysis)
    rank = {v: i for i, v in enumerate(final, 1)}
    rows = {
        "answers": _answers(answers, analysis, t, teams or {}, include_hidden),
        "groups": [
            (t[q], g.label, g.count, g.people, g.people / r.people if r.people else 0.0,
             " · ".join(f"{text} ({n})" for text, n in g.variants), t["yes"] if g.hidden else "",
             g.reason)
            for q, r in analysis.questions.items() for g in r.groups
            if include_hidden or not g.hidden
        ],
        "overrides": [
            (i, t.get(o.kind, o.kind), t[o.question] if o.question else t["both"],
             describe(o, language), json.dumps(dict(o.payload), ensure_ascii=False, sort_keys=True))
            for i, o in enumerate(overrides, 1)
        ],
        "values": [
            (v.position, v.name, v.meaning, "\n".join(v.behaviours), "\n".join(v.do),
             "\n".join(v.dont), ", ".join(labels.get(k, k) for k in v.sources),
             votes.dots.get(v.id, 0), votes.voters.get(v.id, 0), rank.get(v.id, ""))
            for v in values
        ],
        "votes": [
            (place, names[v], votes.dots.get(v, 0), votes.voters.get(v, 0), votes.share(v))
            for place, v in enumerate(votes.ranking(ids), 1)
        ],
        "ballots": [
            (i, *row) for i, row in enumerate(sorted(
                (tuple(b.get(v, 0) for v in ids) for b in counted), reverse=True), 1)
        ],
    }  # fmt: skip
    headers = {key: tuple(t[f"h_{key}"].split("|")) for key in rows if f"h_{key}" in t}
    headers["ballots"] = (t["ballot"], *(v.name for v in values))
    shares = {"groups": frozenset({4}), "votes": frozenset({4})}
    return {
        key: Table(t[key], headers[key], tuple(map(tuple, r)), shares.get(key, frozenset()))
        for key, r in rows.items()
    }


def team_sizes(answers: Iterable[Answer]) -> dict[str, int]:
    """Participants per team, counted as the comparison per team counts them: people, not
    answers (an answer without an id counts as one)."""
    answers = tuple(answers)
    return {
        team: participants(answers, team) for team in sorted({a.team for a in answers if a.team})
    }


def _answers(
    answers: Iterable[StoredAnswer],
    analysis: Analysis,
    t: Mapping[str, str],
    teams: Mapping[str, int],
    include_hidden: bool,
) -> list[tuple[str, ...]]:
    """The answer rows, private: small teams merged, hidden ones out unless asked for, in an
    order made of the rows' content only, so no one's answers stay side by side."""
    in_hidden_group = {
        (q, text)
        for q, r in analysis.questions.items()
        for g in r.groups
        if g.hidden
        for text, _ in g.variants
    }
    rows = []
    for a in answers:
        hidden = a.hidden or ("hide" if (a.question, a.text.strip()) in in_hidden_group else "")
        if hidden and not include_hidden:
            continue
        team = a.team if not a.team or teams.get(a.team, 0) >= ANONYMITY_MIN else t["small"]
        source = t["import" if a.imported else "live"]
        rows.append((t[a.question], a.text, team or "", source, t.get(hidden, hidden)))
    return sorted(rows, key=lambda row: (_digest(row), row))


def _digest(row: tuple[str, ...]) -> bytes:
    text = "\x1f".join(row).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=8).digest()


def describe(o: Override, language: str = "nl") -> str:
    """One edit as a person reads it: "klantgericht + klantvriendelijk → klant"."""
    t, p = TEXTS[language], o.payload
    named = [str(x) for x in p.get("labels") or p.get("keys") or [p.get("label") or p.get("key")]]
    if o.kind == "merge":
        return f"{' + '.join(named)} → {p.get('label') or p.get('into')}"
    if o.kind == "move":
        to = p.get("label") if p.get("to") is not None else f"{p.get('label')} ({t['own']})"
        return f"“{p.get('variant')}”: {p.get('from', '')} → {to}"
    if o.kind == "rename":
        return f"{p.get('old', p.get('key'))} → {p.get('label')}"
    if o.kind == "hide":
        return ", ".join(named) + (f" ({p['reason']})" if p.get("reason") else "")
    if o.kind == "reject":
        return " ≠ ".join(named)
    if o.kind == "tag":
        return f"{p.get('label') or p.get('key')}: {p.get('tag')}"
    return ", ".join(named)


def chosen(workshop: Workshop, values: Sequence[Value], votes: Tally) -> list[Value]:
    """The values on the sheet: the facilitator's final choice in its order; without one, the
    vote's top (at most 5, only values with votes); without votes, the first 5."""
    by_id = {v.id: v for v in values}
    if picked := [by_id[i] for i in workshop.final if i in by_id]:
        return picked
    if votes.ballots:
        ranked = [by_id[i] for i in votes.ranking(list(by_id)) if votes.dots.get(i, 0) > 0]
        return ranked[:SHEET_VALUES]
    return list(values[:SHEET_VALUES])


def sheet_data(
    workshop: Workshop,
    analysis: Analysis,
    values: Sequence[Value],
    votes: Tally,
    clouds: tuple[Cloud | None, Cloud | None] = (None, None),
    language: str = "nl",
    today: dt.date | None = None,
    participants: int | None = None,
    comparison: Comparison | None = None,
) -> SheetData:
    """What the DNA sheet shows. `participants`: distinct people across both questions
    (dna.analysis.compare.participants); without it, the larger question's count. With `comparison`
    (dna.analysis.compare.compare of the same analysis): what each value does for the culture, what
    the room keeps, lets go of and develops, and the entropy."""
    results = analysis.questions.values()
    people = max((r.people for r in results), default=0) if participants is None else participants
    voted = votes.ballots > 0
    sheet_values = tuple(
        SheetValue(v.name, v.meaning, v.behaviours, v.do, v.dont,
                   votes.dots.get(v.id, 0) if voted else None,
                   aim(v, comparison) if comparison else None)
        for v in chosen(workshop, values, votes)
    )  # fmt: skip
    summary = Summary()
    if comparison:
        summary = Summary(*(tuple(r.label for r in comparison.of(c))
                            for c in (KEEP, LET_GO, DEVELOP, STRENGTH_LESS)))  # fmt: skip
    ranked = votes.ranking([v.id for v in values]) if voted else []
    names = {v.id: v.name for v in values}
    return SheetData(
        title=workshop.title,
        organisation=workshop.organisation,
        date=today or dt.date.today(),
        values=sheet_values,
        tagline=workshop.tagline,
        participants=people,
        answers=sum(r.answers for r in results),
        voters=votes.ballots,
        current_cloud=clouds[0],
        desired_cloud=clouds[1],
        votes=tuple((names[i], votes.dots.get(i, 0)) for i in ranked),
        language=language,
        entropy=(comparison.entropy[CURRENT], comparison.entropy[DESIRED]) if comparison else None,
        summary=summary,
    )


def _labels(analysis: Analysis) -> dict[str, str]:
    """Group labels by key; the current question's when a key is in both."""
    found = {}
    for result in reversed(list(analysis.questions.values())):
        found |= {g.key: g.label for g in result.groups}
    return found
