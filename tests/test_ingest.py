"""The importers on the files facilitators bring: Google and Microsoft Forms, Dutch Excel,
long tables, pasted text; and the samples shipped for facilitators."""

from __future__ import annotations

from collections import Counter

import pytest

from dna.intake.ingest import IngestError, from_text, load
from dna.records import CURRENT, DESIRED
from tests.intake import DATA, GOOGLE_CURRENT, GOOGLE_DESIRED, SAMPLES, read, texts

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
