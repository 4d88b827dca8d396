"""Current vs desired: what do we keep, let go and develop ("behouden / loslaten / ontwikkelen").

Shares are per participant, not per answer: a group's share in a question is the part of that
question's participants who named it, so one talkative person cannot make a group "matter".
Its tag (dna.analysis.tags) decides where it may go: only a limiting theme is let go, and a strength
that is named less for the desired culture stays a strength ("sterk nu, minder genoemd").
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from dna.analysis.entropy import Entropy, Report
from dna.analysis.grouping import Analysis, Group, QuestionResult
from dna.analysis.tags import BEPERKEND, KRACHT, NEUTRAAL
from dna.cells import safe_cell
from dna.records import CURRENT, DESIRED, QUESTIONS, Answer

ANONYMITY_MIN = 5  # a team with fewer participants is not shown apart (anonymity)

KEEP, LET_GO, DEVELOP, STRENGTH_LESS, OTHER = "keep", "let_go", "develop", "strength_less", "other"
CATEGORIES = (KEEP, LET_GO, DEVELOP, STRENGTH_LESS, OTHER)
TOP_VARIANTS = 3  # raw answers per question kept for the hover
MIN_PEOPLE = 2  # a theme is listed when at least this many people named it...
ROOM_SHARE = 0.05  # ...or this share of the room, when that is more


def split_teams(
    sizes: Mapping[str, int], minimum: int = ANONYMITY_MIN
) -> tuple[list[str], list[str]]:
    """(teams shown, teams withheld because they have fewer than `minimum` participants)."""
    shown = [team for team, n in sizes.items() if n >= minimum]
    return shown, [team for team in sizes if team not in shown]


@dataclass(frozen=True)
class Thresholds:
    """The facilitator's rule. A group matters in a question when at least `min_share` of its
    participants and at least `people(room)` people named it; it is mostly in one question when
    its share there is at least `lean` times its share in the other."""

    min_share: float = 0.10
    lean: float = 2.0
    min_people: int | None = None  # None: max(MIN_PEOPLE, ⌈ROOM_SHARE of the room⌉)

    def people(self, participants: int) -> int:
        """The fewest people a theme needs in a question to be listed."""
        if self.min_people is not None:
            return self.min_people
        return max(MIN_PEOPLE, math.ceil(round(ROOM_SHARE * participants, 9)))


@dataclass(frozen=True)
class Row:
    """One concept in both questions. Counts are answers, people are participants."""

    key: str
    label: str
    current_count: int
    current_people: int
    current_share: float
    desired_count: int
    desired_people: int
    desired_share: float
    category: str
    current_variants: tuple[tuple[str, int], ...] = ()  # most frequent raw answers first
    desired_variants: tuple[tuple[str, int], ...] = ()
    tag: str = NEUTRAAL  # kracht / neutraal / beperkend (dna.analysis.tags)

    @property
    def shift(self) -> float:
        """The value jump: positive when more people want it than see it now."""
        return self.desired_share - self.current_share


@dataclass(frozen=True)
class Figures:
    answers: int  # every answer read, hidden groups included
    people: int  # distinct participants who answered the question
    groups: int  # distinct visible groups


@dataclass(frozen=True)
class Comparison:
    rows: tuple[Row, ...]  # by shift, biggest jump towards the desired culture first
    participants: int
    questions: dict[str, Figures] = field(default_factory=dict)
    overlap: float = 0.0  # share of the desired answers in groups the current culture has too
    thresholds: Thresholds = Thresholds()
    min_people: int = MIN_PEOPLE  # the people threshold applied (thresholds.people(room))
    entropy: Mapping[str, Entropy] = field(
        default_factory=dict
    )  # per question (dna.analysis.entropy)

    def of(self, category: str) -> tuple[Row, ...]:
        """The rows of one category, the strongest first (by the share that puts them there)."""
        rows = [r for r in self.rows if r.category == category]
        if category in (LET_GO, STRENGTH_LESS):
            return tuple(sorted(rows, key=lambda r: (-r.current_share, r.shift, r.label)))
        if category == KEEP:
            return tuple(
                sorted(rows, key=lambda r: (-min(r.current_share, r.desired_share), r.label))
            )
        return tuple(rows)

    @property
    def others(self) -> int:
        """Themes in no list: too few people, or no clear place (the "overige" line)."""
        return sum(r.category == OTHER for r in self.rows)


def categorise(
    current: float,
    desired: float,
    thresholds: Thresholds = Thresholds(),
    tag: str = NEUTRAAL,
    enough: tuple[bool, bool] = (True, True),
) -> str:
    """A group's place from its shares in the two questions, its tag, and whether enough people
    named it in each (`enough`, see Thresholds.people):

    let_go         a limiting theme that matters now (only a limiting theme is let go)
    develop        not limiting, matters in the desired culture, `lean` times its share now
    strength_less  a strength that matters now, named `lean` times less (or too little) desired
    keep           not limiting, matters in both, less than `lean` times apart
    other          the rest: too few people, a limiting theme only wished for, or an untagged
                   theme named mostly now (tag it beperkend to let it go)
    """
    now = current >= thresholds.min_share and enough[0]
    wanted = desired >= thresholds.min_share and enough[1]
    if tag == BEPERKEND:
        return LET_GO if now else OTHER
    if wanted and desired >= thresholds.lean * current:
        return DEVELOP
    less = current >= thresholds.lean * desired
    if tag == KRACHT and now and (less or not wanted):
        return STRENGTH_LESS
    if now and wanted and not less:
        return KEEP
    return OTHER


def compare(
    analysis: Analysis, thresholds: Thresholds = Thresholds(), participants: int | None = None
) -> Comparison:
    """One row per visible group of either question. `participants`: distinct people across
    both questions (see `participants()`); without it, the larger of the two questions' counts,
    which is a lower bound."""
    empty = QuestionResult(0, ())
    cur = analysis.questions.get(CURRENT, empty)
    des = analysis.questions.get(DESIRED, empty)
    hidden = {g.key for r in (cur, des) for g in r.groups if g.hidden}  # hidden in one: out
    now = {g.key: g for g in cur.shown() if g.key not in hidden}
    want = {g.key: g for g in des.shown() if g.key not in hidden}
    if participants is None:
        participants = max(cur.people, des.people)
    fewest = thresholds.people(participants)
    rows = []
    for key in now.keys() | want.keys():
        a, b = now.get(key), want.get(key)
        cs, ds = _share(a, cur), _share(b, des)
        big = a if a and (not b or a.people >= b.people) else b
        enough = (bool(a) and a.people >= fewest, bool(b) and b.people >= fewest)
        rows.append(
            Row(
                key,
                big.label,
                a.count if a else 0,
                a.people if a else 0,
                cs,
                b.count if b else 0,
                b.people if b else 0,
                ds,
                categorise(cs, ds, thresholds, big.tag, enough),
                a.variants[:TOP_VARIANTS] if a else (),
                b.variants[:TOP_VARIANTS] if b else (),
                big.tag,
            )
        )
    rows.sort(key=lambda r: (-r.shift, r.label.casefold(), r.key))
    weight = sum(g.count for g in want.values())
    shared = sum(g.count for k, g in want.items() if k in now and now[k].count > 0)
    figures = {
        q: Figures(r.answers, r.people, len(g))
        for q, r, g in zip(QUESTIONS, (cur, des), (now, want), strict=True)
    }
    return Comparison(
        tuple(rows),
        participants,
        figures,
        shared / weight if weight else 0.0,
        thresholds,
        fewest,
        {CURRENT: cur.entropy, DESIRED: des.entropy},
    )


def entropy_report(
    analysis: Analysis,
    analyses: Mapping[str, Analysis],
    sizes: Mapping[str, int],
    minimum: int = ANONYMITY_MIN,
) -> Report:
    """Entropy of the room and of every team big enough to show (the others' analyses unread):
    what the comparison page, the beamer and the DNA sheet show."""
    shown, withheld = split_teams(sizes, minimum)
    return Report(
        _entropies(analysis),
        {team: _entropies(analyses[team]) for team in shown},
        tuple(withheld),
    )


def _entropies(analysis: Analysis) -> dict[str, Entropy]:
    return {q: r.entropy for q, r in analysis.questions.items()}


def participants(answers: Iterable[Answer], team: str | None = None) -> int:
    """Distinct participants across both questions (an answer without an id counts as one),
    counted as dna.analysis.grouping counts them: pass the keyed batch's answers."""
    return len(
        {a.respondent or f"#{i}" for i, a in enumerate(answers) if team is None or a.team == team}
    )


@dataclass(frozen=True)
class Teams:
    shown: dict[str, Comparison]  # teams of at least the anonymity minimum, in the sizes' order
    withheld: tuple[str, ...]  # too small to show apart


def compare_teams(
    analyses: Mapping[str, Analysis],
    sizes: Mapping[str, int],
    thresholds: Thresholds = Thresholds(),
    minimum: int = ANONYMITY_MIN,
) -> Teams:
    """The comparison of every team big enough to show; the analyses of the others are unread."""
    shown, withheld = split_teams(sizes, minimum)
    return Teams(
        {team: compare(analyses[team], thresholds, sizes[team]) for team in shown},
        tuple(withheld),
    )


COLUMNS = (
    "label",
    "category",
    "tag",
    "current_people",
    "current_share",
    "desired_people",
    "desired_share",
    "shift",
    "current_count",
    "desired_count",
    "current_variants",
    "desired_variants",
    "key",
)


def to_csv(
    comparison: Comparison, names: Mapping[str, str] | None = None, decimal: str = ","
) -> str:
    """The rows as CSV (';'-separated, shares in percent) for a spreadsheet, every cell and
    header through dna.cells, then after an empty line the entropy of each question. `names`
    translates column names, category and tag codes, questions and the entropy's headings
    (ENTROPY_COLUMNS); `decimal` is the decimal mark of the reader's spreadsheet."""
    names = names or {}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(names.get(c, c)) for c in COLUMNS])
    for r in comparison.rows:
        values = {c: getattr(r, c) for c in COLUMNS}
        for c in ("current_share", "desired_share", "shift"):
            values[c] = f"{100 * values[c]:.1f}".replace(".", decimal)
        for c in ("current_variants", "desired_variants"):
            values[c] = " · ".join(f"{text} ({n})" for text, n in values[c])
        values["category"] = names.get(r.category, r.category)
        values["tag"] = names.get(r.tag, r.tag)
        writer.writerow([safe_cell(values[c]) for c in COLUMNS])
    if comparison.entropy:
        writer.writerow([])
        writer.writerow([safe_cell(names.get(c, c)) for c in ENTROPY_COLUMNS])
        for question, e in comparison.entropy.items():
            shares = (
                f"{100 * s:.1f}".replace(".", decimal) for s in (e.answer_share, e.people_share)
            )
            cells = [
                names.get(question, question),
                *shares,
                e.limiting,
                e.answers,
                e.limited,
                e.people,
            ]
            writer.writerow([safe_cell(c) for c in cells])
    return out.getvalue()


