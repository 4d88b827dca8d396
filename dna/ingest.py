"""Answers in from what facilitators bring: form exports, spreadsheets, CSV files, pasted text.

`load` detects xlsx or text by content, the encoding, the delimiter and the answer columns: wide
(columns per question, as Google and Microsoft Forms export) or long (one row per answer). Every
failure is an `IngestError`: a code and params for the UI, and a one-line English message.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import charset_normalizer
import pandas as pd

from dna.records import CURRENT, DESIRED, Answer

MAX_FILE_BYTES = 10 * 1024 * 1024  # refuse bigger files
MAX_ANSWER_CHARS = 120  # longer answers are cut at a word boundary, with a warning
MAX_ROWS = 20_000  # data rows of a table (respondents in a wide table); more is an error
PREVIEW_ROWS = 20

_ZIP = b"PK\x03\x04"  # xlsx is a zip file
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 .xls
_DELIMITERS = ",;\t|"

HEADERS = Path(__file__).resolve().parent.parent / "data" / "headers.txt"


def _header_words() -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for line in HEADERS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, _, value = line.partition("\t")
            kinds.setdefault(kind, []).append(value.strip())
    return kinds


_KINDS = _header_words()  # matched against _norm(header)
_MARKERS = tuple(  # strong markers, then weak ones
    tuple((q, re.compile(rf"\b(?:{'|'.join(_KINDS[q + weak])})\b")) for q in (CURRENT, DESIRED))
    for weak in ("", "_weak")
)
_TEAM = re.compile(rf"\b(?:{'|'.join(_KINDS['team'])})")
_META, _QUESTION, _ANSWER, _RESPONDENT = (
    frozenset(" ".join(_KINDS[kind]).split())
    for kind in ("meta", "question", "answer", "respondent")
)

# A formula call (=HYPERLINK(...), +SUM(...)) at the start of a line or after a separator: the
# rest of that line goes too (it holds the call's arguments).
_FUNCTION = re.compile(r"(?:^|(?<=[,;/|\t•]))[ \t]*[=+\-@]+[A-Za-z_][\w.]*\(.*", re.M)
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.I | re.S)
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.S)
_SEPARATORS = re.compile(r"[,;/|\n\r\t•]+")
_LEAD = re.compile(r"[\s\-*·▪–—=+@]*(?:\(?\d{1,2}[.)](?=\s|$)[\s\-*·▪–—=+@]*)?")  # bullets, 1.


class IngestError(ValueError):
    """Input we cannot use. `code` and `params` are for the UI; str(error) is English."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Import:
    """The answers read from one input, and what was detected on the way."""

    answers: tuple[Answer, ...]
    format: str  # "csv" | "xlsx" | "long" | "text"
    columns: tuple[str, ...] = ()  # all headers of the table read (for the UI's column choice)
    current_columns: tuple[str, ...] = ()  # long tables: the answer column
    desired_columns: tuple[str, ...] = ()
    team_column: str | None = None
    encoding: str | None = None  # "utf-8", "utf-8-sig", "cp1252", ...; None for xlsx and text
    delimiter: str | None = None
    sheet: str | None = None
    sheets: tuple[str, ...] = ()  # all sheet names of an xlsx file
    respondents: int = 0  # respondents with at least one answer; 0 when the input does not say
    warnings: tuple[str, ...] = ()  # "code:count", e.g. "answer_truncated:3"
    preview: pd.DataFrame = field(default_factory=pd.DataFrame, compare=False, repr=False)


def split_cell(cell: str) -> list[str]:
    """One cell (or pasted text) -> its answers: split, bullets and formula signs stripped."""
    return _answers(cell, Counter())


def from_text(current: str, desired: str = "") -> Import:
    """Pasted text, one box per question: one answer per line or separated by , ; / |."""
    if len(current) + len(desired) > MAX_FILE_BYTES:
        raise _too_large(len((current + desired).encode()))
    tally: Counter[str] = Counter()
    answers = tuple(
        Answer(q, text)
        for q, box in ((CURRENT, current), (DESIRED, desired))
        for text in _answers(box, tally)
    )
    if not answers:
        raise IngestError("empty", "the pasted text holds no answers")
    preview = pd.DataFrame(
        [(a.question, a.text) for a in answers[:PREVIEW_ROWS]], columns=["question", "answer"]
    )
    return Import(answers, "text", warnings=_warnings(tally), preview=preview)


