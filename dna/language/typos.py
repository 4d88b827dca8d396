"""Typos: a long unknown word one or two edits from a word of the room or a common Dutch word
becomes that word; a short unknown one only joins a more frequent answer one edit away. Real
words are never corrected into each other ("moe"/"moed", "rust"/"rost")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rapidfuzz.distance import OSA

from dna.language.lexicon import COMMON_ZIPF, NOUN_ZIPF, Lexicon

TYPO_MIN_LEN = 7  # only long words get typo correction ("moe" and "moed" stay apart)
SHORT_TYPO_LEN = 4  # shorter unknown words ("hummor", "buger") only to another answer, one edit


class Typos:
    def __init__(
        self, lex: Lexicon, recognised: Callable[[str], bool], is_common: Callable[[str], bool]
    ) -> None:
        self.lex = lex
        self.recognised = recognised
        self.is_common = is_common
        self._by_len: dict[tuple[str, int], list[str]] = {}
        for word, z in lex.zipf.items():
            if z >= COMMON_ZIPF + 0.5 and len(word) >= TYPO_MIN_LEN:
                self._by_len.setdefault((word[:2], len(word)), []).append(word)

    def correct(
        self, word: str, vocab: Counter[str], nearby: dict[tuple[str, int], list[str]]
    ) -> str:
        """A long unknown word one or two edits from a known or more common word becomes that word.

        Candidates share the first two letters (so "onveilig" is never a typo of "veilig") and
        come from this batch's answers (``nearby``) or from common Dutch words.
        """
        if len(word) < SHORT_TYPO_LEN or self.is_common(word):
            return word
        limit = 1 if len(word) < 10 else 2
        real = self.recognised(word)  # a rare real word is only corrected to another answer
        if len(word) < TYPO_MIN_LEN and real:  # "moe" and "moed": short real words stay
            return word
        compound = self._two_words(word)  # verandermoe is not a typo of veranderde
        best: tuple[float, str] | None = None
        for n in range(len(word) - limit, len(word) + limit + 1):
            bucket = (word[:2], n)
            # another answer wins when more people wrote it, or as often and it is a real word
            # while this one is not; never the rarer spelling
            local = [
                w
                for w in nearby.get(bucket, ())
                if vocab[w] > vocab[word]
                or (vocab[w] == vocab[word] and not real and self.recognised(w))
            ]
            common = (
                self._by_len.get(bucket, [])
                if len(word) > TYPO_MIN_LEN and not real and not compound
                else []
            )
            for cand in local + common:
                # a real word two edits away only by swaps or substitutions: proactiviteit stays
                most = limit if len(cand) == len(word) or not real else 1
                if cand != word and OSA.distance(word, cand, score_cutoff=most) <= most:
                    score = (vocab[cand] + 1) * 10 + self.lex.freq(cand)
                    if best is None or (score, cand) > best:
                        best = (score, cand)
        return best[1] if best else word

    def _two_words(self, word: str) -> bool:
        """Two common words written as one (verander+moe): a compound, not a typo."""
        return any(
            self.lex.freq(word[:i]) >= NOUN_ZIPF and self.lex.freq(word[i:]) >= NOUN_ZIPF
            for i in range(4, len(word) - 2)
        )
