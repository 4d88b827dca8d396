"""Opposites: does one answer say the other's opposite? ("veilig"/"onveilig", "regels"/"minder
regels", "respect"/"respectloos", "hoog"/"laag"). What negates is data: data/nl/negation.tsv."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from os.path import commonprefix

from dna.language.lexicon import read_rules


@dataclass(frozen=True)
class _Rules:
    neg_prefixes: tuple[str, ...]
    neg_suffixes: tuple[str, ...]
    neg_words: frozenset[str]
    antonyms: frozenset[tuple[str, str]]  # both ways round


def polar(word: str) -> bool:
    """A word that can make an answer the opposite of another: a negation or half of an
    antonym pair (hoge/lage, snel/traag)."""
    return word in _polar_words()


@cache
def _polar_words() -> frozenset[str]:
    rules = _rules()
    return rules.neg_words | frozenset(a for a, _ in rules.antonyms)


def negating(word: str) -> bool:
    """A word that negates what follows: niet, geen, weinig, minder."""
    return word in _rules().neg_words


@cache
def _rules() -> _Rules:
    neg = read_rules("negation.tsv")
    return _Rules(
        tuple(r[1] for r in neg if r[0] == "prefix"),
        tuple(r[1] for r in neg if r[0] == "suffix"),
        frozenset(r[1] for r in neg if r[0] == "word"),
        frozenset(p for r in neg if r[0] == "antonym" for p in ((r[1], r[2]), (r[2], r[1]))),
    )


def opposite(fa: tuple[str, ...], fb: tuple[str, ...]) -> bool:
    """One says the other's opposite: an odd number of negations between their words
    ("onveilig"/"veilig"; not "onveilig"/"niet veilig"), or an antonym pair."""
    if fa == fb:
        return False
    ca, cb = Counter(fa), Counter(fb)
    da, db = list((ca - cb).elements()), list((cb - ca).elements())
    if not (da and db):  # one has only words more: their negations decide ("geen waardering")
        return sum(w in _rules().neg_words for w in da + db) % 2 == 1
    if any(_antonyms(x, y) for x in da for y in db):
        return True
    flips = sum(w in _rules().neg_words for w in da + db)
    flips += sum(_negates(x, db) for x in da) + sum(_negates(y, da) for y in db)
    return flips % 2 == 1


def _antonyms(x: str, y: str) -> bool:
    """An antonym pair, also as the heads of compounds (risicomijden / risico nemen)."""
    if (x, y) in _rules().antonyms:
        return True
    opposites = _antonym_of_end(x)
    return bool(opposites) and any(y[i:] in opposites for i in range(len(y) - 3))


@lru_cache(maxsize=100_000)
def _antonym_of_end(word: str) -> frozenset[str]:
    """Antonyms (4+ letters) of the antonyms (4+ letters) the word ends with."""
    ends = {word[i:] for i in range(len(word) - 3)}
    return frozenset(q for p, q in _rules().antonyms if p in ends and len(q) >= 4)


def _negates(word: str, others: list[str]) -> bool:
    """on+veilig against veiligheid, respect+loos against respectvol."""
    rules = _rules()
    rests = [word[len(p) :] for p in rules.neg_prefixes if word.startswith(p)]
    rests += [word[: -len(s)] for s in rules.neg_suffixes if word.endswith(s)]
    return any(
        rest == other or _prefix_len(rest, other) >= max(4, min(len(rest), len(other)) - 2)
        for rest in rests
        for other in others
        if rest
    )


def _prefix_len(a: str, b: str) -> int:
    return len(commonprefix((a, b)))
