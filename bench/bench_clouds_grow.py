"""Clouds that grow in place: a room of 200 people answering one by one, on the beamer's cloud.
Prints numbers; never fails.

.venv/bin/python bench/bench_clouds_grow.py [--people 200] [--words 150] [--old-every 20]

The room: each person gives 4 answers about the current culture, drawn Zipf-like over the
themes of tests/data/sentences_devset.csv and the concepts of grouping_devset.csv (phrases,
sentences, typos and all). After every answer the cloud's counts are the beamer's
(``grouping.build(keyed(answers so far)).questions[CURRENT].frequencies()``).

Before: the old from-scratch layout (``dna.output.cloud.render_png``, the wordcloud library),
drawn for a pair of consecutive answers every --old-every answers (it takes ~0.5 s a cloud).
After: ``dna.output.cloudlayout.update`` over the previous layout and
``dna.output.cloud.draw_png``, on every answer.
Per update it reports the share of the words on screen before and after whose centre moved more
than 2 px (goal 0 %, bar 2 %), the share of pixels that changed (goal 5 % for one answer) and the
time for the layout and its PNG at 1600x900 (p50/p95, goal 0.3 s with 150 words); the relayouts
(goal: rare, at most ~3 for the whole room). Last, the downloads of the clouds page and the
DNA sheet's cloud: grown over the room's history in at most 40 frames (dna.output.replay).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # as a script: the root's packages

from bench import DATA  # noqa: E402
from bench.texts import terms  # noqa: E402
from dna.analysis.grouping import build, keyed  # noqa: E402
from dna.language.lemmatise import shared  # noqa: E402
from dna.output import cloudlayout, replay  # noqa: E402
from dna.output.cloud import CloudStyle, draw_png, draw_svg, layout, render_png, replay_gif  # noqa: E402
from dna.output.cloudstyle import ink  # noqa: E402
from dna.records import CURRENT, Answer  # noqa: E402

MOVED_PX = 2  # a centre that shifts more than this has moved (growing rounds by a pixel)


def room(people: int, per_person: int, seed: int) -> list[Answer]:
    """The answers in the order they arrive: person by person, 4 answers each."""
    themes: dict[str, list[str]] = {}
    for row in csv.DictReader((DATA / "sentences_devset.csv").open(encoding="utf-8")):
        if row["question"] == "huidig":
            themes.setdefault(row["theme"].split("|")[0], []).append(row["text"])
    for row in csv.DictReader((DATA / "grouping_devset.csv").open(encoding="utf-8")):
        themes.setdefault(row["gold"], []).append(row["text"])
    rng = random.Random(seed)
    names = sorted(themes)
    rng.shuffle(names)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(names))]
    return [
        Answer(CURRENT, rng.choice(themes[theme]), respondent=f"p{person}")
        for person in range(people)
        for theme in rng.choices(names, weights, k=per_person)
    ]


def centres_old(frequencies: dict[str, int], style: CloudStyle) -> dict[str, tuple[float, float]]:
    """Each word's centre in output pixels in the old from-scratch layout."""
    cloud, s = layout(frequencies, style), style.scale
    centres = {}
    for (word, _), size, (row, col), _, _ in cloud.layout_:
        left, top, right, bottom = ink(word, size * s)
        centres[word] = (col * s + (left + right) / 2, row * s + (top + bottom) / 2)
    return centres


def moved(before: dict, after: dict) -> tuple[int, int]:
    """(words on screen in both, of which moved)."""
    kept = [w for w in after if w in before]
    shifted = [
        w
        for w in kept
        if max(abs(a - b) for a, b in zip(before[w], after[w], strict=True)) > MOVED_PX
    ]
    return len(kept), len(shifted)


