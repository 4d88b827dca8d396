"""The DNA sheet's options: the logo (accepted, refused), the house colour (contrast), the
stored options (schema 6) and their way through a backup."""

from __future__ import annotations

import base64
import io
import json
from dataclasses import replace

import numpy as np
import pypdfium2 as pdfium
import pytest
import sqlalchemy as sa
from PIL import Image

from dna.colour import contrast
from dna.intake.tables import IngestError
from dna.output.sheet import SheetOptions, render
from dna.services import backup
from dna.workshop import sheetoptions
from dna.workshop.sheetlogo import LOGO_MAX_BYTES, LOGO_MAX_PX, check_logo
from tests.test_backup import seed
from tests.test_sheet import VALUES, sheet

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" width="120" height="40">'
    '<rect x="0" y="0" width="40" height="40" fill="#0a7e3e"/>'
    '<circle cx="80" cy="20" r="18" fill="url(#g)"/><defs><linearGradient id="g">'
    '<stop offset="0" stop-color="#0a7e3e"/><stop offset="1" stop-color="#9be15d"/>'
    "</linearGradient></defs></svg>"
)


def png(width: int = 240, height: int = 80, noise: bool = False) -> bytes:
    if noise:
        pixels = np.random.default_rng(7).integers(0, 256, (height, width, 3), dtype=np.uint8)
        image = Image.fromarray(pixels)
    else:
        image = Image.new("RGBA", (width, height), (10, 126, 62, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def refused(data: bytes) -> IngestError:
    with pytest.raises(IngestError) as caught:
        check_logo(data)
    return caught.value


# -- the logo -----------------------------------------------------------------------------------
def test_a_small_png_and_a_plain_svg_are_logos():
    assert check_logo(png()) == "png"
    assert check_logo(SVG.encode()) == "svg"
    editor = SVG.replace("<svg ", '<svg xmlns:inkscape="http://www.inkscape.org/namespaces/'
                         'inkscape" inkscape:version="1.3" ')  # fmt: skip
    assert check_logo(editor.encode()) == "svg"  # an editor's notes are inert


def test_too_large_or_too_many_pixels_is_refused():
    big = png(600, 600, noise=True)
    assert len(big) > LOGO_MAX_BYTES
    error = refused(big)
    assert error.code == "logo_too_large" and error.params["max_kb"] == 300
    wide = png(LOGO_MAX_PX + 1, 4)
    assert len(wide) < LOGO_MAX_BYTES and refused(wide).code == "logo_too_wide"


@pytest.mark.parametrize(
    ("svg", "what"),
    [
        (SVG.replace("</svg>", "<script>alert(1)</script></svg>"), "<script>"),
        (SVG.replace("<rect ", '<rect onclick="alert(1)" '), "onclick="),
        (
            SVG.replace(
                "</svg>",
                '<foreignObject width="9" height="9"><div xmlns="http://www.w3.'
                'org/1999/xhtml">hi</div></foreignObject></svg>',
            ),
            "<foreignObject>",
        ),  # fmt: skip
        (
            SVG.replace(
                "</svg>", '<image href="https://evil.example/x.png" width="9" height="9"/></svg>'
            ),
            "<image>",
        ),  # fmt: skip
        (SVG.replace("</svg>", '<use href="https://evil.example/s.svg#a"/></svg>'), "href="),
        (SVG.replace('fill="url(#g)"', 'style="fill:url(https://evil.example/p)"'), "style="),
        (SVG.replace("</svg>", "<style>@import url(x.css);</style></svg>"), "<style>"),
        (
            '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            + SVG.replace("</svg>", "<text>&x;</text></svg>"),
            "DOCTYPE",
        ),  # fmt: skip
    ],
)
def test_an_svg_that_runs_or_loads_something_is_refused(svg, what):
    error = refused(svg.encode())
    assert error.code == "logo_svg_unsafe" and what in error.params["what"], error.params


def test_what_is_no_png_or_svg_is_refused():
    jpeg = io.BytesIO()
    Image.new("RGB", (20, 20)).save(jpeg, format="JPEG")
    assert refused(jpeg.getvalue()).code == "logo_format"
    assert refused(b"hello").code == "logo_format"
    assert refused(b"\x89PNG\r\n\x1a\nbroken").code == "logo_format"
    no_size = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>'
    assert refused(no_size.encode()).code == "logo_svg_broken"


def test_the_refusals_are_said_in_both_languages():
    from ui.texts import EN, NL

    for code in ("logo_too_large", "logo_too_wide", "logo_format", "logo_svg_unsafe",
                 "logo_svg_broken", "colour_invalid"):  # fmt: skip
        assert f"err_{code}" in NL and f"err_{code}" in EN
    assert "script" in NL["err_logo_svg_unsafe"] and "PNG" in EN["err_logo_svg_unsafe"]


def test_a_logo_goes_on_both_layouts_the_same_bytes_twice():
    data = sheet(VALUES[:2])
    for logo in (png(), SVG.encode()):
        for layout in ("handout", "poster"):
            options = SheetOptions(layout=layout).with_logo(logo)
            pdf = render(data, options)
            assert pdf == render(data, replace(options))
            assert pdf != render(data, SheetOptions(layout=layout))  # the logo is drawn


# -- the house colour ---------------------------------------------------------------------------
def test_a_colour_that_reads_on_white_is_used_as_it_is():
    assert sheetoptions.ink("#1d4ed8") == ("#1d4ed8", False)
    assert sheetoptions.colour(" #ABC ") == "#aabbcc"
    with pytest.raises(IngestError) as caught:
        sheetoptions.colour("rood")
    assert caught.value.code == "colour_invalid"


@pytest.mark.parametrize("light", ["#ffd700", "#7dd3fc", "#ffffff", "#00ff00"])
def test_a_light_colour_gets_a_darker_shade_that_passes(light):
    shade, darker = sheetoptions.ink(light)
    assert darker and shade != light
    rgb = tuple(int(shade[i : i + 2], 16) for i in (1, 3, 5))
    assert contrast(rgb, (255, 255, 255)) >= 4.5
    assert contrast(rgb, (255, 255, 255)) < 5.5  # the first shade that passes, not black


def test_the_sheet_draws_in_the_readable_shade():
    gold = SheetOptions(colour="#ffd700")
    shade = tuple(int(gold.ink[i : i + 2], 16) for i in (1, 3, 5))
    image = pdfium.PdfDocument(render(sheet(VALUES[:2]), gold))[0].render(scale=2).to_pil()
    pixels = np.asarray(image.convert("RGB")).reshape(-1, 3)
    count = lambda rgb: int((np.abs(pixels - rgb).sum(axis=1) <= 3).sum())  # noqa: E731
    assert count(shade) > 200  # the badges and the tagline's bar
    assert count((255, 215, 0)) == 0  # never the unreadable gold itself


# -- stored with the workshop, and in backups ---------------------------------------------------
def test_options_round_trip_through_the_store(store):
    code = seed(store)
    assert store.sheet(code) == SheetOptions() and store.workshop(code).sheet == SheetOptions()
    revision = store.workshop(code).revision
    chosen = SheetOptions(layout="poster", paper="a4", colour="#0a7e3e", votes=False,
                          current_cloud=False).with_logo(png())  # fmt: skip
    store.set_sheet(code, chosen)
    assert store.sheet(code) == chosen
    ws = store.workshop(code)
    assert ws.sheet == replace(chosen, logo=b"")  # the row read all the time: the kind only
    assert ws.sheet.logo_kind == "png" and ws.revision == revision  # no live view shows it
    assert store.workshops()[0].sheet.layout == "poster"
    store.set_sheet(code, chosen.with_logo(None))
    assert store.sheet(code).logo == b"" and store.sheet(code).layout == "poster"
    with pytest.raises(IngestError):
        store.set_sheet("NOPE99", chosen)


def test_options_and_logo_survive_a_backup(store, tmp_path):
    from dna.store import Store

    code = seed(store)
    chosen = SheetOptions(layout="poster", colour="#ffd700", entropy=False).with_logo(SVG.encode())
    store.set_sheet(code, chosen)
    doc = backup.backup(store, code)
    assert doc["workshop"]["sheet"]["layout"] == "poster"
    assert base64.b64decode(doc["workshop"]["sheet_logo"]) == SVG.encode()
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    assert backup.restore(other, backup.loads(backup.dumps(doc))) == code
    assert other.sheet(code) == chosen
    assert backup.backup(other, code)["workshop"] == doc["workshop"]  # dumps the same again
    other.engine.dispose()


def test_a_backup_from_before_the_options_restores_with_the_defaults(store, tmp_path):
    from dna.store import Store

    code = seed(store)
    doc = backup.backup(store, code)
    del doc["workshop"]["sheet"], doc["workshop"]["sheet_logo"]
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    backup.restore(other, backup.loads(backup.dumps(doc)))
    assert other.sheet(code) == SheetOptions()
    other.engine.dispose()


@pytest.mark.parametrize(
    ("sheet_doc", "logo", "field"),
    [
        ({"layout": "flyer"}, None, "workshop.sheet.layout"),
        ({"colour": "red"}, None, "workshop.sheet.colour"),
        ({"votes": "yes"}, None, "workshop.sheet.votes"),
        ({"font": "Comic"}, None, "workshop.sheet.font"),
        ({"logo": "png"}, None, "workshop.sheet.logo"),  # a kind without its data
        ({"logo": "svg"}, "not base64!", "workshop.sheet_logo"),
        ({"logo": "svg"}, "<script>", "workshop.sheet_logo"),  # replaced below by an SVG
        ("poster", None, "workshop.sheet"),
    ],
)
def test_a_backup_with_wrong_options_is_refused_and_writes_nothing(
    store, tmp_path, sheet_doc, logo, field
):
    from dna.store import Store

    code = seed(store)
    doc = backup.backup(store, code)
    if logo == "<script>":
        logo = base64.b64encode(SVG.replace("</svg>", "<script/></svg>").encode()).decode()
    doc["workshop"] |= {"sheet": sheet_doc, "sheet_logo": logo}
    with pytest.raises(IngestError) as caught:
        sheetoptions.backup_columns(doc["workshop"])  # the check a restore runs
    assert caught.value.code == "backup_invalid" and caught.value.params["field"] == field
    with pytest.raises(IngestError) as caught:  # the file's own check, before any database
        backup.loads(backup.dumps(doc))
    assert caught.value.code == "backup_invalid" and caught.value.params["field"] == field
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    with pytest.raises(IngestError) as caught:
        backup.restore(other, backup.loads(backup.dumps(doc)))
    assert caught.value.code == "backup_invalid" and other.workshops() == []
    other.engine.dispose()


def test_check_sheet_options_reads_the_stored_form():
    chosen = SheetOptions(layout="poster", colour="#123456").with_logo(png())
    doc = json.loads(json.dumps(chosen.to_json()))
    logo = sheetoptions.logo_text(chosen)
    assert sheetoptions.check_sheet_options(doc, logo) == chosen
    assert sheetoptions.check_sheet_options({}) == SheetOptions()
    assert sheetoptions.stored("{broken") == SheetOptions()  # a damaged row: the defaults


def test_a_version_5_database_gets_the_sheet_options(db_url):
    from tests.test_store import LATER, _as_version

    new = _as_version(db_url, 5, *LATER[5])
    assert new.workshop("ACE347").sheet == SheetOptions()
    new.set_sheet("ACE347", SheetOptions(layout="poster"))
    assert new.sheet("ACE347").layout == "poster"
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT sheet FROM workshops")).scalar()
    engine.dispose()
    assert json.loads(stored)["layout"] == "poster"
    new.engine.dispose()
