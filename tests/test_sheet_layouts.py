"""The DNA sheet's two layouts, rendered: the page filled, the type large enough, the clouds'
words at least 8 pt as printed, equal bytes twice, the text extractable in both languages."""

from __future__ import annotations

import io
from dataclasses import replace

import numpy as np
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from dna.analysis import compare
from dna.analysis.grouping import analyse
from dna.intake.ingest import load
from dna.output import replay
from dna.output.cloudlayout import Layout, Placed
from dna.output.sheet import Grown, SheetOptions, Summary, measure, render
from dna.output.sheetdraw import PT, largest, readable
from dna.records import CURRENT, DESIRED, QUESTIONS
from tests.test_sheet import SAMPLE, SCREENSHOTS, VALUES, sheet

MAX_EMPTY_BAND = 0.15  # the bar: at most this share of the page empty at the bottom
HANDOUT, POSTER_A3, POSTER_A4 = (
    SheetOptions(),
    SheetOptions(layout="poster"),
    SheetOptions(layout="poster", paper="a4"),
)
MIN_TEXT_PT = {HANDOUT: 7.0, POSTER_A3: 20.0, POSTER_A4: 20.0 * 297 / 420}
PAGE_PT = {HANDOUT: (595.28, 841.89), POSTER_A3: (1190.55, 841.89), POSTER_A4: (841.89, 595.28)}
AIMS = ("keep", "develop", "let_go", None, "develop")


@pytest.fixture(scope="module")
def room(lemmatiser):
    """The sample workshop as the app has it: the clouds' growth, the comparison."""
    answers = load(SAMPLE.read_bytes(), "v.csv").answers
    result = analyse(answers, lemmatiser)
    past = replay.history(answers, lemmatiser, replay.step_for(len(answers)), (), now=result)
    found = compare.compare(result, participants=compare.participants(answers))
    lists = ("keep", "let_go", "develop", "strength_less")
    summary = Summary(*(tuple(r.label for r in found.of(c)) for c in lists))
    entropy = (found.entropy[CURRENT], found.entropy[DESIRED])
    clouds = tuple(Grown(tuple(past.frames[q])) for q in QUESTIONS)
    return clouds, summary, entropy


def full(room, values=VALUES, **changes):
    clouds, summary, entropy = room
    aimed = tuple(replace(v, aim=AIMS[i % len(AIMS)]) for i, v in enumerate(values))
    data = sheet(aimed, current_cloud=clouds[0], desired_cloud=clouds[1], summary=summary,
                 entropy=entropy)  # fmt: skip
    return replace(data, **changes)


def picture(pdf: bytes, page: int = 0):
    return pdfium.PdfDocument(pdf)[page].render(scale=1.5).to_pil()


def empty_band(pdf: bytes, name: str) -> float:
    """The share of the page below its lowest inked row (anything not near-white)."""
    image = picture(pdf)
    SCREENSHOTS.mkdir(exist_ok=True)
    image.save(SCREENSHOTS / f"{name}.png")
    grey = np.asarray(image.convert("L"))
    inked = np.flatnonzero((grey < 240).any(axis=1))
    return 1 - (inked[-1] + 1) / grey.shape[0] if inked.size else 1.0


