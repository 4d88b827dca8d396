from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import ImageStat
from pypdf import PdfReader

from dna.analysis.grouping import analyse
from dna.intake.ingest import load
from dna.output.cloud import CloudStyle, render_png
from dna.output.sheet import SheetData, SheetValue, count, format_date, printable, render
from dna.records import CURRENT, DESIRED

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "voorbeeld-workshop.csv"
SCREENSHOTS = Path("/tmp/sheet")  # looked at by hand; the tests only need tmp_path
DATE = dt.date(2026, 11, 29)

VALUES = (
    SheetValue(
        "Eigenaarschap",
        "We nemen verantwoordelijkheid voor ons werk en voor elkaar, ook als het tegenzit.",
        (
            "Je spreekt een collega aan als een afspraak niet wordt nagekomen.",
            "Je meldt problemen vroeg, niet pas als het te laat is.",
            "Je maakt zelf een plan in plaats van te wachten op de leidinggevende.",
            "Je zegt ‘dat pak ik op’ en doet het ook.",
        ),
        do=("Afspraken nakomen", "Hulp vragen"),
        dont=("Naar een ander wijzen",),
        votes=14,
    ),
    SheetValue(
        "Vertrouwen",
        "We gaan ervan uit dat iedereen het goede wil doen en geven elkaar ruimte.",
        (
            "Je deelt informatie open, ook als die nog niet af is.",
            "Je geeft een collega de ruimte om het op zijn eigen manier te doen.",
            "Je controleert niet dubbel wat een ander al heeft gedaan.",
            "Je durft te zeggen: “ik weet het niet”.",
        ),
        votes=11,
    ),
    SheetValue(
        "Samenwerken",
        "Samen bereiken we meer dan ieder afzonderlijk – over teams en afdelingen heen.",
        (
            "Je betrekt andere afdelingen vanaf het begin bij een project.",
            "Je vraagt om feedback op ideeën voordat iets definitief is.",
            "Je deelt successen én fouten in het teamoverleg.",
            "Je helpt een collega die vastloopt, ook als het niet jouw taak is.",
        ),
        votes=9,
    ),
    SheetValue(
        "Transparant",
        "We zijn open over wat we doen, waarom we het doen en wat we nog niet weten.",
        (
            "Besluiten en de redenen ervoor zijn voor iedereen terug te vinden.",
            "Je legt uit waarom je iets anders doet dan afgesproken.",
            "Je deelt cijfers, ook als ze tegenvallen.",
            "Je zegt het meteen als je een fout hebt gemaakt.",
        ),
        votes=7,
    ),
    SheetValue(
        "Ruimte voor fouten",
        "Van fouten leren we; we zoeken naar oorzaken, niet naar schuldigen.",
        (
            "Je bespreekt een mislukt experiment zonder iemand de schuld te geven.",
            "Je probeert iets nieuws, ook als het resultaat onzeker is.",
            "Je vraagt na een fout: wat leren we hiervan?",
            "Je waardeert een collega die een fout meldt, ook bij een ruzie over de coördinatie.",
        ),
        votes=6,
    ),
)
VOTES = (
    ("Eigenaarschap", 14),
    ("Vertrouwen", 11),
    ("Samenwerken", 9),
    ("Transparant", 7),
    ("Ruimte voor fouten", 6),
    ("Innovatief", 4),
    ("Klantgericht", 3),
)
SMALL = dict(width=800, height=450, min_font_size=10)  # fast clouds, same shape as the app's


@pytest.fixture(scope="module")
def clouds(lemmatiser) -> tuple[bytes, bytes]:
    """Real clouds from the sample workshop, as the app draws them (smaller, to be quick)."""
    answers = load(SAMPLE.read_bytes(), "v.csv").answers
    questions = analyse(answers, lemmatiser).questions
    return tuple(
        render_png(questions[q].frequencies(), CloudStyle(palette=q, **SMALL))
        for q in (CURRENT, DESIRED)
    )


def sheet(values=VALUES, **changes) -> SheetData:
    data = SheetData(
        title="Ons cultuur-DNA",
        organisation="Gemeente Zuidhaven · Team Dienstverlening",
        date=DATE,
        values=tuple(values),
        tagline="Samen zorgen we dat iedere inwoner zich gehoord voelt – vandaag én morgen.",
        participants=24,
        answers=96,
        voters=21,
        votes=VOTES,
    )
    return replace(data, **changes)


def pages(pdf: bytes) -> list[str]:
    """The text of each page, whitespace collapsed (wrapped lines join with a space)."""
    texts = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]
    return [re.sub(r" ?pagina \d+ van \d+$", "", text) for text in texts]  # the footer


def assert_values_present(text: str, values) -> None:
    for v in values:
        for part in (v.name, v.meaning, *v.behaviours, *v.do, *v.dont):
            assert " ".join(part.split()) in text, part


