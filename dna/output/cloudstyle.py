"""How a word cloud looks, whatever lays it out: the canvas, the font, the labels and the colours.

The bottom of the cloud modules: dna.output.cloudlayout places words with it and dna.output.cloud
draws them.
"""

from __future__ import annotations

import colorsys
import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from PIL import Image, ImageColor, ImageFont

from dna.colour import contrast
from dna.records import CURRENT, DESIRED

FONT_DIR = Path(__file__).resolve().parents[2] / "data" / "fonts"
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


DEFAULT_STYLE = CloudStyle()  # the default of every cloud function: a 16:9 projector


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


@lru_cache(maxsize=256)
def face(size: int, vertical: bool = False) -> ImageFont.FreeTypeFont | ImageFont.TransposedFont:
    """The cloud's font (FONT_PATH) at this size, turned a quarter for a vertical word."""
    font = ImageFont.truetype(str(FONT_PATH), size)
    return ImageFont.TransposedFont(font, Image.Transpose.ROTATE_90) if vertical else font


@lru_cache(maxsize=65_536)
def ink(label: str, size: int, vertical: bool = False) -> tuple[int, int, int, int]:
    """The label's ink (left, top, right, bottom) when drawn at (0, 0), Pillow's anchor 'la'."""
    return face(size, vertical).getbbox(label)


class Painter:
    """Colour per word: palette entry by a stable hash of (seed, word); big words strongest.

    `max_size` is the font size drawn at full strength; smaller words fade towards the
    background, never below MIN_CONTRAST. A word's colour depends on its label and size only.
    """

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
