"""Tables written for a spreadsheet: an XLSX workbook, or CSVs (one by one or in a zip).

Every cell, header and name goes through dna.cells first: nothing written here can run as a
formula, and no text can make the workbook fail.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field

from dna.cells import file_name, safe_cell, sheet_title

MAX_WIDTH = 60  # characters: wider columns wrap
ZIP_TIME = (2020, 1, 1, 0, 0, 0)  # equal tables give equal zip bytes


@dataclass(frozen=True)
class Table:
    """One sheet of the workbook, one CSV file."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    shares: frozenset[int] = field(default_factory=frozenset)  # columns of fractions (0.25)


def workbook(sheets: Mapping[str, Table]) -> bytes:
    """The tables as an XLSX workbook: bold frozen header row, filters, readable widths. Text is
    always stored as text: never a formula, never an error value ('#N/A' as someone wrote it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for table in sheets.values():
        ws = book.create_sheet(sheet_title(table.name, book.sheetnames))
        ws.append([safe_cell(h) for h in table.headers])
        for row in table.rows:
            ws.append([safe_cell(c) for c in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for i, header in enumerate(table.headers):
            cells = [str(r[i]) for r in table.rows[:500]]
            longest = max((len(line) for c in cells for line in c.split("\n")), default=0)
            ws.column_dimensions[get_column_letter(i + 1)].width = min(
                MAX_WIDTH, max(len(header), longest) + 2
            )
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
                if cell.row == 1:
                    continue
                if cell.column - 1 in table.shares:
                    cell.number_format = "0%"
                elif isinstance(cell.value, str) and ("\n" in cell.value or len(cell.value) > 60):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csvs(sheets: Mapping[str, Table]) -> dict[str, bytes]:
    """Each table as a CSV for Dutch Excel: UTF-8 with BOM, ';' between cells, shares as 25%.
    File names are made of the tables' names: plain, distinct, without folders."""
    files: dict[str, bytes] = {}
    for table in sheets.values():
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(safe_cell(h) for h in table.headers)
        for row in table.rows:
            writer.writerow(
                f"{c:.0%}" if i in table.shares and isinstance(c, float | int) else safe_cell(c)
                for i, c in enumerate(row)
            )
        files[file_name(table.name, files)] = ("\ufeff" + out.getvalue()).encode("utf-8")
    return files


def csv_zip(sheets: Mapping[str, Table]) -> bytes:
    """The CSVs in one zip file."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in csvs(sheets).items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()
