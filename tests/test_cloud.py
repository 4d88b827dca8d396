from __future__ import annotations

import hashlib
import io
import os
import random
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image, ImageColor, ImageOps

from dna.colour import contrast
from dna.output.cloud import CloudStyle, layout, render_png, render_svg
from dna.output.cloudstyle import (
    FONT_PATH,
    FONT_PATH_REGULAR,
    MIN_CONTRAST,
    display_counts,
    shorten,
)
from dna.records import CURRENT, DESIRED

SMALL = CloudStyle(width=480, height=270)  # where the size does not matter: fast
COUNTS = {
    "hiërarchisch": 12,
    "de klant centraal": 9,
    "ICT": 7,
    "bureaucratisch": 6,
    "ruimte voor fouten": 5,
    "naïef": 4,
    "coöperatief": 3,
    "ego’s": 3,
    "“ja, maar”": 2,
    "één team": 2,
    "traag": 2,
    "silo's": 1,
    "meer van hetzelfde – niets nieuws": 1,
}


def _words(frequencies, style=SMALL) -> list[str]:
    return [word for (word, _), *_ in layout(frequencies, style).layout_]


def _colours(png: bytes, background: str) -> set[tuple[int, int, int]]:
    """The distinct text colours of a rendered cloud (antialiased edges mostly left out)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    bg = ImageColor.getrgb(background)[:3]
    counts = image.getcolors(maxcolors=1 << 20)
    return {rgb for n, rgb in counts if rgb != bg and n >= 200}


def test_png_is_full_size():
    image = Image.open(io.BytesIO(render_png(COUNTS)))
    assert image.format == "PNG"
    assert image.size == (1600, 900)


def test_png_size_not_a_multiple_of_the_scale():
    style = CloudStyle(width=1601, height=901)
    assert Image.open(io.BytesIO(render_png(COUNTS, style))).size == (1601, 901)


def test_same_input_gives_the_same_bytes_whatever_the_order():
    items = list(COUNTS.items())
    random.Random(1).shuffle(items)
    first = render_png(COUNTS, SMALL)
    assert render_png(COUNTS, SMALL) == first
    assert render_png(dict(items), SMALL) == first
    assert render_png(COUNTS, CloudStyle(width=480, height=270, random_state=7)) != first


def test_ties_are_ordered_by_label():
    assert list(display_counts({"b": 2, "a": 2, "c": 3, "d": 0, "  ": 5})) == ["c", "a", "b"]


def test_palettes_differ_and_keep_contrast():
    current = _colours(render_png(COUNTS, SMALL), "white")
    desired = _colours(render_png(COUNTS, CloudStyle(480, 270, palette=DESIRED)), "white")
    assert len(current) >= 3 and len(desired) >= 3
    assert not current & desired
    assert sum(r > b for r, _, b in current) > len(current) / 2  # warm: more red than blue
    assert sum(b + g > 2 * r for r, g, b in desired) > len(desired) / 2  # cool
    for palette in (CURRENT, DESIRED):
        for background in ("white", "#111827", "#808080"):
            style = CloudStyle(480, 270, palette=palette, background=background)
            bg = ImageColor.getrgb(background)
            for *_, colour in layout(COUNTS, style).layout_:
                assert contrast(ImageColor.getrgb(colour), bg) >= MIN_CONTRAST


def test_max_words_caps_the_cloud():
    many = {f"woord{i}": 100 - i for i in range(80)}
    assert len(_words(many, CloudStyle(800, 450, max_words=10))) == 10
    assert len(_words(many, CloudStyle(800, 450, max_words=60))) <= 60


@pytest.mark.parametrize("style", [CloudStyle(), CloudStyle(3840, 2160, min_font_size=40), SMALL])
def test_no_word_below_the_minimum_size(style):
    many = {f"woord{i}": 100 - i for i in range(150)}
    cloud = layout(many, style)
    assert cloud.layout_
    assert min(size for _, size, *_ in cloud.layout_) * cloud.scale >= style.min_font_size


def test_phrases_and_diacritics_stay_whole():
    words = _words(COUNTS, CloudStyle(960, 540))
    for label in ("hiërarchisch", "de klant centraal", "ICT", "“ja, maar”", "ego’s", "één team"):
        assert label in words
    assert "klant" not in words


def test_long_labels_are_shortened_but_keep_their_count():
    long = "ik vind dat we veel te veel vergaderen en dat niemand ooit een besluit neemt " * 2
    assert len(long) > 100
    counts = display_counts({long: 4, "kort": 2})
    (label, count), *_ = counts.items()
    assert label.endswith("…") and len(label) <= 40 and count == 4
    assert label in _words({long: 4, "kort": 2})
    assert shorten("  de   klant\tcentraal ") == "de klant centraal"


@pytest.mark.parametrize("frequencies", [{}, {"leeg": 0}])
def test_empty_input_gives_a_blank_image(frequencies):
    assert layout(frequencies, SMALL).layout_ == []
    image = Image.open(io.BytesIO(render_png(frequencies, SMALL)))
    assert image.size == (480, 270)
    assert image.convert("RGB").getcolors() == [(480 * 270, (255, 255, 255))]
    ET.fromstring(render_svg(frequencies, SMALL))


def _ink(png: bytes) -> tuple[int, int, int, int]:
    """The bounding box of everything that is not white background."""
    return ImageOps.invert(Image.open(io.BytesIO(png)).convert("L")).getbbox()


def test_words_sit_centred_and_off_the_edges():
    left, top, right, bottom = _ink(render_png({"vertrouwen": 3, "lef": 1}, SMALL))
    assert abs((left + right) / 2 - 240) <= 3 and abs((top + bottom) / 2 - 135) <= 3
    left, top, right, bottom = _ink(render_png({f"woord{i}": 50 - i for i in range(50)}, SMALL))
    assert left >= 3 and top >= 3 and right <= 480 - 3 and bottom <= 270 - 3


def test_a_single_word_fits():
    assert _words({"vertrouwen": 3}) == ["vertrouwen"]
    assert _words({"vertrouwen": 3}, CloudStyle(40, 20)) == []  # no room: still no exception


def test_dark_background():
    style = CloudStyle(480, 270, background="#111827")
    image = Image.open(io.BytesIO(render_png(COUNTS, style))).convert("RGB")
    assert image.getpixel((0, 0)) == (17, 24, 39)
    assert len(_colours(render_png(COUNTS, style), "#111827")) >= 3


def test_svg_parses_and_holds_the_words():
    svg = render_svg(COUNTS, SMALL)
    root = ET.fromstring(svg)
    texts = [el.text for el in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "hiërarchisch" in texts and "de klant centraal" in texts
    assert "sans-serif" in svg and "@font-face" in svg
    assert "@font-face" not in render_svg(COUNTS, SMALL, embed_font=False)


def test_the_svg_is_the_same_bytes_a_second_later(monkeypatch):
    """The embedded font subset carried the moment it was made (fontTools stamps a font's
    "modified" time on save): the same cloud downloaded twice, a second apart, differed."""
    import time

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(time, "time", lambda: 1_800_000_000.0)
    first = render_svg(COUNTS, SMALL)
    monkeypatch.setattr(time, "time", lambda: 1_900_000_000.0)
    assert render_svg(COUNTS, SMALL) == first


def test_bad_style_is_refused():
    with pytest.raises(ValueError):
        CloudStyle(palette="future")
    with pytest.raises(ValueError):
        CloudStyle(background="not a colour")


def test_font_ships_with_licence_and_dutch_glyphs():
    from fontTools.ttLib import TTFont

    assert (FONT_PATH.parent / "LICENSE-OpenSans.txt").is_file()
    for path in (FONT_PATH, FONT_PATH_REGULAR):
        cmap = TTFont(path).getBestCmap()
        assert all(ord(c) in cmap for c in "ëéïóèöüáàçĳ’‘“”–—…€")


def test_same_bytes_in_another_process():
    """Colours and layout never depend on Python's salted str hash."""
    code = (
        "import hashlib, sys; sys.path.insert(0, '.');"
        "from dna.output.cloud import CloudStyle, render_png;"
        f"print(hashlib.sha256(render_png({COUNTS!r}, CloudStyle(480, 270))).hexdigest())"
    )
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == hashlib.sha256(render_png(COUNTS, SMALL)).hexdigest()


def test_equal_counts_get_equal_sizes():
    """A facilitator reads size as weight: equal counts must not look different."""
    words = ["open", "traag", "ons kent ons", "veel regels", "hiërarchisch", "stroperig"]
    cloud = layout(dict.fromkeys(words, 1))
    assert len(cloud.layout_) == len(words)
    assert len({size for _, size, _, _, _ in cloud.layout_}) == 1


def test_many_rare_words_are_still_placed_when_the_cap_allows():
    freqs = {f"woord{i:03d}": 1 + (i % 3 == 0) for i in range(150)}
    cloud = layout(freqs, CloudStyle(max_words=150))
    assert len(cloud.layout_) >= 100
