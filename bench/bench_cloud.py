"""Cloud rendering speed: 150 Dutch terms at 1600x900. Prints numbers; never fails.

.venv/bin/python bench/bench_cloud.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wordcloud import WordCloud  # noqa: E402

from dna.output.cloud import CloudStyle, layout, render_png, render_svg  # noqa: E402

TARGET = 0.5  # seconds, median
RUNS = 9

# Words and phrases people give about a culture, as a workshop would collect them.
TERMS = (
    """
vertrouwen samenwerking eigenaarschap hiërarchisch bureaucratisch transparant klantgericht wendbaar
innovatief plezier waardering coöperatief naïef traag regels controle angst lef zelfsturing respect
creatief flexibel eerlijk duurzaam betrokken loyaal collegiaal werkdruk stroperig politiek veilig
trots gezellig zakelijk formeel nieuwsgierig ondernemend ICT resultaatgericht doelgericht
mensgericht kwaliteitsbewust kostenbewust servicegericht risicomijdend afwachtend reactief
proactief verkokerd vastgeroest ouderwets modern professioneel menselijk zorgzaam warm kil
gesloten open eerlijkheid integriteit ambitieus gedreven gemotiveerd onzeker chaotisch rommelig
gestructureerd helder duidelijk onduidelijk star hectisch rustig druk familiair informeel
kritisch positief negatief klagen zeuren afspraken verantwoordelijkheid aanspreekbaar
wantrouwen overleg papierwerk eilandjes ego’s silo's top-down bottom-up inspraak zichtbaar
leiderschap coaching ontwikkeling leren groei experimenteren vernieuwing digitaal efficiënt
snel inclusief divers gelijkwaardig respectvol humor energie passie betekenisvol
maatschappelijk stabiel degelijk voorzichtig afrekencultuur werkplezier autonomie vrijheid
verbinding saamhorigheid solidair dienstbaar nuchter pragmatisch
""".split()
    + [
        "de klant centraal",
        "ruimte voor fouten",
        "ons kent ons",
        "veel vergaderen",
        "korte lijnen",
        "open communicatie",
        "coachend leiderschap",
        "elkaar aanspreken",
        "één team",
        "“ja, maar”",
        "brandjes blussen",
        "meer van hetzelfde – niets nieuws",
        "afstand tot de werkvloer",
        "hard werken",
        "snel beslissen",
        "ICT op orde",
        "feedback geven",
        "niet aanspreken",
        "oud denken",
        "ad hoc",
        "van buiten naar binnen",
        "met elkaar",
        "trots op ons werk",
        "afspraken nakomen",
    ]
)


def terms(n: int = 150, seed: int = 7) -> dict[str, int]:
    """n distinct realistic terms with Zipf-like counts (the top one about 40)."""
    rng = random.Random(seed)
    words = sorted(set(TERMS))
    rng.shuffle(words)
    return {w: max(1, round(40 / (i + 1) ** 0.8)) for i, w in enumerate(words[:n])}


def median_time(fn: Callable[[], object], runs: int = RUNS) -> float:
    fn()  # warm-up: font files, imports, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    freqs = terms()
    assert len(freqs) == 150, len(freqs)
    wide = CloudStyle(max_words=150)

    def library_default() -> None:
        WordCloud(width=1600, height=900).generate_from_frequencies(freqs).to_image()

    base = median_time(library_default)
    rows = [
        ("library default 1600x900", base),
        ("render_png default style", median_time(lambda: render_png(freqs))),
        ("render_png max_words=150", median_time(lambda: render_png(freqs, wide))),
        ("render_svg default style", median_time(lambda: render_svg(freqs))),
    ]
    print(f"150 terms, 1600x900, median of {RUNS} runs after a warm-up")
    print(f"{'case':<28} {'median s':>9} {'default/ours':>13}")
    for name, t in rows:
        print(f"{name:<28} {t:>9.3f} {base / t:>12.1f}x")
    placed = len(layout(freqs).layout_), len(layout(freqs, wide).layout_)
    print(f"words placed: {placed[0]} (default style), {placed[1]} (max_words=150)")
    met = all(t <= TARGET for _, t in rows[1:3])
    print(f"target ≤ {TARGET} s: {'met' if met else 'missed'}")


if __name__ == "__main__":
    main()
