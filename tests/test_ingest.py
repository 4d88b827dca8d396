from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import Workbook

from dna.intake import ingest
from dna.intake.headers import question_of
from dna.intake.ingest import MAX_ANSWER_CHARS, IngestError, from_text, load, split_cell
from dna.records import CURRENT, DESIRED

DATA = Path(__file__).resolve().parent / "data" / "ingest"
SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
GOOGLE_CURRENT = "Beschrijf onze huidige cultuur in vier woorden"
GOOGLE_DESIRED = "Beschrijf onze gewenste cultuur in vier woorden"


def read(name: str) -> ingest.Import:
    return load((DATA / name).read_bytes(), name)


def texts(imported: ingest.Import, question: str) -> list[str]:
    return [a.text for a in imported.answers if a.question == question]


def fails(data: bytes, name: str, **kwargs) -> IngestError:
    with pytest.raises(IngestError) as caught:
        load(data, name, **kwargs)
    return caught.value


# --- what facilitators bring -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "encoding"), [("google-forms.csv", "utf-8"), ("google-forms-bom.csv", "utf-8-sig")]
)
def test_google_forms_csv(name: str, encoding: str) -> None:
    result = read(name)
    assert (result.format, result.encoding, result.delimiter) == ("csv", encoding, ",")
    assert result.columns[:3] == ("Tijdstempel", "E-mailadres", "Team")  # BOM gone
    assert result.current_columns == (GOOGLE_CURRENT,)
    assert result.desired_columns == (GOOGLE_DESIRED,)
    assert result.team_column == "Team"
    assert result.respondents == 5  # the sixth row is blank
    assert result.warnings == ()
    assert texts(result, CURRENT)[:8] == [
        "Hiërarchisch",
        "traag",
        "collegiaal",
        "veilig",  # ", "
        "bureaucratisch",
        "eilandjes",
        "loyaal",
        "gezellig",  # "; "
    ]
    assert len(texts(result, CURRENT)) == 20
    desired = texts(result, DESIRED)
    assert len(desired) == 16
    assert desired[:4] == ["Open", "wendbaar", "de klant centraal", "lef!"]
    assert desired[8:12] == ["transparant", "klant-gericht", "plezier", "ruimte"]  # " / "
    assert desired[12:] == ["Samenwerken", "Openheid", "Lef", "Snel beslissen"]  # "- " lines
    assert "collega's" in texts(result, CURRENT)
    teams = [a.team for a in result.answers if a.question == CURRENT][::4]
    assert teams == ["Sales", "ICT", "Sales", None, "Klantenservice"]
    assert [a.respondent for a in result.answers][::4] == [
        "row-2",
        "row-2",
        "row-3",
        "row-3",
        "row-4",
        "row-4",
        "row-5",
        "row-5",
        "row-6",
    ]
    assert len(result.preview) == 6 and result.preview.iloc[0]["Team"] == "Sales"


def test_bom_and_crlf_read_the_same_answers() -> None:
    assert read("google-forms.csv").answers == read("google-forms-bom.csv").answers


def test_ms_forms_xlsx_takes_the_first_sheet_with_answers() -> None:
    result = read("ms-forms.xlsx")
    assert (result.format, result.encoding, result.delimiter) == ("xlsx", None, None)
    assert result.sheets == ("Toelichting", "Blad1", "English")
    assert result.sheet == "Blad1"
    assert result.current_columns == tuple(f"Huidige cultuur - woord {i}" for i in range(1, 5))
    assert result.desired_columns == tuple(f"Gewenste cultuur - woord {i}" for i in range(1, 5))
    assert "Punten - Huidige cultuur - woord 1" in result.columns  # quiz columns: never answers
    assert result.team_column is None
    assert texts(result, CURRENT) == [
        "Hiërarchisch",
        "traag",
        "collega's",
        "veilig",
        "bureaucratisch",
        "eilandjes",
        "Loyaal",
    ]
    assert texts(result, DESIRED) == [
        "open",
        "samenwerken",
        "lef",
        "rust",
        "de klant centraal",
        "wendbaar",
    ]
    assert {a.respondent for a in result.answers} == {"1", "2", "3"}  # the Id column
    assert result.respondents == 3


