"""Write the ingest test fixtures (tests/data/ingest/) and the sample workshops (data/samples/).

Run from the repository root: `.venv/bin/python tests/data/ingest/make_fixtures.py`. The output is
deterministic (a fixed random seed, fixed workbook dates); tests/test_ingest.py asserts on it.
"""

from __future__ import annotations

import csv
import io
import random
import re
import struct
import zipfile
import zlib
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent.parent.parent / "data" / "samples"
WHEN = datetime(2024, 3, 12, 9, 0)

# Answers as people type them: case, plurals, typos, accents, phrases, "!".
NOW = (
    ["hiërarchisch"] * 6
    + ["Hiërarchisch", "hierarchisch", "hiërachisch", "top-down", "top down"]
    + ["bureaucratisch"] * 4
    + ["Bureaucratisch!", "bureaucratie", "veel regels", "regeltjes"]
    + ["traag"] * 4
    + ["Traag", "stroperig...", "log"]
    + ["collegiaal"] * 3
    + ["collega's", "collega’s", "betrokken", "Betrokken", "betrokkenheid", "loyaal", "veilig"]
    + ["eilandjes"] * 3
    + ["silo's", "naar binnen gericht", "afwachtend", "reactief"]
    + ["brandjes blussen", "hard werken", "werkdruk", "druk druk druk", "gezellig", "informeel"]
    + ["vergadercultuur", "risicomijdend", "zorgvuldig", "kwaliteit", "trots", "onduidelijk"]
    + ["geen ruimte voor fouten", "ad hoc", "Chaotisch", "ons kent ons", "ikke ikke ikke"]
)
WISH = (
    ["samenwerken"] * 5
    + ["samen werken", "Samenwerking", "samenwerkign", "Samen!"]
    + ["de klant centraal"] * 3
    + ["klant centraal", "De klant centraal!", "klantgericht"]
    + ["klant-gericht"]
    + ["open"] * 4
    + ["Open", "openheid", "transparant", "transparantie"]
    + ["eigenaarschap"] * 3
    + ["Eigenaarschap!", "verantwoordelijkheid nemen", "vertrouwen"] * 2
    + ["wendbaar", "flexibel", "innovatief", "vernieuwend", "lef", "durven", "ondernemend"]
    + ["ruimte voor fouten", "leren van fouten", "feedback geven", "plezier", "werkplezier"]
    + ["energie", "duidelijkheid", "resultaatgericht", "erkenning", "écht luisteren", "één team"]
    + ["korte lijnen", "ideeën delen", "creatief", "Creativiteit", "rust", "waardering"]
)
TEAMS = ("Klantcontact", "Beleid", "ICT", "Financiën", "HR", "Operatie")


def picks(rng: random.Random, pool: list[str], n: int = 4) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        word = rng.choice(pool)
        if word.lower() not in (w.lower() for w in out):
            out.append(word)
    return out


def joined(rng: random.Random, words: list[str]) -> str:
    """One form cell: the separators people use."""
    style = rng.choice((", ", ", ", ", ", "; ", " / ", "\n", "\n- ", " | "))
    text = style.join(words)
    return "- " + text if style == "\n- " else text


def write_csv(
    path: Path,
    rows: list[list[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    newline: str = "\n",
) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.properties.created = WHEN
    buffer = io.BytesIO()
    book.save(buffer)
    # Same bytes on every run: rewrite the zip with fixed entry dates.
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=WHEN.timetuple()[:6])
            body = source.read(entry)
            if entry.filename == "docProps/core.xml":  # openpyxl stamps "modified" on save
                body = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-03-12T09:00:00Z", body
                )
            target.writestr(fixed, body, compress_type=zipfile.ZIP_DEFLATED)


def png_1x1() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


