"""The DNA sheet as a poster for the wall: A3 landscape (or A4 landscape, everything scaled).

The tagline and the values large, what you can tell each value by readable from two metres
(at least MIN_PT on A3), the desired cloud when chosen, the logo; nothing else. The values
stand side by side as cards, in one row or more; the type is the largest that fits one page,
and the cards then stretch to the bottom. What does not fit at the minimum flows onto a
second page, whole cards at a time: nothing is left out or printed smaller.
"""

from __future__ import annotations

import math
from types import MappingProxyType

from dna.output.sheetdata import SheetData, SheetValue
from dna.output.sheetdraw import DO_COLOUR, DONT_COLOUR, MUTED, PT, Page, largest, printable
from dna.output.sheettexts import format_date
from dna.records import DESIRED
from dna.workshop.sheetoptions import A3, SheetOptions

A3_WIDTH = 420.0  # mm: the poster is designed on A3 and scaled to A4
MIN_PT = 20.0  # on A3: the smallest text of the poster
BODY_SIZES = tuple(range(30, 19, -1))  # pt on A3, largest first
MARGIN, GAP, PAD = 12.0, 5.0, 4.5  # mm on A3: page margin, between cards, inside a card
MAX_COLUMNS = 5  # cards side by side at most: a card stays ~75 mm wide
CLOUD_W = 118.0  # mm on A3: the desired cloud beside the title and tagline
LEADING = 1.22  # large type needs less room between its lines


FULL, NO_LINES, NAMES_ONLY = 0, 1, 2  # what a card holds: all; without do/don't; no meaning


