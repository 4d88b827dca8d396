"""What a cell becomes: its answers split, cut to length, without formulas, markup or control
characters."""

from __future__ import annotations

import pytest

from dna.intake.ingest import MAX_ANSWER_CHARS, load, split_cell
from dna.records import CURRENT, DESIRED
from tests.intake import read, texts


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


def test_dde_payloads_and_control_characters_never_reach_the_cloud() -> None:
    assert split_cell("=cmd|' /C calc'!A0") == []
    assert split_cell("@SUM(1+1)*cmd|' /C calc'!A0") == []
    assert split_cell("op\x08en, ru\x1bst") == ["op en", "ru st"]
    found = load(b'Team,Huidig\n"=HYPERLINK(""x"")",open\n', "x.csv")
    assert [(a.text, a.team) for a in found.answers] == [("open", None)]
