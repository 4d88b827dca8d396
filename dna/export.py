"""Exports a spreadsheet opens: an XLSX workbook and CSVs of a workshop, with cells that cannot
run as formulas; and the DNA sheet's content, so the app and the command line make the same one.

One set of tables (`tables`) is written either way (`workbook`, `csvs`, `csv_zip`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from dna.grouping import Analysis
from dna.overrides import Override
from dna.sheet import SheetData, SheetValue
from dna.voting import Tally, tally

if TYPE_CHECKING:
    from dna.store import StoredAnswer
    from dna.values import Value
    from dna.workshop import Workshop

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHEET_VALUES = 5  # values on the sheet when the facilitator chose none
MAX_WIDTH = 60  # characters: wider columns wrap
ZIP_TIME = (2020, 1, 1, 0, 0, 0)  # equal tables give equal zip bytes

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


@dataclass(frozen=True)
class Table:
    """One sheet of the workbook, one CSV file."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    shares: frozenset[int] = field(default_factory=frozenset)  # columns of fractions (0.25)


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would read as a formula (= + - @, tab, CR first) gets a leading
    apostrophe, as OWASP advises for CSV injection; numbers and other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def tables(
    analysis: Analysis,
    answers: Iterable[StoredAnswer],
    overrides: Iterable[Override],
    values: Sequence[Value],
    ballots: Iterable[Mapping[int, int]],
    final: Sequence[int] = (),
    language: str = "nl",
) -> dict[str, Table]:
    """The workshop's tables by key (answers, groups, overrides, values, votes, ballots); every
    name and header in `language`. Ballots are anonymous: no team or token, sorted by content."""
    t = TEXTS[language]
    ids = [v.id for v in values]
    names = {v.id: v.name for v in values}
    counted = [{v: n for v, n in b.items() if n > 0 and v in names} for b in ballots]
    counted = [b for b in counted if b]
    votes = tally(counted, ids)
    labels = _labels(analysis)
    rank = {v: i for i, v in enumerate(final, 1)}
    rows = {
        "answers": [
            (t[a.question], a.text, a.team or "", t["import" if a.imported else "live"],
             t[a.hidden] if a.hidden in t else (a.hidden or ""))
            for a in answers
        ],
        "groups": [
            (t[q], g.label, g.count, g.people, g.people / r.people if r.people else 0.0,
             " · ".join(f"{text} ({n})" for text, n in g.variants), t["yes"] if g.hidden else "",
             g.reason)
            for q, r in analysis.questions.items() for g in r.groups
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
    return ", ".join(named)


def workbook(sheets: Mapping[str, Table]) -> bytes:
    """The tables as an XLSX workbook: bold frozen header row, filters, readable widths."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for table in sheets.values():
        ws = book.create_sheet(table.name[:31])
        ws.append(table.headers)
        for row in table.rows:
            ws.append(
                [
                    safe_cell(ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c)
                    for c in row
                ]
            )
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for i, header in enumerate(table.headers):
            cells = [str(r[i]) for r in table.rows[:500]]
            longest = max((len(line) for c in cells for line in c.split("\n")), default=0)
            ws.column_dimensions[get_column_letter(i + 1)].width = min(
                MAX_WIDTH, max(len(header), longest) + 2
            )
            for (cell,) in ws.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                if i in table.shares:
                    cell.number_format = "0%"
                elif isinstance(cell.value, str) and ("\n" in cell.value or len(cell.value) > 60):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csvs(sheets: Mapping[str, Table]) -> dict[str, bytes]:
    """Each table as a CSV for Dutch Excel: UTF-8 with BOM, ';' between cells, shares as 25%."""
    files = {}
    for table in sheets.values():
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(table.headers)
        for row in table.rows:
            writer.writerow(
                f"{c:.0%}" if i in table.shares else safe_cell(c) for i, c in enumerate(row)
            )
        files[f"{table.name.lower()}.csv"] = ("\ufeff" + out.getvalue()).encode("utf-8")
    return files


def csv_zip(sheets: Mapping[str, Table]) -> bytes:
    """The CSVs in one zip file."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in csvs(sheets).items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


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
    clouds: tuple[bytes | None, bytes | None] = (None, None),
    language: str = "nl",
    today: dt.date | None = None,
    participants: int | None = None,
) -> SheetData:
    """What the DNA sheet shows. `participants`: distinct people across both questions
    (dna.compare.participants); without it, the larger question's count."""
    results = analysis.questions.values()
    people = max((r.people for r in results), default=0) if participants is None else participants
    voted = votes.ballots > 0
    sheet_values = tuple(
        SheetValue(v.name, v.meaning, v.behaviours, v.do, v.dont,
                   votes.dots.get(v.id, 0) if voted else None)
        for v in chosen(workshop, values, votes)
    )  # fmt: skip
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
    )


def _labels(analysis: Analysis) -> dict[str, str]:
    """Group labels by key; the current question's when a key is in both."""
    found = {}
    for result in reversed(list(analysis.questions.values())):
        found |= {g.key: g.label for g in result.groups}
    return found
