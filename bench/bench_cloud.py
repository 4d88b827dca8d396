"""Cloud rendering speed: 150 Dutch terms at 1600x900. Prints numbers; never fails.

.venv/bin/python bench/bench_cloud.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # as a script: the root's packages

from wordcloud import WordCloud  # noqa: E402

from bench.texts import terms  # noqa: E402
from bench.timing import clock  # noqa: E402
from dna.output.cloud import CloudStyle, layout, render_png, render_svg  # noqa: E402

TARGET = 0.5  # seconds, median
RUNS = 9


def median_time(fn: Callable[[], object], runs: int = RUNS) -> float:
    fn()  # warm-up: font files, imports, caches
    return clock(fn, runs)[0]


def main() -> None:
    freqs = terms()
    assert len(freqs) == 150, len(freqs)
    wide = CloudStyle(max_words=150)

    def library_default() -> None:
        WordCloud(width=1600, height=900).generate_from_frequencies(freqs).to_image()

    base = median_time(library_default)
    rows = [
        ("library default 1600x900", base),
        ("render_png default style", median_time(lambda: render_png(freqs))),
        ("render_png max_words=150", median_time(lambda: render_png(freqs, wide))),
        ("render_svg default style", median_time(lambda: render_svg(freqs))),
    ]
    print(f"150 terms, 1600x900, median of {RUNS} runs after a warm-up")
    print(f"{'case':<28} {'median s':>9} {'default/ours':>13}")
    for name, t in rows:
        print(f"{name:<28} {t:>9.3f} {base / t:>12.1f}x")
    placed = len(layout(freqs).layout_), len(layout(freqs, wide).layout_)
    print(f"words placed: {placed[0]} (default style), {placed[1]} (max_words=150)")
    met = all(t <= TARGET for _, t in rows[1:3])
    print(f"target ≤ {TARGET} s: {'met' if met else 'missed'}")


if __name__ == "__main__":
    main()