def pixels(a: bytes, b: bytes) -> float:
    x = np.asarray(Image.open(io.BytesIO(a)).convert("RGB"))
    y = np.asarray(Image.open(io.BytesIO(b)).convert("RGB"))
    return float((x != y).any(axis=2).mean())


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def row(name: str, values: list[float], scale: float = 100, unit: str = "%") -> None:
    print(
        f"  {name:<34} p50 {pct(values, 50) * scale:7.2f}{unit}  p95 {pct(values, 95) * scale:7.2f}"
        f"{unit}  mean {statistics.fmean(values) * scale if values else float('nan'):7.2f}{unit}"
        f"  max {max(values, default=float('nan')) * scale:7.2f}{unit}  (n={len(values)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--per-person", type=int, default=4)
    parser.add_argument("--words", type=int, default=150, help="the style's max_words")
    parser.add_argument("--old-every", type=int, default=20, help="0: skip the old layout")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    style = CloudStyle(max_words=args.words)
    answers = room(args.people, args.per_person, args.seed)
    lemmatiser = shared()
    start = time.perf_counter()
    frames = [
        build(keyed(answers[:n], lemmatiser)).questions[CURRENT].frequencies()
        for n in range(1, len(answers) + 1)
    ]
    print(
        f"{args.people} people x {args.per_person} answers = {len(answers)} updates, one answer "
        f"each; {len(frames[-1])} labels at the end; 1600x900, max_words={args.words}; the "
        f"beamer's counts computed in {time.perf_counter() - start:.0f} s"
    )

    # after: every update grows the layout over the one before
    kept_all = moved_all = kept_grow = moved_grow = 0
    change_all, change_grow, seconds, relayouts = [], [], [], []
    placed, png, new_pairs = None, None, {}
    sampled = set(range(1, len(frames), args.old_every)) if args.old_every else set()
    for i, frequencies in enumerate(frames):
        t = time.perf_counter()
        now = cloudlayout.update(placed, frequencies, style)
        now_png = draw_png(now, style)
        seconds.append(time.perf_counter() - t)
        if placed is not None:
            before = {p.label: p.centre for p in placed.words}
            kept, shifted = moved(before, {p.label: p.centre for p in now.words})
            share = pixels(png, now_png)
            kept_all, moved_all = kept_all + kept, moved_all + shifted
            change_all.append(share)
            if now.generation == placed.generation:  # grew; else a relayout zoomed the cloud out
                kept_grow, moved_grow = kept_grow + kept, moved_grow + shifted
                change_grow.append(share)
            else:
                relayouts.append(i + 1)
            if i in sampled:
                new_pairs[i] = (kept, shifted, share)
        placed, png = now, now_png

    # before: the old from-scratch layout, on sampled pairs of consecutive updates
    old_kept = old_moved = 0
    old_change, old_seconds = [], []
    for i in sorted(sampled):
        t = time.perf_counter()
        a = render_png(frames[i - 1], style)
        old_seconds.append(time.perf_counter() - t)
        b = render_png(frames[i], style)
        kept, shifted = moved(centres_old(frames[i - 1], style), centres_old(frames[i], style))
        old_kept, old_moved = old_kept + kept, old_moved + shifted
        old_change.append(pixels(a, b))

    print("\nBEFORE: the wordcloud library, from scratch on every update (sampled pairs)")
    if sampled:
        print(f"  kept words that moved               {old_moved / max(1, old_kept):8.2%}")
        row("changed pixels per update", old_change)
        row("render_png per update", old_seconds, 1, " s")
    print("AFTER: dna.output.cloudlayout.update + draw_png, every update")
    print(f"  relayouts: {len(relayouts)} of {len(frames) - 1} updates, at answers {relayouts}")
    print(f"  kept words that moved, all updates  {moved_all / max(1, kept_all):8.2%}")
    print(f"  kept words that moved, no relayout  {moved_grow / max(1, kept_grow):8.2%}")
    row("changed pixels, all updates", change_all)
    row("changed pixels, no relayout", change_grow)
    row("update + PNG per update", seconds, 1, " s")
    if new_pairs:
        pairs = list(new_pairs.values())
        share = sum(s for _, s, _ in pairs) / max(1, sum(k for k, _, _ in pairs))
        print(f"  on the sampled pairs: kept words moved {share:.2%}, changed pixels")
        row("  (same pairs as before)", [c for *_, c in pairs])
    print(
        f"  at the end: {len(placed.words)} words on screen, {len(placed.left_out)} left out "
        f"(the rarest: no room at the floor size), unit {placed.unit:.1f}, top {placed.top} px"
    )

    # 150 distinct terms at once (bench_cloud's), fresh and then one answer more
    freqs = terms()
    wide = CloudStyle(max_words=150)
    fresh, grown = [], []
    for _ in range(5):
        t = time.perf_counter()
        first = cloudlayout.update(None, freqs, wide)
        draw_png(first, wide)
        fresh.append(time.perf_counter() - t)
        more = {**freqs, sorted(freqs)[len(fresh)]: freqs[sorted(freqs)[len(fresh)]] + 1}
        t = time.perf_counter()
        draw_png(cloudlayout.update(first, more, wide), wide)
        grown.append(time.perf_counter() - t)
    print(f"150 terms (bench_cloud): {len(first.words)} placed")
    row("fresh layout + PNG", fresh, 1, " s")
    row("one more answer: update + PNG", grown, 1, " s")
    downloads(answers, lemmatiser)


def downloads(answers: list[Answer], lemmatiser) -> None:
    """The clouds page's downloads and the DNA sheet's cloud: grown over the stored answers in
    at most replay.FRAMES frames (ui.cache.grown_*: 1440x810, the default max_words)."""
    style = CloudStyle(width=1440, height=810)
    start = time.perf_counter()
    now = build(keyed(answers, lemmatiser))
    step = replay.step_for(len(answers))
    past = replay.history(answers, lemmatiser, step, now=now)
    history = time.perf_counter() - start
    start = time.perf_counter()
    placed = replay.grown(past.frames[CURRENT], style)
    draw_png(placed, style)
    png = time.perf_counter() - start
    start = time.perf_counter()
    draw_svg(placed, style)
    svg = time.perf_counter() - start
    start = time.perf_counter()
    gif = replay_gif(past.frames[CURRENT], style, replay.FRAME_MS, replay.HOLD_MS)
    seconds = time.perf_counter() - start
    print(
        f"downloads: {len(past.ends)} frames of {step} answers; the history (the lemmatiser warm) "
        f"{history:.2f} s, then grown + PNG {png:.2f} s, SVG {svg:.2f} s, GIF {seconds:.2f} s "
        f"({len(gif) // 1024} kB); {placed.generation} relayouts"
    )


if __name__ == "__main__":
    main()
