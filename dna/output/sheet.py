"""The DNA sheet: a workshop's final values as a PDF, to print, mail or hang on the wall.

Two layouts (dna.workshop.sheetoptions): the handout, one A4 portrait page for the leaders
(dna.output.sheet_handout), and the poster, A3 or A4 landscape for the wall
(dna.output.sheet_poster). Both take the largest type that fits one page and fill it; below a
readable minimum the values flow onto more pages. Text is never cut off: only what the shipped font
cannot draw (emoji) is left out. Cloud words print at least 8 pt. Equal data and options give equal
bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from dna.output.sheet_handout import handout
from dna.output.sheet_poster import poster
from dna.output.sheetdata import DEVELOP, KEEP, LET_GO, Grown, SheetData, SheetValue, Summary
from dna.output.sheetdraw import MIN_CLOUD_PT, Page, printable
from dna.output.sheettexts import TEXTS, count, format_date, format_moment
from dna.workshop.sheetoptions import A3, A4, HANDOUT, POSTER, SheetOptions

__all__ = [
    "A3",
    "A4",
    "DEVELOP",
    "Grown",
    "HANDOUT",
    "KEEP",
    "LET_GO",
    "MIN_CLOUD_PT",
    "POSTER",
    "TEXTS",
    "Measures",
    "SheetData",
    "SheetOptions",
    "SheetValue",
    "Summary",
    "count",
    "format_date",
    "format_moment",
    "measure",
    "preview_png",
    "printable",
    "render",
    "rendered",
]


@dataclass(frozen=True)
class Measures:
    """What a rendered sheet came to: for tests, benches and the page's caption."""

    pages: int
    body_pt: float  # the values' text
    min_pt: float  # the smallest text set
    cloud_min_pt: float | None  # the smallest cloud word as printed (None: no cloud words)
    cloud_words: int  # cloud words printed, all clouds together
    left_off: tuple[str, ...] = ()  # the poster's: "lines" (do/don't), "meanings"


DEFAULT = SheetOptions()  # the handout with everything shown


def render(data: SheetData, options: SheetOptions = DEFAULT) -> bytes:
    """The sheet as PDF bytes, in the options' layout."""
    return bytes(_laid_out(data, options).pdf.output())


def measure(data: SheetData, options: SheetOptions = DEFAULT) -> Measures:
    """The sheet's pages and type sizes, as `render` lays it out."""
    page = _laid_out(data, options)
    page.close()
    return _measures(page)


def rendered(data: SheetData, options: SheetOptions = DEFAULT) -> tuple[bytes, Measures]:
    """`render` and `measure` at once: the sheet page shows both."""
    page = _laid_out(data, options)
    measures = _measures(page)
    return bytes(page.pdf.output()), measures


def _measures(page: Page) -> Measures:
    clouds = page.cloud_sizes
    return Measures(
        page.pdf.pages_count,
        round(page.size("body"), 2),
        min(page.type_sizes),
        round(min(clouds), 2) if clouds else None,
        len(clouds),
        getattr(page, "left_off", ()),
    )


def preview_png(pdf: bytes, width: int = 900) -> bytes:
    """The PDF's first page as a PNG `width` pixels wide (pypdfium2), for a preview."""
    import io

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=width / page.get_width()).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()


def _laid_out(data: SheetData, options: SheetOptions) -> Page:
    return poster(data, options) if options.layout == POSTER else handout(data, options)
