"""Word clouds from counts: PNG for the big screen, SVG for the browser, GIF for a replay.

Two layouts: `layout` packs the words from scratch with the wordcloud library (a cloud of one
moment: `render_png`, `render_svg`, the analyse command's PNGs), and dna.output.cloudlayout grows a
cloud in place over its previous layout (the beamer, and through dna.output.replay the clouds page,
its downloads and the DNA sheet: `draw_png`, `draw_svg`, `replay_gif`). Both use one style: the
font, the labels (`display_counts`, `shorten`) and the colours of dna.output.cloudstyle.

Clouds are built from frequencies only (no tokenising, stop words or collocations), so a label
such as "de klant centraal" stays whole. The same counts and style always give the same bytes.
"""

from __future__ import annotations

import base64
import io
import math
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

import numpy as np
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont
from wordcloud import WordCloud

import dna.output.cloudlayout as cloudlayout
from dna.output.animation import Animation
from dna.output.cloudlayout import Layout
from dna.output.cloudstyle import (
    DEFAULT_STYLE,
    FILL,
    FONT_FALLBACK,
    FONT_PATH,
    MARGIN,
    PADDING,
    RELATIVE_SCALING,
    TOP_WORD_SHARE,
    CloudStyle,
    Painter,
    display_counts,
    face,
    ink,
)

__all__ = [
    "CloudStyle",
    "Layout",
    "draw",
    "draw_png",
    "draw_svg",
    "encode_png",
    "layout",
    "render_png",
    "render_svg",
    "replay_gif",
]


def layout(frequencies: Mapping[str, int], style: CloudStyle = DEFAULT_STYLE) -> WordCloud:
    """The fitted cloud: `layout_` holds ((label, weight), size, position, orientation, colour).

    Sizes and positions are in layout pixels: multiply by `.scale` for output pixels.
    An empty or all-zero mapping gives a cloud with an empty `layout_` (a blank image).
    """
    s = style.scale
    width, height = max(1, round(style.width / s)), max(1, round(style.height / s))
    pad = round(min(width, height) * PADDING)
    border = np.full((height, width), 255, dtype=np.uint8)  # 255: no word goes here
    border[pad : height - pad, pad : width - pad] = 0
    wc = WordCloud(
        font_path=str(FONT_PATH),
        width=width,
        height=height,
        mask=border,
        scale=s,
        max_words=style.max_words,
        min_font_size=math.ceil(style.min_font_size / s),
        max_font_size=_top_size(display_counts(frequencies), width, height, style),
        prefer_horizontal=1.0,  # vertical words are hard to read on a wall
        relative_scaling=RELATIVE_SCALING,
        margin=max(2, round(MARGIN / s)),
        background_color=style.background,
        random_state=style.random_state,
        color_func=_black,
    )
    counts = display_counts(frequencies)
    if counts:
        wc.generate_from_frequencies(counts)
    if not counts or not wc.layout_:  # nothing to show, or no room for even the first word
        wc.layout_, wc.words_ = [], {}
        return wc
    _centre(wc)
    return wc.recolor(color_func=Painter(style, max(item[1] for item in wc.layout_)))


def _top_size(counts: Mapping[str, int], width: int, height: int, style: CloudStyle) -> int:
    """A top font size at which the words should fit at the sizes their counts call for.

    The library shrinks a word that no longer fits, so equal counts could get unequal sizes;
    estimating the room first keeps sizes true to the counts. Sizes follow the library's rule
    (each word relative to the one before); words that would fall below the minimum drop out
    of the estimate. Glyphs are ~0.6 em wide, a line ~1.2 em high, and about FILL of the
    canvas can be covered.
    """
    cap = max(1, round(height * TOP_WORD_SHARE))
    minimum = math.ceil(style.min_font_size / style.scale)
    ratios, last, ratio = [], None, 1.0
    for word, count in list(counts.items())[: style.max_words]:
        if last is not None:
            ratio *= RELATIVE_SCALING * count / last + (1 - RELATIVE_SCALING)
        ratios.append((len(word), ratio))
        last = count
    top = cap
    for _ in range(4):  # words that drop below the minimum need no room: settle in a few steps
        need = sum(n * 0.6 * 1.2 * r * r for n, r in ratios if top * r >= minimum) or 1.0
        top = max(1, min(cap, round(math.sqrt(FILL * width * height / need))))
    return top


def _centre(wc: WordCloud) -> None:
    """Move the words as one block to the middle: a sparse cloud sits centred, not in a corner."""
    boxes = []  # (top, left, bottom, right) of each word as the library draws it
    for (word, _), size, (row, col), orientation, _ in wc.layout_:
        font = ImageFont.TransposedFont(ImageFont.truetype(wc.font_path, size), orientation)
        left, top, right, bottom = font.getbbox(word)
        boxes.append((row + top, col + left, row + bottom, col + right))
    top, left = min(b[0] for b in boxes), min(b[1] for b in boxes)
    bottom, right = max(b[2] for b in boxes), max(b[3] for b in boxes)
    down, across = (wc.height - top - bottom) // 2, (wc.width - left - right) // 2
    wc.layout_ = [
        (item, size, (int(row) + down, int(col) + across), orientation, colour)
        for item, size, (row, col), orientation, colour in wc.layout_
    ]


