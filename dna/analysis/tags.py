"""Strength or limiting: is a theme a kracht, beperkend or neutraal?

After the Barrett Cultural Values Assessment, which splits a culture's values into positive and
potentially limiting ones. The word families are data (``data/nl/tags.tsv``), read once through
the lemmatiser, so "hiërarchische", "bureaucratie" and "stroperigheid" match their entries. The
theme's polarity turns a family round: a lack of a strength ("geen vertrouwen", "onveilig",
"management luistert niet") is beperkend, a lack of a limiting word ("geen angst", "niet bang")
kracht, and a wish to reduce something ("minder regels") neutraal.

Precision first: an answer is tagged only when its words say so, and a group only when most of
its answers agree and none says the opposite (`vote`). Everything else stays neutraal, for the
facilitator to tag (an edit like the others: dna.analysis.overrides TAG).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Protocol

from dna.language.lemmatise import tidy
from dna.language.lexicon import deaccent, read_rules
from dna.language.roles import ThemeRules
from dna.language.theme import LACK, REDUCE

KRACHT, NEUTRAAL, BEPERKEND = "kracht", "neutraal", "beperkend"
TAGS = (KRACHT, NEUTRAAL, BEPERKEND)
NODIG = "nodig"  # a family's kind only: neutraal on its own, beperkend when lacking
HEAD_MIN = 3  # letters before a compound head: werk+druk, not na+druk
PHRASE_MAX = 4  # words of a fixed phrase as written ("ieder voor zich", "waan van de dag")
_LETTERS = re.compile(r"[a-z]+")


class Reader(Protocol):
    """What tagging needs of dna.language.lemmatise.Lemmatiser: an answer's theme key."""

    def keys(self, texts: list[str]) -> list[str]: ...


@dataclass(frozen=True)
class Families:
    """data/nl/tags.tsv, read through a lemmatiser."""

    themes: Mapping[str, str]  # an entry's plain theme key ("top down", "vertrouw") -> kind
    written: Mapping[str, str]  # an entry's letters as written ("iedervoorzich") -> kind
    heads: tuple[tuple[str, str], ...]  # compound heads as written, longest first
    excess: tuple[str, ...]  # " te veel ", padded with spaces
    lacking: tuple[str, ...]  # " kan beter "
    pretence: tuple[str, ...]  # schijn-

    @classmethod
    def read(cls, reader: Reader) -> Families:
        themes: dict[str, str] = {}
        written: dict[str, str] = {}
        heads, markers = [], {"te_veel": [], "tekort": [], "schijn": []}
        for row in read_rules("tags.tsv"):
            kind, entries = row[0], row[-1].split(",")
            if kind == "kop":
                heads += [(_letters(e), row[1]) for e in entries]
            elif kind in markers:
                markers[kind] += [" ".join(_words(e)) for e in entries]
            else:
                for entry in map(str.strip, entries):
                    (key,) = reader.keys([entry])  # one at a time: no entry corrects another
                    polarity, plain = split(key)
                    if not polarity and not _collapsed(entry, plain):
                        themes.setdefault(plain, kind)
                    written.setdefault(_letters(entry), kind)
        return cls(
            themes,
            written,
            tuple(sorted(heads, key=lambda h: -len(h[0]))),
            tuple(f" {m} " for m in markers["te_veel"]),
            tuple(f" {m} " for m in markers["tekort"]),
            tuple(markers["schijn"]),
        )


def split(key: str) -> tuple[str, str]:
    """A theme key's polarity ("", LACK or REDUCE) and its content words."""
    first, _, rest = key.partition(" ")
    if first in (LACK, REDUCE) and rest:
        return first, rest
    return "", key


