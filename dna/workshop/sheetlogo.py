"""A logo for the DNA sheet: a PNG or a plain SVG, small, and nothing in it that runs or loads.

Every way in goes through `check_logo` (the sheet page's upload, a backup's row): a PNG is at
most LOGO_MAX_BYTES and LOGO_MAX_PX a side; an SVG is drawing only. Scripts, event handlers,
foreign content (HTML inside the SVG), document types and entities, and any reference to
something outside the file itself (a link, an image, a style sheet, a font) are refused, and
the sheet's PDF library must be able to draw what is left.
"""

from __future__ import annotations

import io
import re
import warnings
from functools import lru_cache

from PIL import Image, UnidentifiedImageError

from dna.intake.tables import IngestError

PNG, SVG = "png", "svg"
KINDS = (PNG, SVG)
LOGO_MAX_BYTES = 300 * 1024
LOGO_MAX_PX = 2000  # pixels on either side of a PNG
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_ACTIVE = frozenset(  # elements that run, embed or animate: never in a logo on a sheet
    {"script", "foreignobject", "iframe", "object", "embed", "audio", "video", "canvas",
     "image", "feimage", "handler", "listener", "animate", "animatemotion",
     "animatetransform", "set", "discard", "font-face-uri"}
)  # fmt: skip
_OUTSIDE = re.compile(r"url\(\s*(?!['\"]?#)|@import|javascript:|\bdata:", re.IGNORECASE)
_EDITORS = frozenset(  # an editor's own notes (Inkscape, RDF licence data): never drawn, inert
    {"http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/"
     "sodipodi-0.dtd", "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
     "http://purl.org/dc/elements/1.1/", "http://creativecommons.org/ns#"}
)  # fmt: skip


def check_logo(data: bytes) -> str:
    """The logo's kind ("png" or "svg"), or an IngestError saying why it cannot be used:
    logo_too_large, logo_too_wide, logo_format, logo_svg_unsafe (with `what`), logo_svg_broken."""
    if len(data) > LOGO_MAX_BYTES:
        raise IngestError(
            "logo_too_large", "the logo is too large", size_kb=round(len(data) / 1024),
            max_kb=LOGO_MAX_BYTES // 1024,
        )  # fmt: skip
    if data.startswith(_PNG_MAGIC):
        _check_png(data)
        return PNG
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype")):
        _check_svg(data)
        return SVG
    raise IngestError("logo_format", "a logo is a PNG or an SVG file")


def aspect(kind: str, data: bytes) -> float:
    """Width over height of a checked logo."""
    return _aspect(kind, data)


@lru_cache(maxsize=16)
def _aspect(kind: str, data: bytes) -> float:
    if kind == PNG:
        with Image.open(io.BytesIO(data)) as image:
            return image.width / image.height
    svg = drawing(data)
    if svg.width and svg.height:
        return float(svg.width) / float(svg.height)
    _, _, w, h = svg.viewbox
    return w / h


_PROLOG = re.compile(rb"\A(?:\s+|\xef\xbb\xbf|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)


def svg_root(data: bytes) -> bytes:
    """A checked SVG from its root element on (no declaration or comments before it), as the
    PDF library recognises an SVG among images."""
    return data[_PROLOG.match(data).end() :]


def drawing(data: bytes):
    """A checked SVG logo as the PDF library's drawing (fpdf.svg.SVGObject)."""
    from fpdf.svg import SVGObject

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unsupported details are left out, not reported
        return SVGObject(data.decode("utf-8"))


def _check_png(data: bytes) -> None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            size, kind = image.size, image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise IngestError("logo_format", f"this PNG cannot be read: {exc}") from exc
    if kind != "PNG":
        raise IngestError("logo_format", "a logo is a PNG or an SVG file")
    if max(size) > LOGO_MAX_PX or min(size) < 1:
        raise IngestError(
            "logo_too_wide", "the logo has too many pixels", width=size[0], height=size[1],
            max_px=LOGO_MAX_PX,
        )  # fmt: skip


def _unsafe(what: str) -> IngestError:
    return IngestError("logo_svg_unsafe", f"the SVG holds {what}", what=what)


def _check_svg(data: bytes) -> None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError("logo_format", "an SVG logo is UTF-8 text") from exc
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise _unsafe("<!DOCTYPE>")
    try:
        root = fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise IngestError("logo_svg_broken", f"the SVG cannot be read: {exc}") from exc
    if root.tag not in (f"{{{SVG_NS}}}svg", "svg"):
        raise IngestError("logo_format", "a logo is a PNG or an SVG file")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or a processing instruction: never drawn
        ns, _, name = element.tag.rpartition("}")
        if ns and ns[1:] not in (SVG_NS, *_EDITORS):
            raise _unsafe(f"<{name}> ({ns[1:]})")  # foreign content: HTML, RDF, an editor's
        if name.lower() in _ACTIVE:
            raise _unsafe(f"<{name}>")
        for key, value in element.attrib.items():
            attr = key.rpartition("}")[2]
            if attr.lower().startswith("on"):
                raise _unsafe(f"{attr}=")
            if attr == "href" and not value.startswith("#"):
                raise _unsafe(f"href={value[:60]}")
            if _OUTSIDE.search(value):
                raise _unsafe(f"{attr}={value[:60]}")
        if element.text and _OUTSIDE.search(element.text):
            raise _unsafe(f"<{name}>{element.text.strip()[:60]}")
    _check_drawable(data)


def _check_drawable(data: bytes) -> None:
    """The PDF library can draw it at a size of its own: a view box, or a width and a height."""
    from fpdf import FPDF

    try:
        svg = drawing(data)
        if not svg_root(data).startswith(b"<svg "):
            raise ValueError("the root is not an <svg> with attributes")
        if not (svg.viewbox or (svg.width and svg.height)):
            raise ValueError("no viewBox, and no width and height")
        if _aspect(SVG, data) <= 0:
            raise ValueError("an empty drawing")
        pdf = FPDF()
        pdf.add_page()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pdf.image(svg_root(data), x=10, y=10, w=40, h=20, keep_aspect_ratio=True)
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever the library stumbles on: not drawable
        raise IngestError("logo_svg_broken", f"the SVG cannot be drawn: {exc}") from exc