def render_png(frequencies: Mapping[str, int], style: CloudStyle = DEFAULT_STYLE) -> bytes:
    """The cloud as PNG bytes of exactly style.width x style.height."""
    image = layout(frequencies, style).to_image()
    if image.size != (style.width, style.height):  # the size was not a multiple of the scale
        canvas = Image.new("RGB", (style.width, style.height), style.background)
        canvas.paste(image, (0, 0))
        image = canvas
    return encode_png(image)


def render_svg(
    frequencies: Mapping[str, int], style: CloudStyle = DEFAULT_STYLE, embed_font: bool = True
) -> str:
    """The cloud as SVG text, with the used glyphs embedded (about 10 kB, 0.1 s) by default.

    Without `embed_font` the browser falls back to a system sans, whose wider or narrower
    glyphs can make neighbouring words touch.
    """
    return _svg(layout(frequencies, style), embed_font)


def _black(*_args: object, **_kwargs: object) -> str:
    return "black"  # placeholder while laying out; Painter colours the words afterwards


def draw(placed: Layout, style: CloudStyle = DEFAULT_STYLE) -> Image.Image:
    """A grown layout as an image of its canvas size, in the style's colours. Each word is
    stamped in its colour through its ink (`_stamp`), rendered once: a live cloud draws mostly
    the same words at the same sizes again."""
    image = Image.new("RGB", (placed.width, placed.height), style.background)
    pen, paint = ImageDraw.Draw(image), Painter(style, placed.top)
    for p in placed.words:
        colour = paint(p.label, p.size)
        if p.vertical:
            left, top, _, _ = ink(p.label, p.size, p.vertical)
            pen.text((p.x - left, p.y - top), p.label, fill=colour, font=face(p.size, True))
        else:
            image.paste(colour, (p.x, p.y), _stamp(p.label, p.size))
    return image


@lru_cache(maxsize=512)  # a few clouds' words at a few sizes; most stamps are ~10-50 kB
def _stamp(label: str, size: int) -> Image.Image:
    """The label's ink at this size as a mask the size of its ink box
    (dna.output.cloudstyle.ink)."""
    left, top, right, bottom = ink(label, size)
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), label, fill=255, font=face(size))
    return mask


def draw_png(placed: Layout, style: CloudStyle = DEFAULT_STYLE) -> bytes:
    """A grown layout as PNG bytes (see dna.output.cloudlayout.update)."""
    return encode_png(draw(placed, style))


def draw_svg(placed: Layout, style: CloudStyle = DEFAULT_STYLE, embed_font: bool = True) -> str:
    """A grown layout as SVG text, written as render_svg writes a cloud."""
    shell = WordCloud(
        font_path=str(FONT_PATH),
        width=placed.width,
        height=placed.height,
        scale=1,
        max_font_size=max(1, placed.top),
        background_color=style.background,
    )
    paint = Painter(style, placed.top)
    shell.layout_ = [
        (
            (p.label, p.count),
            p.size,
            (p.y - ink(p.label, p.size, p.vertical)[1], p.x - ink(p.label, p.size, p.vertical)[0]),
            Image.Transpose.ROTATE_90 if p.vertical else None,
            paint(p.label, p.size),
        )
        for p in placed.words
    ]
    return _svg(shell, embed_font)


def replay_gif(
    frames: Iterable[Mapping[str, int]],
    style: CloudStyle = DEFAULT_STYLE,
    duration: int = 400,
    hold: int = 3000,
) -> bytes:
    """An animated GIF of a cloud growing through `frames` (frequency maps, oldest first) as a
    live screen grows it (cloudlayout.update): `duration` ms a frame, the last held `hold` ms.
    Frames that change nothing are merged. No frames: one blank frame."""
    animation, placed = Animation(duration, hold), None
    for frequencies in frames:
        placed = cloudlayout.update(placed, frequencies, style)
        animation.add(draw(placed, style))
    if placed is None:
        animation.add(Image.new("RGB", (style.width, style.height), style.background))
    return animation.finish()


def encode_png(image: Image.Image) -> bytes:
    """An image as the PNG bytes every cloud function returns."""
    buffer = io.BytesIO()
    # compress_level 1: a few more bytes for an image of mostly one colour, a third of the time
    image.save(buffer, format="PNG", optimize=False, compress_level=1)
    return buffer.getvalue()


def _svg(shell: WordCloud, embed_font: bool) -> str:
    svg = shell.to_svg(embed_font=embed_font and bool(shell.layout_))  # no glyphs: no subset
    family = ImageFont.truetype(str(FONT_PATH)).getname()[0]
    svg = _EMBEDDED.sub(lambda m: m.group(1) + _timeless(m.group(2)), svg, count=1)
    return svg.replace(f"text{{font-family:'{family}';", f"text{{font-family:{FONT_FALLBACK};")


_EMBEDDED = re.compile(r"(data:application/font-woff;charset=utf-8;base64,)([A-Za-z0-9+/=]+)")


def _timeless(woff: str) -> str:
    """The embedded font subset without the moment it was made: fontTools stamps "modified"
    with the clock on save, so the same cloud gave other bytes a second later. The subset
    keeps the shipped font's own "created" date instead."""
    font = TTFont(io.BytesIO(base64.b64decode(woff)), recalcTimestamp=False)
    font["head"].modified = font["head"].created
    out = io.BytesIO()
    font.save(out)
    return base64.b64encode(out.getvalue()).decode("ascii")
