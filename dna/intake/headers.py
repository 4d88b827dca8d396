"""Column headers in Dutch and English: which name a question, a team, or form metadata.

The words live in data/headers.txt; a header is compared lowercase, without accents or
punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from dna.records import CURRENT, DESIRED

HEADERS = Path(__file__).resolve().parents[2] / "data" / "headers.txt"


def _header_words() -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for line in HEADERS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, _, value = line.partition("\t")
            kinds.setdefault(kind, []).append(value.strip())
    return kinds


KINDS = _header_words()  # matched against norm(header)
MARKERS = tuple(  # strong markers, then weak ones
    tuple((q, re.compile(rf"\b(?:{'|'.join(KINDS[q + weak])})\b")) for q in (CURRENT, DESIRED))
    for weak in ("", "_weak")
)
TEAM = re.compile(rf"\b(?:{'|'.join(KINDS['team'])})")
META, QUESTION, ANSWER, RESPONDENT = (
    frozenset(" ".join(KINDS[kind]).split())
    for kind in ("meta", "question", "answer", "respondent")
)


def norm(text: str) -> str:
    """Lowercase words without accents; hyphens and apostrophes join ("E-mail" -> "email")."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = re.sub(r"['’`\-]", "", "".join(c for c in text if not unicodedata.combining(c)))
    return " ".join(re.findall(r"[a-z0-9]+", text))


def is_kind(header: str, words: frozenset[str]) -> bool:
    return not words.isdisjoint(norm(header).split())


def is_team(header: str) -> bool:
    text = norm(header)
    markers = (p for level in MARKERS for _, p in level)
    return bool(TEAM.search(text)) and not any(p.search(text) for p in markers)


def marked(label: str) -> set[str]:
    """Every question a label has a marker of, strong or weak."""
    text = norm(label)
    return {q for markers in MARKERS for q, pattern in markers if pattern.search(text)}


def questions(labels: list[str]) -> dict[str, str | None]:
    """The question of each column header. A header that names both only weakly ("Hoe zou je
    onze cultuur nu omschrijven?": nu, zou) beside one that names the other strongly ("…de
    gewenste cultuur…") is decided by elimination."""
    found = {label: question_of(label) for label in labels}
    for q, other in ((CURRENT, DESIRED), (DESIRED, CURRENT)):
        if other in found.values() and q not in found.values():
            weak = [c for c, v in found.items() if v is None and q in marked(c)]
            if len(weak) == 1:
                found[weak[0]] = q
    return found


def question_of(label: str) -> str | None:
    """CURRENT or DESIRED when the label names exactly one of them, else None."""
    text = norm(label)
    for markers in MARKERS:  # strong markers first, weak ones only when there is no strong one
        hits = [q for q, pattern in markers if pattern.search(text)]
        if hits:
            return hits[0] if len(hits) == 1 else None
    return None