GOOGLE = [
    [
        "Tijdstempel",
        "E-mailadres",
        "Team",
        "Beschrijf onze huidige cultuur in vier woorden",
        "Beschrijf onze gewenste cultuur in vier woorden",
    ],
    [
        "2024/03/12 9:14:03 AM CET",
        "anna@example.nl",
        "Sales",
        "Hiërarchisch, traag, collegiaal, veilig",
        "Open, wendbaar, de klant centraal, lef!",
    ],
    [
        "2024/03/12 9:15:40 AM CET",
        "bram@example.nl",
        "ICT",
        "bureaucratisch; eilandjes; loyaal; gezellig",
        "samen werken; eigenaarschap; vertrouwen; innovatief",
    ],
    [
        "2024/03/12 9:16:02 AM CET",
        "",
        "Sales",
        "afwachtend / top-down / collega's / druk",
        "transparant / klant-gericht / plezier / ruimte",
    ],
    [
        "2024/03/12 9:17:55 AM CET",
        "dewi@example.nl",
        "",
        "Traag\nHiërarchisch\nBetrokken\nZorgvuldig",
        "- Samenwerken\n- Openheid\n- Lef\n- Snel beslissen",
    ],
    [
        "2024/03/12 9:18:30 AM CET",
        "eva@example.nl",
        " Klantenservice ",
        "Reactief | brandjes blussen | hard werken | informeel",
        "",
    ],
    ["2024/03/12 9:19:12 AM CET", "fleur@example.nl", "HR", "", ""],
]

MS_NL = ["Id", "Begintijd", "Tijd van voltooien", "E-mail", "Naam"]
MS_EN = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]


def ms_rows(
    header: list[str],
    current: str,
    desired: str,
    answers: list[tuple[list, list]],
    quiz: bool = False,
) -> list[list[object]]:
    words = [f"{current} - woord {i}" for i in range(1, 5)]
    wishes = [f"{desired} - woord {i}" for i in range(1, 5)]
    extra = [f"Punten - {words[0]}", f"Feedback - {words[0]}"] if quiz else []
    rows: list[list[object]] = [header + words + extra + wishes]
    for n, (now, wish) in enumerate(answers, start=1):
        start = WHEN + timedelta(minutes=3 * n)
        meta = [n, start, start + timedelta(minutes=2), "anonymous", ""]
        meta += [start + timedelta(minutes=2)] if len(header) == 6 else []
        pad = [None] * 4
        rows.append(meta + (now + pad)[:4] + ([0, None] if quiz else []) + (wish + pad)[:4])
    return rows


MS_FIXTURE = {
    "Toelichting": [["Export van Microsoft Forms"], ["Cultuursessie 12 maart"]],
    "Blad1": ms_rows(
        MS_NL,
        "Huidige cultuur",
        "Gewenste cultuur",
        [
            (
                ["Hiërarchisch", "traag", "collega's", "veilig"],
                ["open", "samenwerken", "lef", "rust"],
            ),
            (["bureaucratisch", "", "eilandjes"], ["de klant centraal", "wendbaar"]),
            (["  Loyaal  ", "=SUM(1)"], []),
        ],
        quiz=True,
    ),
    "English": ms_rows(
        MS_EN,
        "Current culture",
        "Desired culture",
        [
            (["slow", "siloed"], ["agile", "open", "brave"]),
        ],
    ),
}

EXCEL_NL = [
    ["Nr", "Afdeling"] + [f"Nu {i}" for i in range(1, 5)] + [f"Gewenst {i}" for i in range(1, 5)],
    [
        "1",
        "Financiën",
        "hiërarchisch",
        "collega’s",
        "regels",
        "veilig",
        "één team",
        "cliënt centraal",
        "open",
        "durven",
    ],
    ["2", "Café", "Traag", "gezellig", "", "", "Snel", "Eerlijk", "", ""],
    [
        "3",
        "Financiën",
        "risicomijdend",
        "zorgvuldig",
        "eilandjes",
        "loyaal",
        "idee’s delen",
        "transparant",
        "ruimte",
        "vertrouwen",
    ],
]

LONG = [
    ["Respondent", "Team", "Vraag", "Antwoord"],
    ["r1", "Sales", "Huidig", "Traag"],
    ["r1", "Sales", "Huidig", "hiërarchisch"],
    ["r1", "Sales", "Gewenst", "Wendbaar"],
    ["r2", "ICT", "Hoe ervaar je de cultuur nu?", "bureaucratisch, eilandjes"],
    ["r2", "ICT", "Welke cultuur wensen we?", "samen werken"],
    ["r3", "", "current", "open"],
    ["r3", "", "desired", "Open"],
    ["r3", "", "Opmerking", "geen"],
]