def load(
    data: bytes,
    filename: str,
    *,
    sheet: str | None = None,
    current: Sequence[str] | None = None,
    desired: Sequence[str] | None = None,
    team: str | None = None,
) -> Import:
    """Read an uploaded file. Explicit `current`/`desired` (lists of headers) and `team` (a
    header; "" for none) override the detection; `sheet` picks an xlsx sheet (default: the
    first sheet with answers)."""
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(len(data))
    if not data.strip():
        raise IngestError("empty", f"{filename} is empty", filename=filename)
    if data.startswith(_OLE):
        raise _not_a_table(filename, "xls")
    meta: dict = {"format": "csv", "encoding": None, "delimiter": None}
    if data.startswith(_ZIP):
        book = _workbook(data, filename)
        if sheet is not None and sheet not in book:
            raise IngestError(
                "unknown_sheet",
                f"there is no sheet {sheet!r}; the sheets are {', '.join(book)}",
                sheet=sheet,
                sheets=list(book),
            )
        tables = [(name, book[name]) for name in ([sheet] if sheet is not None else book)]
        meta.update(format="xlsx", sheets=tuple(book))
    else:
        rows, meta["encoding"], meta["delimiter"] = _read_text(data, filename)
        tables = [(None, rows)]
    failure = None
    for name, rows in tables:
        try:
            found = _extract(_table(rows, filename), current, desired, team)
        except IngestError as exc:
            if name is not None and exc.code != "too_many_rows":  # say which sheet failed
                exc = IngestError(
                    exc.code,
                    f"sheet {name!r}: {exc}",
                    **{**exc.params, "sheet": name, "sheets": list(book)},
                )
            failure = failure if failure and failure.code != "empty" else exc
            continue
        return replace(found, sheet=name, **{**meta, "format": found.format or meta["format"]})
    raise failure  # the first failure that is not "empty" (there is always one table)


def _answers(cell: str, tally: Counter[str]) -> list[str]:
    text = cell
    if "<" in text:
        text = _TAG.sub(" ", _SCRIPT.sub(" ", cell))
        tally["markup_removed"] += text != cell
    text, dropped = _FUNCTION.subn("", text)
    tally["formula_dropped"] += dropped
    found = []
    for part in _SEPARATORS.split(text):
        lead = _LEAD.match(part).group()
        part = " ".join(part[len(lead) :].split()).rstrip(".").strip('"“”').rstrip(".").strip()
        if not any(c.isalnum() for c in part):
            continue
        tally["formula_stripped"] += any(c in "=+@" for c in lead)
        if len(part) > MAX_ANSWER_CHARS:
            head = part[: MAX_ANSWER_CHARS + 1]
            part = (head.rsplit(" ", 1)[0] if " " in head else head[:MAX_ANSWER_CHARS]).rstrip()
            tally["answer_truncated"] += 1
        found.append(part)
    return found


