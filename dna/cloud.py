"""Word clouds from counts: a fitted layout, a PNG for the big screen and an SVG for the browser.

Clouds are built from frequencies only (no tokenising, stop words or collocations), so a label
such as "de klant centraal" stays whole. The same counts and style always give the same bytes.
"""

from __future__ import annotations

import colorsys
import hashlib
import io
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np
from PIL import Image, ImageColor, ImageFont
from wordcloud import WordCloud

from dna.records import CURRENT, DESIRED

FONT_DIR = Path(__file__).resolve().parent.parent / "data" / "fonts"
FONT_PATH = FONT_DIR / "OpenSans-Bold.ttf"  # the cloud's font; Dutch diacritics and quotes
FONT_PATH_REGULAR = FONT_DIR / "OpenSans-Regular.ttf"  # its regular weight, for exports
FONT_FALLBACK = "'Open Sans','Segoe UI','Helvetica Neue',Arial,sans-serif"

MAX_LABEL_CHARS = 40  # longer labels are shortened with an ellipsis: unreadable in a cloud anyway
MIN_CONTRAST = 4.5  # WCAG AA for normal text, against the background, for every word
LAYOUT_AREA = 360_000  # pixels laid out; the image is drawn at full size (speed lever)
TOP_WORD_SHARE = 0.25  # the biggest word's font size, as a share of the height: room for the rest
MARGIN = 12  # output pixels around each word: phrases must not run together
PADDING = 0.02  # empty border, as a share of the shorter side: words never touch the edge
RELATIVE_SCALING = 0.5  # how much a word's size follows its count (the library's default)
FILL = 0.6  # share of the canvas the words may cover, estimated from their boxes
FADE = 0.35  # how far the smallest words fade towards the background, before the contrast floor

# Strong shades for a light background, and light ones for a dark background.
# Warm for the current culture, cool for the desired one: the two clouds never look alike.
_PALETTES: Mapping[tuple[str, bool], tuple[str, ...]] = MappingProxyType(
    {
        (CURRENT, False): ("#B91C1C", "#C2410C", "#9A3412", "#A16207", "#BE123C", "#7C2D12"),
        (DESIRED, False): ("#047857", "#0F766E", "#1D4ED8", "#0369A1", "#15803D", "#4338CA"),
        (CURRENT, True): ("#FCA5A5", "#FDBA74", "#FCD34D", "#FDA4AF", "#FB923C", "#FED7AA"),
        (DESIRED, True): ("#6EE7B7", "#5EEAD4", "#93C5FD", "#7DD3FC", "#86EFAC", "#A5B4FC"),
    }
)


@dataclass(frozen=True)
class CloudStyle:
    """How a cloud looks. Sizes are output pixels; the defaults suit a 16:9 projector."""

    width: int = 1600
    height: int = 900
    max_words: int = 60  # cap the number of terms: legible on a projector
    min_font_size: int = 20  # no tiny words: still legible when the image is shown at half size
    palette: str = CURRENT  # CURRENT | DESIRED
    background: str = "white"  # any CSS colour; dark ones get the light palette
    random_state: int = 42

    def __post_init__(self) -> None:
        if self.width < 1 or self.height < 1 or self.max_words < 1 or self.min_font_size < 1:
            raise ValueError(f"sizes and max_words must be positive: {self}")
        if self.palette not in (CURRENT, DESIRED):
            raise ValueError(f"palette must be {CURRENT!r} or {DESIRED!r}, got {self.palette!r}")
        ImageColor.getrgb(self.background)  # raises ValueError on an unknown colour

    @property
    def scale(self) -> int:
        """Layout at about LAYOUT_AREA pixels, then draw `scale` times bigger."""
        return max(1, round(math.sqrt(self.width * self.height / LAYOUT_AREA)))


def shorten(label: str, limit: int = MAX_LABEL_CHARS) -> str:
    """The label as the cloud shows it: whitespace collapsed, long ones cut at a word + '…'."""
    label = " ".join(label.split())
    if len(label) <= limit:
        return label
    cut = label[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def display_counts(frequencies: Mapping[str, int]) -> dict[str, int]:
    """Positive counts under their display labels, sorted by (-count, label): order-independent."""
    counts: dict[str, int] = {}
    for label, count in frequencies.items():
        text = shorten(label)
        if text and count > 0:
            counts[text] = counts.get(text, 0) + count
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def layout(frequencies: Mapping[str, int], style: CloudStyle = CloudStyle()) -> WordCloud:
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
    return wc.recolor(color_func=_Painter(style, max(item[1] for item in wc.layout_)))


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


def render_png(frequencies: Mapping[str, int], style: CloudStyle = CloudStyle()) -> bytes:
    """The cloud as PNG bytes of exactly style.width x style.height."""
    image = layout(frequencies, style).to_image()
    if image.size != (style.width, style.height):  # the size was not a multiple of the scale
        canvas = Image.new("RGB", (style.width, style.height), style.background)
        canvas.paste(image, (0, 0))
        image = canvas
    buffer = io.BytesIO()
    # compress_level 1: a few more bytes for an image of mostly one colour, a third of the time
    image.save(buffer, format="PNG", optimize=False, compress_level=1)
    return buffer.getvalue()


def render_svg(
    frequencies: Mapping[str, int], style: CloudStyle = CloudStyle(), embed_font: bool = True
) -> str:
    """The cloud as SVG text, with the used glyphs embedded (about 10 kB, 0.1 s) by default.

    Without `embed_font` the browser falls back to a system sans, whose wider or narrower
    glyphs can make neighbouring words touch.
    """
    cloud = layout(frequencies, style)
    svg = cloud.to_svg(embed_font=embed_font and bool(cloud.layout_))  # no glyphs: no subset
    family = ImageFont.truetype(str(FONT_PATH)).getname()[0]
    return svg.replace(f"text{{font-family:'{family}';", f"text{{font-family:{FONT_FALLBACK};")


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio of two sRGB colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _luminance(rgb: tuple[int, int, int]) -> float:
    lin = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _black(*_args: object, **_kwargs: object) -> str:
    return "black"  # placeholder while laying out; _Painter colours the words afterwards


class _Painter:
    """Colour per word: palette entry by a stable hash of (seed, word); big words strongest."""

    def __init__(self, style: CloudStyle, max_size: int) -> None:
        self.background = ImageColor.getrgb(style.background)[:3]
        self.dark = contrast(self.background, (255, 255, 255)) > contrast(self.background, (0,) * 3)
        self.palette = [ImageColor.getrgb(c)[:3] for c in _PALETTES[style.palette, self.dark]]
        self.seed = style.random_state
        self.max_size = max(1, max_size)

    def __call__(self, word: str, font_size: int, **_kwargs: object) -> str:
        digest = hashlib.blake2b(f"{self.seed}\x00{word}".encode(), digest_size=4).digest()
        r, g, b = self.palette[int.from_bytes(digest, "big") % len(self.palette)]
        hue, light, sat = colorsys.rgb_to_hls(r / 255, g / 255, b / 255)
        bg_light = colorsys.rgb_to_hls(*(c / 255 for c in self.background))[1]
        prominence = min(1.0, font_size / self.max_size)
        light += (bg_light - light) * FADE * (1 - prominence)
        step = 0.02 if self.dark else -0.02  # away from the background until it reads
        while True:
            rgb = tuple(round(c * 255) for c in colorsys.hls_to_rgb(hue, light, sat))
            if contrast(rgb, self.background) >= MIN_CONTRAST or not 0 < light < 1:
                return "#{:02x}{:02x}{:02x}".format(*rgb)
            light = min(1.0, max(0.0, light + step))
