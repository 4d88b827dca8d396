"""What each word does in an answer: the roles of data/nl/themes.tsv (intensifier, person or
place, carrier noun, lack or reduce marker, qualifier that binds its noun...), read once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dna.language.lexicon import deaccent, read_rules

MARKERS = ("lack", "bad", "reduce", "reduce_cmp")
# words that never start or end a compound ("ver te" is no "verte", "samen werken" is one)
GRAMMAR = ("function", "pronoun", "prep", "modal", "intens", *MARKERS)
PARTICLES = frozenset(
    ("samen", "mee", "aan", "op", "af", "uit", "door", "toe", "terug", "na", "open", "in")
)
ANY = "*"
SEPARATORS = (
    ",",
    ";",
    "&",
    "+",
    "en",
    "/",
)  # between two themes: "snelle besluiten en korte lijnen"


@dataclass(frozen=True)
class Token:
    word: str  # as written, lowercase, without diacritics (after typo correction)
    lemma: str
    role: str = ""  # "" = content
    bound: bool = False  # part of a fixed qualifier pair (korte lijnen, hard werken)
    at: int = 0  # position in the answer
    pp: bool = False  # in a prepositional phrase ("leren van fouten"): no verb's object
    affixed: bool = False  # its lack is in the word (onveilig: the content word veilig)
    text: str = ""  # as written (onveilig for the content word veilig); "" = word


@dataclass(frozen=True)
class ThemeRules:
    roles: dict[str, str]
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # by first word, longest first
    bound: frozenset[tuple[str, str]]  # (qualifier, noun or ANY)
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    lexical: dict[str, str]  # lack word -> its family's word
    joined: tuple[tuple[str, str, str], ...] = ()  # bound pairs as one word: kortelijnen
    joined_starts: tuple[str, ...] = ()
    qualifiers: frozenset[str] = frozenset()

    @classmethod
    @cache
    def load(cls) -> ThemeRules:
        roles: dict[str, str] = {}
        phrases, bound, prefixes, suffixes, lexical = [], set(), [], [], {}
        for row in read_rules("themes.tsv"):
            kind = row[0]
            if kind == "phrase":
                phrases.append((tuple(row[2].split()), row[1]))
            elif kind == "bound":
                bound.add((row[1], row[2]))
            elif kind == "prefix":
                prefixes.append(row[1])
            elif kind == "suffix":
                suffixes.append(row[1])
            elif kind == "lexical":
                lexical[row[1]] = row[2]
            else:
                for word in row[1].split():
                    roles.setdefault(word, kind)  # the first role named wins
        phrases.sort(key=lambda p: -len(p[0]))
        by_first: dict[str, tuple] = {}
        for phrase, role in phrases:
            by_first[phrase[0]] = (*by_first.get(phrase[0], ()), (phrase, role))
        pairs = [(j, q, n) for q, n in bound if n != ANY for j in (q + "e" + n, q + n)]
        joined = tuple(sorted(pairs, key=lambda p: -len(p[0])))
        return cls(
            roles,
            by_first,
            frozenset(bound),
            tuple(prefixes),
            tuple(suffixes),
            lexical,
            joined,
            tuple(j for j, _, _ in joined),
            frozenset(q for q, _ in bound),
        )


EDGE = ("intens", "function", "pronoun", "prep", "modal", "good", "who")  # off a label's edges
_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def trim(words: list[str]) -> list[str]:
    """An answer as written without the words at its edges that carry no theme: "heel loyaal"
    is labelled "loyaal", "minder regeltjes alsjeblieft" "minder regeltjes", "we luisteren"
    "luisteren". Never to nothing."""
    rules = ThemeRules.load()

    def bare(word: str) -> str:
        return rules.roles.get(deaccent(_PUNCT.sub("", word).lower()), "")

    start, end = 0, len(words)
    while start < end - 1 and bare(words[start]) in (*EDGE, "light"):  # "heerst vrijblijvendheid"
        start += 1
    while end > start + 1 and bare(words[end - 1]) in EDGE:
        end -= 1
    return words[start:end]


def lack_rests(word: str) -> list[str]:
    """What is left of a word after a lack prefix (on-veilig, wan-orde), 4 letters or more."""
    prefixes = ThemeRules.load().prefixes
    return [word[len(p) :] for p in prefixes if word.startswith(p) and len(word) - len(p) >= 4]


def role(word: str, lemma: str) -> str:
    return rule_role(word, lemma, ThemeRules.load())


def rule_role(word: str, lemma: str, rules: ThemeRules) -> str:
    return rules.roles.get(word) or rules.roles.get(lemma, "")
