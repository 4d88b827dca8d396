"""Uploads at and past the limits: oversized files, zip bombs posing as xlsx, odd encodings and
100,000 rows are refused (or read) with a clear code, fast and within bounded memory.

Memory is measured in a child process (the peak RSS growth of one `load` call, after the
imports), so openpyxl's and pandas' C allocations count too.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from dna.intake import ingest, tables
from dna.intake.ingest import IngestError, load

ROOT = Path(__file__).resolve().parent.parent
MAX_GROWTH_MB = 150  # peak memory one load may add, whatever the file
PROBE = """
import json, sys, time
from dna.intake.ingest import IngestError, load
from tests.test_limits import small_xlsx
load(b"Huidig\\nopen\\n", "w.csv"), load(small_xlsx(), "w.xlsx")  # imports and caches warm
data = open(sys.argv[1], "rb").read()
def peak_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
with open("/proc/self/clear_refs", "w") as clear:  # the peak so far is the imports' peak:
    clear.write("5")  # reset it to the current RSS
before = peak_kb()
start = time.perf_counter()
try:
    found = load(data, sys.argv[2])
    code, answers, params = "ok", len(found.answers), {}
except IngestError as error:
    code, answers = error.code + ":" + str(error.params.get("reason", "")), 0
    params = {k: v for k, v in error.params.items() if isinstance(v, (int, float))}
seconds = time.perf_counter() - start
grew = (peak_kb() - before) / 1024
print(json.dumps({"code": code, "answers": answers, "params": params, "grew_mb": grew,
                  "seconds": seconds}))
"""


def probe(tmp_path: Path, data: bytes, name: str) -> dict:
    """Load `data` in a fresh process: the result code, and the memory and time it took."""
    path = tmp_path / name
    path.write_bytes(data)
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(path), name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{name}: {len(data) / 2**20:.2f} MB -> {result}")
    assert result["grew_mb"] < MAX_GROWTH_MB, result
    return result


def fails(data: bytes, name: str) -> IngestError:
    with pytest.raises(IngestError) as caught:
        load(data, name)
    return caught.value


def small_xlsx(rows=(("Huidige cultuur", "Gewenste cultuur"), ("traag", "snel"))) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def repack(xlsx: bytes, replace: dict[str, bytes | callable], extra: int = 0) -> bytes:
    """The workbook with some parts replaced (bytes, or a writer of chunks) and `extra` parts."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = replace.get(info.filename, source.read(info))
            if callable(content):
                with archive.open(info.filename, "w", force_zip64=True) as part:
                    content(part)
            else:
                archive.writestr(info.filename, content)
        for i in range(extra):
            archive.writestr(f"xl/media/empty{i}.bin", b"")
    return buffer.getvalue()


def huge_sheet(megabytes: int):
    """A writer of a valid sheet XML of `megabytes` MB: a header row, then padding."""

    def write(part) -> None:
        part.write(
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Huidig</t></is></c></row>'
        )
        chunk = b" " * 2**20
        for _ in range(megabytes):
            part.write(chunk)
        part.write(b"</sheetData></worksheet>")

    return write


# --- size -------------------------------------------------------------------------------------


def test_an_oversized_file_is_refused_before_it_is_read(monkeypatch) -> None:
    def never(*args, **kwargs):
        raise AssertionError("parsed a file that is too large")

    monkeypatch.setattr(ingest, "read_text", never)
    monkeypatch.setattr(ingest, "workbook", never)
    for data in (b"a" * (ingest.MAX_FILE_BYTES + 1), b"PK\x03\x04" + b"\0" * ingest.MAX_FILE_BYTES):
        error = fails(data, "groot.xlsx")
        assert error.code == "too_large" and error.params["max_mb"] == 10


# --- zip bombs --------------------------------------------------------------------------------


