"""Clouds that grow in place: a word layout that keeps every word where the room saw it last.

`grow(previous, frequencies, style)` lays out the counts over the previous layout. A word that
stays keeps its centre and orientation and only grows or shrinks around it. A word that grew
into a neighbour stays when the neighbours are few and smaller (they move), and moves itself
otherwise, or when it grew off the canvas, to the free place nearest its old centre. A new
word takes the free place nearest the middle; with none left it pushes away words of at most
half its count, else it is left out. Font sizes follow the counts at the layout's fixed `unit`
on rungs STEP apart, so a word changes size only when its own count climbs a rung.

Relayouts are rare. A (re)layout picks a unit that leaves room for the counts to grow AHEAD
times; only when words that would fit at a smaller unit find no room (more than LEFT_OUT of
the answers shown: late in a full room a few rare words rather stay out) does the layout say
so (`crowded`), and `relayout` zooms the whole cloud out once: a smaller unit, every word
placed again near its zoomed old centre, and `generation` one up (a screen fades then).
`update` is the two together, for a live screen. A room of 200 people answering one by one
relayouts ~3 times (bench/bench_clouds_grow.py); a room of 20 about once.

Pure and deterministic: the same history of frequency maps gives the same layouts. Boxes are
the words' ink in output pixels; two are at least MARGIN apart and PADDING off the edges.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from dna.output.cloudroom import Room
from dna.output.cloudstyle import (
    DEFAULT_STYLE,
    MARGIN,
    PADDING,
    RELATIVE_SCALING,
    TOP_WORD_SHARE,
    CloudStyle,
    display_counts,
    ink,
)

ROOM = 0.45  # share of the canvas the boxes (with margins) may cover when the room has grown
AHEAD = 3.0  # a (re)layout leaves room for the counts to triple: rare relayouts, a full cloud
SHRINK = 0.85  # a relayout for lack of room makes every word at least this much smaller
LEFT_OUT = 0.02  # words left out may hold this share of the answers shown before a relayout
FLOOR_SHARE = 0.1  # the top word shrinks below this share of the height only for single words
TRIES = 6  # placements per relayout, each SHRINK smaller, before words are left out
STEP = 1.1  # font sizes are rungs this far apart: a word grows a rung per several answers
SLACK = 0.2  # a word is placed where it has this share of its size free around it, to grow
BUMPS = 3  # a grown word stays put when it only runs into this many smaller words: they move


@dataclass(frozen=True)
class Placed:
    """One word on the canvas: its ink box in output pixels and the font size it is drawn at."""

    label: str
    count: int
    size: int
    x: int
    y: int
    w: int
    h: int
    vertical: bool = False  # turned a quarter; the current look never turns a word

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    def to_json(self) -> dict:
        return {"x": self.x, "y": self.y, "w": self.w, "h": self.h, "vertical": self.vertical}


@dataclass(frozen=True)
class Layout:
    """The placed words of one cloud, and what the next update needs to keep them in place."""

    width: int
    height: int
    unit: float = 0.0  # font pixels per count ** RELATIVE_SCALING, before the cap and the floor
    top: int = 0  # the top word's font size at the last relayout: drawn at full colour strength
    words: tuple[Placed, ...] = ()  # by (-count, label): the drawing order
    left_out: tuple[str, ...] = ()  # words that should show but found no room
    crowded: bool = False  # a word found no room but would at a smaller unit: relayout() helps
    generation: int = 0  # how many relayouts since the first layout: a screen fades on a change

    def boxes(self) -> dict[str, Placed]:
        return {p.label: p for p in self.words}

    def to_json(self) -> dict[str, dict]:
        """label -> {"x", "y", "w", "h", "vertical"}, in output pixels."""
        return {p.label: p.to_json() for p in self.words}


def shown(frequencies: Mapping[str, int], style: CloudStyle) -> dict[str, int]:
    """The words a cloud shows: display labels, the max_words most frequent, by (-count, label)."""
    return dict(list(display_counts(frequencies).items())[: style.max_words])


def update(
    previous: Layout | None, frequencies: Mapping[str, int], style: CloudStyle = DEFAULT_STYLE
) -> Layout:
    """What a live screen calls on every change: grow, and relayout (once) when that ran out."""
    grown = grow(previous, frequencies, style)
    return relayout(grown, frequencies, style) if grown.crowded else grown


def grow(
    previous: Layout | None, frequencies: Mapping[str, int], style: CloudStyle = DEFAULT_STYLE
) -> Layout:
    """The counts laid out over `previous`: words that stay keep their place; see the module.

    Without a previous layout (or one of another canvas size, or an empty one) this is a fresh
    layout. Never relayouts: when room runs out the result is `crowded`, the caller's call.
    """
    counts = shown(frequencies, style)
    if previous is None or not previous.words or _canvas(previous) != _canvas(style):
        return relayout(None, frequencies, style)
    if not counts:
        return Layout(style.width, style.height)
    placed = _arrange(counts, style, previous.unit, previous.top, previous.boxes(), keep=True)
    return replace(placed, generation=previous.generation)


def relayout(
    previous: Layout | None, frequencies: Mapping[str, int], style: CloudStyle = DEFAULT_STYLE
) -> Layout:
    """The counts laid out again at a new unit, each word as near to where it was in `previous`
    (zoomed with the unit) as the room allows; new words near the middle.

    The unit leaves room to grow: the counts AHEAD times over would cover ROOM of the canvas,
    with the top word at most at the cap, so the next relayout comes only after the room has
    grown about AHEAD times (for a room answering one by one: a handful of answers, then tens,
    then hundreds). After a crowded layout the unit is also at least SHRINK smaller than its
    unit, and smaller again, up to TRIES times, until all fit or the top word is at its floor.
    """
    counts = shown(frequencies, style)
    if not counts:
        return Layout(style.width, style.height)
    floor, anchors, generation = _floor_unit(counts, style), {}, 0
    unit = max(floor, _fitting_unit(counts, style) / math.sqrt(AHEAD))
    if previous is not None and previous.words and _canvas(previous) == _canvas(style):
        anchors, generation = previous.boxes(), previous.generation + 1
        if previous.crowded:
            unit = max(floor, min(unit, previous.unit * SHRINK))
    for _ in range(TRIES):
        top = _size(max(counts.values()), unit, style)
        zoom = unit / previous.unit if anchors else 1.0
        result = _arrange(counts, style, unit, top, anchors, keep=False, zoom=zoom)
        if not result.left_out or unit <= floor:
            break
        unit = max(floor, unit * SHRINK)
    return replace(result, generation=generation)


def _canvas(thing: Layout | CloudStyle) -> tuple[int, int]:
    return thing.width, thing.height


def _cap(style: CloudStyle) -> int:
    return max(style.min_font_size, round(style.height * TOP_WORD_SHARE))


def _size(count: int, unit: float, style: CloudStyle) -> int:
    """unit * count ** RELATIVE_SCALING, on a ladder of sizes STEP apart from the minimum
    (a word changes size, and moves its neighbours, only when it climbs a rung), capped."""
    raw = unit * count**RELATIVE_SCALING
    if raw <= style.min_font_size:
        return style.min_font_size
    rung = round(math.log(raw / style.min_font_size) / math.log(STEP))
    return min(_cap(style), round(style.min_font_size * STEP**rung))


def _floor_unit(counts: Mapping[str, int], style: CloudStyle) -> float:
    """The smallest unit: the rarest word at the minimum size, or, when that is smaller, the
    top word at FLOOR_SHARE of the height. Below it the rarest words are left out instead."""
    top = min(_cap(style), max(style.min_font_size, style.height * FLOOR_SHARE))
    rarest = style.min_font_size / min(counts.values()) ** RELATIVE_SCALING
    return min(rarest, top / max(counts.values()) ** RELATIVE_SCALING)


def _fitting_unit(counts: Mapping[str, int], style: CloudStyle) -> float:
    """The biggest unit at which the boxes would cover at most ROOM of the canvas (estimated
    from each label's ink at size 100), between the floor and the top word at the cap."""
    weights = np.array([c**RELATIVE_SCALING for c in counts.values()])
    em = np.array([ink(label, 100) for label in counts], dtype=float) / 100
    ems_w, ems_h = em[:, 2] - em[:, 0], em[:, 3] - em[:, 1]
    pad = round(min(style.width, style.height) * PADDING)
    target = ROOM * (style.width - 2 * pad) * (style.height - 2 * pad)

    def area(unit: float) -> float:
        sizes = np.clip(np.round(unit * weights), style.min_font_size, _cap(style))
        return float(((ems_w * sizes + MARGIN) * (ems_h * sizes + MARGIN)).sum())

    low, high = _floor_unit(counts, style), _cap(style) / float(weights.max())
    if area(high) <= target or area(low) >= target:
        return float(high if area(high) <= target else low)
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if area(middle) <= target else (low, middle)
    return float(low)


def _arrange(
    counts: Mapping[str, int],
    style: CloudStyle,
    unit: float,
    top: int,
    anchors: Mapping[str, Placed],
    keep: bool,
    zoom: float = 1.0,
) -> Layout:
    """Place the words. With `keep`, the words that stay go around their old centres first
    (see _Placing.stay); the others go, in order, to the free place nearest their target: the
    old centre zoomed towards the middle by `zoom`, or the middle for a new word. A word that
    finds no free place pushes away smaller words rather than be left out (see _Placing.push)."""
    placing = _Placing(counts, style, unit)
    middle = (style.width / 2, style.height / 2)
    if keep:
        placing.stay(anchors)
        placing.queue += [(label, middle) for label in counts if label not in anchors]
    else:
        for label in counts:
            old = anchors.get(label)
            (cx, cy), (mx, my) = (old.centre if old else middle), middle
            placing.queue.append((label, (mx + (cx - mx) * zoom, my + (cy - my) * zoom)))
    placing.run()
    spots, boxes = placing.spots, placing.boxes
    words = tuple(
        Placed(label, count, boxes[label][0], *spots[label], *boxes[label][1:])
        for label, count in counts.items()
        if label in spots
    )
    left_out = tuple(label for label in counts if label not in spots)
    missing = sum(counts[label] for label in left_out if placing.fits(label))
    crowded = missing > LEFT_OUT * sum(counts.values()) and unit * SHRINK >= _floor_unit(
        counts, style
    )
    return Layout(style.width, style.height, unit, top, words, left_out, crowded)


class _Placing:
    """One placement: the room, each word's (size, width, height), where the placed words are,
    and the words still to place with their targets. Lives for one _arrange call."""

    def __init__(self, counts: Mapping[str, int], style: CloudStyle, unit: float) -> None:
        self.counts, self.room = counts, Room(style.width, style.height)
        self.min_size = style.min_font_size
        self.boxes = {
            w: _measure(w, _size(n, unit, style), self.room, style) for w, n in counts.items()
        }
        self.spots: dict[str, tuple[int, int]] = {}
        self.queue: deque[tuple[str, tuple[float, float]]] = deque()

    def put(self, label: str, spot: tuple[int, int]) -> None:
        self.room.take(*spot, *self.boxes[label][1:], rank=self.counts[label])
        self.spots[label] = spot

    def push(self, label: str, spot: tuple[int, int]) -> None:
        """Move the words in the way to the end of the queue, then put the word here."""
        cells = self.room.cells(*spot, *self.boxes[label][1:])
        for other in [b for b in self.spots if _overlap(cells, self._cells(b))]:
            x, y = self.spots.pop(other)
            _, w, h = self.boxes[other]
            self.room.give_back(x, y, w, h)
            self.queue.append((other, (x + w / 2, y + h / 2)))
        self.put(label, spot)

    def fits(self, label: str) -> bool:
        """The word would fit on an empty canvas, or a smaller unit would make it smaller."""
        size, w, h = self.boxes[label]
        return size > self.min_size or (w <= self.room.widest and h <= self.room.tallest)

    def _cells(self, label: str) -> tuple[int, int, int, int]:
        return self.room.cells(*self.spots[label], *self.boxes[label][1:])

    def stay(self, anchors: Mapping[str, Placed]) -> None:
        """Put the words that stay around their old centres: first those that did not grow
        (they cannot collide), then the grown ones by count. A grown word that runs into at
        most BUMPS smaller words stays and pushes them away; otherwise it moves itself."""
        staying = [label for label in self.counts if label in anchors]
        grown = {
            label
            for label in staying
            if self.boxes[label][1] > anchors[label].w or self.boxes[label][2] > anchors[label].h
        }
        for label in sorted(staying, key=lambda label: label in grown):  # stable: by count
            old, (_, w, h) = anchors[label], self.boxes[label]
            spot = old.x + (old.w - w) // 2, old.y + (old.h - h) // 2
            if self.room.free(*spot, w, h):
                self.put(label, spot)
                continue
            cells = self.room.cells(*spot, w, h)
            hit = [b for b in self.spots if _overlap(cells, self._cells(b))]
            count = self.counts[label]
            if self.room.inside(*spot, w, h) and len(hit) <= BUMPS:
                if all(self.counts[b] < count for b in hit):
                    self.push(label, spot)
                    continue
            self.queue.append((label, old.centre))

    def run(self) -> None:
        """Place the queue in order, each word where SLACK of its size is free around it, or
        else where it just fits. A word with no free place at all takes the one that covers
        the fewest cells of words with at most half its count, and pushes those (bounded:
        the counts halve along a chain of pushes)."""
        budget = 4 * len(self.counts) + len(self.queue)
        while self.queue and budget:
            budget -= 1
            label, target = self.queue.popleft()
            _, w, h = self.boxes[label]
            sx, sy = math.ceil(w * SLACK / 2), math.ceil(h * SLACK / 2)
            spot = self.room.find(w + 2 * sx, h + 2 * sy, target)
            if spot is not None:
                self.put(label, (spot[0] + sx, spot[1] + sy))
                continue
            spot = self.room.find(w, h, target)
            if spot is not None:
                self.put(label, spot)
                continue
            over = self.counts[label] // 2 + 1
            if any(self.counts[b] < over for b in self.spots):
                spot = self.room.find(w, h, target, over=over)
                if spot is not None:
                    self.push(label, spot)


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _measure(label: str, size: int, room: Room, style: CloudStyle) -> tuple[int, int, int]:
    """(size, width, height) of the label, smaller than `size` when it would not fit across."""
    left, top, right, bottom = ink(label, size)
    while size > style.min_font_size and right - left > room.widest:
        size = max(style.min_font_size, min(size - 1, size * room.widest // (right - left)))
        left, top, right, bottom = ink(label, size)
    return size, right - left, bottom - top
