"""The grouping editor and comparison at room scale: what a facilitator's click costs.

A realistic room (the bundled sample workshop repeated to N participants with teams), 60 edits of
every kind, then: key once, build with edits, build per team, compare, suggestions, chart PNG.
Prints numbers; never fails.

.venv/bin/python bench/bench_edits.py [--people 500 1000]
"""

from __future__ import annotations

import argparse
import random
import sys
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # as a script: the root's packages

from bench import DATA, ROOT  # noqa: E402
from bench.texts import column  # noqa: E402
from bench.timing import clock  # noqa: E402
from dna.analysis import compare  # noqa: E402
from dna.analysis import overrides as ov  # noqa: E402
from dna.analysis.grouping import build, keyed  # noqa: E402
from dna.analysis.overrides import Override  # noqa: E402
from dna.analysis.suggest import suggest  # noqa: E402
from dna.intake import ingest  # noqa: E402
from dna.language.lemmatise import Lemmatiser, load_pipeline  # noqa: E402
from dna.output import chart  # noqa: E402
from dna.records import CURRENT, DESIRED, Answer  # noqa: E402

SAMPLE = ROOT / "data" / "samples" / "voorbeeld-workshop.csv"
DEVSET = DATA / "grouping_devset.csv"


def room(people: int, seed: int = 5) -> list[Answer]:
    """The sample's respondents repeated with fresh ids until the room is full; a third of the
    answers swapped for the dev set's long tail (typos, rare words), as a real room has."""
    rng = random.Random(seed)
    tail = column(DEVSET)
    base = ingest.load(SAMPLE.read_bytes(), SAMPLE.name).answers
    by_person: dict[str, list[Answer]] = {}
    for a in base:
        by_person.setdefault(a.respondent or "", []).append(a)
    persons = list(by_person.values())
    out = []
    for i in range(people):
        for a in persons[i % len(persons)]:
            text = rng.choice(tail) if rng.random() < 0.33 else a.text
            out.append(Answer(a.question, text, a.team, f"p{i}"))
    return out


def edits(analysis) -> list[Override]:
    """60 edits of every kind over the biggest groups, as a busy facilitator makes them."""
    groups = [g for g in analysis.questions[CURRENT].groups if len(g.variants) > 1]
    groups += analysis.questions[DESIRED].groups
    made: list[Override] = []
    for i in range(0, 40, 2):
        made.append(ov.merge(groups[i : i + 2], groups[i].label))
    for g in groups[40:55]:
        made.append(ov.rename(g, g.label.upper()))
    for g in groups[:10]:
        if len(g.variants) > 1:
            made.append(ov.move(g.variants[-1][0], g, None))
    made.append(ov.hide(groups[55:60], "bench"))
    return [Override(o.kind, o.payload, o.question, i) for i, o in enumerate(made[:60], 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, nargs="+", default=[200, 500, 1000])
    args = parser.parse_args()
    lem = Lemmatiser(load_pipeline())
    keyed([Answer(CURRENT, "warm up")], lem)
    print(f"pipeline: {lem.label}")
    for people in args.people:
        answers = room(people)
        tracemalloc.start()
        t_key, batch = clock(lambda a=answers: keyed(a, lem), repeat=1)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        plain = build(batch)
        made = edits(plain)
        t_plain, _ = clock(lambda b=batch: build(b), 5)
        t_edit, edited = clock(lambda b=batch, m=made: build(b, m), 5)
        teams = batch.teams()
        t_teams, _ = clock(lambda b=batch, m=made, ts=teams: [build(b, m, x) for x in ts], 3)
        rejected = ov.rejected(made)
        t_cmp, result = clock(lambda e=edited: compare.compare(e), 5)
        t_sug, found = clock(lambda e=edited, r=rejected: suggest(e, r, lemmatiser=lem), 3)
        figure = chart.diverging(result)
        t_png, png = clock(lambda f=figure: chart.chart_png(f), 3)
        groups = sum(len(r.groups) for r in edited.questions.values())
        print(
            f"{people} people, {len(answers)} answers, {groups} groups, {len(made)} edits, "
            f"{len(teams)} teams:\n"
            f"  key once {t_key:.2f} s (peak {peak / 2**20:.0f} MiB)"
            f" | build {t_plain * 1000:.0f} ms"
            f" | build with edits {t_edit * 1000:.0f} ms | all {len(teams)} teams "
            f"{t_teams * 1000:.0f} ms\n"
            f"  compare {t_cmp * 1000:.1f} ms | suggestions {t_sug * 1000:.0f} ms ({len(found)}) "
            f"| chart PNG {t_png * 1000:.0f} ms ({len(png) // 1024} KiB)"
        )


if __name__ == "__main__":
    main()
