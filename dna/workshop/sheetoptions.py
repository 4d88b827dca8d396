"""The DNA sheet's options: its layout and paper, the house colour, the logo, what it shows.

Stored with the workshop (dna.store: the options as a small JSON object, the logo apart as
base64, so the phones' frequent reads of the workshop never carry it) and in backups. Every way
in is checked here: the sheet page's form (`SheetOptions` and `check_logo`), a stored row and a
backup's row (`check_sheet_options`, `backup_columns`).

The house colour is what the facilitator picked; text is drawn in `ink(colour)`: the colour
itself when it reads on white (WCAG contrast at least 4.5:1), else the first darker shade of
it that does (`darkened` says so).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from PIL import ImageColor

from dna.colour import contrast
from dna.intake.tables import IngestError
from dna.workshop.sheetlogo import KINDS, LOGO_MAX_BYTES, check_logo

HANDOUT, POSTER = "handout", "poster"
LAYOUTS = (HANDOUT, POSTER)
A4, A3 = "a4", "a3"
PAPERS = (A4, A3)
SHOWS = ("current_cloud", "desired_cloud", "votes", "entropy")  # what can be left off
DEFAULT_COLOUR = "#1d4ed8"  # the app's blue
MIN_CONTRAST = 4.5  # WCAG AA for text against white
WHITE = (255, 255, 255)
_HEX = re.compile(r"#[0-9a-f]{6}")
_KEYS = frozenset({"layout", "paper", "colour", "logo", *SHOWS})


@dataclass(frozen=True)
class SheetOptions:
    """How the DNA sheet looks. `paper` is the poster's (A3 or A4, landscape); the handout is
    always A4 portrait. The logo's bytes are read apart (Store.sheet): a Workshop's options
    carry only its kind."""

    layout: str = HANDOUT
    paper: str = A3
    colour: str = ""  # "#rrggbb" as picked; "": the app's blue
    current_cloud: bool = True
    desired_cloud: bool = True
    votes: bool = True
    entropy: bool = True
    logo_kind: str = ""  # "png" | "svg" | "": none
    logo: bytes = b""

    def __post_init__(self) -> None:
        _one_of(self.layout, LAYOUTS, "layout")
        _one_of(self.paper, PAPERS, "paper")
        if self.colour and not _HEX.fullmatch(self.colour):
            raise IngestError(
                "colour_invalid", "a colour is #rrggbb", colour=self.colour[:20], field="colour"
            )
        for name in SHOWS:
            if not isinstance(getattr(self, name), bool):
                raise _invalid(name, "true or false")
        _one_of(self.logo_kind, ("", *KINDS), "logo")
        if self.logo and not self.logo_kind:
            raise _invalid("logo", "a logo without its kind")

    @property
    def ink(self) -> str:
        """The colour text and badges are drawn in: readable on white."""
        return ink(self.colour or DEFAULT_COLOUR)[0]

    def to_json(self) -> dict:
        """What the `sheet` column and a backup hold (the logo's bytes go apart)."""
        shows = {name: getattr(self, name) for name in SHOWS}
        head = {"layout": self.layout, "paper": self.paper, "colour": self.colour}
        return head | shows | {"logo": self.logo_kind or None}

    def with_logo(self, data: bytes | None) -> SheetOptions:
        """These options with a new logo (checked: an IngestError when it cannot be used), or
        without one (None)."""
        if not data:
            return replace(self, logo_kind="", logo=b"")
        return replace(self, logo_kind=check_logo(data), logo=data)


def colour(text: str) -> str:
    """A colour as typed or picked ("#1D4ED8", "#abc") as stored: "#1d4ed8"; else an
    IngestError "colour_invalid"."""
    value = text.strip().lower()
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        value = "#" + "".join(c * 2 for c in value[1:])
    if not _HEX.fullmatch(value):
        raise IngestError("colour_invalid", "a colour is #rrggbb", colour=text[:20], field="colour")
    return value


@lru_cache(maxsize=64)
def ink(hex_colour: str) -> tuple[str, bool]:
    """(the colour, False) when text in it reads on white; else (its first darker shade that
    does, True). Shades darken all channels together in steps of 4 %: the hue stays."""
    rgb = ImageColor.getrgb(hex_colour)[:3]
    factor = 1.0
    shade = rgb
    while contrast(shade, WHITE) < MIN_CONTRAST:
        factor -= 0.04
        shade = tuple(max(0, round(c * factor)) for c in rgb)
    return "#{:02x}{:02x}{:02x}".format(*shade), shade != rgb


def tint(hex_colour: str, share: float = 0.1) -> str:
    """A light background of the colour: `share` of it over white."""
    rgb = ImageColor.getrgb(hex_colour)[:3]
    return "#{:02x}{:02x}{:02x}".format(*(round(255 - (255 - c) * share) for c in rgb))


def check_sheet_options(doc: object, logo: object = None, read_logo: bool = True) -> SheetOptions:
    """Options from their JSON (the `sheet` column, a backup's "sheet") and the logo as
    base64 (None: none); an IngestError "sheet_invalid" naming the field, or the logo's own
    refusal (dna.workshop.sheetlogo). Missing keys take their defaults. Without `read_logo` only the
    logo's kind is read (a Workshop's options)."""
    if not isinstance(doc, dict):
        raise _invalid("sheet", "an object")
    if unknown := sorted(set(doc) - _KEYS):
        raise _invalid(unknown[0], "not an option")
    for name in ("layout", "paper", "colour"):
        if name in doc and not isinstance(doc[name], str):
            raise _invalid(name, "a text")
    kind = doc.get("logo")
    if kind is not None and kind not in KINDS:
        raise _invalid("logo", f"one of {', '.join(KINDS)} or null")
    data = _logo_bytes(logo) if read_logo else b""
    if read_logo and bool(kind) != bool(data):
        raise _invalid("logo", "a logo's kind and its data come together")
    if data and check_logo(data) != kind:
        raise _invalid("logo", f"the data is no {kind}")
    given = {k: doc[k] for k in ("layout", "paper", "colour", *SHOWS) if k in doc}
    if given.get("colour"):
        given["colour"] = colour(given["colour"])
    return SheetOptions(**given, logo_kind=kind or "", logo=data)


@lru_cache(maxsize=256)  # every read of a workshop parses its options: the same few texts
def stored(text: str | None, logo: str | None = None) -> SheetOptions:
    """The options of a stored row (checked when written), with the logo when given (else only
    its kind); a damaged row gives the defaults rather than breaking every page that reads it.
    Cached: checking an SVG logo again took ~0.16 s, and the sheet page reads it on every run."""
    try:
        return check_sheet_options(json.loads(text or "{}"), logo, read_logo=bool(logo))
    except (IngestError, ValueError):
        return SheetOptions()


def logo_text(options: SheetOptions) -> str | None:
    """The logo as the `sheet_logo` column and a backup hold it: base64, or None."""
    return base64.b64encode(options.logo).decode("ascii") if options.logo else None


def backup_columns(row: dict, where: str = "workshop") -> dict:
    """A backup's workshop row's "sheet" and "sheet_logo", checked and as the store writes
    them; both missing (a backup made before the options existed): the defaults. A wrong one
    is a WorkshopError "backup_invalid" naming it, as dna.services.backup_check reports
    every field."""
    try:
        options = check_sheet_options(row.get("sheet", {}), row.get("sheet_logo"))
    except IngestError as exc:
        field = exc.params.get("field", "sheet_logo" if exc.code.startswith("logo") else "sheet")
        name = f"{where}.{field}" if field.startswith("sheet") else f"{where}.sheet.{field}"
        raise IngestError(
            "backup_invalid", f"the backup's {name} is not valid: {exc}", field=name
        ) from exc
    return {"sheet": options.to_json(), "sheet_logo": logo_text(options)}


def _logo_bytes(value: object) -> bytes:
    if value is None:
        return b""
    if not isinstance(value, str) or len(value) > (LOGO_MAX_BYTES * 4) // 3 + 4:
        raise _invalid("sheet_logo", "base64 text of a small logo")
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise _invalid("sheet_logo", "base64 text") from exc


def _one_of(value: object, allowed: tuple[str, ...], field: str) -> None:
    if not isinstance(value, str) or value not in allowed:
        raise _invalid(field, f"one of {', '.join(allowed)}")


def _invalid(field: str, why: str) -> IngestError:
    return IngestError("sheet_invalid", f"the sheet's {field} is not valid: {why}", field=field)
