"""The codified value set: candidate values made from groups or by hand, each traceable to the
answers it came from ("where did this value come from?").

Pure rules, no storage: `dna.store` keeps values (ordered, deleted ones kept for undo).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dna.analysis.compare import DEVELOP, KEEP, LET_GO, STRENGTH_LESS, Comparison
from dna.analysis.grouping import Analysis, Group
from dna.intake.cleaning import plain_text
from dna.records import CURRENT, DESIRED
from dna.workshop.workshop import WorkshopError

MAX_NAME_WORDS = 3
MAX_NAME_CHARS = 40
MAX_MEANING_CHARS = 200
MAX_LINE_CHARS = 140  # one behaviour, one "we doen wel/niet"
MAX_BEHAVIOURS = 4
MAX_LINES = 4  # of "we doen wel" and of "we doen niet"


FINAL_MIN, FINAL_MAX = 3, 5  # the DNA holds three to five values
TAGLINE_MAX = 80  # characters: one line under the values


def clean_tagline(text: str) -> str:
    """The tagline as one plain line of at most TAGLINE_MAX characters."""
    return plain_text(text)[:TAGLINE_MAX].rstrip()


@dataclass(frozen=True)
class Value:
    name: str  # 1-3 words
    meaning: str = ""  # one sentence
    behaviours: tuple[str, ...] = ()  # "Dit zie je aan: ..." (2-4 for the DNA sheet)
    do: tuple[str, ...] = ()  # "We doen wel"
    dont: tuple[str, ...] = ()  # "We doen niet"
    sources: tuple[str, ...] = ()  # group keys it came from
    id: int = 0
    position: int = 0

    @property
    def complete(self) -> bool:
        """Ready for the DNA sheet: a meaning and 2-4 behaviours."""
        return bool(self.meaning) and 2 <= len(self.behaviours) <= MAX_BEHAVIOURS


def _line(text: str, limit: int) -> str:
    """Plain text on one line: markup and formulas out, spaces folded, sentence ends kept."""
    return plain_text(text[: limit * 4])[:limit].strip()


def _lines(items: Sequence[str], most: int, code: str) -> tuple[str, ...]:
    lines = tuple(line for line in (_line(i, MAX_LINE_CHARS) for i in items) if line)
    if len(lines) > most:
        raise WorkshopError(code, f"at most {most} lines", most=most)
    return lines


def check_value(
    name: str,
    meaning: str = "",
    behaviours: Sequence[str] = (),
    do: Sequence[str] = (),
    dont: Sequence[str] = (),
    sources: Sequence[str] = (),
) -> Value:
    """A value as typed, as plain text within the limits, or a WorkshopError saying what."""
    clean_name = _line(name, MAX_NAME_CHARS * 2)
    if not clean_name:
        raise WorkshopError("value_name_empty", "give the value a name")
    if len(clean_name.split()) > MAX_NAME_WORDS or len(clean_name) > MAX_NAME_CHARS:
        raise WorkshopError(
            "value_name_long", "a name is 1-3 words", words=MAX_NAME_WORDS, chars=MAX_NAME_CHARS
        )
    clean_meaning = _line(meaning, MAX_MEANING_CHARS * 2)
    if len(clean_meaning) > MAX_MEANING_CHARS:
        raise WorkshopError("value_meaning_long", "one sentence", chars=MAX_MEANING_CHARS)
    return Value(
        clean_name,
        clean_meaning,
        _lines(behaviours, MAX_BEHAVIOURS, "value_behaviours"),
        _lines(do, MAX_LINES, "value_do"),
        _lines(dont, MAX_LINES, "value_dont"),
        tuple(dict.fromkeys(sources)),
    )


def from_groups(groups: Sequence[Group], name: str | None = None) -> Value:
    """A candidate made from one or more groups: named after the biggest unless given a name
    (a theme's label is short: "klant centraal" for "de klant staat centraal")."""
    biggest = max(groups, key=lambda g: (g.count, g.key))
    return check_value(_name(name or biggest.label), sources=[g.key for g in groups])


def _name(label: str) -> str:
    """A value name from a label: at most three words, a capital first."""
    label = " ".join(label.split()[:MAX_NAME_WORDS])[:MAX_NAME_CHARS].strip()
    return label[:1].upper() + label[1:]


def taken(values: Sequence[Value], name: str, but: int = 0) -> bool:
    """A value of this name is there already (case aside), other than value `but`."""
    return any(v.name.casefold() == name.casefold() and v.id != but for v in values)


def new_ones(values: Sequence[Value], proposed: Sequence[Value]) -> list[Value]:
    """The proposed values whose names are not taken yet (nor twice among themselves)."""
    seen = {v.name.casefold() for v in values}
    fresh = []
    for value in proposed:
        if value.name.casefold() not in seen:
            seen.add(value.name.casefold())
            fresh.append(value)
    return fresh


@dataclass(frozen=True)
class Source:
    """One group behind a value, with its numbers in both questions."""

    key: str
    label: str
    current: int  # answers
    desired: int
    current_people: int
    desired_people: int
    variants: tuple[tuple[str, int], ...]  # raw answers of both questions, most first


def trace(value: Value, analysis: Analysis) -> list[Source]:
    """Where a value came from: its groups with counts and the raw answers behind them. A group
    that no longer exists (merged away, no answers left) is listed with zeros."""
    found = []
    for key in value.sources:
        cur = _group(analysis, CURRENT, key)
        des = _group(analysis, DESIRED, key)
        variants: dict[str, int] = {}
        for g in (cur, des):
            for text, n in g.variants if g else ():
                variants[text] = variants.get(text, 0) + n
        label = (cur or des).label if (cur or des) else key
        found.append(
            Source(
                key,
                label,
                cur.count if cur else 0,
                des.count if des else 0,
                cur.people if cur else 0,
                des.people if des else 0,
                tuple(sorted(variants.items(), key=lambda kv: (-kv[1], kv[0]))),
            )
        )
    return found


def _group(analysis: Analysis, question: str, key: str) -> Group | None:
    result = analysis.questions.get(question)
    return next((g for g in result.groups if g.key == key), None) if result else None


def starting_set(comparison: Comparison, limit: int = 6) -> list[Value]:
    """A first set to edit: groups strong in "keep" and "develop", the most wanted first."""
    rows = [r for r in comparison.rows if r.category in (KEEP, DEVELOP)]
    rows.sort(key=lambda r: (-r.desired_share, -r.current_share, r.label))
    return [check_value(_name(r.label), sources=[r.key]) for r in rows[:limit]]


AIMS = (KEEP, DEVELOP, LET_GO)  # what a value does, in this order when its sources tie


def aim(value: Value, comparison: Comparison) -> str | None:
    """What a value does for the culture, from the comparison rows of the groups it came from:
    KEEP (it keeps a strength: its groups are kept, or strong now and named less), DEVELOP
    (it develops something wanted clearly more than now) or LET_GO (it lets go of a limiting
    theme). With sources in several, the one named by the most people (both questions
    together); None when no source is in a list (a value made by hand, or from "other")."""
    weight = dict.fromkeys(AIMS, 0)
    found = set()
    for row in comparison.rows:
        if row.key in value.sources:
            category = KEEP if row.category == STRENGTH_LESS else row.category
            if category in weight:
                weight[category] += row.current_people + row.desired_people
                found.add(category)
    if not found:
        return None
    return max(AIMS, key=lambda c: (c in found, weight[c], -AIMS.index(c)))
