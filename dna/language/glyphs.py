"""Characters: every text as it looks, once, before the filter, the grouping, the search and the
store; and the skeleton the profanity filter reads.

`normal` is what is stored: NFKC (fullwidth and mathematical letters become plain ones),
right-to-left overrides applied (the text as it was shown), invisible characters removed (soft
hyphen, zero-width spaces and joiners, BOM, bidi controls, fillers), control characters as
spaces, at most two combining marks on a letter, and other whitespace collapsed. Line breaks
and tabs stay: an imported cell is split on them.

`skeleton` is only for matching: lower case, no accents, look-alike letters (Cyrillic "о",
Greek "κ") and digits or signs written for letters ("k1ote") as the Latin letters they imitate.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"
RLO, PDF = "\u202e", "\u202c"  # right-to-left override, pop directional formatting
MAX_MARKS = 2  # combining marks kept on one letter ("zalgo" text stacks dozens)
_FILLERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0\u2800")  # invisible, not Cf
_SPACES = re.compile(r"[^\S\n\t]+")  # whitespace except line breaks and tabs (they split cells)
_OVERRIDE = re.compile(f"{RLO}([^{PDF}\u2069\n]*)")


def _invisible(c: str) -> bool:
    category = unicodedata.category(c)
    return (
        category == "Cf"
        or c in _FILLERS
        or "\ufe00" <= c <= "\ufe0f"  # variation selectors
        or "\u180b" <= c <= "\u180f"  # Mongolian ones (Mn, yet not combining)
        or "\U000e0100" <= c <= "\U000e01ef"
    )


@lru_cache(maxsize=50_000)  # a room sends the same answers again and again
def normal(text: str) -> str:
    """The text as stored and shown: see the module docstring. Idempotent."""
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if RLO in text:  # "\u202eetolk" is shown as "klote": store what was shown
        text = _OVERRIDE.sub(lambda m: m.group(1)[::-1], text)
    kept: list[str] = []
    marks = 0
    for c in text:
        if _invisible(c):
            continue
        if unicodedata.combining(c):
            marks += 1
            if marks > MAX_MARKS:
                continue
        else:
            marks = 0
        kept.append(" " if unicodedata.category(c) == "Cc" and c not in "\n\t" else c)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(kept).split("\n"))
    return unicodedata.normalize("NFC", "\n".join(lines))


@lru_cache(maxsize=1)
def _lookalikes() -> tuple[dict[int, str], tuple[dict[int, str], ...]]:
    """(letters, leet readings): what each look-alike character reads as. Leet are digits and
    signs; one that reads as two letters (1: i or l) has a second reading."""
    letters: dict[int, str] = {}
    readings: list[dict[int, str]] = [{}, {}]
    for line in (DATA / "lookalikes.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            char, latin = line.split("\t")
            if char.isalpha():
                letters[ord(char)] = latin
            else:
                readings[ord(char) in readings[0]][ord(char)] = latin
    return letters, (readings[0], readings[0] | readings[1])


def skeletons(text: str) -> tuple[str, ...]:
    """What the filter reads: normal text in lower case, without accents, look-alikes as the
    Latin letters they imitate; once as written ("kut!"), and once per reading of digits and
    signs as letters ("k1ote": kiote, klote)."""
    letters, readings = _lookalikes()
    plain = unicodedata.normalize("NFKD", normal(text).casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c)).translate(letters)
    return (plain, *dict.fromkeys(plain.translate(reading) for reading in readings))