def test_ms_forms_english_sheet_on_request() -> None:
    result = load((DATA / "ms-forms.xlsx").read_bytes(), "ms-forms.xlsx", sheet="English")
    assert result.sheet == "English"
    assert "Last modified time" in result.columns
    assert texts(result, CURRENT) == ["slow", "siloed"]
    assert texts(result, DESIRED) == ["agile", "open", "brave"]


def test_dutch_excel_csv_in_cp1252() -> None:
    result = read("excel-nl-cp1252.csv")
    assert (result.encoding, result.delimiter) == ("cp1252", ";")
    assert result.current_columns == ("Nu 1", "Nu 2", "Nu 3", "Nu 4")
    assert result.desired_columns == ("Gewenst 1", "Gewenst 2", "Gewenst 3", "Gewenst 4")
    assert result.team_column == "Afdeling"
    assert result.respondents == 3
    assert len(texts(result, CURRENT)) == 10 and len(texts(result, DESIRED)) == 10
    assert texts(result, CURRENT)[:2] == ["hiërarchisch", "collega’s"]
    assert texts(result, DESIRED)[:2] == ["één team", "cliënt centraal"]
    assert "idee’s delen" in texts(result, DESIRED)
    assert Counter(a.team for a in result.answers) == {"Financiën": 16, "Café": 4}
    assert {a.respondent for a in result.answers} == {"1", "2", "3"}  # the Nr column


def test_long_table() -> None:
    result = read("lang.csv")
    assert result.format == "long"
    assert texts(result, CURRENT) == [
        "Traag",
        "hiërarchisch",
        "bureaucratisch",
        "eilandjes",
        "open",
    ]
    assert texts(result, DESIRED) == ["Wendbaar", "samen werken", "Open"]
    assert result.team_column == "Team"
    assert [a.team for a in result.answers if a.respondent == "r2"] == ["ICT"] * 3
    assert result.respondents == 3
    assert result.warnings == ("unknown_question:1",)  # the "Opmerking" row


def test_pasted_text() -> None:
    result = from_text((DATA / "geplakt.txt").read_text(encoding="utf-8"), "Open\n\nsamen werken")
    assert result.format == "text"
    assert texts(result, CURRENT) == [
        "Hiërarchisch",
        "traag",
        "Collegiaal",
        "veilig",
        "bureaucratisch",
        "eilandjes",
    ]
    assert texts(result, DESIRED) == ["Open", "samen werken"]
    assert all(a.team is None and a.respondent is None for a in result.answers)
    with pytest.raises(IngestError) as caught:
        from_text(" \n- \n", "")
    assert caught.value.code == "empty_text"


@pytest.mark.parametrize("delimiter", ["\t", "|", ";"])
def test_other_delimiters_and_tab_text(delimiter: str) -> None:
    table = f"Team{delimiter}Hoe is de cultuur nu?{delimiter}Hoe ziet de toekomst eruit?\n"
    table += f"ICT{delimiter}open, traag{delimiter}snel\n"
    result = load(table.encode(), "export.tsv" if delimiter == "\t" else "export.txt")
    assert result.delimiter == delimiter
    assert texts(result, CURRENT) == ["open", "traag"] and texts(result, DESIRED) == ["snel"]


def test_excel_unicode_text_is_utf16_with_tabs() -> None:
    data = "Huidig\tGewenst\r\nhiërarchisch\topen\r\n".encode("utf-16")
    result = load(data, "export.txt")
    assert (result.encoding, result.delimiter) == ("utf-16", "\t")
    assert texts(result, CURRENT) == ["hiërarchisch"]


