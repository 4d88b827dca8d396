"""The DNA sheet as a handout: one A4 portrait page for the leaders.

Title, tagline and numbers; the values with what you can tell them by, each with what it does
for the culture (keeps a strength, lets go of a limiting theme, develops something new); what
the room keeps, lets go of and develops, with the entropy in one sentence; the clouds and the
vote. The type is the largest that fits one page; the page is then filled by growing the
clouds and spacing the values. Below a readable minimum the values flow onto more pages.
"""

from __future__ import annotations

from types import MappingProxyType

from dna.output.sheetdata import DEVELOP, KEEP, LET_GO, SheetData, SheetValue
from dna.output.sheetdraw import (
    BAR,
    CURRENT_COLOUR,
    DO_COLOUR,
    DONT_COLOUR,
    INK,
    MUTED,
    Page,
    largest,
    printable,
)
from dna.output.sheettexts import count, entropy_sentence, format_date
from dna.records import CURRENT, DESIRED
from dna.workshop.sheetoptions import SheetOptions

BODY_SIZES = (12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5)  # pt, largest first
MARGIN = 16.0  # mm on every side; the page number sits in the bottom one
LEFT_SHARE = 0.36  # the value column (name, meaning) beside the behaviours column
MAX_VOTE_ROWS = 10  # more candidates are summed up in one line, never silently dropped
MAX_THEMES = 6  # per list of the summary; more are counted
CLOUD_MIN_H = 34.0  # mm: a cloud's box before the page is filled
CLOUD_MAX_SHARE = 0.85  # a cloud's box grows to at most this share of its width in height
GAP_MAX = 7.0  # mm added between two values at most, to fill the page
AIM_COLOURS = {KEEP: "accent", LET_GO: DONT_COLOUR, DEVELOP: DO_COLOUR}


