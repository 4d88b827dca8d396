"""Property-based tests (hypothesis) of the importers: whatever bytes or text come in, the only
exception is the documented `IngestError`, and every answer read is plain text of at most
MAX_ANSWER_CHARS. The grouping's: test_properties_grouping.py.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile

from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import Workbook

from dna.intake.ingest import (
    MAX_ANSWER_CHARS,
    IngestError,
    clean_answer,
    from_text,
    load,
    split_cell,
)
from dna.records import CURRENT, DESIRED
from tests.strategies import SETTINGS, WORDS

NAMES = st.sampled_from(["x.csv", "x.xlsx", "x.txt", "x.tsv", "x", "X.XLS", ""])
HEADERS = [
    "Beschrijf onze huidige cultuur in vier woorden",
    "Beschrijf onze gewenste cultuur in vier woorden",
    "Huidige cultuur",
    "Gewenste cultuur",
    "Hoe is het nu?",
    "Hoe zou het moeten zijn?",
    "Current culture",
    "Desired culture",
    "Team",
    "Afdeling",
    "Tijdstempel",
    "E-mailadres",
    "Naam",
    "Vraag",
    "Antwoord",
]
# Text stitched from the characters that mean something to a spreadsheet, HTML or the splitter.
NASTY = st.lists(
    st.sampled_from(
        [*"\"“”'=+-@<>/|!(),.;:* \t\n•·", "1.", "cmd", "SUM", "script", "b", "a", "open", "\x07"]
    ),
    max_size=16,
).map("".join)
# Cells as facilitators' files hold them, and as attackers write them.
CELL_PARTS = st.one_of(
    st.sampled_from(WORDS),
    NASTY,
    st.sampled_from(
        [
            '=HYPERLINK("http://x","klik")',
            "=cmd|' /C calc'!A0",
            "+SUM(1,2)",
            "@SUM(A1)",
            "-2+3",
            "<script>alert(1)</script>",
            "<b>vet</b>",
            "<<a>b>",
            '"quoted, with comma"',
            "1. eerste",
            "• bullet",
            "x" * 300,
            "woord " * 60,
            "😀 emoji",
            "\u200b",
            "\x00\x07\x1b",
            "\r\n",
            "ë€",
        ]
    ),
    st.text(max_size=40),
)
CELLS = st.tuples(st.lists(CELL_PARTS, max_size=4), st.sampled_from([", ", ";", "\n", " / "])).map(
    lambda parts_sep: parts_sep[1].join(parts_sep[0])
)

_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def _xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BASE_XLSX = _xlsx([["Huidige cultuur", "Gewenste cultuur"], ["traag", "snel"], ["log", "open"]])


def only_ingest_errors(call, *args, **kwargs):
    """The call's result, or None when it raised IngestError; any other exception fails."""
    try:
        return call(*args, **kwargs)
    except IngestError as error:
        assert error.code and str(error)
        assert isinstance(error.params, dict)
        return None


def assert_plain(text: str) -> None:
    assert text and text == text.strip(), repr(text)
    assert len(text) <= MAX_ANSWER_CHARS, repr(text)
    assert any(c.isalnum() for c in text), repr(text)
    assert not any(unicodedata.category(c) == "Cc" for c in text), repr(text)
    assert " ".join(text.split()) == text, repr(text)  # one line, single spaces
    assert text[0] not in "=+-@", repr(text)  # no formula sign in front
    assert not _TAG.search(text), repr(text)


def assert_import(found) -> None:
    if found is None:
        return
    assert found.answers
    for answer in found.answers:
        assert answer.question in (CURRENT, DESIRED)
        assert_plain(answer.text)
        if answer.team is not None:
            assert answer.team and len(answer.team) <= MAX_ANSWER_CHARS


# --- importers: any input ----------------------------------------------------------------------


