"""Command line: ``python -m dna replay INPUT --out DIR [--step N] [--gif]``: a workshop file's
two clouds as the beamer grows them, answer by answer in the file's order.

After every N answers (a frame) each question's groups are counted as the beamer counts them
(``grouping.build(keyed(answers so far))``) and its cloud grows over the frame before
(dna.output.cloudlayout.update; both in dna.output.replay). Writes ``DIR/current-0001.png``…,
``DIR/desired-0001.png``…, with ``--gif`` ``DIR/current.gif`` and ``DIR/desired.gif``, and
``DIR/layout.json``::

    {"current": [{"frame": 1, "answers": 1, "words": {"label": {"x": .., "y": .., "w": ..,
      "h": .., "vertical": false}}}, ...], "desired": [...]}

with the words' ink boxes in pixels of the 1600x900 images. A refusal exits with status 2 and
one line on standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image

from dna.intake.ingest import IngestError
from dna.language.lemmatise import Lemmatiser, load_pipeline
from dna.output import cloud
from dna.output.animation import Animation
from dna.output.cloudlayout import Layout
from dna.output.replay import FRAME_MS, HOLD_MS, history, layouts
from dna.records import QUESTIONS, Answer


def add_parser(sub, input_options: Callable[[argparse.ArgumentParser], None]) -> None:
    r = sub.add_parser(
        "replay",
        help="replay a workshop file answer by answer: the clouds as they grow on the beamer",
    )
    r.add_argument("input", help="CSV/XLSX/TSV/TXT export of the answers, replayed in its order")
    r.add_argument(
        "--out",
        metavar="DIR",
        required=True,
        help="write current-0001.png…, desired-0001.png… and layout.json here",
    )
    r.add_argument(
        "--step", type=_positive, default=1, metavar="N", help="answers per frame (default 1)"
    )
    r.add_argument("--gif", action="store_true", help="also write current.gif and desired.gif")
    input_options(r)


def run(args: argparse.Namespace, read: Callable[[argparse.Namespace], tuple]) -> int:
    """`read` is the analyse command's reader: the same files and column options."""
    try:
        answers, _ = read(args)
        if not answers:
            raise IngestError("no_answers", f"{args.input}: no answers to replay")
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
    except (IngestError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        replay(answers, Lemmatiser(load_pipeline()), out, args.step, args.gif)
    except OSError as exc:
        print(f"error: cannot write output: {exc}", file=sys.stderr)
        return 2
    return 0


def replay(
    answers: Sequence[Answer], lemmatiser: Lemmatiser, out: Path, step: int = 1, gif: bool = False
) -> dict[str, list[dict]]:
    """Write the frames, the GIFs and layout.json of a replay into `out`; returns the JSON."""
    past = history(answers, lemmatiser, step)  # the beamer's counts, no edits: a file has none
    doc: dict[str, list[dict]] = {q: [] for q in QUESTIONS}
    for q in QUESTIONS:
        style = cloud.CloudStyle(palette=q)
        animation = Animation(FRAME_MS, HOLD_MS) if gif else None
        before: tuple[Layout | None, Image.Image | None, bytes] = (None, None, b"")
        grown = zip(past.ends, layouts(past.frames[q], style), strict=True)
        for frame, (seen, placed) in enumerate(grown, start=1):
            if placed != before[0]:  # else an answer to the other question: the same picture
                image = cloud.draw(placed, style)
                before = placed, image, cloud.encode_png(image)
            if animation is not None:
                animation.add(before[1])
            (out / f"{q}-{frame:04d}.png").write_bytes(before[2])
            doc[q].append({"frame": frame, "answers": seen, "words": placed.to_json()})
        if animation is not None:
            (out / f"{q}.gif").write_bytes(animation.finish())
    (out / "layout.json").write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    return doc


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value
