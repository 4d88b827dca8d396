"""Exports a spreadsheet opens: cells that cannot run as formulas."""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would read as a formula (= + - @, tab, CR first) gets a leading
    apostrophe, as OWASP advises for CSV injection; numbers and other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
