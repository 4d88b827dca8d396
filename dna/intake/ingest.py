"""Answers in from what facilitators bring: form exports, spreadsheets, CSV files, pasted text.

`load` detects xlsx or text by content, the encoding, the delimiter and the answer columns: wide
(columns per question, as Google and Microsoft Forms export) or long (one row per answer). Every
failure is an `IngestError`: a code and params for the UI, and a one-line English message.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

import pandas as pd

from dna.intake.cleaning import MAX_ANSWER_CHARS, MAX_ANSWERS, clean_answer, plain_text
from dna.intake.cleaning import answers as _answers
from dna.intake.cleaning import label as _label
from dna.intake.cleaning import warnings as _warnings
from dna.intake.headers import (
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
from dna.intake.tables import (
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
from dna.records import CURRENT, DESIRED, Answer

__all__ = [
    "MAX_ANSWER_CHARS",
    "plain_text",
    "MAX_ANSWERS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "Import",
    "IngestError",
    "clean_answer",
    "from_text",
    "load",
    "split_cell",
]

PREVIEW_ROWS = 20


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
    found: list[Answer] = []
    for q, box in ((CURRENT, current), (DESIRED, desired)):
        for line in box.splitlines():  # each line is a cell: "bureaucratisch, eilandjes" is two
            found += [Answer(q, text) for text in _answers(line, tally, MAX_ANSWERS - len(found))]
    answers = tuple(found)
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
        for q, cell in cells:
            room = MAX_ANSWERS - len(answers)
            answers += [Answer(q, text, group, respondent) for text in _answers(cell, tally, room)]
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


def _no_answer_columns(columns: list[str]) -> IngestError:
    return IngestError(
        "no_answer_columns",
        f"no answer columns among {', '.join(columns)}; expected a header with huidig/nu/current "
        "and/or one with gewenst/toekomst/desired, or a long table with a question column "
        "(Vraag) and an answer column (Antwoord)",
        columns=columns,
        candidates=[c for c in columns if not is_kind(c, META)],
    )
