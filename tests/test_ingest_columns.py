"""Which columns hold answers to which question, which the team, and which are neither."""

from __future__ import annotations

import pytest

from dna.intake.headers import question_of
from dna.intake.ingest import load
from dna.records import CURRENT, DESIRED
from tests.intake import fails


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


def test_duplicate_headers_all_get_their_own_name() -> None:
    found = load(b"Huidig (3),Huidig,Huidig\na,b,c\n", "x.csv")
    assert len(set(found.columns)) == 3
    assert sorted(a.text for a in found.answers) == ["a", "b", "c"]


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