def test_a_sheet_that_unpacks_to_300_mb_is_refused_unread(tmp_path) -> None:
    bomb = repack(small_xlsx(), {"xl/worksheets/sheet1.xml": huge_sheet(300)})
    assert len(bomb) < ingest.MAX_FILE_BYTES  # it passes the size check
    error = fails(bomb, "bom.xlsx")
    assert error.code == "unpacked_too_large"
    assert error.params["size_mb"] >= 300 and error.params["max_mb"] == 60
    assert probe(tmp_path, bomb, "bom.xlsx")["code"] == "unpacked_too_large:"


def test_a_bomb_whose_directory_lies_about_its_size_is_refused_in_bounded_memory(
    tmp_path,
) -> None:
    """zipfile never unpacks more than a part declares (and then the checksum fails)."""
    bomb = bytearray(repack(small_xlsx(), {"xl/worksheets/sheet1.xml": huge_sheet(300)}))
    name = b"xl/worksheets/sheet1.xml"
    at = bomb.find(b"PK\x01\x02")
    while at >= 0:  # central directory entries: declare 1 KB unpacked
        size = int.from_bytes(bomb[at + 28 : at + 30], "little")
        if bomb[at + 46 : at + 46 + size] == name:
            bomb[at + 24 : at + 28] = (1024).to_bytes(4, "little")
        at = bomb.find(b"PK\x01\x02", at + 4)
    result = probe(tmp_path, bytes(bomb), "leugen.xlsx")
    assert result["code"] in ("not_a_table:bad_xlsx", "empty:", "no_answer_columns:")


def test_a_zip_with_thousands_of_parts_is_refused(tmp_path) -> None:
    many = repack(small_xlsx(), {}, extra=5000)
    error = fails(many, "veel.xlsx")
    assert (error.code, error.params["reason"]) == ("not_a_table", "bad_xlsx")
    assert error.params["parts"] > tables.MAX_ENTRIES
    assert probe(tmp_path, many, "veel.xlsx")["code"] == "not_a_table:bad_xlsx"


def test_a_part_read_whole_may_not_be_huge() -> None:
    """Styles are parsed into objects at once: 20 MB of them would cost gigabytes."""
    styles = (
        b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b" " * (20 * 2**20)
        + b"</styleSheet>"
    )
    error = fails(repack(small_xlsx(), {"xl/styles.xml": styles}), "stijl.xlsx")
    assert error.code == "unpacked_too_large" and error.params["max_mb"] == 8


