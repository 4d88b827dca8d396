"""Exports: formula-like cells neutralised; the workbook and CSVs of a workshop read back; what
the DNA sheet shows."""

import csv
import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from dna.analysis.grouping import analyse
from dna.analysis.overrides import Override
from dna.output import export
from dna.output.export import safe_cell
from dna.store import Store
from dna.workshop.values import Value
from dna.workshop.voting import Tally, tally
from tests.test_backup import seed


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-weinig", "'-weinig"),
        ("@admin", "'@admin"),
        ("\tx", "'\tx"),
        ("open", "open"),
        ("een = teken", "een = teken"),
        ("", ""),
        (-3, -3),
        (0.5, 0.5),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


# -- the workbook, the CSVs and the sheet's content of a whole workshop ------------------------


@pytest.fixture
def seeded(tmp_path, lemmatiser):
    store = Store(f"sqlite:///{tmp_path / 'export.db'}")
    code = seed(store)
    yield store, code, analyse(store.answers(code), lemmatiser, store.overrides(code))
    store.engine.dispose()


def tables_of(seeded, language="nl", **private):
    store, code, analysis = seeded
    values = store.values(code)
    ballots = [dots for dots, _ in store.ballots(code)]
    final = store.workshop(code).final
    rows, teams = store.answer_rows(code), export.team_sizes(store.answers(code))
    return export.tables(
        analysis, rows, store.overrides(code), values, ballots, final, language, teams=teams,
        **private,
    )  # fmt: skip


def test_the_workbook_reads_back_with_every_sheet_and_no_formulas(seeded):
    book = load_workbook(io.BytesIO(export.workbook(tables_of(seeded, include_hidden=True))))
    assert book.sheetnames == [
        "Antwoorden", "Groepen", "Wijzigingen", "Waarden", "Stemmen", "Stembiljetten"
    ]  # fmt: skip
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2" and all(c.font.bold for c in ws[1])
        assert ws.column_dimensions["B"].width >= 8
    answers = book["Antwoorden"]
    assert [c.value for c in answers[1]] == ["Vraag", "Antwoord", "Team", "Bron", "Verborgen"]
    rows = {r[1]: r for r in answers.iter_rows(min_row=2, values_only=True)}
    assert rows["'=1+1"] == ("Huidige cultuur", "'=1+1", "kleine teams", "import", None)  # ICT: 2
    assert "'-weinig" in rows and rows["kut"][4] == "ter beoordeling"
    assert rows["log"][4] == "door begeleider" and rows["traag"][3:] == ("live", "verborgen")
    assert all(c.data_type != "f" for row in answers.iter_rows() for c in row)
    groups = {(r[0], r[1]): r for r in book["Groepen"].iter_rows(min_row=2, values_only=True)}
    klant = groups["Huidige cultuur", "klant"]
    assert klant[2] == 2 and "Klantgericht! (1)" in klant[5] and " · " in klant[5]
    assert groups["Huidige cultuur", "traag"][6:] == ("ja", "x")
    assert book["Groepen"]["E2"].number_format == "0%"
    edits = [r[1] for r in book["Wijzigingen"].iter_rows(min_row=2, values_only=True)]
    assert edits == ["samengevoegd", "verplaatst", "verborgen"]
    values = list(book["Waarden"].iter_rows(min_row=2, values_only=True))
    assert [v[1] for v in values] == ["Eigenaarschap", "Klantgericht", "Wendbaar"]  # not deleted
    assert values[0][3] == "We beloven\nWe doen" and values[0][7:] == (3, 2, 2)
    assert values[1][9] == 1 and values[2][9] is None  # chosen first; not chosen
    votes = list(book["Stemmen"].iter_rows(min_row=2, values_only=True))
    assert [v[1:4] for v in votes] == [
        ("Eigenaarschap", 3, 2),
        ("Wendbaar", 2, 1),
        ("Klantgericht", 1, 1),
    ]
    ballots = list(book["Stembiljetten"].iter_rows(values_only=True))
    assert ballots[0] == ("Stembiljet", "Eigenaarschap", "Klantgericht", "Wendbaar")
    assert sorted(b[1:] for b in ballots[1:]) == [(0, 0, 2), (1, 1, 0), (2, 0, 0)]


