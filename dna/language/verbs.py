"""Dutch verb forms the lookup table misses: present tense and participles to the infinitive,
and whether a word ending in -en is a verb at all. Spelling rules, checked against the
lexicon (a candidate counts only when the dictionary knows it)."""

from __future__ import annotations

from functools import cache

from dna.language.lexicon import COMMON_ZIPF, VOWELS, Lexicon


class Verbs:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    @cache  # noqa: B019 - one per Lemmatiser, which lives for the whole process
    def lemma(self, word: str) -> str | None:
        """A present-tense verb form to its infinitive: krijgt -> krijgen, zie -> zien,
        stel -> stellen, spreekt -> spreken, blijft -> blijven."""
        stems = [word[:-1], word] if word.endswith(("t", "d")) and len(word) > 3 else [word]
        for stem in stems:
            if len(stem) < 2:
                continue
            cands = [stem + "en", stem + stem[-1] + "en", stem + "n"]
            if len(stem) > 3 and stem[-2] == stem[-3] and stem[-2] in VOWELS:
                cands.append(stem[:-2] + stem[-1] + "en")  # spreek -> spreken
            voiced = {"f": "v", "s": "z"}.get(stem[-1])
            if voiced:
                cands.append(stem[:-1] + voiced + "en")
                if len(stem) > 3 and stem[-2] == stem[-3] and stem[-2] in VOWELS:
                    cands.append(stem[:-2] + voiced + "en")  # leef -> leven
            for cand in cands:
                if cand != word and cand in self.lex.lemmas and cand.endswith("n"):
                    return cand
        return None

    def conjugates(self, infinitive: str) -> bool:
        """An infinitive whose present-tense form is common Dutch (levert, vergadert, spreekt);
        not an adjective or a noun that only looks like one (eigen, open: openen is the verb)."""
        stem = (
            infinitive[:-1]
            if infinitive.endswith(("aan", "ien", "oen", "een"))
            else infinitive[:-2]
        )
        if len(stem) < 2 or infinitive + "en" in self.lex.lemmas:
            return False
        stems = {stem, stem[:-1] + {"v": "f", "z": "s"}.get(stem[-1], stem[-1])}
        if stem[-1] == stem[-2] and stem[-1] not in VOWELS:
            stems.add(stem[:-1])  # zetten -> zet
        if len(stem) > 2 and stem[-2] in VOWELS and stem[-3] not in VOWELS:
            stems |= {s[:-1] + s[-2] + s[-1] for s in list(stems)}  # spreken -> spreek
        return any(self.lex.freq(s + "t") >= COMMON_ZIPF for s in stems)

    def is_infinitive(self, word: str) -> bool:
        return word.endswith("n") and word in self.lex.lemmas and self.conjugates(word)

    def participle(self, word: str) -> str | None:
        """A past participle to its verb: gewaardeerd -> waarderen, gedeeld -> delen."""
        if not (word.startswith("ge") and word.endswith(("d", "t")) and len(word) > 5):
            return None
        stem = word[2:-1]
        cands = [stem + "en"]
        if len(stem) > 3 and stem[-2] == stem[-3] and stem[-2] in VOWELS:  # waardeer, deel
            cands.insert(0, stem[:-2] + stem[-1] + "en")
        return next((c for c in cands if c in self.lex.lemmas or self.lex.table.get(c)), None)
