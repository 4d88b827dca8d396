"""The DNA sheet: a one-page A4 PDF of a workshop's final values, to print or mail.

The type shrinks step by step until everything fits one page; below a readable minimum the
values flow onto more pages. Text is never cut off: only what the shipped font cannot draw
(emoji) is left out. Equal data give equal bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from PIL import Image

FONT_DIR = Path(__file__).resolve().parent.parent / "data" / "fonts"
FONTS = MappingProxyType({"": "OpenSans-Regular.ttf", "B": "OpenSans-Bold.ttf"})

BODY_SIZES = (9.5, 9.0, 8.5, 8.0, 7.5)  # pt, tried in turn; the last is the readable minimum
SIZES = MappingProxyType(  # pt at the normal body size; all shrink together
    {"title": 22, "sub": 10.5, "tagline": 11.5, "head": 7.5, "name": 12, "body": 9.5, "small": 8}
)
LEADING = 1.4  # line height as a multiple of the type size
PT = 25.4 / 72  # mm per point
MARGIN = 16.0  # mm on every side; the page number sits in the bottom one
LEFT_SHARE = 0.36  # the value column (name, meaning) beside the behaviours column
MAX_VOTE_ROWS = 10  # more candidates are summed up in one line, never silently dropped
CLOUD_PX = 720  # clouds are embedded at most this wide: sharp in print, small to mail
CLOUD_MAX_H = 40.0  # mm at the normal size; a cloud's box is 16:9 below that

INK, MUTED, RULE = "#1f2937", "#6b7280", "#e5e7eb"
CURRENT_COLOUR, DESIRED_COLOUR = "#c2410c", "#1d4ed8"  # warm and cool, as in the app
ACCENT, TINT, BAR = DESIRED_COLOUR, "#eff6ff", "#cbd5e1"
DO_COLOUR, DONT_COLOUR = "#15803d", "#b91c1c"

_TEXT_ROWS = (  # key, Dutch, English; counted nouns as "singular plural"
    ("values", "Onze waarden", "Our values"),
    ("behaviours", "Dit zie je aan", "You can tell by"),
    ("do", "We doen wel", "We do"),
    ("dont", "We doen niet", "We don’t"),
    ("current", "Huidige cultuur", "Current culture"),
    ("desired", "Gewenste cultuur", "Desired culture"),
    ("votes", "Stemmen", "Votes"),
    ("participants", "deelnemer deelnemers", "participant participants"),
    ("answers", "antwoord antwoorden", "answer answers"),
    ("voters", "stemmer stemmers", "voter voters"),
    ("dots", "stip stippen", "dot dots"),
    ("empty", "geen antwoorden", "no answers"),
    ("others", "+ {n} andere, samen {dots}", "+ {n} others, {dots} together"),
    ("page", "pagina {n} van {nb}", "page {n} of {nb}"),
    ("months", "januari februari maart april mei juni juli augustus september oktober "
     "november december", "January February March April May June July August September "
     "October November December"),
)  # fmt: skip
_LANGS = ("nl", "en")
TEXTS = MappingProxyType(
    {lang: MappingProxyType({k: r[i] for k, *r in _TEXT_ROWS}) for i, lang in enumerate(_LANGS)}
)


@dataclass(frozen=True)
class SheetValue:
    name: str  # 1-3 words, e.g. "Eigenaarschap"
    meaning: str  # one sentence
    behaviours: tuple[str, ...]  # "Dit zie je aan: ..." items
    do: tuple[str, ...] = ()  # optional "We doen wel"
    dont: tuple[str, ...] = ()  # optional "We doen niet"
    votes: int | None = None  # dots received, when voted


@dataclass(frozen=True)
class SheetData:
    title: str
    organisation: str
    date: dt.date
    values: tuple[SheetValue, ...]  # the final values, in order
    tagline: str = ""
    participants: int = 0
    answers: int = 0
    voters: int = 0
    current_cloud: bytes | None = None  # PNG
    desired_cloud: bytes | None = None  # PNG
    votes: tuple[tuple[str, int], ...] = ()  # (value name, dots) for all candidates, most first
    language: str = "nl"  # "nl" | "en": the sheet's fixed texts

    def __post_init__(self) -> None:
        if self.language not in TEXTS:
            raise ValueError(f"language must be one of {sorted(TEXTS)}, got {self.language!r}")


def render(data: SheetData) -> bytes:
    """The sheet as PDF bytes: the largest type on the fewest pages (one, when it fits)."""
    pages: dict[float, int] = {}
    for body in BODY_SIZES:
        draft = _Sheet(data, body, draft=True).pdf
        pages[body] = draft.pages_count
        for font in draft.fonts.values():  # output() would close them; a draft is not output
            font.close()
        if pages[body] == 1:
            break
    body = min(pages, key=lambda b: (pages[b], -b))
    return bytes(_Sheet(data, body).pdf.output())


def format_date(date: dt.date, language: str = "nl") -> str:
    """'29 november 2026' / '29 November 2026'."""
    return f"{date.day} {TEXTS[language]['months'].split()[date.month - 1]} {date.year}"


def format_moment(moment: dt.datetime, language: str = "nl") -> str:
    """'6 december 2026, 14:05' in the moment's own time zone: every page writes dates alike."""
    return f"{format_date(moment.date(), language)}, {moment:%H:%M}"