def test_content_decides_not_the_extension() -> None:
    xlsx = (DATA / "ms-forms.xlsx").read_bytes()
    assert load(xlsx, "export.csv").format == "xlsx"
    csv = (DATA / "google-forms.csv").read_bytes()
    assert load(csv, "export.xlsx").format == "csv"


def test_explicit_columns_override_detection() -> None:
    data = (DATA / "geen-antwoordkolommen.csv").read_bytes()
    result = load(data, "x.csv", current=["Wat gaat goed?"], desired=["Wat kan beter?"])
    assert texts(result, CURRENT) == ["open", "collegiaal", "betrokken"]
    assert texts(result, DESIRED) == ["traag", "regels"]
    google = (DATA / "google-forms.csv").read_bytes()
    only = load(google, "g.csv", current=[GOOGLE_CURRENT], desired=[], team="")
    assert only.desired_columns == () and only.team_column is None
    assert len(only.answers) == 20 and {a.team for a in only.answers} == {None}


@pytest.mark.parametrize(
    ("header", "question"),
    [
        ("Beschrijf onze huidige cultuur in vier woorden", CURRENT),
        ("Hoe is het nú?", CURRENT),
        ("Cultuur zoals het nu is", CURRENT),
        ("Current culture (as-is)", CURRENT),
        ("Describe our culture today", CURRENT),
        ("Welke cultuur wensen we?", DESIRED),
        ("Ons toekomstbeeld", DESIRED),
        ("De ideale cultuur", DESIRED),
        ("Hoe zou je onze huidige cultuur omschrijven?", CURRENT),
        ("Wat zou er moeten veranderen, zou moeten", DESIRED),
        ("Desired culture (to-be)", DESIRED),
        ("Nu en straks", None),  # both weak: not an answer column
        ("Hoe zou onze cultuur moeten zijn?", DESIRED),  # weak desired words only
        ("Welke cultuur willen we over twee jaar?", DESIRED),
        ("Wat is onze gewenste cultuur, anders dan nu?", DESIRED),  # strong beats weak
        ("Culture in the future", DESIRED),
        ("Nummer", None),  # "nu" only as a whole word
        ("Menu", None),
    ],
)
def test_question_words(header: str, question: str | None) -> None:
    assert question_of(header) == question


@pytest.mark.parametrize(
    "header",
    [
        "Tijdstempel",
        "Begintijd",
        "Tijd van voltooien",
        "E-mail",
        "Naam",
        "Laatst gewijzigd",
        "Start time",
        "Completion time",
        "Last modified time",
        "Id",
        "Punten - Huidige cultuur",
        "Feedback - Gewenste cultuur",
        "Datum van vandaag",
        "Toelichting bij de huidige cultuur",
        "Functie",
        "Leeftijd",
    ],
)
def test_metadata_is_never_an_answer_column(header: str) -> None:
    """Form metadata and questions about the respondent are never answers."""
    table = f"{header},Gewenste cultuur,Huidige cultuur\nx,open,traag\n".encode()
    found = load(table, "x.csv")
    assert found.current_columns == ("Huidige cultuur",)
    assert found.desired_columns == ("Gewenste cultuur",)


def test_team_question_is_no_answer_column_but_a_question_about_the_team_is() -> None:
    table = (
        b"Tijdstempel,Wat is je afdeling?,Beschrijf de cultuur in je team nu,"
        b'Hoe zou de cultuur in je team moeten zijn?\n1,ICT,"open, traag",snel\n'
    )
    found = load(table, "x.csv")
    assert found.team_column == "Wat is je afdeling?"
    assert found.current_columns == ("Beschrijf de cultuur in je team nu",)
    assert found.desired_columns == ("Hoe zou de cultuur in je team moeten zijn?",)
    assert [(a.question, a.text, a.team) for a in found.answers] == [
        (CURRENT, "open", "ICT"),
        (CURRENT, "traag", "ICT"),
        (DESIRED, "snel", "ICT"),
    ]