class Poster(Page):
    """Lays out the poster with the body at `body` pt (on A3) in rows of `columns` cards
    holding `level` (FULL, NO_LINES, NAMES_ONLY), each row `stretch` mm taller than its cards
    need. A probe lays out nothing: it measures (`need`)."""

    sizes = MappingProxyType(  # pt on A3 at a body of 24 pt; all scale together
        {"title": 26, "sub": 20, "tagline": 38, "name": 34, "body": 24, "badge": 22, "small": 20}
    )  # fmt: skip
    leading = LEADING

    def __init__(self, data: SheetData, options: SheetOptions, body: float, columns: int,
                 level: int = FULL, draft: bool = False, stretch: float = 0.0,
                 probe: bool = False):  # fmt: skip
        self.k = 1.0 if options.paper == A3 else 297.0 / A3_WIDTH
        self.min_pt = MIN_PT * self.k
        paper = ("L", options.paper.upper())
        super().__init__(data, options, self.k * body / 24, paper, MARGIN * self.k, draft)
        self.columns, self.level, self.stretch = columns, level, stretch
        self.name_pt, self.name_below = 0.0, False
        self.left_off = ("lines", "meanings")[:level]  # what the cards leave to the handout
        if probe:
            return
        self.fit_names()
        self.top = self.header()
        self.y = self.top
        self.cards()
        self.end = self.y
        self.footer()

    def need(self, body: float, columns: int, level: int) -> tuple[float, list[float]]:
        """A probe's measure: the height the poster needs at this body, in rows of `columns`
        with cards holding `level`, and the rows' heights."""
        self.scale, self.columns, self.level = self.k * body / 24, columns, level
        self.pdf.page = 1
        self.fit_names()
        top, w = self.header(), self.card_width()
        rows = [self.data.values[i : i + columns] for i in range(0, len(self.data.values), columns)]
        heights = [max(self.card(0, v, 0, 0, w, dry=True) for v in row) for row in rows]
        return top + sum(heights) + GAP * self.k * max(0, len(rows) - 1), heights

    def header(self) -> float:
        """Logo, title and organisation · date, the tagline on a tint; the desired cloud on
        the right when chosen. Returns the y below."""
        d, o, k, m = self.data, self.options, self.k, self.margin
        cloud = o.desired_cloud and d.desired_cloud is not None
        cloud_w = CLOUD_W * k if cloud else 0.0
        text_w = self.width - (cloud_w + GAP * k if cloud else 0.0)
        logo_w = self.logo(m, m, 70 * k, 24 * k)
        x = m + (logo_w + GAP * k if logo_w else 0.0)
        y = self.para(x, m, text_w - (x - m), d.title, "title", bold=True)
        parts = (printable(d.organisation), format_date(d.date, d.language))
        sub = " · ".join(part for part in parts if part)
        y = self.para(x, y, text_w - (x - m), sub, "sub", colour=MUTED)
        y = max(y, m + 24 * k if logo_w else y) + 3 * k
        if printable(d.tagline):
            pad = PAD * k
            h = self.para(0, 0, text_w - 2 * pad, d.tagline, "tagline", True, dry=True) + 2 * pad
            self.pdf.set_fill_color(self.tint)
            self.pdf.rect(m, y, text_w, h, style="F", round_corners=True, corner_radius=2 * k)
            self.pdf.set_fill_color(self.accent)
            self.pdf.rect(m, y, 2 * k, h, style="F")
            self.para(m + pad, y + pad, text_w - 2 * pad, d.tagline, "tagline", True, self.accent)
            y += h
        if cloud:
            h = max(y - m, cloud_w * 0.5)
            self.cloud(d.desired_cloud, DESIRED, m + text_w + GAP * k, m, cloud_w, h)
            y = max(y, m + h)
        return y + GAP * k

    def card_width(self) -> float:
        return (self.width - GAP * self.k * (self.columns - 1)) / self.columns

    def cards(self) -> None:
        """The values in rows of `columns`, each card as tall as its row; a row that does not
        fit below the last one starts a new page."""
        values, w, gap = self.data.values, self.card_width(), GAP * self.k
        for start in range(0, len(values), self.columns):
            row = list(enumerate(values[start : start + self.columns], start + 1))
            h = max(self.card(n, v, 0, 0, w, dry=True) for n, v in row) + self.stretch
            if self.y + h > self.bottom and self.y > self.top:
                self.pdf.add_page()
                self.y = self.margin
            for i, (n, value) in enumerate(row):
                x = self.margin + i * (w + gap)
                if not self.draft:
                    self.pdf.set_fill_color(self.tint)
                    self.pdf.rect(x, self.y, w, h, style="F", round_corners=True,
                                  corner_radius=2 * self.k)  # fmt: skip
                    self.card(n, value, x, self.y, w)
            self.y += h + gap
        self.y -= gap if values else 0

    def card(self, n: int, v: SheetValue, x: float, y: float, w: float, dry: bool = False):
        """Draws (or measures) one value's card content; returns its height."""
        k, pad = self.k, PAD * self.k
        inner, y0 = w - 2 * pad, y
        y += pad
        d = self.size("badge") * PT * 1.8
        line = self.font("name", bold=True)
        if not dry:
            self.badge(n, x + pad, y + max(0.0, (line - d) / 2), d, "badge")
        if self.name_below:
            y = self.para(x + pad, y + d + 2 * k, inner, v.name, "name", True, self.accent, dry)
        else:
            nx = x + pad + d + 2.5 * k  # the name beside its number
            y_name = self.para(nx, y, inner - d - 2.5 * k, v.name, "name", True, self.accent, dry)
            y = max(y + d, y_name)
        if printable(v.meaning) and self.level < NAMES_ONLY:
            y = self.para(x + pad, y + 1.5 * k, inner, v.meaning, "body", dry=dry)
        y += 2.5 * k
        bullet = self.size("body") * PT * 0.9
        for item in v.behaviours:
            if not dry:
                self.para(x + pad, y, bullet, "•", "body", True, self.accent)
            y = self.para(x + pad + bullet, y, inner - bullet, item, "body", dry=dry) + 1.2 * k
        lines = (("do", v.do, DO_COLOUR), ("dont", v.dont, DONT_COLOUR))
        for key, items, colour in lines if self.level == FULL else ():
            if items := [printable(i) for i in items if printable(i)]:
                y = self.para(x + pad, y + 1.5 * k, inner, self.t[key] + ":", "body", True,
                              colour, dry)  # fmt: skip
                y = self.para(x + pad, y, inner, " · ".join(items), "body", dry=dry)
        return y + pad - y0

    def size(self, key: str) -> float:
        return self.name_pt if key == "name" and self.name_pt else super().size(key)

    def fit_names(self) -> None:
        """One size for every name: the layout's, or smaller so that each name's longest word
        fits beside its number; when that would be smaller than the body, the names go below
        their numbers, on the card's full width."""
        self.name_pt = 0.0
        nominal, k = self.size("name"), self.k
        self.font("name", bold=True)
        words = [w for v in self.data.values for w in printable(v.name).split()]
        widest = max(map(self.pdf.get_string_width, words), default=0.0)
        inner = self.card_width() - 2 * PAD * k
        beside = inner - self.size("badge") * PT * 1.8 - 2.5 * k
        fit = nominal * min(1.0, beside / widest) if widest else nominal
        self.name_below = fit < self.size("body")
        if self.name_below and widest:
            fit = nominal * min(1.0, inner / widest)
        self.name_pt = max(fit, self.min_pt)


def poster(data: SheetData, options: SheetOptions) -> Poster:
    """The poster with the largest type that fits one page, its rows then stretched to the
    bottom. Cards hold everything if that fits at the minimum type, else they leave off the
    do/don't lines, then the meanings (the handout has them). When even names and behaviours
    do not fit one page, rows flow onto more pages at the minimum type."""
    probe = Poster(data, options, BODY_SIZES[0], 1, draft=True, probe=True)
    try:
        n = max(1, len(data.values))
        counts = (math.ceil(n / rows) for rows in range(1, n + 1))
        layouts = dict.fromkeys(c for c in counts if min(n, 2) <= c <= MAX_COLUMNS)
        for level in (FULL, NO_LINES, NAMES_ONLY):
            found = []  # (body, fewer rows first, columns)
            for columns in layouts:

                def fits(body: float, columns: int = columns, level: int = level) -> bool:
                    return probe.need(body, columns, level)[0] <= probe.bottom

                if body := largest(BODY_SIZES, fits):
                    found.append((body, -math.ceil(n / columns), columns))
            if found:
                body, _, columns = max(found)
                need, rows = probe.need(body, columns, level)
                stretch = max(0.0, probe.bottom - need - 0.5) / max(1, len(rows))
                return Poster(data, options, body, columns, level, stretch=stretch)
        columns = min(layouts, key=lambda c: max(probe.need(BODY_SIZES[-1], c, NAMES_ONLY)[1]))
    finally:
        probe.close()
    return Poster(data, options, BODY_SIZES[-1], columns, NAMES_ONLY)
