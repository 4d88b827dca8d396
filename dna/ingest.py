"""Answers in from what facilitators bring: form exports, spreadsheets, CSV files, pasted text.

`load` detects xlsx or text by content, the encoding, the delimiter and the answer columns: wide
(columns per question, as Google and Microsoft Forms export) or long (one row per answer). Every
failure is an `IngestError`: a code and params for the UI, and a one-line English message.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

import pandas as pd

from dna.glyphs import normal
from dna.headers import (
    ANSWER,
    META,
    QUESTION,
    RESPONDENT,
    is_kind,
    is_team,
    marked,
    norm,
    question_of,
    questions,
)
from dna.records import CURRENT, DESIRED, Answer
from dna.tables import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    OLE,
    ZIP,
    IngestError,
    Rows,
    frame,
    not_a_table,
    read_text,
    too_large,
    workbook,
)

__all__ = [
    "MAX_ANSWER_CHARS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "Import",
    "IngestError",
    "clean_answer",
    "from_text",
    "load",
    "split_cell",
]

MAX_ANSWER_CHARS = 120  # longer answers are cut at a word boundary, with a warning
PREVIEW_ROWS = 20


# A formula call (=HYPERLINK(...), +SUM(...)) at the start of a line or after a separator: the
# rest of that line goes too (it holds the call's arguments).
# Quotes in front do not hide it: they are stripped from answers below.
_FUNCTION = re.compile(r"(?:^|(?<=[,;/|\t•]))[ \t\"“”]*[=+\-@]+[A-Za-z_][\w.]*\(.*", re.M)
# A cell that starts with = or @ and holds |, ! or ( is a formula or DDE payload as a whole.
_DDE = re.compile(r"^[\s\-*•\"“”]*[=@][^\n]*[|!(]")
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.I | re.S)
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.S)
_LINES = re.compile(r"[\n\r\t•]+")  # a cell with answers on lines: only lines split it
_SEPARATORS = re.compile(r"[,;/|\t•]+")  # a one-line cell: "vergaderen, regels; rust"
_FIXED = re.compile(r"\b([^\W\d_]{1,5})/([^\W\d_]{1,5})\b")  # wij/zij, werk/privé: one answer
_KEEP = "\x00"
_LEAD = re.compile(r"[\s\-*·▪–—=+@\"“”,;|]*(?:\(?\d{1,2}[.)](?=\s|$)[\s\-*·▪–—=+@\"“”]*)?")  # 1.


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

    def per_question(self) -> dict[str, int]:
        return {q: sum(a.question == q for a in self.answers) for q in (CURRENT, DESIRED)}

    def used_preview(self) -> pd.DataFrame:
        """The preview's team and answer columns only: no names or e-mails on a projector."""
        used = [self.team_column, *self.current_columns, *self.desired_columns]
        shown = [c for c in dict.fromkeys(used) if c and c in self.preview.columns]
        return self.preview[shown] if shown else self.preview


def split_cell(cell: str) -> list[str]:
    """One cell (or pasted text) -> its answers: split, bullets and formula signs stripped."""
    return _answers(cell, Counter())


def from_text(current: str, desired: str = "") -> Import:
    """Pasted text, one box per question: one answer per line, or separated by , ; / | when
    the box is one line."""
    if len(current) + len(desired) > MAX_FILE_BYTES:
        raise too_large(len((current + desired).encode()))
    tally: Counter[str] = Counter()
    answers = tuple(  # each line is a cell of its own: "bureaucratisch, eilandjes" is two
        Answer(q, text)
        for q, box in ((CURRENT, current), (DESIRED, desired))
        for line in box.splitlines()
        for text in _answers(line, tally)
    )
    if not answers:
        raise IngestError("empty_text", "the pasted text holds no answers")
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
        raise too_large(len(data))
    if not data.strip():
        raise IngestError("empty", f"{filename} is empty", filename=filename)
    if data.startswith(OLE):
        raise not_a_table(filename, "xls")
    meta: dict = {"format": "csv", "encoding": None, "delimiter": None}
    if not data.startswith(ZIP):
        rows, meta["encoding"], meta["delimiter"] = read_text(data, filename)
        return _first([(None, lambda: rows)], filename, meta, current, desired, team)
    with workbook(data, filename) as book:
        if sheet is not None and sheet not in book.names:
            raise IngestError(
                "unknown_sheet",
                f"there is no sheet {sheet!r}; the sheets are {', '.join(book.names)}",
                sheet=sheet,
                sheets=list(book.names),
            )
        meta.update(format="xlsx", sheets=book.names)
        tables = [
            (n, partial(book.rows, n)) for n in ([sheet] if sheet is not None else book.names)
        ]
        return _first(tables, filename, meta, current, desired, team)


def _first(
    tables: list[tuple[str | None, Callable[[], Rows]]],
    filename: str,
    meta: dict,
    current: Sequence[str] | None,
    desired: Sequence[str] | None,
    team: str | None,
) -> Import:
    """The answers of the first table (sheet) that has them; sheets are read one at a time."""
    failure = None
    for name, read in tables:
        try:
            found = _extract(frame(read(), filename), current, desired, team)
        except IngestError as exc:
            if name is not None and exc.code != "too_many_rows":  # say which sheet failed
                exc = IngestError(
                    exc.code,
                    f"sheet {name!r}: {exc}",
                    **{**exc.params, "sheet": name, "sheets": list(meta["sheets"])},
                )
            failure = failure if failure and not failure.code.startswith("empty") else exc
            continue
        return replace(found, sheet=name, **{**meta, "format": found.format or meta["format"]})
    raise failure  # the first failure that is not "empty" (there is always one table)


