"""Bytes in, rows of text out: xlsx workbooks and delimited text in any of the usual encodings.

Every failure is an `IngestError` with a code and params for the UI and a one-line English message.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence

import charset_normalizer
import openpyxl
import pandas as pd

MAX_FILE_BYTES = 10 * 1024 * 1024  # refuse bigger files
MAX_ROWS = 20_000  # data rows of a table (respondents in a wide table); more is an error
MAX_COLUMNS = 1_000  # a form has tens of questions; 16,384 empty columns are an attack
MAX_CELLS = 1_000_000  # rows x columns of the table read: memory stays bounded (~100 MB)
# xlsx is zipped XML: refuse a zip bomb by what its directory declares, before unpacking
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # all parts together
MAX_PART_BYTES = 8 * 1024 * 1024  # a part openpyxl reads whole (styles, workbook, relations)
MAX_ENTRIES = 1_000  # parts in the zip (a workbook with 50 sheets has a few hundred)
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
        tries = (_utf16_without_bom(data) or "",)
        if not tries[0]:
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
    if encoding == "cp1252" and _MAC_ROMAN.search(text[:65_536]):
        text, encoding = data.decode("mac_roman"), "mac_roman"
    sample = text[:65_536]
    control = sum(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in sample)
    if control > len(sample) / 100:
        raise _binary(filename)
    return text, encoding


# Old Mac Excel ("CSV (Macintosh)") writes Mac Roman: read as cp1252, "hiërarchisch" shows as
# "hi‘rarchisch" and "café" as "cafŽ". Those signs inside a word give it away.
_MAC_ROMAN = re.compile(r"[^\W\d_][‘•Ÿ‡ˆ‰Ž][^\W\d_]|[^\W\d_]Ž\b")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without its BOM: mostly Latin text has a NUL in every other byte, and only there."""
    sample = data[:4096]
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if half >= 2 and odd >= half * 0.3 and not even:
        return "utf-16-le"
    if half >= 2 and even >= half * 0.3 and not odd:
        return "utf-16-be"
    return None


def _binary(filename: str) -> IngestError:
    return not_a_table(filename, "xls" if filename.lower().endswith(".xls") else "binary")


Rows = list[tuple[int, list[str]]]  # the non-empty rows, each with its 1-based row number


def read_text(data: bytes, filename: str) -> tuple[Rows, str, str | None]:
    """Rows of a delimited text file, its encoding and its delimiter (None: one column)."""
    text, encoding = decode(data, filename)
    first, _, rest = text.partition("\n")
    hint = re.fullmatch(r"\s*sep=(.)\s*", first)  # Excel's "sep=;" line
    delimiter = hint.group(1) if hint else sniff(text)
    body = rest if hint else text
    if delimiter:  # a line of millions of commas would be one list of millions of cells
        for line in _LONG_LINE.finditer(body):
            if (fields := line.group().count(delimiter) + 1) > _WIDEST:
                raise too_many_columns(fields)
    try:
        rows = collect(_reader(body, delimiter, strict=True))
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):  # a quote never closed: the rest would vanish
            line = body.count("\n", 0, body.rfind('"', 0)) + 1 if '"' in body else 1
            detail = f"{exc} (quote opened near line {line})"
            raise not_a_table(filename, "malformed", detail=detail, line=line) from None
        try:  # other quoting quirks (a"b): read leniently, as spreadsheets do
            rows = collect(_reader(body, delimiter, strict=False))
        except csv.Error as exc2:
            raise not_a_table(filename, "malformed", detail=str(exc2)) from None
    return rows, encoding, delimiter


_WIDEST = 16_384  # Excel's last column: wider lines are refused before the csv module splits them
_LONG_LINE = re.compile(rf"^[^\n]{{{_WIDEST},}}", re.M)


def collect(rows: Iterable[Sequence[str]], count_rest: bool = True) -> Rows:
    """The non-empty rows, numbered, trailing empty cells dropped. Memory stays bounded: past
    MAX_ROWS data rows the rest is only counted (not at all with `count_rest=False`), and a
    row wider than MAX_COLUMNS stops the reading."""
    kept: Rows = []
    rows = iter(rows)
    for number, row in enumerate(rows, 1):
        end = len(row)
        while end and not row[end - 1].strip():
            end -= 1
        if not end:
            continue
        if end > MAX_COLUMNS:
            raise too_many_columns(end)
        if len(kept) > MAX_ROWS:  # header + MAX_ROWS kept already: count the rest
            rest = sum(any(map(str.strip, r)) for r in rows) if count_rest else 0
            raise too_many_rows(len(kept) + rest)
        kept.append((number, list(row[:end])))
    return kept


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


