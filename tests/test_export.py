"""Cells a spreadsheet reads as formulas are neutralised; everything else passes unchanged."""

import pytest

from dna.export import safe_cell


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
