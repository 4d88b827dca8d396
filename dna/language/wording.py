"""How a room wrote a theme: the label of a theme that people only wrote in sentences.

"er wordt niet gecommuniceerd" and "de communicatie ontbreekt" in a room where others wrote
"communicatie" are labelled "geen communicatie": each word as the room spelled it most often
(a conjugated verb form, "luistert", "gecommuniceerd", only when nothing else was written), and
a lack or a wish to reduce with the marker people put before it ("weinig", "te weinig", "gebrek
aan", "minder", "kortere"), else "geen" before a noun, "niet" before a verb or an adjective,
"minder" for a wish. Never a whole sentence; never a word no one wrote but those markers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Protocol

from dna.language.theme import LACK, REDUCE, Theme


class Spelling(Protocol):
    def base_form(self, word: str, lemma: str) -> str: ...
    def word_class(self, word: str, lemma: str) -> str: ...


def phrases(
    themes: Mapping[str, Theme], counts: Counter[str], spelled: Mapping[str, str], lem: Spelling
) -> dict[str, str]:
    """Per answer text (as keyed in `themes`, with how often it was given in `counts`): its
    theme in the room's words. `spelled` maps a word without diacritics to the room's spelling."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)  # root -> its own spellings, counted
    markers: dict[str, Counter[str]] = defaultdict(Counter)  # key -> markers written before it
    for text, theme in themes.items():
        for root, written, own in zip(theme.words, theme.texts, theme.own, strict=True):
            if own:
                seen[root][written] += counts[text]
        if theme.marker:
            markers[theme.key][theme.marker] += counts[text]

    def conjugated(word: str) -> bool:  # luistert, gecommuniceerd: not how a theme is named
        return lem.word_class(word, word) == "verb" and lem.base_form(word, word) != word

    best = {
        root: min(c, key=lambda w: (conjugated(w), -c[w], len(w), w)) for root, c in seen.items()
    }
    out = {}
    for text, theme in themes.items():
        words = [
            best.get(root, written) if own else written
            for root, written, own in zip(theme.words, theme.texts, theme.own, strict=True)
        ]
        head = words[-1] if words else ""
        swapped = bool(words) and theme.texts[-1] != head  # the room's spelling stands in
        marker = ""
        if theme.polarity == REDUCE:
            marker = _most(markers[theme.key]) or "minder"
        elif theme.polarity == LACK and not theme.affixed:
            noun = lem.word_class(head, head) not in ("verb", "adj")
            marker = _most(markers[theme.key]) or ("geen" if noun else "niet")
            if swapped and marker in ("geen", "niet"):  # "niet gecommuniceerd" -> geen communicatie
                marker = "geen" if noun else "niet"
        finite = conjugated(head) and "ge" not in head  # luistert, not (na)gekomen
        if marker == "niet" and finite:
            said = [*words, marker]  # "luistert niet", not "niet luistert"
        else:
            said = [marker, *words] if marker else words
        out[text] = " ".join(spelled.get(w, w) for w in said)
    return out


def _most(counts: Counter[str]) -> str:
    return min(counts, key=lambda m: (-counts[m], m)) if counts else ""
