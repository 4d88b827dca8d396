"""What the benches' rooms type: realistic terms people give about a culture (bench_cloud's
vocabulary), the columns of the data sets in tests/data, and typos."""

from __future__ import annotations

import csv
import random
from pathlib import Path

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


def column(path: Path, name: str = "text") -> list[str]:
    """One column of a CSV file, every row."""
    with path.open(encoding="utf-8") as f:
        return [row[name] for row in csv.DictReader(f)]


def swap_letters(text: str, rnd: random.Random) -> str:
    """A typo: two neighbouring letters swapped somewhere inside (the first two and the last
    two stay)."""
    j = rnd.randrange(2, len(text) - 2)
    return text[:j] + text[j + 1] + text[j] + text[j + 2 :]
