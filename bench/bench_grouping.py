"""Grouping: quality on the word and sentence sets, and speed on 10,000 answers (words, and
sentences). Prints numbers; never fails.

.venv/bin/python bench/bench_grouping.py
"""

from __future__ import annotations

import csv
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # as a script: the root's packages

from bench import DATA  # noqa: E402
from bench.texts import column, swap_letters  # noqa: E402
from bench.themes_score import score  # noqa: E402
from bench.timing import cold_warm  # noqa: E402
from dna.analysis.grouping import analyse, bcubed  # noqa: E402
from dna.language.lemmatise import Lemmatiser, load_pipeline  # noqa: E402
from dna.language.lexicon import Lexicon  # noqa: E402
from dna.records import QUESTIONS, Answer  # noqa: E402

DEVSET = DATA / "grouping_devset.csv"
SENTENCE_SETS = [  # (answers, never-merge pairs): the dev set, and one written after the rules
    (DATA / "sentences_devset.csv", DATA / "sentences_nevermerge.csv"),
    (DATA / "sentences_blind.csv", DATA / "sentences_blind_nevermerge.csv"),
]
TRAPS = {"antonym_on", "short_lookalike", "compound_head", "negation", "different"}


def devset_scores(lem: Lemmatiser, path: Path) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    keys = lem.keys([r["text"] for r in rows])
    p, r, f = bcubed(keys, [row["gold"] for row in rows])
    base = [row["text"].strip().lower() for row in rows]
    _, _, f0 = bcubed(base, [row["gold"] for row in rows])
    golds: dict[str, set[str]] = {}
    for k, row in zip(keys, rows, strict=True):
        golds.setdefault(k, set()).add(row["gold"])
    trap = {row["gold"] for row in rows if row["category"] in TRAPS}
    wrong = sorted(tuple(sorted(g)) for g in golds.values() if len(g) > 1 and g & trap)
    print(f"{path.name}: {len(rows)} distinct answers, {len({r['gold'] for r in rows})} concepts")
    print(f"  B-cubed precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (lowercase+strip F1 {f0:.3f})")
    print(f"  wrong merges involving a trap: {len(wrong)} {wrong[:10]}")
    by_gold: dict[str, set[str]] = {}
    for k, row in zip(keys, rows, strict=True):
        by_gold.setdefault(row["gold"], set()).add(k)
    split = {g: ks for g, ks in by_gold.items() if len(ks) > 1}
    print(f"  concepts split over several keys: {len(split)}")


def sentence_scores(lem: Lemmatiser, path: Path, nevermerge: Path) -> None:
    s = score(lem, path, nevermerge)
    print(f"{path.name}: {s.answers} answers, {s.themes} themes")
    print(f"  B-cubed precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}")
    print(f"  wrong merges of never-merge pairs: {len(s.wrong)} {list(s.wrong)[:5]}")
    print(f"  lost answers: {s.lost}; themes split over several groups: {len(s.split)}")


def sentence_workload(n: int, seed: int = 5) -> list[Answer]:
    """n answers drawn Zipf-like from the sentence dev set, with case, ! and swapped letters."""
    rng = random.Random(seed)
    texts = column(SENTENCE_SETS[0][0])
    rng.shuffle(texts)
    weights = [1 / (i + 1) ** 0.7 for i in range(len(texts))]
    out = []
    for i in range(n):
        text = rng.choices(texts, weights)[0]
        if rng.random() < 0.2 and len(text) > 7:
            text = swap_letters(text, rng)
        out.append(Answer(QUESTIONS[i % 2], text, respondent=f"p{i // 8}"))
    return out


def distinct_workload(n: int, seed: int = 11) -> list[Answer]:
    """The worst case: n answers that are all different (two-word phrases with typos)."""
    rng = random.Random(seed)
    texts = column(DEVSET)
    seen: set[str] = set()
    while len(seen) < n:
        a, b = rng.choice(texts), rng.choice(texts)
        j = rng.randrange(1, max(2, len(b) - 1))
        seen.add(f"{a} {b[:j]}{b[j + 1 :]}" if rng.random() < 0.5 else f"{a} {b}")
    return [Answer(QUESTIONS[i % 2], t) for i, t in enumerate(sorted(seen))]


def timed(label: str, answers: list[Answer], nlp, lexicon) -> None:
    # a fresh lemmatiser, empty caches: the first analysis after start-up
    cold, warm, _ = cold_warm(lambda: Lemmatiser(nlp, lexicon), lambda lem: analyse(answers, lem))
    distinct = len({a.text for a in answers})
    print(
        f"analyse {len(answers):,} answers ({label}, {distinct:,} distinct): cold median "
        f"{statistics.median(cold):.3f} s (max {max(cold):.3f}), warm median "
        f"{statistics.median(warm):.3f} s; target <= 1 s: "
        f"{'met' if statistics.median(cold) <= 1 else 'missed'}"
    )


def workload(n: int, seed: int = 7) -> list[Answer]:
    """n answers drawn Zipf-like from the dev set, with the noise people add (case, !, typos)."""
    rng = random.Random(seed)
    texts = column(DEVSET)
    weights = [1 / (i + 1) for i in range(len(texts))]
    out = []
    for i in range(n):
        text = rng.choices(texts, weights)[0]
        roll = rng.random()
        if roll < 0.15:
            text = text.capitalize() + "!"
        elif roll < 0.25 and len(text) > 7:  # a swapped pair of letters somewhere inside
            text = swap_letters(text, rng)
        out.append(Answer(QUESTIONS[i % 2], text, respondent=f"p{i // 8}"))
    return out


def main() -> None:
    t0 = time.perf_counter()
    nlp = load_pipeline()
    lexicon = Lexicon.load()
    lem = Lemmatiser(nlp, lexicon)
    print(f"pipeline: {lem.label}; load {time.perf_counter() - t0:.2f} s")
    for path in (DEVSET, DEVSET.with_name("grouping_blind.csv")):
        devset_scores(lem, path)
    for path, nevermerge in SENTENCE_SETS:
        sentence_scores(lem, path, nevermerge)
    timed("words, realistic", workload(10_000), nlp, lexicon)
    timed("words, all different", distinct_workload(10_000), nlp, lexicon)
    timed("sentences, realistic", sentence_workload(10_000), nlp, lexicon)


if __name__ == "__main__":
    main()