# --- cells -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "answers"),
    [
        ("open, eerlijk; snel / wendbaar | lef", ["open", "eerlijk", "snel", "wendbaar", "lef"]),
        ("open\r\neerlijk\tsnel • lef", ["open", "eerlijk", "snel", "lef"]),
        ("- open\n* eerlijk\n• snel\n1. lef\n2) rust", ["open", "eerlijk", "snel", "lef", "rust"]),
        (
            "collega's, klant-gericht, de klant centraal!",
            ["collega's", "klant-gericht", "de klant centraal!"],
        ),
        ("  samen   werken  ", ["samen werken"]),
        ('"open".', ["open"]),
        ("“eigenaarschap.”", ["eigenaarschap"]),
        ("..., !!!, -, ", []),
        ("", []),
        ("Web 2.0", ["Web 2.0"]),
        # answers on lines: only the lines split them
        (
            "minder regels, meer vertrouwen\nwij/zij denken\n• rust",
            ["minder regels, meer vertrouwen", "wij/zij denken", "rust"],
        ),
        # a one-line cell splits on , ; / | but never inside wij/zij or werk/privé
        (
            "wij/zij, werk/privé balans; regels/vertrouwen",
            ["wij/zij", "werk/privé balans", "regels", "vertrouwen"],
        ),
    ],
)
def test_split_cell(cell: str, answers: list[str]) -> None:
    assert split_cell(cell) == answers


FORMS_NU = (
    "Tijdstempel,Hoe zou je onze cultuur nu omschrijven?,Hoe zou je de gewenste cultuur "
    "omschrijven?\n2026/01/01,vergaderen,minder vergaderen\n"
)


def test_a_weakly_marked_question_is_decided_by_elimination() -> None:
    got = load(FORMS_NU.encode(), "forms.csv")
    assert got.current_columns == ("Hoe zou je onze cultuur nu omschrijven?",)
    assert got.desired_columns == ("Hoe zou je de gewenste cultuur omschrijven?",)
    assert [(a.question, a.text) for a in got.answers] == [
        (CURRENT, "vergaderen"),
        (DESIRED, "minder vergaderen"),
    ]


def test_one_question_and_an_undecided_column_is_an_error_not_half_an_analysis() -> None:
    data = "Gewenste cultuur,Cultuur nu en straks,Wat zou je nu willen?\nrust,druk,snel\n"
    error = fails(data.encode(), "x.csv")
    assert error.code == "undecided_question"
    assert error.params["column"] == "Cultuur nu en straks"
    assert "Gewenste cultuur" in error.params["columns"]  # the upload page lets you choose


def test_a_line_keeps_no_stray_separator_and_a_cut_answer_keeps_its_word() -> None:
    # a cell on lines whose lines end or start with "," (hypothesis found ',' as an answer)
    assert split_cell("open, \r\n, " + "x" * 200) == ["open", "x" * MAX_ANSWER_CHARS]
    # cutting at the last space would leave only "(": cut at the limit instead
    assert split_cell("( " + "x" * 200) == ["( " + "x" * (MAX_ANSWER_CHARS - 2)]


def test_long_answers_are_cut_at_a_word_boundary() -> None:
    words = "betrokken collega's die elkaar helpen " * 150  # ~5,000 characters, one cell
    data = f'Huidig,Gewenst\n"{words}",{"x" * 5000}\n'.encode()
    result = load(data, "lang.csv")
    current, desired = texts(result, CURRENT)[0], texts(result, DESIRED)[0]
    assert len(current) <= MAX_ANSWER_CHARS and words.startswith(current + " ")
    assert desired == "x" * MAX_ANSWER_CHARS  # no space: cut hard
    assert result.warnings == ("answer_truncated:2",)


def test_formula_cells() -> None:
    result = read("formules.csv")
    assert texts(result, CURRENT) == ["open", "samenwerken", "team", "1+1"]
    assert texts(result, DESIRED) == ["2+3", "veilig"]  # HYPERLINK(...) and @SUM(...) dropped
    assert result.warnings == ("formula_dropped:2", "formula_stripped:4")
    assert not any(a.text[0] in "=+-@" for a in result.answers)