ENTROPY_COLUMNS = (  # the CSV's entropy lines
    "entropy",
    "entropy_answers",
    "entropy_people",
    "limiting_answers",
    "answers",
    "limited_people",
    "people",
)


def to_json(comparison: Comparison) -> dict:
    """The comparison as plain data (the CLI's JSON, backups)."""
    rule = comparison.thresholds
    return {
        "participants": comparison.participants,
        "overlap": round(comparison.overlap, 4),
        "thresholds": {
            "min_share": rule.min_share,
            "lean": rule.lean,
            "min_people": comparison.min_people,
        },
        "questions": {q: vars(f) for q, f in comparison.questions.items()},
        "entropy": {q: e.with_counts() for q, e in comparison.entropy.items()},
        "others": comparison.others,
        "rows": [
            {
                "key": r.key,
                "label": r.label,
                "category": r.category,
                "tag": r.tag,
                "shift": round(r.shift, 4),
                "current": {
                    "count": r.current_count,
                    "people": r.current_people,
                    "share": round(r.current_share, 4),
                },
                "desired": {
                    "count": r.desired_count,
                    "people": r.desired_people,
                    "share": round(r.desired_share, 4),
                },
            }
            for r in comparison.rows
        ],
    }


def _share(group: Group | None, result: QuestionResult) -> float:
    return group.people / result.people if group and result.people else 0.0