def test_one_page_a4_with_every_text_and_number(clouds):
    pdf = render(sheet(current_cloud=clouds[0], desired_cloud=clouds[1]))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.28) < 1 and abs(float(box.height) - 841.89) < 1
    (text,) = pages(pdf)
    for part in (
        "Ons cultuur-DNA",
        "Gemeente Zuidhaven · Team Dienstverlening",
        "29 november 2026",
    ):
        assert part in text
    assert "vandaag én morgen" in text
    assert "24 deelnemers" in text and "96 antwoorden" in text and "21 stemmers" in text
    assert "Onze waarden" in text.title() or "ONZE WAARDEN" in text
    assert "We doen wel:" in text and "We doen niet:" in text
    assert "14 stippen" in text and "Huidige cultuur" in text and "Gewenste cultuur" in text
    assert_values_present(text, VALUES)
    for char in "ëé’“”–‘":
        assert char in text, char


def test_screenshot_is_not_blank(clouds, tmp_path):
    pdf = render(sheet(current_cloud=clouds[0], desired_cloud=clouds[1]))
    image = pdfium.PdfDocument(pdf)[0].render(scale=2).to_pil()
    assert image.size == (1191, 1684)
    assert min(ImageStat.Stat(image.convert("L")).var) > 500  # text, clouds and bars
    image.save(tmp_path / "sheet-5x4.png")
    SCREENSHOTS.mkdir(exist_ok=True)
    image.save(SCREENSHOTS / "sheet-5x4.png")


def test_too_many_values_flow_to_a_second_page_with_nothing_lost():
    long = tuple(
        SheetValue(
            f"Waarde {i}",
            f"Een wat langere betekenis voor waarde {i}, zodat die over twee regels loopt.",
            tuple(
                f"Gedrag {i}.{j}: je ziet het aan hoe we elkaar helpen, ook als het druk is en "
                f"de planning knelt, en hoe we dat achteraf met elkaar bespreken (regel {j})."
                for j in range(1, 5)
            ),
        )
        for i in range(1, 9)
    )
    pdf = render(sheet(long, votes=()))
    texts = pages(pdf)
    assert len(texts) == 2
    assert_values_present(" ".join(texts), long)
    raw = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert "pagina 1 van 2" in raw[0] and "pagina 2 van 2" in raw[1]


def test_shrinks_the_type_before_flowing():
    six = (*VALUES, replace(VALUES[0], name="Plezier"))
    pdf = render(sheet(six))
    assert len(pages(pdf)) == 1
    assert "pagina" not in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()  # no footer


def test_a_value_taller_than_a_page_flows_whole():
    huge = SheetValue("Geduld", "Alles op zijn tijd.", ("Heel lang gedrag " * 900 + "einde.",))
    texts = pages(render(sheet((huge, *VALUES[:2]))))
    assert len(texts) >= 2
    assert_values_present(" ".join(texts), (huge, *VALUES[:2]))


def test_english_fixed_texts():
    (text,) = pages(render(sheet(language="en")))
    for part in ("OUR VALUES", "YOU CAN TELL BY", "29 November 2026", "24 participants"):
        assert part in text
    assert "96 answers" in text and "21 voters" in text and "We do:" in text
    assert "ONZE WAARDEN" not in text and "deelnemers" not in text


def test_equal_data_give_equal_bytes(clouds):
    data = sheet(current_cloud=clouds[0], desired_cloud=clouds[1])
    assert render(data) == render(replace(data))


def test_emoji_is_left_out_and_the_rest_renders():
    value = replace(VALUES[0], name="Eigenaarschap 🚀", behaviours=("Samen 👍🏽 sterk",))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # fpdf2 warns about glyphs it cannot draw
        (text,) = pages(render(sheet((value,), tagline="Trots 💪 op ons werk")))
    assert "Eigenaarschap" in text and "Samen sterk" in text and "Trots op ons werk" in text


def test_text_is_plain_not_markdown():
    value = replace(VALUES[0], meaning="**Vet** of __onderstreept__ blijft --gewoon-- tekst.")
    (text,) = pages(render(sheet((value,))))
    assert "**Vet** of __onderstreept__ blijft --gewoon-- tekst." in text


def test_missing_clouds(clouds):
    (text,) = pages(render(sheet(current_cloud=clouds[0])))
    assert "Gewenste cultuur" in text and "geen antwoorden" in text
    (text,) = pages(render(sheet(votes=())))
    assert "Huidige cultuur" not in text and "Stemmen" not in text


def test_long_vote_lists_are_summed_up_not_dropped():
    votes = tuple((f"Kandidaat {i}", 20 - i) for i in range(13))
    (text,) = pages(render(sheet(votes=votes)))
    assert "Kandidaat 8" in text and "Kandidaat 9" not in text
    assert "+ 4 andere, samen 38 stippen" in text  # 11 + 10 + 9 + 8


def test_helpers():
    assert format_date(dt.date(2026, 3, 1)) == "1 maart 2026"
    assert format_date(dt.date(2026, 3, 1), "en") == "1 March 2026"
    assert count(1, "stem stemmen") == "1 stem" and count(0, "stem stemmen") == "0 stemmen"
    assert printable(" Coöperatief\n 🙂 “ja,  maar”\t– ") == "Coöperatief “ja, maar” –"
    with pytest.raises(ValueError, match="language"):
        sheet(language="de")
