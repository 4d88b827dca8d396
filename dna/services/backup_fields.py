"""One field of a backup document, checked: a join code, a team, a text, a list of texts, a whole
number, a time, a reference to another row, one of a set; rows counted and ids kept unique.
Each refusal is the same WorkshopError "backup_invalid", naming the field ("answers[3].question").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from datetime import datetime

from dna.intake.cleaning import MAX_ANSWER_CHARS
from dna.language.glyphs import normal
from dna.workshop.workshop import WorkshopError

MAX_CODE = 16
MAX_INT = 2**31 - 1  # ids, positions, revision: PostgreSQL's integer
MAX_ITEMS = 10_000  # texts in one list
YEARS = (1970, 2200)  # times outside these are no workshop's (and out of pandas' range)


def bad(field: str, why: str) -> WorkshopError:
    return WorkshopError("backup_invalid", f"the backup's {field} is not valid: {why}", field=field)


def valid_code(code: str) -> bool:
    """A join code as stored: what the join page makes of what people type (A-Z, 0-9)."""
    return 0 < len(code) <= MAX_CODE and code.isascii() and code.isalnum() and code == code.upper()


def team(name: str | None, field: str, teams: set[str]) -> str | None:
    """A team as the settings form or the importer stores it; among `teams` when given."""
    if name is None:
        return None
    text(name, field, MAX_ANSWER_CHARS)
    clean = " ".join(normal(name).split())
    if not clean or (teams and clean not in teams):
        raise bad(field, "not one of the workshop's teams" if clean else "an empty team")
    return clean


def text(value: object, field: str, most: int) -> str:
    if not isinstance(value, str) or len(value) > most:
        raise bad(field, f"a text of at most {most} characters")
    if any(unicodedata.category(c) == "Cc" for c in value):
        raise bad(field, "a control character")
    return value


def texts(value: object, field: str, most: int) -> list[str]:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise bad(field, "a list of texts")
    return [text(v, f"{field}[{i}]", most) for i, v in enumerate(value)]


def whole(value: object, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_INT:
        raise bad(field, f"a whole number from 0 to {MAX_INT}")
    return value


def id_text(key: str) -> bool:
    """A value id as a JSON object's key: "12", never "012", "+12" or "١٢"."""
    return key.isascii() and key.isdigit() and len(key) <= 10 and key == str(int(key))


def ref(value: object, known: set[int], field: str) -> None:
    if whole(value, field) not in known:
        raise bad(field, "refers to a row that is not in the backup")


def one_of(value: object, allowed: Iterable[object], field: str) -> None:
    if not isinstance(value, str | None) or value not in tuple(allowed):
        raise bad(field, f"one of {', '.join(map(str, allowed))}")


def time(value: str, field: str) -> None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or not YEARS[0] <= moment.year <= YEARS[1]:
        raise bad(field, f"a time (ISO 8601) from {YEARS[0]} to {YEARS[1]}")


def count(rows: list, most: int, table: str) -> None:
    if len(rows) > most:
        raise bad(table, f"more than {most} rows")


def unique(rows: list[dict], key: Callable[[dict], object], table: str, what: str) -> None:
    """No two rows with the same key (rows whose key is None do not count)."""
    seen = set()
    for i, row in enumerate(rows):
        k = key(row)
        if k is not None and k in seen:
            raise bad(f"{table}[{i}]", f"the same {what} as an earlier row")
        seen.add(k)
