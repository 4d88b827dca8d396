"""Bad input: what the importers refuse, and the message (with its parameters) they say it with."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from dna.intake import ingest
from dna.intake.ingest import load
from tests.intake import DATA, GOOGLE_CURRENT, fails


@pytest.mark.parametrize("name", ["leeg.csv", "alleen-koppen.csv"])
def test_empty(name: str) -> None:
    assert fails((DATA / name).read_bytes(), name).code == "empty"
    assert fails(b"\n \r\n", "x.csv").code == "empty"


def test_headers_only_keeps_the_columns() -> None:
    error = fails((DATA / "alleen-koppen.csv").read_bytes(), "alleen-koppen.csv")
    assert error.params["columns"][3] == GOOGLE_CURRENT


def test_too_large() -> None:
    error = fails(b"a" * (ingest.MAX_FILE_BYTES + 1), "groot.csv")
    assert error.code == "too_large"
    assert error.params == {"size_mb": 10.0, "max_mb": 10}


def test_too_many_rows() -> None:
    data = "Huidig,Gewenst\n" + "open,snel\n" * (ingest.MAX_ROWS + 1)
    error = fails(data.encode(), "veel.csv")
    assert error.code == "too_many_rows"
    assert error.params == {"rows": ingest.MAX_ROWS + 1, "max_rows": ingest.MAX_ROWS}


@pytest.mark.parametrize(
    ("name", "reason"), [("ruis.bin", "binary"), ("plaatje.png", "binary"), ("oud.xls", "xls")]
)
def test_not_a_table(name: str, reason: str) -> None:
    error = fails((DATA / name).read_bytes(), name)
    assert (error.code, error.params["reason"]) == ("not_a_table", reason)
    if reason == "xls":
        assert ".xlsx or .csv" in str(error)


def test_a_zip_that_is_not_a_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Huidig,Gewenst\nopen,snel\n")
    error = fails(buffer.getvalue(), "export.xlsx")
    assert (error.code, error.params["reason"]) == ("not_a_table", "bad_xlsx")
    broken = (DATA / "ms-forms.xlsx").read_bytes()[:2000]
    assert fails(broken, "kapot.xlsx").code == "not_a_table"


def test_unknown_sheet() -> None:
    error = fails((DATA / "ms-forms.xlsx").read_bytes(), "ms-forms.xlsx", sheet="Blad9")
    assert error.code == "unknown_sheet"
    assert error.params == {"sheet": "Blad9", "sheets": ["Toelichting", "Blad1", "English"]}


def test_unknown_column() -> None:
    error = fails((DATA / "google-forms.csv").read_bytes(), "g.csv", current=["Bestaat niet"])
    assert (error.code, error.params["column"]) == ("unknown_column", "Bestaat niet")
    assert "Team" in error.params["columns"] and "'Bestaat niet'" in str(error)


def test_no_answer_columns_lists_what_was_found() -> None:
    error = fails((DATA / "geen-antwoordkolommen.csv").read_bytes(), "x.csv")
    assert error.code == "no_answer_columns"
    assert error.params["columns"] == [
        "Tijdstempel",
        "E-mailadres",
        "Wat gaat goed?",
        "Wat kan beter?",
    ]
    assert error.params["candidates"] == ["Wat gaat goed?", "Wat kan beter?"]  # not guessed
    assert "Wat gaat goed?" in str(error) and "huidig" in str(error)


def test_no_answer_columns_in_a_workbook_names_the_sheets() -> None:
    buffer = io.BytesIO()
    book = Workbook()
    book.active.append(["Naam", "Wat gaat goed?"])
    book.active.append(["Anna", "open"])
    book.save(buffer)
    error = fails(buffer.getvalue(), "x.xlsx")
    assert error.code == "no_answer_columns"
    assert error.params["sheets"] == ["Sheet"] and error.params["columns"][0] == "Naam"


def test_long_table_with_unknown_question_values() -> None:
    data = b"Vraag,Antwoord\nVraag 1,open\nVraag 2,snel\n"
    error = fails(data, "x.csv")
    assert error.code == "no_answer_columns"
    assert error.params["values"] == ["Vraag 1", "Vraag 2"]


def test_an_unclosed_quote_is_refused_instead_of_swallowing_the_file() -> None:
    data = b'Huidig;Gewenst\n"open;rust\nsnel;samen\ntraag;vertrouwen\n'
    error = fails(data, "x.csv")
    assert error.code == "not_a_table" and error.params["reason"] == "malformed"
    assert error.params["line"] == 2


def test_a_big_sheet_that_is_not_read_does_not_block_the_answer_sheet() -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Antwoorden"
    book.active.append(["Huidige cultuur", "Gewenste cultuur"])
    book.active.append(["traag", "snel"])
    lookup = book.create_sheet("Lookup")
    for i in range(ingest.MAX_ROWS + 5):
        lookup.append([i])
    buffer = io.BytesIO()
    book.save(buffer)
    found = load(buffer.getvalue(), "x.xlsx", sheet="Antwoorden")
    assert [a.text for a in found.answers] == ["traag", "snel"]


def test_chosen_columns_without_answers_say_so() -> None:
    error = fails(b"Naam,A,B\nAnna,,x\n", "x.csv", current=["A"], desired=[])
    assert error.code == "empty_columns" and error.params["chosen"] == ["A"]
