"""A room's clouds replayed (dna.output.replay): the beamer's counts frame by frame, the cloud grown
over them, and the downloads and the DNA sheet made of it (ui.cache.grown_*)."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from dna.analysis.grouping import build, keyed
from dna.analysis.overrides import Override
from dna.output import replay
from dna.output.cloud import CloudStyle, draw, draw_png, draw_svg
from dna.records import CURRENT, DESIRED, QUESTIONS, Answer

NOW = (
    "open, Open!, hiërarchisch, traag, open, bureaucratisch, hierarchisch, traag, log, open, "
    "veel regels, traag, angstig, hiërarchisch, klotecultuur, open, log, veel regels"
).split(", ")
LATER = "vertrouwen, snel, lef, vertrouwen, samen, snel, eerlijk, vertrouwen, lef, samen".split(
    ", "
)


def room() -> list[Answer]:
    """The answers in the order they came in: a person's current answers, then desired ones."""
    answers = []
    for i, text in enumerate(NOW):
        answers.append(Answer(CURRENT, text, respondent=f"p{i}"))
        if i < len(LATER):
            answers.append(Answer(DESIRED, LATER[i], respondent=f"p{i}"))
    return answers


def test_frames_come_every_step_and_all_answers_last():
    assert replay.step_for(0) == replay.step_for(40) == 1
    assert replay.step_for(800) == 20 and replay.step_for(801) == 21
    assert (
        replay.ends(7, 3) == (3, 6, 7) and replay.ends(6, 3) == (3, 6) and replay.ends(0, 3) == ()
    )
    for n in range(1, 400, 7):
        stops = replay.ends(n, replay.step_for(n))
        assert len(stops) <= replay.FRAMES and stops[-1] == n


def test_history_counts_as_the_beamer_counts(lemmatiser):
    answers = room()
    past = replay.history(answers, lemmatiser, step=4)
    assert past.ends == (*range(4, len(answers), 4), len(answers))
    for i, end in enumerate(past.ends):
        beamer = build(keyed(answers[:end], lemmatiser))
        for q in QUESTIONS:
            assert past.frames[q][i] == beamer.questions[q].frequencies(), (q, end)


def test_with_edits_every_frame_is_in_todays_groups_and_the_last_is_today(lemmatiser):
    """A merged, renamed or hidden group counts as it does today in every frame: a hidden word
    never shows, not even in the frames from before it was hidden."""
    answers = room()
    before = build(keyed(answers, lemmatiser)).questions[CURRENT]
    key = {g.label.casefold(): g.key for g in before.groups}
    edits = [
        Override("merge", {"keys": [key["traag"], key["log"]], "into": key["traag"], "label": "x"}),
        Override("rename", {"key": key["traag"], "label": "traag en log"}),
        Override(
            "hide", {"keys": [key["klotecultuur"]], "labels": ["klotecultuur"], "reason": "x"}
        ),
    ]
    edits = [Override(e.kind, e.payload, CURRENT, i) for i, e in enumerate(edits, 1)]
    now = build(keyed(answers, lemmatiser), edits)
    today = now.questions[CURRENT].frequencies()
    assert today["traag en log"] == 5 and "klotecultuur" not in today and "log" not in today
    past = replay.history(answers, lemmatiser, 3, edits, now=now)
    for q in QUESTIONS:
        assert past.frames[q][-1] == now.questions[q].frequencies()
    for frame in past.frames[CURRENT]:
        assert set(frame) <= set(today) and all(frame[w] <= today[w] for w in frame)
    assert any("traag en log" in frame for frame in past.frames[CURRENT][:-1])
    raw = replay.history(answers, lemmatiser, 3)  # without edits the hidden word did show
    assert any("klotecultuur" in frame for frame in raw.frames[CURRENT])


def test_the_same_history_grows_the_same_cloud_and_another_order_another(lemmatiser):
    answers, style = room(), CloudStyle(480, 270)

    def grown(answers: list[Answer]):
        past = replay.history(answers, lemmatiser, 2)
        return replay.grown(past.frames[CURRENT], style)

    first = grown(answers)
    assert first == grown(list(answers)) and draw_png(first, style) == draw_png(
        grown(answers), style
    )
    assert {p.label for p in first.words} | set(first.left_out) == set(
        build(keyed(answers, lemmatiser)).questions[CURRENT].frequencies()
    )
    assert first.boxes() != grown(answers[::-1]).boxes()  # where a word is comes from when
    assert replay.grown([], style).words == ()


def test_the_downloads_are_the_cloud_grown_over_the_stored_answers():
    """ui.cache.grown_png/svg/gif (the clouds page, its downloads, the DNA sheet) draw the layout
    dna.output.replay grows over the answers in their stored order, with at most FRAMES frames."""
    from ui import cache

    answers = tuple(room())
    src = cache.file_source("room", answers, "room.csv")
    past = replay.history(
        answers, cache.lemmatiser(), replay.step_for(len(answers)), now=src.analysis()
    )
    for q in QUESTIONS:
        style = CloudStyle(*cache.GROWN, palette=q)
        placed = replay.grown(past.frames[q], style)
        png = cache.grown_png(src, q)
        assert png == draw_png(placed, style)
        assert cache.grown_svg(src, q) == draw_svg(placed, style)
        gif = Image.open(io.BytesIO(cache.grown_gif(src, q)))
        assert gif.size == cache.GROWN and gif.n_frames >= 2
        gif.seek(gif.n_frames - 1)
        last = np.asarray(gif.convert("RGB"), dtype=int)
        off = np.abs(last - np.asarray(draw(placed, style), dtype=int)).max(axis=2) > 24
        assert off.mean() < 0.001  # the GIF ends on the PNG (256 colours a frame)
    other = cache.file_source("reversed", answers[::-1], "room.csv")
    assert cache.grown_png(other, CURRENT) != cache.grown_png(src, CURRENT)
