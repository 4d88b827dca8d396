"""Spreadsheet cells that stay text: the one neutraliser every export (the workbook, the CSVs,
the comparison CSV) writes its cells, headers and names through.

It sits below dna.analysis.compare and dna.output.export and imports nothing of dna, so both
can use it.
"""

from __future__ import annotations

import re
from collections.abc import Collection

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as a formula
SHEET_TITLE_MAX = 31  # Excel's limit on a sheet's name
FILE_NAME_MAX = 60

# what openpyxl refuses in a cell (IllegalCharacterError); lone surrogates cannot be UTF-8,
# U+FFFE/U+FFFF cannot be XML
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LEAD = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]*")  # blanks, zero-width: skipped by some
_TITLE_LEAD = re.compile(r"[\s\u200b-\u200d\u2060\ufeff'=+\-@]*")  # formula starts, quotes
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NOT_IN_TITLE = re.compile(r"[\[\]:*?/\\]")  # Excel refuses these in a sheet's name
_NOT_IN_FILE = re.compile(r"[^\w-]+")


def safe_cell(value: object) -> object:
    """A cell that cannot run: text loses the control characters a workbook cannot hold, and
    text that a spreadsheet would read as a formula (= + - @, tab or CR first, also after
    blanks or zero-width characters) gets a leading apostrophe, as OWASP advises for CSV
    injection. Numbers and other values pass unchanged."""
    if not isinstance(value, str):
        return value
    text = _ILLEGAL.sub("", value)
    if text.startswith(FORMULA_START) or text.startswith(FORMULA_START, _LEAD.match(text).end()):
        return "'" + text
    return text


def sheet_title(name: str, taken: Collection[str] = (), fallback: str = "Blad") -> str:
    """A valid sheet name not in `taken` (compared as Excel does, ignoring case): without
    / \\ : * ? [ ], control characters, formula starts or quotes at its ends, at most 31
    characters; a number is added to a name already taken."""
    text = _NOT_IN_TITLE.sub("", _CONTROL.sub("", _ILLEGAL.sub("", name)))
    text = text[_TITLE_LEAD.match(text).end() :]
    text = text[:SHEET_TITLE_MAX].strip("' ") or fallback
    return _unique(text, {t.casefold() for t in taken} | {"history"}, SHEET_TITLE_MAX, " ({})")


def file_name(name: str, taken: Collection[str] = (), ext: str = ".csv") -> str:
    """A file name for inside a zip, made of `name`: lower case letters, digits, _ and -
    only (no folders, no leading dot or formula start), not in `taken` (ignoring case)."""
    text = _NOT_IN_FILE.sub("-", _ILLEGAL.sub("", name).casefold()).strip("-_")
    text = text[:FILE_NAME_MAX].strip("-_") or "tabel"
    used = {t.casefold().removesuffix(ext) for t in taken}
    return _unique(text, used, FILE_NAME_MAX, "-{}") + ext


def _unique(text: str, used: set[str], most: int, suffix: str) -> str:
    n = 1
    found = text
    while found.casefold() in used:
        n += 1
        end = suffix.format(n)
        found = text[: most - len(end)] + end
    return found