class Workbook:
    """An xlsx file opened for reading one sheet at a time (openpyxl, read-only, cached values).
    Use as a context manager; `rows(name)` reads a sheet, within the limits above."""

    def __init__(self, data: bytes, filename: str) -> None:
        check_zip(data, filename)
        self.filename = filename
        try:
            self.book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
            self.names = tuple(str(name) for name in self.book.sheetnames)
        except Exception as exc:  # zipfile, openpyxl and lxml raise many kinds on broken files
            raise _bad_xlsx(filename, exc) from None

    def rows(self, name: str) -> Rows:
        try:
            sheet = self.book[name]
            declared = sheet.max_row  # from the sheet's <dimension>, which may lie or be missing
            sheet.reset_dimensions()  # read what is there
            cells = (tuple(map(_cell, row)) for row in sheet.iter_rows(values_only=True))
            return collect(cells, count_rest=False)  # openpyxl reads ~15,000 rows a second
        except IngestError as exc:
            if exc.code != "too_many_rows":
                raise
            rows = max(exc.params["rows"], (declared or self._row_tags(sheet)) - 1)
            raise too_many_rows(rows) from None
        except Exception as exc:
            raise _bad_xlsx(self.filename, exc) from None

    def _row_tags(self, sheet) -> int:
        """The <row> elements of a sheet: its row count, counted at zlib's speed."""
        count, tail = 0, b""
        with self.book._archive.open(sheet._worksheet_path) as part:
            while chunk := part.read(2**20):
                count += (tail + chunk).count(b"<row ") - tail.count(b"<row ")
                tail = chunk[-4:]
        return count

    def close(self) -> None:
        self.book.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def workbook(data: bytes, filename: str) -> Workbook:
    return Workbook(data, filename)


def _cell(value: object) -> str:
    """A cell's cached value as text, as a spreadsheet shows it: 4 not 4.0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_zip(data: bytes, filename: str) -> None:
    """Refuse a zip bomb by its central directory, before anything is unpacked: the number of
    parts (from the end record, before Python reads the directory) and their unpacked sizes
    (zipfile never yields more than a part declares)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end >= 0 and len(data) >= end + 22:
        entries = int.from_bytes(data[end + 10 : end + 12], "little")
        if entries > MAX_ENTRIES:  # 0xFFFF (zip64) too: no workbook has that many parts
            raise not_a_table(filename, "bad_xlsx", detail=f"{entries} parts", parts=entries)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except Exception as exc:
        raise _bad_xlsx(filename, exc) from None
    if len(parts) > MAX_ENTRIES:
        raise not_a_table(filename, "bad_xlsx", detail=f"{len(parts)} parts", parts=len(parts))
    total = sum(p.file_size for p in parts)
    whole = max((p.file_size for p in parts if not p.filename.startswith(_STREAMED)), default=0)
    if total > MAX_UNPACKED_BYTES or whole > MAX_PART_BYTES:
        size_mb = round(max(total, whole) / 2**20, 1)
        max_mb = (MAX_UNPACKED_BYTES if total > MAX_UNPACKED_BYTES else MAX_PART_BYTES) // 2**20
        raise IngestError(
            "unpacked_too_large",
            f"{filename} unpacks to {size_mb} MB; the limit is {max_mb} MB",
            filename=filename,
            size_mb=size_mb,
            max_mb=max_mb,
        )


_STREAMED = ("xl/worksheets/", "xl/media/", "xl/sharedStrings.xml")  # not parsed whole, or at all


def _bad_xlsx(filename: str, exc: BaseException) -> IngestError:
    return not_a_table(filename, "bad_xlsx", detail=f"{type(exc).__name__}: {exc}")


def frame(rows: Rows, filename: str) -> pd.DataFrame:
    """Header from the first non-empty row; the index is the spreadsheet row number."""
    if not rows:
        raise IngestError("empty", f"{filename} has no rows", filename=filename)
    if len(rows) - 1 > MAX_ROWS:
        raise too_many_rows(len(rows) - 1)
    width = max(len(r) for _, r in rows)
    if width > MAX_COLUMNS:
        raise too_many_columns(width)
    if width * len(rows) > MAX_CELLS:
        raise IngestError(
            "too_many_cells",
            f"the table has {len(rows) - 1} rows of {width} columns; the limit is "
            f"{MAX_CELLS} cells",
            rows=len(rows) - 1,
            columns=width,
            max_cells=MAX_CELLS,
        )
    header: list[str] = []
    for i, name in enumerate(rows[0][1] + [""] * (width - len(rows[0][1]))):
        base = name = " ".join(str(name).split()) or f"column {i + 1}"
        n = i + 1
        while name in header:  # "Huidig", "Huidig (3)": every column keeps its own name
            name, n = f"{base} ({n})", n + 1
        header.append(name)
    body = [[c.strip() for c in r] + [""] * (width - len(r)) for _, r in rows[1:]]
    if not body:
        raise IngestError(
            "empty",
            f"{filename} has only a header row, no answers",
            filename=filename,
            columns=header,
        )
    return pd.DataFrame(body, columns=header, index=[n for n, _ in rows[1:]], dtype=object)


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


def too_many_columns(columns: int) -> IngestError:
    return IngestError(
        "too_many_columns",
        f"the table has {columns} columns; the limit is {MAX_COLUMNS}",
        columns=columns,
        max_columns=MAX_COLUMNS,
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
