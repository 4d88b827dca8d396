"""Strength or limiting (dna.analysis.tags): precision and recall per tag on the dev set and on
the blind set, and the one number that must stay 0: strengths tagged limiting. Prints numbers;
never fails.

.venv/bin/python bench/bench_tags.py [dev|blind]

Each file is one room: every answer a current-culture answer of its own participant, grouped
and tagged as the app does it (dna.analysis.grouping.keyed + build); an answer's predicted tag
is its group's. "alone" tags each answer read on its own, without the room (a check, not the score).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # as a script: the root's packages

from bench import DATA  # noqa: E402
from dna.analysis import tags  # noqa: E402
from dna.analysis.grouping import build, keyed  # noqa: E402
from dna.language.lemmatise import Lemmatiser, load_pipeline  # noqa: E402
from dna.records import CURRENT, Answer  # noqa: E402

SETS = {"dev": DATA / "tags_dev.csv", "blind": DATA / "tags_blind.csv"}


@dataclass(frozen=True)
class Score:
    rows: int
    confusion: Counter  # (gold, predicted) -> answers
    wrong: tuple[tuple[str, str, str], ...]  # (answer, gold, predicted)

    def precision(self, tag: str) -> float:
        said = sum(n for (_, p), n in self.confusion.items() if p == tag)
        return self.confusion[tag, tag] / said if said else 1.0

    def recall(self, tag: str) -> float:
        gold = sum(n for (g, _), n in self.confusion.items() if g == tag)
        return self.confusion[tag, tag] / gold if gold else 1.0

    @property
    def strengths_limiting(self) -> int:
        return self.confusion[tags.KRACHT, tags.BEPERKEND]


def read(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [(r["answer"], r["tag"].strip()) for r in csv.DictReader(f) if r["answer"].strip()]


def predict_room(rows: list[tuple[str, str]], lem: Lemmatiser) -> list[str]:
    """Every answer in one room, its predicted tag its group's."""
    answers = [Answer(CURRENT, text, respondent=f"p{i}") for i, (text, _) in enumerate(rows)]
    result = build(keyed(answers, lem)).questions[CURRENT]
    tag_of = {text: g.tag for g in result.groups for text, _ in g.variants}
    return [tag_of[text.strip()] for text, _ in rows]


def predict_alone(rows: list[tuple[str, str]], lem: Lemmatiser) -> list[str]:
    tagger = tags.tagger(lem)
    return [tagger.text(text) for text, _ in rows]


def evaluate(rows: list[tuple[str, str]], predicted: list[str]) -> Score:
    confusion: Counter = Counter()
    wrong = []
    for (text, gold), said in zip(rows, predicted, strict=True):
        confusion[gold, said] += 1
        if gold != said:
            wrong.append((text, gold, said))
    return Score(len(rows), confusion, tuple(wrong))


def report(name: str, score: Score) -> None:
    print(f"\n{name}: {score.rows} answers")
    print(f"  {'tag':10} {'precision':>9} {'recall':>7} {'gold':>5} {'said':>5}")
    for tag in tags.TAGS:
        gold = sum(n for (g, _), n in score.confusion.items() if g == tag)
        said = sum(n for (_, p), n in score.confusion.items() if p == tag)
        print(f"  {tag:10} {score.precision(tag):9.2f} {score.recall(tag):7.2f} {gold:5} {said:5}")
    print(f"  strengths tagged limiting: {score.strengths_limiting}")
    print(f"  limiting tagged strength:  {score.confusion[tags.BEPERKEND, tags.KRACHT]}")


def main(only: list[str]) -> None:
    lem = Lemmatiser(load_pipeline())
    for name, path in SETS.items():
        if only and name not in only:
            continue
        if not path.exists():
            print(f"\n{name}: {path.name} is not there yet")
            continue
        rows = read(path)
        room = evaluate(rows, predict_room(rows, lem))
        report(f"{name} (room)", room)
        alone = evaluate(rows, predict_alone(rows, lem))
        print(
            f"  alone: strengths tagged limiting {alone.strengths_limiting}, "
            + ", ".join(
                f"{t} p {alone.precision(t):.2f} r {alone.recall(t):.2f}" for t in tags.TAGS
            )
        )
        print("  wrong (answer: gold -> said):")
        for text, gold, said in room.wrong:
            print(f"    {text!r}: {gold} -> {said}")


if __name__ == "__main__":
    main(sys.argv[1:])
