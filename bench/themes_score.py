"""Scoring a grouping against a gold sentence set: B-cubed, wrong merges, lost answers.

Used by bench/bench_grouping.py and tests/test_theme.py. A gold set is a CSV with
`question,text,theme` (a `theme` of "a|b" means either is right: an answer with two themes), and
a never-merge CSV with `theme_a,theme_b`.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from dna.analysis.grouping import analyse, bcubed
from dna.language.lemmatise import Lemmatiser
from dna.records import CURRENT, DESIRED, Answer

SIDES = {"huidig": CURRENT, "gewenst": DESIRED}


@dataclass(frozen=True)
class Score:
    answers: int
    themes: int
    precision: float
    recall: float
    f1: float
    wrong: tuple[tuple[str, str, str], ...]  # (theme_a, theme_b, key) merged although never-merge
    lost: int  # answers read minus answers in groups
    split: dict[str, dict[str, list[str]]]  # theme -> key -> texts, for themes over several keys


def score(lem: Lemmatiser, devset: Path, nevermerge: Path | None = None) -> Score:
    rows = list(csv.DictReader(devset.open(encoding="utf-8")))
    answers = [
        Answer(SIDES[r["question"]], r["text"], respondent=f"p{i}") for i, r in enumerate(rows)
    ]
    analysis = analyse(answers, lem)
    key_of: dict[tuple[str, str], str] = {}
    grouped = 0
    for question, result in analysis.questions.items():
        for g in result.groups:
            grouped += g.count
            for text, _ in g.variants:
                key_of[(question, text)] = g.key
    keys = [key_of.get((a.question, a.text.strip()), f"?{i}") for i, a in enumerate(answers)]
    gold = _gold(rows, keys)
    p, r, f = bcubed(keys, gold)
    pairs = set()
    if nevermerge:
        for row in csv.DictReader(nevermerge.open(encoding="utf-8")):
            pairs.add(frozenset((row["theme_a"], row["theme_b"])))
    by_key: dict[str, set[str]] = defaultdict(set)
    by_theme: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for k, g, row in zip(keys, gold, rows, strict=True):
        by_key[k].add(g)
        by_theme[g][k].append(row["text"])
    wrong = tuple(
        sorted(
            (*sorted(pair), k) for k, themes in by_key.items() for pair in pairs if pair <= themes
        )
    )
    split = {t: dict(ks) for t, ks in by_theme.items() if len(ks) > 1}
    return Score(len(rows), len(set(gold)), p, r, f, wrong, len(answers) - grouped, split)


def _gold(rows: list[dict], keys: list[str]) -> list[str]:
    """One gold theme per answer; a two-theme answer counts as the one its group is mostly about."""
    single = Counter(
        (k, r["theme"]) for k, r in zip(keys, rows, strict=True) if "|" not in r["theme"]
    )
    return [
        max(
            r["theme"].split("|"),
            key=lambda t, k=k: (single[(k, t)], t == r["theme"].split("|")[0]),
        )
        for k, r in zip(keys, rows, strict=True)
    ]