def text_sizes(pdf: bytes) -> list[tuple[str, float]]:
    """Every piece of text with the size it is printed at (pt), read back from the PDF."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:

        def visit(text, cm, tm, font, size, found=found):
            if text.strip():
                found.append((text.strip(), round(size * abs(tm[3]) * abs(cm[3]), 2)))

        page.extract_text(visitor_text=visit)
    return found


def words(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(
    ("options", "values", "name"),
    [
        (HANDOUT, VALUES, "handout-5"),
        (HANDOUT, VALUES[:3], "handout-3"),
        (POSTER_A3, VALUES, "poster-a3-5"),
        (POSTER_A3, VALUES[:3], "poster-a3-3"),
        (POSTER_A4, VALUES[:4], "poster-a4-4"),
    ],
)
def test_each_layout_fills_one_page_at_a_readable_size(room, options, values, name):
    data = full(room, values)
    pdf = render(data, options)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == tuple(
        round(x, 1) for x in PAGE_PT[options]
    )
    band = empty_band(pdf, f"layout-{name}")
    assert band <= MAX_EMPTY_BAND, f"{name}: {band:.0%} empty at the bottom"
    sizes = text_sizes(pdf)
    smallest = min(size for _, size in sizes)
    assert smallest >= MIN_TEXT_PT[options] - 0.01, [t for t, s in sizes if s == smallest]
    behaviour = values[0].behaviours[0].split()[1]  # a word of the first behaviour
    assert min(s for t, s in sizes if behaviour in t) >= MIN_TEXT_PT[options] - 0.01
    measured = measure(data, options)
    assert measured.cloud_words > 0 and measured.cloud_min_pt >= 8.0
    assert measured.pages == 1 and measured.min_pt >= MIN_TEXT_PT[options] - 0.01


def test_a_poster_behaviour_is_readable_from_two_metres(room):
    """At least 20 pt on A3 for every behaviour (the handout's 9.5 pt would be 5 mm high)."""
    pdf = render(full(room, VALUES[:3]), POSTER_A3)
    sizes = dict(text_sizes(pdf))
    for value in VALUES[:3]:
        first = value.behaviours[0].split()
        line = next(t for t in sizes if " ".join(first[:3]) in t)
        assert sizes[line] >= 20
    assert sizes[next(t for t in sizes if "Samen zorgen" in t)] >= 30  # the tagline, large


def test_the_handout_fills_its_page_with_a_short_workshop(room):
    """Two values, no vote, no comparison: the type grows and the clouds take the room."""
    data = full(room, VALUES[:2], votes=(), summary=Summary(), entropy=None)
    pdf = render(data, HANDOUT)
    assert empty_band(pdf, "handout-2-bare") <= MAX_EMPTY_BAND
    assert measure(data, HANDOUT).body_pt >= 10.5  # larger than today's 9.5


def test_equal_data_give_equal_bytes_in_both_layouts(room):
    for options in (HANDOUT, POSTER_A4):
        data = full(room)
        assert render(data, options) == render(replace(data), options)


def test_the_handout_says_what_each_value_does_and_what_the_room_keeps(room):
    text = words(render(full(room), HANDOUT))
    for part in ("behoudt een kracht", "ontwikkelt iets nieuws", "laat een beperkend thema los",
                 "BEHOUDEN, LOSLATEN, ONTWIKKELEN", "Loslaten", "hiërarchisch",
                 "Sterk nu, minder genoemd: betrokken", "Cultuurentropie 46 %: 81 van de 178",
                 "Huidige cultuur", "Gewenste cultuur", "14 stippen"):  # fmt: skip
        assert part in text, part


def test_the_entropy_without_lists_under_the_thresholds(room):
    """A room where no theme reaches the comparison's thresholds still has its entropy: the
    handout crashed drawing an empty heading above the missing lists."""
    text = words(render(full(room, summary=Summary()), HANDOUT))
    assert "Cultuurentropie 46 %" in text and "BEHOUDEN, LOSLATEN" not in text


def test_english_in_both_layouts(room):
    data = full(room, language="en")
    handout = words(render(data, HANDOUT))
    for part in ("OUR VALUES", "keeps a strength", "Let go", "Cultural entropy 46%",
                 "29 November 2026", "Current culture", "14 dots"):  # fmt: skip
        assert part in handout, part
    assert "Behouden" not in handout and "stippen" not in handout
    poster = words(render(data, POSTER_A3))
    assert "29 November 2026" in poster and "Eigenaarschap" in poster
    assert "Je spreekt een collega aan" in poster and "november" not in poster


def test_the_poster_shows_nothing_else(room):
    text = words(render(full(room, VALUES[:3]), POSTER_A3))
    for absent in ("stippen", "Stemmen", "Cultuurentropie", "Huidige cultuur", "Loslaten",
                   "deelnemers"):  # fmt: skip
        assert absent not in text, absent
    assert "Samen zorgen we" in text and "We doen wel:" in text  # everything fits with 3


def test_the_poster_leaves_lines_to_the_handout_before_it_shrinks(room):
    """5 values x 4 long behaviours: at 20 pt the do/don't lines and meanings stay off."""
    data = full(room)
    measured = measure(data, POSTER_A3)
    assert measured.pages == 1 and measured.left_off == ("lines", "meanings")
    text = words(render(data, POSTER_A3))
    assert "We doen wel:" not in text and VALUES[0].meaning not in text
    assert all(b.split()[-1] in text for v in VALUES for b in v.behaviours)


def test_show_and_hide(room):
    hidden = SheetOptions(current_cloud=False, votes=False, entropy=False)
    text = words(render(full(room), hidden))
    assert "Huidige cultuur" not in text and "Gewenste cultuur" in text
    assert "stippen" not in text and "Stemmen" not in text and "Cultuurentropie" not in text
    assert "stemmers" not in text and "24 deelnemers" in text
    poster = words(render(full(room, VALUES[:3]), replace(POSTER_A3, desired_cloud=False)))
    assert "eigenaarschap" not in poster.replace("Eigenaarschap", "")  # no cloud word left
    assert measure(full(room, VALUES[:3]), replace(POSTER_A3, desired_cloud=False)).cloud_words == 0


def test_a_finished_layout_keeps_only_words_that_print_at_8pt():
    """A layout drawn small: words under 8 pt at print scale are left out, the rest is cut
    to the words that stay (so they print larger)."""
    words_ = (
        Placed("groot", 10, 120, 100, 100, 300, 90),
        Placed("klein", 1, 20, 1300, 700, 60, 15),  # far off: would widen the box
    )
    layout = Layout(1440, 810, words=words_)
    kept, box, mm = readable(layout, 60.0, 34.0)
    assert [p.label for p in kept] == ["groot"]
    assert box[2] - box[0] < 500  # cut to the word that stays
    assert 120 * mm / PT >= 8 and 20 * (60.0 / 1440) / PT < 8  # it would have printed at ~2 pt


def test_largest_finds_the_biggest_fitting_size():
    sizes = (12, 11, 10, 9, 8)
    assert largest(sizes, lambda s: s <= 10) == 10
    assert largest(sizes, lambda s: True) == 12
    assert largest(sizes, lambda s: False) is None


def test_a_cloud_picture_without_readable_words_says_so(room):
    pdf = render(full(room, current_cloud=Grown(({},)), desired_cloud=None), HANDOUT)
    assert "geen antwoorden" in words(pdf)


def test_two_pages_when_the_values_cannot_fit(room):
    long = tuple(replace(v, name=f"{v.name} {i}") for i, v in enumerate(VALUES * 3))
    data = full(room, long)
    measured = measure(data, POSTER_A4)
    assert measured.pages >= 2 and measured.min_pt >= MIN_TEXT_PT[POSTER_A4] - 0.01
    text = words(render(data, POSTER_A4))  # whole rows flow on: nothing smaller, nothing lost
    assert all(v.name in text for v in long)


def test_the_sheet_data_carries_the_comparison(lemmatiser):
    """export.sheet_data with the comparison: each value's aim from the groups it came from,
    the keep / let go / develop lists and the entropy of both questions."""
    import datetime as dt

    from dna.output import export
    from dna.workshop.values import Value
    from dna.workshop.voting import Tally
    from dna.workshop.workshop import Workshop

    answers = load(SAMPLE.read_bytes(), "v.csv").answers
    result = analyse(answers, lemmatiser)
    found = compare.compare(result, participants=compare.participants(answers))
    limiting = found.of("let_go")[0].key  # hiërarchisch
    values = [
        Value("Eigenaarschap", "Oppakken.", ("Je pakt het op.",), sources=("eigenaarschap",), id=1),
        Value("Minder regels", "Ruimte.", ("Je schrapt iets.",), sources=(limiting,), id=2),
        Value("Plezier", "Lol.", ("Je lacht.",), id=3),
    ]
    when = dt.datetime(2026, 11, 29, tzinfo=dt.UTC)
    ws = Workshop(1, "ACE347", "Heidag", "Org", ("Nu?", "Straks?"), 4, (), "open", False, when, 0,
                  final=(1, 2, 3))  # fmt: skip
    data = export.sheet_data(ws, result, values, Tally(), comparison=found)
    assert [v.aim for v in data.values] == ["develop", "let_go", None]
    assert "hiërarchisch" in data.summary.let_go and "eigenaarschap" in data.summary.develop
    assert "betrokken" in data.summary.strength_less and "betrokken" not in data.summary.let_go
    assert data.entropy == (found.entropy[CURRENT], found.entropy[DESIRED])
    plain = export.sheet_data(ws, result, values, Tally())  # without: as before
    assert plain.entropy is None and not plain.summary and plain.values[0].aim is None
