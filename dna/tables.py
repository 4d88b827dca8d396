"""Bytes in, rows of text out: xlsx workbooks and delimited text in any of the usual encodings.

Every failure is an `IngestError` with a code and params for the UI and a one-line English message.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata

import charset_normalizer
import pandas as pd

MAX_FILE_BYTES = 10 * 1024 * 1024  # refuse bigger files
MAX_ROWS = 20_000  # data rows of a table (respondents in a wide table); more is an error
ZIP = b"PK\x03\x04"  # xlsx is a zip file
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 .xls
DELIMITERS = ",;\t|"
MIN_CONSISTENCY = 0.6  # share of rows a delimiter must split like the header ("nu, in 4 woorden?")


class IngestError(ValueError):
    """Input we cannot use. `code` and `params` are for the UI; str(error) is English."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def decode(data: bytes, filename: str) -> tuple[str, str]:
    """utf-8(-sig), then cp1252 (Dutch Excel), then charset-normalizer's guess; no binaries."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        tries = ("utf-16",)  # Excel's "Unicode text"
    elif b"\x00" in data[:65_536]:  # text never holds NUL bytes; images and binaries do
        raise _binary(filename)
    else:
        tries = ("utf-8-sig",) if data.startswith(codecs.BOM_UTF8) else ("utf-8", "cp1252")
    for encoding in tries:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise not_a_table(filename, "undecodable")
        text, encoding = str(best), best.encoding
    sample = text[:65_536]
    control = sum(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in sample)
    if control > len(sample) / 100:
        raise _binary(filename)
    return text, encoding


def _binary(filename: str) -> IngestError:
    return not_a_table(filename, "xls" if filename.lower().endswith(".xls") else "binary")


def read_text(data: bytes, filename: str) -> tuple[list[list[str]], str, str | None]:
    """Rows of a delimited text file, its encoding and its delimiter (None: one column)."""
    text, encoding = decode(data, filename)
    first, _, rest = text.partition("\n")
    hint = re.fullmatch(r"\s*sep=(.)\s*", first)  # Excel's "sep=;" line
    delimiter = hint.group(1) if hint else sniff(text)
    body = rest if hint else text
    try:
        rows = list(_reader(body, delimiter, strict=True))
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):  # a quote never closed: the rest would vanish
            line = body.count("\n", 0, body.rfind('"', 0)) + 1 if '"' in body else 1
            detail = f"{exc} (quote opened near line {line})"
            raise not_a_table(filename, "malformed", detail=detail, line=line) from None
        try:  # other quoting quirks (a"b): read leniently, as spreadsheets do
            rows = list(_reader(body, delimiter, strict=False))
        except csv.Error as exc2:
            raise not_a_table(filename, "malformed", detail=str(exc2)) from None
    return rows, encoding, delimiter


def _reader(text: str, delimiter: str | None, strict: bool):
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or "\x1f", strict=strict)


def sniff(text: str) -> str | None:
    """The delimiter that splits the header and most rows into the same number of fields."""
    sample, best, best_score = text[:65_536], None, (0.0, 1)
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            rows = [r for r, _ in zip(reader, range(50), strict=False) if any(map(str.strip, r))]
        except csv.Error:
            continue
        if len(sample) < len(text) and len(rows) > 2:
            rows.pop()  # the sample may end inside the last row
        if rows and len(rows[0]) > 1:
            score = (sum(len(r) == len(rows[0]) for r in rows) / len(rows), len(rows[0]))
            if score[0] >= MIN_CONSISTENCY and score > best_score:
                best, best_score = delimiter, score
    return best


def workbook(data: bytes, filename: str) -> dict[str, list[list[str]]]:
    """Every sheet of an xlsx file as rows of text (cached values, not formulas)."""
    try:
        frames = pd.read_excel(
            io.BytesIO(data),
            sheet_name=None,
            header=None,
            dtype=str,
            keep_default_na=False,
            nrows=MAX_ROWS + 2,
            engine="openpyxl",
        )
    except Exception as exc:  # zipfile, openpyxl and pandas raise many kinds on broken files
        raise not_a_table(filename, "bad_xlsx", detail=f"{type(exc).__name__}: {exc}") from None
    # nrows bounds memory; frame() enforces MAX_ROWS on the sheet that is read
    return {str(name): sheet.values.tolist() for name, sheet in frames.items()}


def frame(rows: list[list[str]], filename: str) -> pd.DataFrame:
    """Header from the first non-empty row; the index is the spreadsheet row number."""
    numbered = [(i + 1, r) for i, r in enumerate(rows) if any(map(str.strip, r))]
    if not numbered:
        raise IngestError("empty", f"{filename} has no rows", filename=filename)
    if len(numbered) - 1 > MAX_ROWS:
        raise too_many_rows(len(numbered) - 1)
    width = max(len(r) for _, r in numbered)
    header: list[str] = []
    for i, name in enumerate(numbered[0][1] + [""] * (width - len(numbered[0][1]))):
        base = name = " ".join(str(name).split()) or f"column {i + 1}"
        n = i + 1
        while name in header:  # "Huidig", "Huidig (3)": every column keeps its own name
            name, n = f"{base} ({n})", n + 1
        header.append(name)
    body = [[c.strip() for c in r] + [""] * (width - len(r)) for _, r in numbered[1:]]
    if not body:
        raise IngestError(
            "empty",
            f"{filename} has only a header row, no answers",
            filename=filename,
            columns=header,
        )
    return pd.DataFrame(body, columns=header, index=[n for n, _ in numbered[1:]], dtype=object)


def too_large(size: int) -> IngestError:
    size_mb, max_mb = round(size / 2**20, 1), MAX_FILE_BYTES // 2**20
    return IngestError(
        "too_large",
        f"the input is {size_mb} MB; the limit is {max_mb} MB",
        size_mb=size_mb,
        max_mb=max_mb,
    )


def too_many_rows(rows: int) -> IngestError:
    return IngestError(
        "too_many_rows",
        f"the table has {rows} rows; the limit is {MAX_ROWS}",
        rows=rows,
        max_rows=MAX_ROWS,
    )


def not_a_table(filename: str, reason: str, **params: object) -> IngestError:
    why = {
        "xls": "an old Excel 97-2003 (.xls) workbook; save it as .xlsx or .csv",
        "binary": "binary data, not a text table or an .xlsx workbook",
        "undecodable": "text in an unknown encoding; save it as UTF-8 CSV or .xlsx",
        "malformed": "a text file that does not read as a table",
        "bad_xlsx": "a zip file but not a readable .xlsx workbook; save it as .xlsx or .csv",
    }[reason]
    return IngestError(
        "not_a_table", f"{filename} is {why}", filename=filename, reason=reason, **params
    )