def fixtures() -> None:
    write_csv(HERE / "google-forms.csv", GOOGLE)
    write_csv(HERE / "google-forms-bom.csv", GOOGLE, encoding="utf-8-sig", newline="\r\n")
    write_xlsx(HERE / "ms-forms.xlsx", MS_FIXTURE)
    write_csv(
        HERE / "excel-nl-cp1252.csv", EXCEL_NL, delimiter=";", encoding="cp1252", newline="\r\n"
    )
    write_csv(HERE / "lang.csv", LONG)
    (HERE / "geplakt.txt").write_text(
        "- Hiërarchisch\n• traag\n* Collegiaal\n\n1. veilig\n2) bureaucratisch, eilandjes\n",
        encoding="utf-8",
    )
    write_csv(
        HERE / "formules.csv",
        [
            ["Naam", "Huidige cultuur", "Gewenste cultuur"],
            ["Piet", "=open", '=HYPERLINK("http://evil.example","klik hier")'],
            ["Kees", "+samenwerken, @team", "-2+3, veilig"],
            ["Jan", "=1+1", "@SUM(A1:A2)"],
        ],
    )
    write_csv(
        HERE / "scripts.csv",
        [
            ["Huidige cultuur", "Gewenste cultuur"],
            ["<script>alert('x')</script>traag", "<b>Open</b>, <i>eerlijk</i>"],
            ["<img src=x onerror=alert(1)>veilig", "<style>p {color: red}</style>samen"],
            ["a < b, 3 <4", "<!-- verborgen -->lef"],
        ],
    )
    write_csv(
        HERE / "geen-antwoordkolommen.csv",
        [
            ["Tijdstempel", "E-mailadres", "Wat gaat goed?", "Wat kan beter?"],
            ["2024/03/12 9:14:03", "anna@example.nl", "open", "traag"],
            ["2024/03/12 9:15:03", "bram@example.nl", "collegiaal, betrokken", "regels"],
        ],
    )
    write_csv(HERE / "alleen-koppen.csv", [GOOGLE[0]])
    (HERE / "leeg.csv").write_bytes(b"")
    (HERE / "ruis.bin").write_bytes(random.Random(1).randbytes(4096))
    (HERE / "plaatje.png").write_bytes(png_1x1())
    (HERE / "oud.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))


def samples() -> None:
    rng = random.Random(2024)
    SAMPLES.mkdir(parents=True, exist_ok=True)

    rows = [
        [
            "Tijdstempel",
            "E-mailadres",
            "Team",
            "Beschrijf onze huidige cultuur in vier woorden",
            "Beschrijf onze gewenste cultuur in vier woorden",
        ]
    ]
    for n in range(32):
        stamp = (WHEN + timedelta(minutes=2 * n + rng.randint(0, 1))).strftime(
            "%Y/%m/%d %-I:%M:%S %p CET"
        )
        rows.append(
            [
                stamp,
                f"deelnemer{n + 1:02d}@example.nl",
                rng.choice(TEAMS),
                joined(rng, picks(rng, NOW)),
                joined(rng, picks(rng, WISH, rng.choice((3, 4, 4, 4, 5)))),
            ]
        )
    write_csv(SAMPLES / "google-forms.csv", rows)

    answers = [
        (picks(rng, NOW, rng.choice((3, 4, 4))), picks(rng, WISH, rng.choice((2, 4, 4))))
        for _ in range(27)
    ]
    form = ms_rows(MS_NL, "Huidige cultuur", "Gewenste cultuur", answers)
    form[0].insert(5, "Afdeling")
    for row in form[1:]:
        row.insert(5, rng.choice(TEAMS))
    write_xlsx(SAMPLES / "ms-forms.xlsx", {"Blad1": form})

    rows = [
        ["Nr", "Afdeling"]
        + [f"Nu {i}" for i in range(1, 5)]
        + [f"Gewenst {i}" for i in range(1, 5)]
    ]
    for n in range(1, 36):
        now, wish = picks(rng, NOW, rng.choice((3, 4, 4))), picks(rng, WISH)
        rows.append([str(n), rng.choice(TEAMS)] + (now + [""])[:4] + wish)
    write_csv(SAMPLES / "excel-nl.csv", rows, delimiter=";", encoding="cp1252", newline="\r\n")

    rows = [["Deelnemer", "Team", "Vraag", "Antwoord"]]
    for n in range(1, 24):
        team = rng.choice(TEAMS)
        for question, pool in (("Huidige cultuur", NOW), ("Gewenste cultuur", WISH)):
            rows += [[f"P{n:02d}", team, question, word] for word in picks(rng, pool)]
    write_csv(SAMPLES / "lang-formaat.csv", rows)


if __name__ == "__main__":
    fixtures()
    samples()
