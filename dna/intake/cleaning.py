"""Cleaning: a typed or imported text as plain answers, the same way everywhere (the importers,
the participant's fields, the facilitator's values and labels, a restored backup).

Every text is normalised first (dna.language.glyphs), then loses markup, formulas and DDE payloads;
bullets, numbering and stray separators at an answer's edges go, and a long answer is cut at a
word boundary. Warnings are "code:count" strings the UI explains.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from dna.intake.tables import MAX_ROWS, IngestError
from dna.language.glyphs import normal

MAX_ANSWER_CHARS = 120  # longer answers are cut at a word boundary, with a warning
MAX_ANSWERS = 5 * MAX_ROWS  # in one input, and in a backup: more is an error, found early

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


def too_many_answers() -> IngestError:
    return IngestError(
        "too_many_answers_total",
        f"the input holds more than {MAX_ANSWERS} answers; the limit is {MAX_ANSWERS}",
        max_answers=MAX_ANSWERS,
    )


def _split(pattern: re.Pattern[str], text: str) -> Iterator[str]:
    """pattern.split(text), one piece at a time (a 9 MB cell need not become a list first)."""
    start = 0
    for match in pattern.finditer(text):
        yield text[start : match.start()]
        start = match.end()
    yield text[start:]


def answers(cell: str, tally: Counter[str], room: int = MAX_ANSWERS) -> list[str]:
    """The answers of one cell; more than `room` of them is a too_many_answers() error."""
    cell = normal(cell)
    text = _unmarked(cell)
    tally["markup_removed"] += text != cell
    if _DDE.match(text):  # =cmd|' /C calc'!A0 and friends: the whole cell is a formula
        tally["formula_dropped"] += 1
        return []
    text, dropped = _FUNCTION.subn("", text)
    tally["formula_dropped"] += dropped
    if any(c in text.strip() for c in "\n\r"):
        pieces = _split(_LINES, text)
    else:
        fixed = _FIXED.sub(rf"\1{_KEEP}\2", text)
        pieces = (p.replace(_KEEP, "/") for p in _split(_SEPARATORS, fixed))
    found = []
    for piece in pieces:
        part = _part(piece, tally)
        if part:
            if len(found) >= room:
                raise too_many_answers()
            found.append(part)
    return found


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
        return None, warnings(tally)
    plain, dropped = _FUNCTION.subn("", plain)
    tally["formula_dropped"] += dropped
    return _part(plain, tally), warnings(tally)


def label(value: str) -> str | None:
    """A team name: plain text, no formula sign."""
    if _DDE.match(value):
        return None
    text = " ".join(_unmarked(normal(value)).split()).lstrip("=+@- ")
    return text[:MAX_ANSWER_CHARS] or None


def warnings(tally: Counter[str]) -> tuple[str, ...]:
    return tuple(f"{code}:{n}" for code, n in sorted(tally.items()) if n)
