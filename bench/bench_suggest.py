"""Merge suggestions: time on a large workshop (2,000+ groups). Prints numbers; never fails.

.venv/bin/python bench/bench_suggest.py
"""

from __future__ import annotations

import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # as a script: the root's packages

from bench import DATA  # noqa: E402
from bench.texts import column  # noqa: E402
from bench.timing import cold_warm  # noqa: E402
from dna.analysis.grouping import analyse  # noqa: E402
from dna.analysis.suggest import suggest  # noqa: E402
from dna.language.lemmatise import Lemmatiser, load_pipeline  # noqa: E402
from dna.language.lexicon import Lexicon  # noqa: E402
from dna.records import QUESTIONS, Answer  # noqa: E402


def answers(groups: int, seed: int = 5) -> list[Answer]:
    """Every answer of the two gold sets, then two-word phrases and typos of them until the
    grouping gives at least `groups` distinct groups: a very large, very varied workshop."""
    rng = random.Random(seed)
    texts = []
    for name in ("grouping_devset.csv", "grouping_blind.csv"):
        texts += column(DATA / name)
    out = list(dict.fromkeys(texts))
    seen = set(out)
    while len(seen) < groups * 1.8:
        a, b = rng.choice(texts), rng.choice(texts)
        if rng.random() < 0.5 and len(b) > 6:  # one letter dropped: a typo
            j = rng.randrange(2, len(b) - 1)
            b = b[:j] + b[j + 1 :]
        text = b if rng.random() < 0.4 else f"{a} {b}"
        if text not in seen:
            seen.add(text)
            out.append(text)
    weights = [1 / (i + 1) ** 0.5 for i in range(len(out))]
    extra = rng.choices(out, weights, k=len(out) * 2)  # the frequent answers come back
    return [Answer(QUESTIONS[i % 2], t) for i, t in enumerate(out + extra)]


def main() -> None:
    nlp, lexicon = load_pipeline(), Lexicon.load()
    batch = answers(2_000)
    lem = Lemmatiser(nlp, lexicon)
    analysis = analyse(batch, lem)
    keys = {g.key for r in analysis.questions.values() for g in r.groups}
    print(f"{len(batch):,} answers, {len(keys):,} distinct groups (both questions)")
    cold, warm, found = cold_warm(  # fresh: empty word caches, the first call after start-up
        lambda: Lemmatiser(nlp, lexicon), lambda fresh: suggest(analysis, lemmatiser=fresh)
    )
    print(
        f"suggest: cold median {statistics.median(cold):.3f} s (max {max(cold):.3f}), warm "
        f"median {statistics.median(warm):.3f} s; target < 1 s: "
        f"{'met' if max(cold) < 1 else 'missed'}"
    )
    for s in found[:10]:
        print(f"  {s.score:.2f} {s.reason:8} {s.labels[0]!r} + {s.labels[1]!r} {s.counts}")


if __name__ == "__main__":
    main()