def _extract(
    table: pd.DataFrame,
    current: Sequence[str] | None,
    desired: Sequence[str] | None,
    team: str | None,
) -> Import:
    """Answers from a wide table, or from a long one when no header names a question."""
    columns = list(table.columns)
    for name in [*(current or ()), *(desired or ()), *([team] if team else [])]:
        if name not in columns:
            raise IngestError(
                "unknown_column",
                f"there is no column {name!r}; the columns are {', '.join(columns)}",
                column=name,
                columns=columns,
            )
    role = {c: None if _is(c, _META) or _is_team(c) else _question_of(c) for c in columns}
    cur = (
        list(current)
        if current is not None
        else [c for c in columns if role[c] == CURRENT and c not in (desired or ())]
    )
    des = (
        list(desired)
        if desired is not None
        else [c for c in columns if role[c] == DESIRED and c not in (current or ())]
    )
    question = answer = None
    if not cur and not des:
        question = next((c for c in columns if _is(c, _QUESTION)), None)
        answer = next((c for c in columns if c != question and _is(c, _ANSWER)), None)
        if current is not None or desired is not None or not question or not answer:
            raise _no_answer_columns(columns)
        cur = des = [answer]
    used = {*cur, *des, question}
    if team is None:
        team = next((c for c in columns if c not in used and _is_team(c)), None)
    who = next((c for c in columns if c not in used and _norm(c) in _RESPONDENT), None)
    tally: Counter[str] = Counter()
    answers: list[Answer] = []
    for row, record in table.to_dict("index").items():
        if question:  # long: one answer cell per row, its question in another column
            q = _question_of(record[question])
            tally["unknown_question"] += q is None and bool(record[answer])
            cells = [(q, record[answer])] if q else []
        else:
            cells = [(q, record[c]) for q, cs in ((CURRENT, cur), (DESIRED, des)) for c in cs]
        group = _label(record[team]) if team else None
        respondent = (who and record[who]) or (None if question else f"row-{row}")
        answers += [
            Answer(q, text, group, respondent)
            for q, cell in cells
            for text in _answers(cell, tally)
        ]
    if not answers and tally["unknown_question"]:
        values = sorted(set(table[question]) - {""})[:10]
        raise IngestError(
            "no_answer_columns",
            f"column {question!r} does not say which question an answer "
            f"belongs to (values: {', '.join(values)}); expected values such as huidig/current "
            "or gewenst/desired",
            columns=columns,
            question_column=question,
            values=values,
        )
    if not answers:
        raise IngestError(
            "empty", f"no answers in {', '.join(dict.fromkeys(cur + des))}", columns=columns
        )
    return Import(
        tuple(answers),
        "long" if question else "",
        tuple(columns),
        tuple(cur),
        tuple(des),
        team or None,
        warnings=_warnings(tally),
        respondents=len({a.respondent for a in answers if a.respondent}),
        preview=table.head(PREVIEW_ROWS),
    )


def _norm(text: str) -> str:
    """Lowercase words without accents; hyphens and apostrophes join ("E-mail" -> "email")."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = re.sub(r"['’`\-]", "", "".join(c for c in text if not unicodedata.combining(c)))
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _is(header: str, words: frozenset[str]) -> bool:
    return not words.isdisjoint(_norm(header).split())


def _is_team(header: str) -> bool:
    norm = _norm(header)
    markers = (p for level in _MARKERS for _, p in level)
    return bool(_TEAM.search(norm)) and not any(p.search(norm) for p in markers)


def _question_of(label: str) -> str | None:
    """CURRENT or DESIRED when the label names exactly one of them, else None."""
    norm = _norm(label)
    for markers in _MARKERS:  # strong markers first, weak ones only when there is no strong one
        hits = [q for q, pattern in markers if pattern.search(norm)]
        if hits:
            return hits[0] if len(hits) == 1 else None
    return None


def _label(value: str) -> str | None:
    """A team name: plain text, no formula sign."""
    text = " ".join(_TAG.sub(" ", _SCRIPT.sub(" ", value)).split()).lstrip("=+@- ")
    return text[:MAX_ANSWER_CHARS] or None


def _warnings(tally: Counter[str]) -> tuple[str, ...]:
    return tuple(f"{code}:{n}" for code, n in sorted(tally.items()) if n)


def _decode(data: bytes, filename: str) -> tuple[str, str]:
    """utf-8(-sig), then cp1252 (Dutch Excel), then charset-normalizer's guess; no binaries."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        tries = ("utf-16",)  # Excel's "Unicode text"
    elif b"\x00" in data[:65_536]:  # text never holds NUL bytes; images and binaries do
        raise _not_a_table(filename, "xls" if filename.lower().endswith(".xls") else "binary")
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
            raise _not_a_table(filename, "undecodable")
        text, encoding = str(best), best.encoding
    sample = text[:65_536]
    control = sum(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in sample)
    if control > len(sample) / 100:
        raise _not_a_table(filename, "xls" if filename.lower().endswith(".xls") else "binary")
    return text, encoding


