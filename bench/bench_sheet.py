"""DNA sheet speed: 5 values x 4 behaviours with both clouds, and 8 long values that flow.

Prints numbers; never fails.

.venv/bin/python bench/bench_sheet.py
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # as a script: the root's packages

from pypdf import PdfReader  # noqa: E402

from bench.timing import timed  # noqa: E402
from dna.output.cloud import CloudStyle, render_png  # noqa: E402
from dna.output.sheet import SheetData, SheetValue, render  # noqa: E402
from dna.records import CURRENT, DESIRED  # noqa: E402

RUNS = 7
TERMS = {
    "betrokken": 27,
    "hiërarchisch": 20,
    "collegiaal": 18,
    "veel regels": 10,
    "eigenaarschap": 31,
    "vertrouwen": 25,
    "ruimte voor fouten": 10,
    "klantgericht": 9,
    "één team": 4,
    "ego’s": 3,
}
BEHAVIOUR = "Je spreekt een collega aan als een afspraak niet wordt nagekomen."


def data(values: int, behaviour: str = BEHAVIOUR) -> SheetData:
    clouds = [render_png(TERMS, CloudStyle(palette=p)) for p in (CURRENT, DESIRED)]
    return SheetData(
        title="Ons cultuur-DNA",
        organisation="Gemeente Zuidhaven",
        date=dt.date(2026, 11, 29),
        values=tuple(
            SheetValue(
                f"Waarde {i}",
                "We nemen verantwoordelijkheid voor ons werk en voor elkaar.",
                tuple(f"{behaviour} ({j})" for j in range(4)),
                do=("Afspraken nakomen",),
                votes=10 - i,
            )
            for i in range(values)
        ),
        tagline="Samen zorgen we dat iedere inwoner zich gehoord voelt.",
        participants=24,
        answers=96,
        voters=21,
        current_cloud=clouds[0],
        desired_cloud=clouds[1],
        votes=tuple((f"Waarde {i}", 10 - i) for i in range(9)),
    )


def main() -> None:
    for label, sheet in (
        ("5x4, both clouds (one page)", data(5)),
        ("8x4 long, both clouds (flows)", data(8, BEHAVIOUR + " " + BEHAVIOUR)),
    ):
        times, pdf = timed(lambda s=sheet: render(s), RUNS)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(
            f"{label:32} median {statistics.median(times) * 1000:6.0f} ms"
            f"  min {min(times) * 1000:5.0f} ms  {len(pdf) / 1024:5.0f} KiB  {pages} page(s)"
        )


if __name__ == "__main__":
    main()