def test_english_names_and_the_csv_zip(seeded):
    sheets = tables_of(seeded, "en")
    assert load_workbook(io.BytesIO(export.workbook(sheets))).sheetnames[:2] == [
        "Answers",
        "Groups",
    ]
    data = export.csv_zip(tables_of(seeded))
    assert data == export.csv_zip(tables_of(seeded))  # the same tables, the same bytes
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == [
            "antwoorden.csv", "groepen.csv", "wijzigingen.csv", "waarden.csv", "stemmen.csv",
            "stembiljetten.csv",
        ]  # fmt: skip
        raw = archive.read("antwoorden.csv")
        groups = archive.read("groepen.csv").decode("utf-8-sig")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Vraag", "Antwoord", "Team", "Bron", "Verborgen"]
    assert ["Huidige cultuur", "'=1+1", "kleine teams", "import", ""] in rows
    assert not {"kut", "log", "traag"} & {r[1] for r in rows}  # hidden: out by default
    assert ";" in groups.splitlines()[1] and "%" in groups.splitlines()[1]


def test_describe_says_each_edit_in_words():
    merge = Override("merge", {"keys": ["a", "b"], "labels": ["a", "b"], "into": "a", "label": "c"})
    move = Override("move", {"variant": "Open!", "to": None, "from": "open", "label": "Open"})
    hide = Override("hide", {"key": "x", "label": "x", "reason": "grof"})  # the older form
    assert export.describe(merge) == "a + b → c"
    assert export.describe(move) == "“Open!”: open → Open (eigen groep)"
    assert export.describe(move, "en").endswith("(own group)")
    assert export.describe(hide) == "x (grof)"


def _ws(final=(), tagline=""):
    from dna.workshop.workshop import Workshop

    now = dt.datetime(2026, 11, 29, tzinfo=dt.UTC)
    return Workshop(1, "ABC", "Sessie", "Org", ("nu", "straks"), 4, (), "open", False, now, 0,
                    final=tuple(final), tagline=tagline)  # fmt: skip


VALUES = [Value(f"W{i}", f"Betekenis {i}", ("a", "b"), id=10 + i, position=i) for i in range(1, 8)]


def test_sheet_data_takes_the_final_choice_else_the_vote_else_the_first_five(lemmatiser):
    analysis = analyse([], lemmatiser)
    day = dt.date(2026, 11, 29)
    final = export.sheet_data(_ws([13, 11], "Samen"), analysis, VALUES, Tally(), today=day)
    assert [v.name for v in final.values] == ["W3", "W1"] and final.tagline == "Samen"
    assert final.values[0].votes is None and final.votes == () and final.date == day
    votes = tally([{12: 2, 17: 1}, {17: 2}, {15: 1}], [v.id for v in VALUES])
    top = export.sheet_data(_ws(), analysis, VALUES, votes, language="en", today=day)
    assert [(v.name, v.votes) for v in top.values] == [("W7", 3), ("W2", 2), ("W5", 1)]
    assert top.voters == 3 and top.votes[:3] == (("W7", 3), ("W2", 2), ("W5", 1))
    assert len(top.votes) == 7 and top.language == "en"
    first = export.sheet_data(_ws([99]), analysis, VALUES, Tally(), participants=12, today=day)
    assert [v.name for v in first.values] == ["W1", "W2", "W3", "W4", "W5"]
    assert first.participants == 12 and first.answers == 0


def test_sheet_data_counts_the_workshop(seeded):
    store, code, analysis = seeded
    values = store.values(code)
    votes = tally([d for d, _ in store.ballots(code)], [v.id for v in values])
    data = export.sheet_data(store.workshop(code), analysis, values, votes, (b"png", None))
    assert [v.name for v in data.values] == ["Klantgericht", "Eigenaarschap"]
    assert data.values[1].votes == 3 and data.voters == 3 and data.current_cloud == b"png"
    assert data.answers == sum(r.answers for r in analysis.questions.values())