def _read_text(data: bytes, filename: str) -> tuple[list[list[str]], str, str | None]:
    """Rows of a delimited text file, its encoding and its delimiter (None: one column)."""
    text, encoding = _decode(data, filename)
    first, _, rest = text.partition("\n")
    hint = re.fullmatch(r"\s*sep=(.)\s*", first)  # Excel's "sep=;" line
    delimiter = hint.group(1) if hint else _sniff(text)
    try:
        reader = csv.reader(
            io.StringIO(rest if hint else text, newline=""), delimiter=delimiter or "\x1f"
        )
        return list(reader), encoding, delimiter
    except csv.Error as exc:
        raise _not_a_table(filename, "malformed", detail=str(exc)) from None


def _sniff(text: str) -> str | None:
    """The delimiter that splits the header and most rows into the same number of fields."""
    sample, best, best_score = text[:65_536], None, (0.0, 1)
    for delimiter in _DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            rows = [r for r, _ in zip(reader, range(50), strict=False) if any(map(str.strip, r))]
        except csv.Error:
            continue
        if len(sample) < len(text) and len(rows) > 2:
            rows.pop()  # the sample may end inside the last row
        if rows and len(rows[0]) > 1:
            score = (sum(len(r) == len(rows[0]) for r in rows) / len(rows), len(rows[0]))
            best, best_score = (delimiter, score) if score > best_score else (best, best_score)
    return best


def _workbook(data: bytes, filename: str) -> dict[str, list[list[str]]]:
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
        raise _not_a_table(filename, "bad_xlsx", detail=f"{type(exc).__name__}: {exc}") from None
    for frame in frames.values():
        if len(frame) >= MAX_ROWS + 2:
            raise _too_many_rows(len(frame) - 1)
    return {str(name): frame.values.tolist() for name, frame in frames.items()}


def _table(rows: list[list[str]], filename: str) -> pd.DataFrame:
    """Header from the first non-empty row; the index is the spreadsheet row number."""
    numbered = [(i + 1, r) for i, r in enumerate(rows) if any(map(str.strip, r))]
    if not numbered:
        raise IngestError("empty", f"{filename} has no rows", filename=filename)
    if len(numbered) - 1 > MAX_ROWS:
        raise _too_many_rows(len(numbered) - 1)
    width = max(len(r) for _, r in numbered)
    header: list[str] = []
    for i, name in enumerate(numbered[0][1] + [""] * (width - len(numbered[0][1]))):
        name = " ".join(name.split()) or f"column {i + 1}"
        header.append(name if name not in header else f"{name} ({i + 1})")
    body = [[c.strip() for c in r] + [""] * (width - len(r)) for _, r in numbered[1:]]
    if not body:
        raise IngestError(
            "empty",
            f"{filename} has only a header row, no answers",
            filename=filename,
            columns=header,
        )
    return pd.DataFrame(body, columns=header, index=[n for n, _ in numbered[1:]], dtype=object)


def _too_large(size: int) -> IngestError:
    size_mb, max_mb = round(size / 2**20, 1), MAX_FILE_BYTES // 2**20
    return IngestError(
        "too_large",
        f"the input is {size_mb} MB; the limit is {max_mb} MB",
        size_mb=size_mb,
        max_mb=max_mb,
    )


def _too_many_rows(rows: int) -> IngestError:
    return IngestError(
        "too_many_rows",
        f"the table has {rows} rows; the limit is {MAX_ROWS}",
        rows=rows,
        max_rows=MAX_ROWS,
    )


def _not_a_table(filename: str, reason: str, **params: object) -> IngestError:
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


def _no_answer_columns(columns: list[str]) -> IngestError:
    return IngestError(
        "no_answer_columns",
        f"no answer columns among {', '.join(columns)}; expected a header with huidig/nu/current "
        "and/or one with gewenst/toekomst/desired, or a long table with a question column "
        "(Vraag) and an answer column (Antwoord)",
        columns=columns,
        candidates=[c for c in columns if not _is(c, _META)],
    )