@SETTINGS
@given(data=st.binary(max_size=2000), name=NAMES)
@example(data=b"PK\x03\x04", name="x.xlsx")
@example(data=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", name="x.xls")
@example(data=codecs.BOM_UTF16_LE + b"\x00", name="x.txt")
@example(data=codecs.BOM_UTF16_BE + b"H\x00", name="x.txt")
@example(data=b"\xff\xfeH\x00u\x00\n\x00\x00\xd8", name="x.txt")  # a lone surrogate
@example(data=b"sep=\nHuidig\nopen\n", name="x.csv")
@example(data=b'Huidig\n"open', name="x.csv")
def test_any_bytes_raise_only_ingest_errors(data: bytes, name: str) -> None:
    assert_import(only_ingest_errors(load, data, name))


@SETTINGS
@given(
    prefix=st.sampled_from(
        [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"PK\x03\x04", b"sep=;\n"]
    ),
    body=st.binary(max_size=1000),
    name=NAMES,
)
def test_bytes_behind_magic_numbers_raise_only_ingest_errors(
    prefix: bytes, body: bytes, name: str
) -> None:
    assert_import(only_ingest_errors(load, prefix + body, name))


@SETTINGS
@given(text=st.text(max_size=2000), name=NAMES, encoding=st.sampled_from(["utf-8", "utf-16"]))
def test_any_text_file_raises_only_ingest_errors(text: str, name: str, encoding: str) -> None:
    data = text.encode(encoding, errors="surrogatepass")
    assert_import(only_ingest_errors(load, data, name))


@SETTINGS
@given(data=st.data())
def test_damaged_workbooks_raise_only_ingest_errors(data) -> None:
    raw = bytearray(BASE_XLSX)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(4, len(raw)))
    assert_import(only_ingest_errors(load, bytes(raw[:cut]), "x.xlsx"))


@SETTINGS
@given(
    members=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "[Content_Types].xml",
                    "_rels/.rels",
                    "xl/workbook.xml",
                    "xl/_rels/workbook.xml.rels",
                    "xl/worksheets/sheet1.xml",
                    "xl/sharedStrings.xml",
                    "xl/styles.xml",
                    "docProps/app.xml",
                ]
            ),
            st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)),
        ),
        max_size=8,
        unique_by=lambda m: m[0],
    )
)
def test_zips_with_workbook_parts_of_noise_raise_only_ingest_errors(members) -> None:
    original = zipfile.ZipFile(io.BytesIO(BASE_XLSX))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        replaced = dict(members)
        for info in original.infolist():
            archive.writestr(info.filename, replaced.pop(info.filename, original.read(info)))
        for filename, content in replaced.items():
            archive.writestr(filename, content)
    assert_import(only_ingest_errors(load, buffer.getvalue(), "x.xlsx"))


@SETTINGS
@given(current=st.text(max_size=2000), desired=st.text(max_size=500))
@example(current="=cmd|' /C calc'!A0", desired="")
@example(current="\x00\x00", desired="<b></b>")
def test_any_pasted_text_raises_only_the_empty_error(current: str, desired: str) -> None:
    try:
        found = from_text(current, desired)
    except IngestError as error:
        assert error.code == "empty_text"
        return
    assert_import(found)


@SETTINGS
@given(text=st.one_of(NASTY, st.text(max_size=200)))
@example(text='"=HYPERLINK(1)"')
@example(text='" =cmd|x!A0"')
@example(text="“-2+3”")
@example(text="a<scr<b>ipt>")
def test_one_cell_or_typed_answer_is_plain_text(text: str) -> None:
    for answer in split_cell(text):
        assert_plain(answer)
    typed, warnings = clean_answer(text)
    if typed is not None:
        assert_plain(typed)
    assert all(re.fullmatch(r"[a-z_]+:[1-9][0-9]*", w) for w in warnings)


# --- importers: valid tables -------------------------------------------------------------------


@st.composite
def tables(draw) -> tuple[list[str], list[list[str]]]:
    header = draw(
        st.lists(
            st.one_of(st.sampled_from(HEADERS), st.text(max_size=20)),
            min_size=1,
            max_size=6,
        )
    )
    rows = draw(st.lists(st.lists(CELLS, min_size=len(header), max_size=len(header)), max_size=12))
    return header, rows


@SETTINGS
@given(
    table=tables(),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_every_answer_of_a_valid_csv_is_plain_text(table, delimiter: str, encoding: str) -> None:
    header, rows = table
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([header, *rows])
    data = buffer.getvalue().encode(encoding, errors="replace")
    assert_import(only_ingest_errors(load, data, "export.csv"))


@SETTINGS
@given(table=tables())
def test_every_answer_of_a_valid_xlsx_is_plain_text(table) -> None:
    header, rows = table
    illegal = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # openpyxl refuses these in cells
    clean = [[illegal.sub("", c) for c in row] for row in [header, *rows]]
    assert_import(only_ingest_errors(load, _xlsx(clean), "export.xlsx"))


@SETTINGS
@given(answers=st.lists(CELLS, min_size=1, max_size=20))
def test_answers_named_in_a_wide_csv_are_all_read(answers: list[str]) -> None:
    """A Dutch question header is always found; every non-empty answer ends up somewhere."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["Team", "Huidige cultuur"], *[["A", a] for a in answers]])
    found = only_ingest_errors(load, buffer.getvalue().encode(), "x.csv")
    assert_import(found)
    if found is not None:
        assert found.current_columns == ("Huidige cultuur",)
        assert found.team_column == "Team"