def test_a_lying_dimension_and_a_far_away_cell_do_not_pad_every_row(tmp_path) -> None:
    """<dimension ref="A1:XFD20000"> and one cell in column XFD: 327 million cells if padded."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Huidige cultuur", "Gewenste cultuur"])
    for i in range(5000):
        sheet.append([f"open {i}", "snel"])
    sheet["XFD2"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    error = fails(buffer.getvalue(), "breed.xlsx")
    assert error.code == "too_many_columns" and error.params["columns"] == 16384
    assert probe(tmp_path, buffer.getvalue(), "breed.xlsx")["code"] == "too_many_columns:"


def test_one_wide_row_does_not_pad_a_long_table(tmp_path) -> None:
    """A 40 KB csv: 50 rows of 900 columns over 15,000 one-cell rows would be 13.5 M cells."""
    wide = ",".join(["Huidig", *(f"c{i}" for i in range(899))]) + "\n"
    data = (wide * 50 + "open\n" * 15_000).encode()  # the first rows decide the delimiter
    error = fails(data, "breed.csv")
    assert error.code == "too_many_cells"
    assert error.params == {"rows": 15_049, "columns": 900, "max_cells": tables.MAX_CELLS}
    assert probe(tmp_path, data, "breed.csv")["code"] == "too_many_cells:"


def test_a_csv_of_only_delimiters(tmp_path) -> None:
    data = b"Huidig" + b"," * (ingest.MAX_FILE_BYTES - 20) + b"\nopen\n"
    result = probe(tmp_path, data, "komma.csv")
    assert result["code"] == "too_many_columns:" and result["params"]["columns"] > 10**7


def test_ten_megabytes_of_blank_lines(tmp_path) -> None:
    data = b"Huidig\nopen\n" + b"\n" * (ingest.MAX_FILE_BYTES - 20)
    result = probe(tmp_path, data, "leeg.csv")
    assert result["code"] == "ok" and result["answers"] == 1


def test_ten_megabytes_of_tiny_cells(tmp_path) -> None:
    data = ("Huidig,Gewenst\n" + "ab,cd\n" * 1_700_000).encode()
    assert probe(tmp_path, data, "klein.csv")["code"] == "too_many_rows:"


# --- 100,000 rows ----------------------------------------------------------------------------


def test_a_csv_of_100_000_rows_is_refused_fast(tmp_path) -> None:
    data = "Team,Huidige cultuur,Gewenste cultuur\n" + "Zorg,traag en log,open en snel\n" * 100_000
    error = fails(data.encode(), "groot.csv")
    assert error.code == "too_many_rows"
    assert error.params == {"rows": 100_000, "max_rows": ingest.MAX_ROWS}
    assert probe(tmp_path, data.encode(), "groot.csv")["code"] == "too_many_rows:"


def test_an_xlsx_of_100_000_rows_is_refused_fast(tmp_path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Antwoorden")
    sheet.append(["Team", "Huidige cultuur", "Gewenste cultuur"])
    for i in range(100_000):
        sheet.append(["Zorg", f"traag {i}", "open"])
    path = tmp_path / "groot.xlsx"
    book.save(path)
    result = probe(tmp_path, path.read_bytes(), "groot2.xlsx")
    assert result["code"] == "too_many_rows:" and result["params"]["rows"] == 100_000


def test_the_largest_allowed_table_is_read_within_bounds(tmp_path) -> None:
    data = "Team,Huidige cultuur,Gewenste cultuur\n" + "".join(
        f"Zorg,traag {i}; log,open {i}; snel\n" for i in range(ingest.MAX_ROWS)
    )
    result = probe(tmp_path, data.encode(), "max.csv")
    assert result["code"] == "ok" and result["answers"] == 4 * ingest.MAX_ROWS


# --- encodings --------------------------------------------------------------------------------

TEXT = "Team;Huidige cultuur\nZorg;hiërarchisch, café\nICT;€ gedreven, naïef\n"
ANSWERS = ["hiërarchisch", "café", "€ gedreven", "naïef"]


@pytest.mark.parametrize(
    ("encoding", "bom", "detected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16-le", b"\xff\xfe", "utf-16"),
        ("utf-16-be", b"\xfe\xff", "utf-16"),
        ("utf-16-le", b"", "utf-16-le"),
        ("utf-16-be", b"", "utf-16-be"),
        ("cp1252", b"", "cp1252"),
        ("mac_roman", b"", "mac_roman"),
    ],
)
def test_encodings_are_read(encoding: str, bom: bytes, detected: str) -> None:
    found = load(bom + TEXT.encode(encoding), "x.csv")
    assert found.encoding == detected
    assert [a.text for a in found.answers] == ANSWERS


def test_latin_1_reads_as_cp1252() -> None:
    found = load(TEXT.replace("€", "EUR").encode("latin-1"), "x.csv")
    assert [a.text for a in found.answers] == ["hiërarchisch", "café", "EUR gedreven", "naïef"]


def test_invalid_utf8_is_read_or_refused_clearly() -> None:
    data = b"Huidig\nop\xc3en\n\xff\xfe\xfd broken\ngoed\n"
    try:
        found = load(data, "x.csv")
    except IngestError as error:
        assert error.code == "not_a_table"
    else:
        assert "goed" in [a.text for a in found.answers]


def test_utf16_that_is_cut_in_half_is_refused_clearly() -> None:
    data = b"\xff\xfe" + TEXT.encode("utf-16-le")[:-1]
    try:
        found = load(data, "x.csv")
    except IngestError as error:
        assert error.code == "not_a_table"
    else:
        assert found.answers


def test_bytes_that_decode_to_nothing_useful_are_refused(tmp_path) -> None:
    noise = bytes(range(128, 256)) * (2 * 2**20 // 128)
    result = probe(tmp_path, noise, "ruis.csv")
    assert result["code"].startswith(("not_a_table", "no_answer_columns", "empty"))