def count(n: int, forms: str) -> str:
    """'1 stem', '7 stemmen' from the forms 'stem stemmen'."""
    return f"{n} {forms.split()[0 if n == 1 else 1]}"


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


class _Sheet:
    """Lays out one sheet at one type size. Drafts leave out the images: they count pages."""

    def __init__(self, data: SheetData, body: float, draft: bool = False):
        self.data, self.t, self.draft = data, TEXTS[data.language], draft
        self.scale = body / BODY_SIZES[0]
        self.pdf = pdf = FPDF(format="A4", unit="mm")
        for style, name in FONTS.items():
            pdf.add_font("sans", style, str(FONT_DIR / name))
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.c_margin = 0  # text starts exactly where it is placed
        pdf.set_draw_color(RULE)  # every line is a hairline rule
        pdf.set_line_width(0.25)
        pdf.set_auto_page_break(True, MARGIN)  # only a value taller than a page ever breaks
        pdf.set_creation_date(dt.datetime.combine(data.date, dt.time(12), tzinfo=dt.UTC))
        pdf.set_title(printable(data.title))
        pdf.set_author(printable(data.organisation))
        pdf.set_lang(data.language)
        pdf.add_page()
        self.width, self.bottom = pdf.epw, pdf.h - MARGIN
        self.y = self.header()
        self.values()
        self.strip()
        pdf.set_auto_page_break(False)
        for page in range(1, pdf.pages_count + 1) if pdf.pages_count > 1 else ():
            pdf.page = page
            label = self.t["page"].format(n=page, nb=pdf.pages_count)
            self.para(MARGIN, self.bottom + 6, self.width, label, "small", colour=MUTED, align="R")

    def font(self, key: str, bold: bool = False, colour: str = INK) -> float:
        """Sets the type and returns its line height in mm."""
        self.pdf.set_font("sans", "B" if bold else "", SIZES[key] * self.scale)
        self.pdf.set_text_color(colour)
        return SIZES[key] * self.scale * PT * LEADING

    def para(self, x: float, y: float, w: float, text: str, key: str, bold: bool = False,
             colour: str = INK, dry: bool = False, align: str = "L") -> float:  # fmt: skip
        """Wraps plain text into a box w wide at (x, y); returns the y below it."""
        line = self.font(key, bold, colour)
        self.pdf.set_xy(x, y)
        h = self.pdf.multi_cell(w, line, printable(text), align=align, markdown=False,
                                new_x=XPos.LEFT, new_y=YPos.NEXT, dry_run=dry,
                                output=MethodReturnValue.HEIGHT)  # fmt: skip
        return y + h if dry else self.pdf.get_y()

    def header(self) -> float:
        """Title, organisation · date, the tagline on a tint, the numbers; returns the y below."""
        d, pdf, w = self.data, self.pdf, self.width
        y = self.para(MARGIN, MARGIN, w, d.title, "title", bold=True)
        parts = (printable(d.organisation), format_date(d.date, d.language))
        sub = " · ".join(part for part in parts if part)
        y = self.para(MARGIN, y + 0.5, w, sub, "sub", colour=MUTED) + 2.5
        if printable(d.tagline):
            h = self.para(0, 0, w - 8, d.tagline, "tagline", bold=True, dry=True) + 4
            for colour, bar_w in ((TINT, w), (ACCENT, 1.4)):
                pdf.set_fill_color(colour)
                pdf.rect(MARGIN, y, bar_w, h, style="F")
            y = self.para(MARGIN + 5, y + 2, w - 8, d.tagline, "tagline", True, ACCENT) + 4.5
        numbers = ((d.participants, "participants"), (d.answers, "answers"), (d.voters, "voters"))
        pdf.set_xy(MARGIN, y)
        for i, (n, key) in enumerate((n, k) for n, k in numbers if n or k != "voters"):
            noun = count(n, self.t[key]).split(" ", 1)[1]
            for text, bold in ((" · " if i else "", False), (str(n), True), (" " + noun, False)):
                line = self.font("body", bold=bold, colour=INK if bold else MUTED)
                if text:
                    pdf.cell(h=line, text=text)
        return y + self.font("body") + 4.5

    def headings(self) -> None:
        self.font("head", bold=True, colour=ACCENT)
        self.pdf.set_char_spacing(0.6 * self.scale)
        for x, key in ((MARGIN, "values"), (MARGIN + self.width * LEFT_SHARE, "behaviours")):
            self.pdf.set_xy(x, self.y)
            self.pdf.cell(text=self.t[key].upper())
        self.pdf.set_char_spacing(0)
        self.y += self.font("head") + 1.5
        self.pdf.line(MARGIN, self.y, MARGIN + self.width, self.y)
        self.y += 3

    def values(self) -> None:
        """The values as numbered blocks; a block never splits unless it is taller than a page."""
        self.headings()
        for n, value in enumerate(self.data.values, 1):
            h = self.block(n, value, self.y, dry=True) - self.y
            if self.y + h > self.bottom and h <= self.bottom - MARGIN:
                self.pdf.add_page()
                self.y = MARGIN
                self.headings()
            stacked = h > self.bottom - MARGIN
            fast = self.draft and not stacked  # a draft only counts pages: measuring is enough
            self.y = (self.y + h if fast else self.block(n, value, self.y, stacked=stacked)) + 1.5
            self.pdf.line(MARGIN, self.y, MARGIN + self.width, self.y)
            self.y += 3

    def block(self, n: int, v: SheetValue, y0: float, dry: bool = False,
              stacked: bool = False) -> float:  # fmt: skip
        """Draws (or measures) one value; returns the y below it. Stacked: one column, flowing."""
        s, pdf = self.scale, self.pdf
        badge, left = 6.2 * s, self.width * LEFT_SHARE
        x, lw = MARGIN + badge + 2.5, left - badge - 7
        if not dry:
            pdf.set_fill_color(ACCENT)
            pdf.circle(MARGIN + badge / 2, y0 + badge / 2 + 0.3, badge / 2, style="F")
            self.font("small", bold=True, colour="#ffffff")
            pdf.set_xy(MARGIN, y0 + 0.3)
            pdf.cell(badge, badge, str(n), align="C")
        y = self.para(x, y0, lw, v.name, "name", bold=True, dry=dry)
        if v.votes is not None:
            y = self.para(x, y, lw, count(v.votes, self.t["dots"]), "small", False, MUTED, dry)
        y_left = self.para(x, y + 0.8, lw, v.meaning, "body", dry=dry)
        rx, rw = (x, self.width - badge - 2.5) if stacked else (MARGIN + left, self.width - left)
        y = y_left + 2 if stacked else y0 + 0.6
        for item in v.behaviours:
            if not dry:
                self.para(rx, y, 4, "•", "body", colour=ACCENT)
            y = self.para(rx + 3.8 * s, y, rw - 3.8 * s, item, "body", dry=dry) + 0.5
        for key, items, colour in (("do", v.do, DO_COLOUR), ("dont", v.dont, DONT_COLOUR)):
            if items := [printable(i) for i in items if printable(i)]:
                label = self.t[key] + ":"
                self.font("small", bold=True)
                tw = pdf.get_string_width(label + " ")
                y1 = self.para(rx, y + 0.9 * s, tw, label, "small", True, colour, dry)
                y2 = self.para(rx + tw, y + 0.9 * s, rw - tw, " · ".join(items), "small", dry=dry)
                y = max(y1, y2)
        return max(y, y_left)

    def strip(self) -> None:
        """The two clouds (captioned) and the vote bars side by side, below the values."""
        d, gap = self.data, 5.0
        clouds = [] if d.current_cloud is None and d.desired_cloud is None else [
            ("current", d.current_cloud, CURRENT_COLOUR), ("desired", d.desired_cloud, ACCENT)
        ]  # fmt: skip
        if not clouds and not d.votes:
            return
        vote_w = 62.0 if clouds else self.width / 2
        cloud_w = (self.width - vote_w - 2 * gap) / 2 if d.votes else (self.width - gap) / 2
        cloud_h = min(cloud_w * 9 / 16, CLOUD_MAX_H * self.scale)  # other shapes fit inside
        caption = self.font("small") + 1.2
        h = max(cloud_h if clouds else 0, self.votes(0, 0, vote_w, dry=True)) + caption
        if self.y + 3 + h > self.bottom:
            self.pdf.add_page()
            self.y = MARGIN
        y, x = self.y + 3, MARGIN
        for key, png, colour in clouds:
            self.para(x, y, cloud_w, self.t[key], "small", bold=True, colour=colour)
            self.cloud(png, x, y + caption, cloud_w, cloud_h)
            x += cloud_w + gap
        if d.votes:
            self.para(x, y, vote_w, self.t["votes"], "small", bold=True)
            self.votes(x, y + caption, vote_w)

    def cloud(self, png: bytes | None, x: float, y: float, w: float, h: float) -> None:
        self.pdf.rect(x, y, w, h, round_corners=True, corner_radius=1.5)
        if png is None:
            self.para(x, y + h / 2 - 2.5, w, self.t["empty"], "small", colour=MUTED, align="C")
        elif not self.draft:
            with Image.open(io.BytesIO(png)) as image:
                image.thumbnail((CLOUD_PX, CLOUD_PX * 4))
                box = (x + 0.8, y + 0.8, w - 1.6, h - 1.6)
                self.pdf.image(image.convert("RGB"), *box, keep_aspect_ratio=True)

    def votes(self, x: float, y: float, w: float, dry: bool = False) -> float:
        """Draws (or measures) the vote bars, the final values in the accent; returns the height."""
        y0, votes = y, self.data.votes
        shown = len(votes) if len(votes) <= MAX_VOTE_ROWS else MAX_VOTE_ROWS - 1
        finals = {printable(v.name).casefold() for v in self.data.values}
        line = self.font("small", bold=True)
        widths = [self.pdf.get_string_width(printable(name)) for name, _ in votes[:shown]]
        name_w = min(max([10.0, *widths]) + 2, w * 0.55)
        bar_w, top = w - name_w - 8.5, max([1, *(dots for _, dots in votes)])
        for name, dots in votes[:shown]:
            final = printable(name).casefold() in finals
            colour = INK if final else MUTED
            y_next = self.para(x, y, name_w, name, "small", final, colour, dry)
            if not dry:
                self.pdf.set_fill_color(ACCENT if final else BAR)
                bw = max(0.6, bar_w * dots / top)
                self.pdf.rect(x + name_w + 1, y + line * 0.22, bw, line * 0.56, style="F")
                self.pdf.set_xy(x + name_w + bw + 2, y)
                self.font("small", bold=final, colour=colour)
                self.pdf.cell(h=line, text=str(dots))
            y = y_next + 0.3
        if rest := votes[shown:]:
            dots = count(sum(d for _, d in rest), self.t["dots"])
            y = self.para(x, y, w, self.t["others"].format(n=len(rest), dots=dots), "small",
                          colour=MUTED, dry=dry)  # fmt: skip
        return y - y0