def test_markup_is_removed() -> None:
    result = read("scripts.csv")
    assert texts(result, CURRENT) == ["traag", "veilig", "a < b", "3 <4"]
    assert texts(result, DESIRED) == ["Open", "eerlijk", "samen", "lef"]
    assert result.warnings == ("markup_removed:5",)
    assert not any("<" in a.text and ">" in a.text for a in result.answers)


# --- bad input ---------------------------------------------------------------------------------


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


# --- samples for facilitators ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "encoding", "delimiter", "team", "respondents"),
    [
        ("google-forms.csv", "csv", "utf-8", ",", "Team", 32),
        ("ms-forms.xlsx", "xlsx", None, None, "Afdeling", 27),
        ("excel-nl.csv", "csv", "cp1252", ";", "Afdeling", 35),
        ("lang-formaat.csv", "long", "utf-8", ",", "Team", 23),
    ],
)
def test_samples(
    name: str, fmt: str, encoding: str | None, delimiter: str | None, team: str, respondents: int
) -> None:
    result = load((SAMPLES / name).read_bytes(), name)
    assert (result.format, result.encoding, result.delimiter) == (fmt, encoding, delimiter)
    assert result.team_column == team
    assert result.respondents == respondents
    assert result.current_columns and result.desired_columns
    counts = Counter(a.question for a in result.answers)
    assert counts[CURRENT] >= 3 * respondents and counts[DESIRED] >= 2 * respondents
    assert result.warnings == ()
    words = {a.text for a in result.answers}
    assert {"samen werken", "de klant centraal"} & words
    assert all(a.team for a in result.answers)


# --- found in review ---------------------------------------------------------------------------


def test_duplicate_headers_all_get_their_own_name() -> None:
    found = load(b"Huidig (3),Huidig,Huidig\na,b,c\n", "x.csv")
    assert len(set(found.columns)) == 3
    assert sorted(a.text for a in found.answers) == ["a", "b", "c"]


def test_an_unclosed_quote_is_refused_instead_of_swallowing_the_file() -> None:
    data = b'Huidig;Gewenst\n"open;rust\nsnel;samen\ntraag;vertrouwen\n'
    error = fails(data, "x.csv")
    assert error.code == "not_a_table" and error.params["reason"] == "malformed"
    assert error.params["line"] == 2


def test_one_column_whose_header_has_a_comma() -> None:
    data = (
        b"Hoe is de cultuur nu, in vier woorden?\nopen, eerlijk, snel, druk\ntraag, log\nveilig\n"
    )
    found = load(data, "x.txt")
    assert [a.text for a in found.answers] == [
        "open",
        "eerlijk",
        "snel",
        "druk",
        "traag",
        "log",
        "veilig",
    ]


def test_dde_payloads_and_control_characters_never_reach_the_cloud() -> None:
    assert split_cell("=cmd|' /C calc'!A0") == []
    assert split_cell("@SUM(1+1)*cmd|' /C calc'!A0") == []
    assert split_cell("op\x08en, ru\x1bst") == ["op en", "ru st"]
    found = load(b'Team,Huidig\n"=HYPERLINK(""x"")",open\n', "x.csv")
    assert [(a.text, a.team) for a in found.answers] == [("open", None)]


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


def test_the_preview_shows_answers_and_team_not_names() -> None:
    found = load((SAMPLES / "ms-forms.xlsx").read_bytes(), "ms-forms.xlsx")
    shown = list(found.used_preview().columns)
    assert found.team_column and shown[0] == found.team_column
    assert set(shown[1:]) == {*found.current_columns, *found.desired_columns}
    assert not {"Naam", "E-mail", "Name", "Email"} & set(shown)
    assert found.per_question() == {
        CURRENT: sum(a.question == CURRENT for a in found.answers),
        DESIRED: sum(a.question == DESIRED for a in found.answers),
    }
