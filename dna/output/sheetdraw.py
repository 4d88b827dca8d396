"""What both DNA sheet layouts draw with: a page of the PDF with the shipped fonts, wrapped
text, number badges, the logo and the clouds.

A cloud is drawn for the box it gets: grown again (dna.output.replay) on a canvas of the box's size
at CLOUD_DPI, its smallest word MIN_CLOUD_PT as printed; a cloud given as a finished layout
leaves out the words that would print smaller and is cut to the words that stay. Equal data
give equal bytes: the creation date is the sheet's date, images are drawn the same way.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from PIL import Image

import dna.output.cloud as cloud
import dna.output.replay as replay
import dna.workshop.sheetlogo as sheetlogo
from dna.output.cloudlayout import Layout, Placed
from dna.output.sheetdata import Grown, SheetData
from dna.output.sheettexts import TEXTS
from dna.workshop.sheetoptions import SheetOptions, tint

FONT_DIR = Path(__file__).resolve().parents[2] / "data" / "fonts"
FONTS = MappingProxyType({"": "OpenSans-Regular.ttf", "B": "OpenSans-Bold.ttf"})
PT = 25.4 / 72  # mm per point
LEADING = 1.4  # line height as a multiple of the type size
MIN_CLOUD_PT = 8.0  # the smallest word a printed cloud shows
CLOUD_DPI = 250  # clouds are embedded this sharp at their printed size, no sharper
CLOUD_PX = 720  # a cloud given as a PNG is embedded at most this wide
INK, MUTED, RULE, BAR = "#1f2937", "#6b7280", "#e5e7eb", "#cbd5e1"
CURRENT_COLOUR = "#c2410c"  # warm, as the current culture's cloud
DO_COLOUR, DONT_COLOUR = "#15803d", "#b91c1c"
WHITE = "#ffffff"


def printable(text: str) -> str:
    """The text as the sheet prints it: one line, without characters the font cannot draw."""
    words = unicodedata.normalize("NFC", text).split()
    return " ".join(k for w in words if (k := "".join(c for c in w if ord(c) in _drawable())))


@lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    cmaps = []
    for name in FONTS.values():
        with TTFont(FONT_DIR / name, lazy=True) as font:
            cmaps.append(frozenset(font.getBestCmap()))
    return frozenset.intersection(*cmaps)


def readable(layout: Layout, w: float, h: float, min_pt: float = MIN_CLOUD_PT):
    """The words of a cloud that print at least `min_pt` in a w x h mm box, the pixel box
    (x0, y0, x1, y1) they fill, and the mm per pixel they print at. Cutting to fewer words
    zooms in, so the box is measured again until every word left is large enough."""
    words = list(layout.words)
    while words:
        pad = max(p.h for p in words) // 4
        x0, y0 = min(p.x for p in words) - pad, min(p.y for p in words) - pad
        x1, y1 = max(p.x + p.w for p in words) + pad, max(p.y + p.h for p in words) + pad
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(layout.width, x1), min(layout.height, y1)
        scale = min(w / (x1 - x0), h / (y1 - y0))
        kept = [p for p in words if p.size * scale / PT >= min_pt]
        if len(kept) == len(words):
            return tuple(words), (x0, y0, x1, y1), scale
        words = kept
    return (), (0, 0, layout.width, layout.height), 0.0


def largest(sizes: tuple[float, ...], fits) -> float | None:
    """The largest of `sizes` (largest first) for which fits(size) holds, by halving: the
    bigger the type, the taller the sheet. None when not even the smallest fits."""
    low, high = len(sizes) - 1, -1  # sizes[low] is the smallest known to fit; high: too big
    if not fits(sizes[low]):
        return None
    while low - high > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if fits(sizes[mid]) else (low, mid)
    return sizes[low]


class Page:
    """A sheet being laid out at one type scale on one paper. Drafts leave out the pictures:
    they measure. `sizes` are the layout's type sizes in pt at scale 1."""

    sizes: Mapping[str, float] = MappingProxyType({})
    leading = LEADING
    min_pt = 7.0  # no text is set smaller, whatever the scale

    def __init__(self, data: SheetData, options: SheetOptions, scale: float, paper: tuple,
                 margin: float, draft: bool = False):  # fmt: skip
        self.data, self.options, self.t = data, options, TEXTS[data.language]
        self.scale, self.draft, self.margin = scale, draft, margin
        self.accent = options.ink
        self.tint = tint(self.accent)
        self.type_sizes: set[float] = set()  # pt: every size text was set in
        self.cloud_sizes: list[float] = []  # pt: every cloud word as printed
        orientation, paper_format = paper
        self.pdf = pdf = FPDF(orientation=orientation, format=paper_format, unit="mm")
        for style, name in FONTS.items():
            pdf.add_font("sans", style, str(FONT_DIR / name))
        pdf.set_margins(margin, margin, margin)
        pdf.c_margin = 0  # text starts exactly where it is placed
        pdf.set_draw_color(RULE)  # every line is a hairline rule
        pdf.set_line_width(0.25)
        pdf.set_auto_page_break(True, margin)  # only a block taller than a page ever breaks
        pdf.set_creation_date(dt.datetime.combine(data.date, dt.time(12), tzinfo=dt.UTC))
        pdf.set_title(printable(data.title))
        pdf.set_author(printable(data.organisation))
        pdf.set_lang(data.language)
        pdf.add_page()
        self.width, self.bottom = pdf.epw, pdf.h - margin

    def close(self) -> None:
        """A draft's fonts (output() would close them; a draft is never output)."""
        for font in self.pdf.fonts.values():
            font.close()

    def size(self, key: str) -> float:
        return max(self.sizes[key] * self.scale, self.min_pt)

    def font(self, key: str, bold: bool = False, colour: str = INK) -> float:
        """Sets the type and returns its line height in mm."""
        size = self.size(key)
        self.pdf.set_font("sans", "B" if bold else "", size)
        self.pdf.set_text_color(colour)
        self.type_sizes.add(round(size, 2))
        return size * PT * self.leading

    def para(self, x: float, y: float, w: float, text: str, key: str, bold: bool = False,
             colour: str = INK, dry: bool = False, align: str = "L") -> float:  # fmt: skip
        """Wraps plain text into a box w wide at (x, y); returns the y below it."""
        line = self.font(key, bold, colour)
        self.pdf.set_xy(x, y)
        h = self.pdf.multi_cell(w, line, printable(text), align=align, markdown=False,
                                new_x=XPos.LEFT, new_y=YPos.NEXT, dry_run=dry,
                                output=MethodReturnValue.HEIGHT)  # fmt: skip
        return y + h if dry else self.pdf.get_y()

    def badge(self, n: int, x: float, y: float, d: float, key: str) -> None:
        """A number in a disc of the accent colour, d mm across, its top left at (x, y)."""
        self.pdf.set_fill_color(self.accent)
        self.pdf.circle(x + d / 2, y + d / 2, d / 2, style="F")
        line = self.font(key, bold=True, colour=WHITE)
        self.pdf.set_xy(x, y + (d - line) / 2)
        self.pdf.cell(d, line, str(n), align="C")

    def logo(self, x: float, y: float, w: float, h: float, right: bool = False) -> float:
        """Draws the logo as large as fits w x h mm (against the right edge when `right`);
        returns the width it takes (0 without a logo)."""
        kind, data = self.options.logo_kind, self.options.logo
        if not data:
            return 0.0
        ratio = sheetlogo.aspect(kind, data)
        lw = min(w, h * ratio)
        lh = lw / ratio
        if not self.draft:
            image = sheetlogo.svg_root(data) if kind == sheetlogo.SVG else io.BytesIO(data)
            self.pdf.image(image, x + (w - lw if right else 0), y, lw, lh)
        return lw

    def cloud(self, picture, palette: str, x: float, y: float, w: float, h: float) -> None:
        """A cloud in a w x h mm box, framed; its words at least MIN_CLOUD_PT as printed."""
        self.pdf.rect(x, y, w, h, round_corners=True, corner_radius=1.5)
        x, y, w, h = x + 1.5, y + 1.5, w - 3, h - 3
        if self.draft and picture is not None:
            return  # a draft measures: the picture's box is all it needs
        image, words, box, mm = None, (), None, 0.0
        if isinstance(picture, Grown):
            image, words, mm = _grown_image(picture, palette, w, h)
        elif isinstance(picture, Layout):
            words, box, mm = readable(picture, w, h)
            image = _cloud_image(picture, palette, words, box, w) if words else None
        elif picture is not None:
            image = _png(picture)
        self.cloud_sizes += [p.size * mm / PT for p in words]
        if image is None:
            self.para(x, y + h / 2 - 2.5, w, self.t["empty"], "small", colour=MUTED, align="C")
        else:
            self.pdf.image(image, x, y, w, h, keep_aspect_ratio=True)

    def footer(self) -> None:
        """Page numbers, on a sheet of more than one page."""
        pdf = self.pdf
        pdf.set_auto_page_break(False)
        for page in range(1, pdf.pages_count + 1) if pdf.pages_count > 1 else ():
            pdf.page = page
            label = self.t["page"].format(n=page, nb=pdf.pages_count)
            y = self.bottom + self.margin / 3
            self.para(self.margin, y, self.width, label, "small", colour=MUTED, align="R")


def _grown_image(grown: Grown, palette: str, w: float, h: float):
    """The cloud grown on a canvas of the box's size; (image or None, words, mm per pixel)."""
    per_mm = CLOUD_DPI / 25.4
    least = math.ceil(MIN_CLOUD_PT * PT * per_mm)
    style = cloud.CloudStyle(width=round(w * per_mm), height=round(h * per_mm),
                             min_font_size=least, palette=palette)  # fmt: skip
    placed = replay.grown(grown.frames, style)
    if not placed.words:
        return None, (), 0.0
    return cloud.draw(placed, style), placed.words, 1 / per_mm


def _cloud_image(layout: Layout, palette: str, words: tuple[Placed, ...], box: tuple, w: float):
    style = cloud.CloudStyle(width=layout.width, height=layout.height, palette=palette)
    image = cloud.draw(replace(layout, words=words), style).crop(box)
    most = round(w / 25.4 * CLOUD_DPI)
    if image.width > most:
        image = image.resize((most, round(image.height * most / image.width)), Image.LANCZOS)
    return image


def _png(png: bytes) -> Image.Image:
    with Image.open(io.BytesIO(png)) as image:
        image.thumbnail((CLOUD_PX, CLOUD_PX * 4))
        return image.convert("RGB")