class Handout(Page):
    """Lays out the handout at one type scale, with the clouds `cloud_h` mm high and `gap`
    mm added between the values."""

    sizes = MappingProxyType(  # pt at the normal body size; all scale together
        {"title": 22, "sub": 10.5, "tagline": 11.5, "head": 7.5, "name": 12, "body": 9.5,
         "small": 8, "badge": 8}
    )  # fmt: skip

    def __init__(self, data: SheetData, options: SheetOptions, body: float, draft: bool = False,
                 cloud_h: float = CLOUD_MIN_H, gap: float = 0.0):  # fmt: skip
        super().__init__(data, options, body / self.sizes["body"], ("P", "A4"), MARGIN, draft)
        self.cloud_h, self.gap = cloud_h, gap
        self.votes_shown = options.votes and bool(data.votes)
        self.cloud_w = self.slack = 0.0  # the strip's, once laid out
        self.y = self.header()
        self.values()
        self.summary()
        self.strip()
        self.end = self.y  # on the last page: what is left below is empty
        self.footer()

    def header(self) -> float:
        """Logo, title, organisation · date, the tagline on a tint, the numbers; the y below."""
        d, pdf, w, s = self.data, self.pdf, self.width, self.scale
        logo_w = self.logo(MARGIN, MARGIN, 45.0, 16.0 * s, right=True)
        text_w = w - logo_w - (5 if logo_w else 0)
        y = self.para(MARGIN, MARGIN, text_w, d.title, "title", bold=True)
        parts = (printable(d.organisation), format_date(d.date, d.language))
        sub = " · ".join(part for part in parts if part)
        y = self.para(MARGIN, y + 0.5, text_w, sub, "sub", colour=MUTED) + 2.5
        y = max(y, MARGIN + 16.0 * s + 2 if logo_w else y)
        if printable(d.tagline):
            h = self.para(0, 0, w - 8, d.tagline, "tagline", bold=True, dry=True) + 4
            for colour, bar_w in ((self.tint, w), (self.accent, 1.4)):
                pdf.set_fill_color(colour)
                pdf.rect(MARGIN, y, bar_w, h, style="F")
            y = self.para(MARGIN + 5, y + 2, w - 8, d.tagline, "tagline", True, self.accent) + 4.5
        numbers = ((d.participants, "participants"), (d.answers, "answers"), (d.voters, "voters"))
        shown = [(n, k) for n, k in numbers if k != "voters" or (n and self.options.votes)]
        pdf.set_xy(MARGIN, y)
        for i, (n, key) in enumerate(shown):
            noun = count(n, self.t[key]).split(" ", 1)[1]
            for text, bold in ((" · " if i else "", False), (str(n), True), (" " + noun, False)):
                line = self.font("body", bold=bold, colour=INK if bold else MUTED)
                if text:
                    pdf.cell(h=line, text=text)
        return y + self.font("body") + 4.5

    def heading(self, *columns: tuple[float, str]) -> None:
        """Spaced capitals in the accent at (x, text) each (an empty text: none), and a rule
        below."""
        self.font("head", bold=True, colour=self.accent)
        self.pdf.set_char_spacing(0.6 * self.scale)
        for x, text in filter(lambda column: column[1], columns):
            self.pdf.set_xy(x, self.y)
            self.pdf.cell(text=text.upper())
        self.pdf.set_char_spacing(0)
        self.y += self.font("head") + 1.5
        self.pdf.line(MARGIN, self.y, MARGIN + self.width, self.y)
        self.y += 3

    def page_break(self) -> None:
        self.pdf.add_page()
        self.y = MARGIN

    def values(self) -> None:
        """The values as numbered blocks; a block never splits unless it is taller than a page."""
        left = MARGIN + self.width * LEFT_SHARE
        columns = ((MARGIN, self.t["values"]), (left, self.t["behaviours"]))
        self.heading(*columns)
        for n, value in enumerate(self.data.values, 1):
            h = self.block(n, value, self.y, dry=True) - self.y
            if self.y + h > self.bottom and h <= self.bottom - MARGIN:
                self.page_break()
                self.heading(*columns)
            stacked = h > self.bottom - MARGIN
            fast = self.draft and not stacked  # a draft only measures
            self.y = (self.y + h if fast else self.block(n, value, self.y, stacked=stacked)) + 1.5
            self.y += self.gap / 2
            self.pdf.line(MARGIN, self.y, MARGIN + self.width, self.y)
            self.y += 3 + self.gap / 2

    def block(self, n: int, v: SheetValue, y0: float, dry: bool = False,
              stacked: bool = False) -> float:  # fmt: skip
        """Draws (or measures) one value; returns the y below it. Stacked: one column, flowing."""
        s, pdf = self.scale, self.pdf
        badge, left = 6.2 * s, self.width * LEFT_SHARE
        x, lw = MARGIN + badge + 2.5, left - badge - 7
        if not dry:
            self.badge(n, MARGIN, y0 + 0.3, badge, "badge")
        y = self.para(x, y0, lw, v.name, "name", bold=True, dry=dry)
        if v.aim:
            colour = self.accent if AIM_COLOURS[v.aim] == "accent" else AIM_COLOURS[v.aim]
            y = self.para(x, y, lw, self.t[f"aim_{v.aim}"], "small", True, colour, dry)
        if v.votes is not None and self.options.votes:
            y = self.para(x, y, lw, count(v.votes, self.t["dots"]), "small", False, MUTED, dry)
        y_left = self.para(x, y + 0.8, lw, v.meaning, "body", dry=dry)
        rx, rw = (x, self.width - badge - 2.5) if stacked else (MARGIN + left, self.width - left)
        y = y_left + 2 if stacked else y0 + 0.6
        for item in v.behaviours:
            if not dry:
                self.para(rx, y, 4, "•", "body", colour=self.accent)
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

    def summary(self) -> None:
        """Keep, let go, develop in three columns, and the entropy in one sentence below."""
        d, gap = self.data, 5.0
        sentence = entropy_sentence(*d.entropy, d.language) if d.entropy else ""
        sentence = sentence if self.options.entropy else ""
        if not d.summary and not sentence:
            return
        lists = [("keep", d.summary.keep, self.accent), ("let_go", d.summary.let_go, DONT_COLOUR),
                 ("develop", d.summary.develop, DO_COLOUR)] if d.summary else []  # fmt: skip
        col_w = (self.width - 2 * gap) / 3
        h = max([self.column(0, 0, col_w, *c, dry=True) for c in lists], default=0)
        h += self.para(0, 0, self.width, sentence, "small", dry=True) if sentence else 0
        if self.y + h + 12 * self.scale > self.bottom:
            self.page_break()
        self.y += 1.5
        self.heading((MARGIN, self.t["summary"] if lists else ""))
        ends = [self.y]
        for i, c in enumerate(lists):
            ends.append(self.y + self.column(MARGIN + i * (col_w + gap), self.y, col_w, *c))
        self.y = max(ends) + (1.5 if lists else 0)
        if sentence:
            self.y = self.para(MARGIN, self.y, self.width, sentence, "small", colour=INK)
        self.y += 3

    def column(self, x: float, y: float, w: float, key: str, labels: tuple[str, ...],
               colour: str, dry: bool = False) -> float:  # fmt: skip
        """One list of the summary: its name, its themes; returns its height."""
        y0 = y
        y = self.para(x, y, w, self.t[key], "body", True, colour, dry)
        shown = [printable(label) for label in labels[:MAX_THEMES]]
        more = self.t["more"].format(n=len(labels) - MAX_THEMES) if len(labels) > MAX_THEMES else ""
        text = " · ".join(filter(None, (*shown, more))) or self.t["none"]
        y = self.para(x, y + 0.3, w, text, "body", colour=INK if shown else MUTED, dry=dry)
        less = self.data.summary.strength_less if key == "keep" else ()
        if less:
            names = " · ".join(printable(label) for label in less[:MAX_THEMES])
            note = f"{self.t['strength_less']} {names}"
            y = self.para(x, y + 0.6, w, note, "small", colour=MUTED, dry=dry)
        return y - y0

    def strip(self) -> None:
        """The clouds shown (captioned) and the vote bars side by side, at the bottom."""
        d, o, gap = self.data, self.options, 5.0
        clouds = [(key, picture, colour, palette) for key, picture, colour, palette, shown in (
            ("current", d.current_cloud, CURRENT_COLOUR, CURRENT, o.current_cloud),
            ("desired", d.desired_cloud, self.accent, DESIRED, o.desired_cloud),
        ) if shown and (d.current_cloud is not None or d.desired_cloud is not None)]  # fmt: skip
        if not clouds and not self.votes_shown:
            return
        vote_w = (58.0 if clouds else self.width / 2) if self.votes_shown else 0.0
        room = self.width - vote_w - (gap if self.votes_shown and clouds else 0)
        cloud_w = (room - gap * (len(clouds) - 1)) / max(1, len(clouds))
        self.cloud_w = cloud_w if clouds else 0.0
        cloud_h = min(self.cloud_h, cloud_w * CLOUD_MAX_SHARE)
        caption = self.font("small") + 1.2
        votes_h = self.votes(0, 0, vote_w, dry=True) if self.votes_shown else 0
        self.slack = max(0.0, votes_h - cloud_h) if clouds else 0.0  # clouds grow freely
        h = max(cloud_h if clouds else 0, votes_h) + caption
        if self.y + h > self.bottom:
            self.page_break()
        y, x = self.y, MARGIN
        for key, picture, colour, palette in clouds:
            self.para(x, y, cloud_w, self.t[key], "small", bold=True, colour=colour)
            self.cloud(picture, palette, x, y + caption, cloud_w, cloud_h)
            x += cloud_w + gap
        if self.votes_shown:
            self.para(x, y, vote_w, self.t["votes"], "small", bold=True)
            self.votes(x, y + caption, vote_w)
        self.y = y + h

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
                self.pdf.set_fill_color(self.accent if final else BAR)
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


def handout(data: SheetData, options: SheetOptions) -> Handout:
    """The handout with the largest type that fits one page (else the smallest, flowing), its
    page then filled: the clouds grow into what is left (up to CLOUD_MAX_SHARE of their
    width), and the rest is spread between the values (at most GAP_MAX each)."""
    drafts: dict[float, Handout] = {}

    def fits(body: float) -> bool:
        drafts[body] = draft = Handout(data, options, body, draft=True)
        draft.close()
        return draft.pdf.pages_count == 1

    body = largest(BODY_SIZES, fits) or BODY_SIZES[-1]
    draft = drafts[body]
    one = draft.pdf.pages_count == 1
    spare = max(0.0, draft.bottom - draft.end - 0.5) if one else 0.0
    most = max(0.0, draft.cloud_w * CLOUD_MAX_SHARE - CLOUD_MIN_H)
    grow = min(spare + draft.slack, most) if draft.cloud_w else 0.0
    spare -= max(0.0, grow - draft.slack)
    gaps = len(data.values)
    gap = min(GAP_MAX, spare / gaps) if gaps else 0.0
    return Handout(data, options, body, cloud_h=CLOUD_MIN_H + grow, gap=gap)