def _unmarked(text: str) -> str:
    """Answers are plain text everywhere: tags go, a script's content goes with it. Removing a
    tag can make one ("<scr<b>ipt>"): after a few rounds, angle brackets go altogether."""
    for _ in range(3):
        if "<" not in text:
            return text
        bare = _TAG.sub(" ", _SCRIPT.sub(" ", text))
        if bare == text:
            return text
        text = bare
    return text.replace("<", " ").replace(">", " ") if _TAG.search(text) else text


def _answers(cell: str, tally: Counter[str]) -> list[str]:
    cell = normal(cell)
    text = _unmarked(cell)
    tally["markup_removed"] += text != cell
    if _DDE.match(text):  # =cmd|' /C calc'!A0 and friends: the whole cell is a formula
        tally["formula_dropped"] += 1
        return []
    text, dropped = _FUNCTION.subn("", text)
    tally["formula_dropped"] += dropped
    if any(c in text.strip() for c in "\n\r"):
        pieces = _LINES.split(text)
    else:
        pieces = [
            p.replace(_KEEP, "/") for p in _SEPARATORS.split(_FIXED.sub(rf"\1{_KEEP}\2", text))
        ]
    parts = (_part(part, tally) for part in pieces)
    return [part for part in parts if part]


def _part(part: str, tally: Counter[str]) -> str | None:
    """One answer: no bullets, formula signs or stray separators at its edges (a line of a
    cell may end in "," or start with ";"), at most MAX_ANSWER_CHARS."""
    lead = _LEAD.match(part).group()  # quotes too: they hide a sign in '"=x"' and '“- open”'
    part = " ".join(part[len(lead) :].split()).rstrip('."“” ,;|')
    if not any(c.isalnum() for c in part):
        return None
    tally["formula_stripped"] += any(c in "=+@" for c in lead)
    if len(part) > MAX_ANSWER_CHARS:
        head = part[: MAX_ANSWER_CHARS + 1]
        cut = head.rsplit(" ", 1)[0].rstrip() if " " in head else ""
        # at a word boundary, unless that leaves no word ("x, xxxx…" is not ",")
        part = cut if any(c.isalnum() for c in cut) else head[:MAX_ANSWER_CHARS].rstrip()
        tally["answer_truncated"] += 1
    return part


def plain_text(text: str) -> str:
    """Text a facilitator typed (a value, a behaviour, a tagline) on one line: no markup, control
    characters or formulas; sentences and their full stops stay. Empty when nothing is left."""
    plain = _unmarked(normal(text))
    if _DDE.match(plain):
        return ""
    plain = _FUNCTION.sub("", plain)
    return " ".join(plain.split()).lstrip("=+@").strip()


def clean_answer(text: str) -> tuple[str | None, tuple[str, ...]]:
    """One typed answer as plain text (one field = one answer, separators kept), and warnings."""
    tally: Counter[str] = Counter()
    text = normal(text)
    plain = _unmarked(text)
    tally["markup_removed"] += plain != text
    if _DDE.match(plain):
        tally["formula_dropped"] += 1
        return None, _warnings(tally)
    plain, dropped = _FUNCTION.subn("", plain)
    tally["formula_dropped"] += dropped
    return _part(plain, tally), _warnings(tally)


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
    asked = [c for c in columns if not (is_kind(c, META) or is_team(c))]
    role = {c: None for c in columns} | questions(asked)
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
    half = [c for c in asked if role[c] is None and marked(c)]
    if (bool(cur) != bool(des)) and half and current is None and desired is None:
        raise IngestError(  # never analyse one side while the other is there, undecided
            "undecided_question",
            f"found only the {'current' if cur else 'desired'} question; column "
            f"{half[0]!r} might be the other one: choose the columns",
            column=half[0],
            columns=columns,
        )
    question = answer = None
    if not cur and not des:
        question = next((c for c in columns if is_kind(c, QUESTION)), None)
        answer = next((c for c in columns if c != question and is_kind(c, ANSWER)), None)
        if current is not None or desired is not None or not question or not answer:
            raise _no_answer_columns(columns)
        cur = des = [answer]
    used = {*cur, *des, question}
    if team is None:
        team = next((c for c in columns if c not in used and is_team(c)), None)
    who = next((c for c in columns if c not in used and norm(c) in RESPONDENT), None)
    tally: Counter[str] = Counter()
    answers: list[Answer] = []
    needed = list(dict.fromkeys(c for c in (*cur, *des, question, team, who) if c))
    for row, record in table[needed].to_dict("index").items():
        if question:  # long: one answer cell per row, its question in another column
            q = question_of(record[question])
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
            "empty_columns",
            f"no answers in {', '.join(dict.fromkeys(cur + des))}",
            columns=columns,
            chosen=list(dict.fromkeys(cur + des)),
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


def _label(value: str) -> str | None:
    """A team name: plain text, no formula sign."""
    if _DDE.match(value):
        return None
    text = " ".join(_unmarked(normal(value)).split()).lstrip("=+@- ")
    return text[:MAX_ANSWER_CHARS] or None


def _warnings(tally: Counter[str]) -> tuple[str, ...]:
    return tuple(f"{code}:{n}" for code, n in sorted(tally.items()) if n)


def _no_answer_columns(columns: list[str]) -> IngestError:
    return IngestError(
        "no_answer_columns",
        f"no answer columns among {', '.join(columns)}; expected a header with huidig/nu/current "
        "and/or one with gewenst/toekomst/desired, or a long table with a question column "
        "(Vraag) and an answer column (Antwoord)",
        columns=columns,
        candidates=[c for c in columns if not is_kind(c, META)],
    )
