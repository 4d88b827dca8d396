"""Moderation: which answers a profanity filter holds back, and which groups are hidden.

Nothing is deleted here: a flagged answer is stored hidden, pending the facilitator's review;
a hidden group stays in the analysis with `hidden=True`, out of the clouds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from dna.language.glyphs import skeletons
from dna.language.lexicon import DATA

INFLECTIONS = ("s", "en", "n", "e", "es", "je", "jes", "tje", "tjes", "ig", "ige", "er", "ers")
LINKS = ("s", "en", "e")  # the sounds that join a compound's parts: hoer|en|jong
MIN_PART_ZIPF = 2.0  # the other half of a compound must be a common enough Dutch word
COMMON_ZIPF = 3.0  # a word this frequent is no compound: vlieg|tuig, fats|oen, disc|reet
_STRETCH = re.compile(r"(\w)\1{2,}")  # kuuuut -> kut
_WORD = re.compile(r"[^\W\d_]+")
_SPELLED = re.compile(  # k.u.t, k u t, k·u·t, (k)(u)(t)
    r"(?<![^\W\d_])[^\W\d_](?:[\s.\-_*/+·•'~|(),;:]+[^\W\d_](?![^\W\d_]))+"
)
_OPEN = re.compile(r"([aeou])\1([^aeiou])$")  # idioot -> idiot(en): Dutch open syllables


@dataclass(frozen=True)
class Profanity:
    words: frozenset[str]

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Profanity:
        lines = (DATA / "profanity.txt").read_text(encoding="utf-8").splitlines()
        words = {w.strip() for w in lines if w.strip() and not w.startswith("#")}
        return cls(frozenset(words | {_OPEN.sub(r"\1\2", w) for w in words}))

    def flagged(self, text: str) -> bool:
        """Does this answer swear or insult? Inflections and compounds count."""
        forms = set()
        for plain in skeletons(text):  # "k1ote" is klote, "kut!" is kut
            spelled = _SPELLED.sub(lambda m: "".join(_WORD.findall(m.group())), plain)  # k.u.t
            for form in {plain, spelled}:
                forms |= {_STRETCH.sub(r"\1", form), _STRETCH.sub(r"\1\1", form)}  # kuuut
        return any(self._word(token) for form in forms for token in _WORD.findall(form))

    def _word(self, token: str) -> bool:
        if token in self.words:
            return True
        cuts = range(1, len(token))  # set lookups per cut, not a pass over the list per token
        heads = [token[:i] for i in cuts if token[:i] in self.words]
        tails = [token[i:] for i in cuts if token[i:] in self.words and token[i:] not in heads]
        if not heads and not tails:
            return False
        compound = not _common(token)  # vliegtuig, fatsoen, discreet: words of their own
        for word in heads:
            rest = token[len(word) :]
            doubled = rest[1:] if rest[:1] == word[-1:] else ""  # lul|l|en
            if rest in INFLECTIONS or doubled in INFLECTIONS or rest in self.words:
                return True
            linked = [rest[len(j) :] for j in LINKS if rest.startswith(j)]  # kloot|s|cultuur
            if compound and (_part(rest) or any(_part(rest_) for rest_ in linked)):
                return True
        return compound and any(_part(token[: -len(word)], 4) for word in tails)


@lru_cache(maxsize=50_000)
def _common(word: str) -> bool:
    """A frequent Dutch word is a word of its own, not a compound with an insult in it."""
    return zipf_frequency(word, "nl") >= COMMON_ZIPF


@lru_cache(maxsize=50_000)
def _part(word: str, shortest: int = 3) -> bool:
    """A known Dutch word of three letters or more: klote|cultuur, kut|bedrijf. In front of
    the swear word it takes four (ken|tering, sor|tering are no compounds)."""
    return len(word) >= shortest and zipf_frequency(word, "nl") >= MIN_PART_ZIPF


@lru_cache(maxsize=50_000)  # a room repeats its answers ("traag", "open"): each is read once
def flagged(text: str) -> bool:
    return Profanity.load().flagged(text)


def warm() -> None:
    """Load the word list and the Dutch word frequencies now: a server's first burst of sends
    would otherwise wait for them together (~2-3 s, wordfreq unpacks its table on first use)."""
    Profanity.load()
    _part.__wrapped__("opwarmen")


def found(needle: str, text: str) -> bool:
    """The moderation search: case, accents, invisible and look-alike letters do not matter."""
    return " ".join(skeletons(needle)[0].split()) in " ".join(skeletons(text)[0].split())