class Tagger:
    """Tags answers and labels of one lemmatiser; build once per lemmatiser (`tagger`)."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.families = Families.read(reader)
        self.roles = ThemeRules.load().roles

    def text(self, text: str) -> str:
        """The tag of a text read on its own (a label the facilitator typed)."""
        return self.answer(self.reader.keys([text])[0], text)

    @lru_cache(maxsize=100_000)  # noqa: B019 - one Tagger lives as long as its lemmatiser
    def answer(self, key: str, text: str) -> str:
        """The tag of one answer from its theme key (dna.language.lemmatise) and its
        words as written."""
        polarity, plain = split(key)
        written = _words(text)
        kinds = self._kinds(plain, written)
        if KRACHT in kinds and BEPERKEND in kinds:
            return NEUTRAAL  # "vertrouwen in plaats van controle": no guess
        roles = {self.roles.get(w, "") for w in written}
        padded = f" {' '.join(written)} "
        kind = next((k for k in (BEPERKEND, KRACHT, NODIG) if k in kinds), "")
        if not polarity and any(m in padded for m in self.families.lacking):
            polarity = LACK  # "communicatie kan beter"
        if polarity == REDUCE:
            return NEUTRAAL  # a wish: "minder regels", "efficiënter samenwerken"
        if polarity == LACK:
            if kind == BEPERKEND:
                return KRACHT  # "geen angst", "niet bang"
            return BEPERKEND if kind or roles & {"good", "bad"} else NEUTRAAL
        if any(m in padded for m in self.families.excess):
            return NEUTRAAL if kind == KRACHT else BEPERKEND  # "te veel regels"
        if kind == BEPERKEND and "good" in roles:
            return NEUTRAAL  # "gezonde werkdruk", "goede controle"
        if kind in (KRACHT, BEPERKEND):
            return kind
        return KRACHT if "good" in roles else NEUTRAAL  # "goede sfeer"

    def _kinds(self, plain: str, written: list[str]) -> set[str]:
        """The families an answer's theme and its words as written belong to."""
        f = self.families
        if plain in f.themes:  # "sociale controle" is neutraal as a whole
            return {f.themes[plain]} - {NEUTRAAL}
        kinds = {self._word(root) for root in plain.split()}
        for n in range(2, PHRASE_MAX + 1):  # "ieder voor zich", "micro management"
            for i in range(len(written) - n + 1):
                kinds.add(f.written.get("".join(written[i : i + n]), ""))
        kinds |= {self._head(w) for w in written}
        return kinds - {"", NEUTRAAL}

    def _word(self, word: str) -> str:
        f = self.families
        return f.themes.get(word) or f.written.get(word) or self._head(word)

    def _head(self, word: str) -> str:
        """werkdruk, faalangst, regelzucht, werkplezier: the head's kind. A pretence of a
        strength is its lack: schijnveiligheid, schijnvertrouwen."""
        for prefix in self.families.pretence:
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(rest) >= HEAD_MIN:
                return BEPERKEND if self._word(rest) == KRACHT else NEUTRAAL
        for head, kind in self.families.heads:
            if word.endswith(head) and len(word) - len(head) >= HEAD_MIN:
                return kind
        return ""


def vote(counts: Mapping[str, int], label: str = NEUTRAAL) -> str:
    """A group's tag from its answers' tags (tag -> answers) and its label's (when the
    facilitator named it): the tag of more than half of its answers, or of the label, as long
    as no answer and not the label says the opposite. Else neutraal."""
    said = {tag for tag, n in counts.items() if n} | {label}
    if KRACHT in said and BEPERKEND in said:
        return NEUTRAAL
    total = sum(counts.values())
    for tag in (BEPERKEND, KRACHT):
        if 2 * counts.get(tag, 0) > total or label == tag:
            return tag
    return NEUTRAAL


def propose(
    keys: Sequence[str], said: Sequence[str], labels: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Per group key: its proposed tag (`vote`). keys: each answer's group; said: each answer's
    own tag (empty: all neutraal); labels: key -> the tag of a label the facilitator gave it.
    Pass the answers of both questions and every team: a theme has one tag everywhere."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for key, tag in zip(keys, said or [NEUTRAAL] * len(keys), strict=True):
        counts[key][tag] += 1
    labels = labels or {}
    return {key: vote(c, labels.get(key, NEUTRAAL)) for key, c in counts.items()}


@cache
def tagger(reader: Reader) -> Tagger:
    """One Tagger per lemmatiser (the process shares one: dna.language.lemmatise.shared)."""
    return Tagger(reader)


def _words(text: str) -> list[str]:
    """The words of a text as written: lowercase, without diacritics, letters only."""
    return _LETTERS.findall(deaccent(tidy(text).lower()))


def _collapsed(entry: str, plain: str) -> bool:
    """A phrase whose theme is one common word ("ons kent ons": kennen; "waan van de dag":
    waan; "administratieve lasten": administratief): matched only as written, or every answer
    about that word would take the phrase's kind."""
    several = len(entry.replace("-", " ").split()) > 1
    return several and len(plain.split()) < 2 and plain != _letters(entry)


def _letters(entry: str) -> str:
    return "".join(_words(entry))
