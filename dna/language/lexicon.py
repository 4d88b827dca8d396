"""What counts as a known Dutch word: spaCy's lookup table, wordfreq's Dutch frequencies and
the project's own word lists in data/nl/. Everything is kept without diacritics."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.lookups import Table, load_lookups
from wordfreq import get_frequency_dict

DATA = Path(__file__).resolve().parents[2] / "data" / "nl"
COMMON_ZIPF = 2.5  # this frequent counts as known Dutch (zipf 2.5: ~3 per 10M words)
NOUN_ZIPF = 3.0  # a rule that must land on a noun accepts a dictionary lemma or a word this common
VOWELS = "aeiou"


@lru_cache(maxsize=200_000)
def deaccent(text: str) -> str:
    """hiërarchisch -> hierarchisch; the key space has no diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def read_rules(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@dataclass(frozen=True)
class Lexicon:
    """What counts as a known Dutch word, without diacritics."""

    lemmas: frozenset[str]  # base forms: spaCy's lookup table and the project's irregular list
    table: Table  # spaCy's lookup table: inflected form -> lemma
    irregular: dict[str, str]  # closed classes the table misses (kinderen -> kind)
    zipf: dict[str, float]  # word frequencies (wordfreq), Zipf scale

    @classmethod
    def load(cls) -> Lexicon:
        table = load_lookups("nl", ["lemma_lookup"]).get_table("lemma_lookup")
        irregular = {r[0]: r[1] for r in read_rules("irregular.tsv")}
        lemmas = frozenset(deaccent(v) for v in table.values()) | frozenset(irregular.values())
        zipf: dict[str, float] = {}
        for word, freq in get_frequency_dict("nl", wordlist="best").items():
            if freq > 1e-7 and word.isalpha():
                key = deaccent(word)
                zipf[key] = max(zipf.get(key, 0.0), _zipf(freq))
        return cls(lemmas, table, irregular, zipf)

    def freq(self, word: str) -> float:
        return self.zipf.get(word, 0.0)

    def lemma(self, word: str) -> str:
        """The dictionary lemma of a word, or the word itself."""
        return self.irregular.get(word) or deaccent(self.table.get(word, word))


def _zipf(freq: float) -> float:
    return round(math.log10(freq * 1e9), 2)
