"""Dutch normalisation: one answer text in, one concept key out.

spaCy tokenises and lemmatises (the trained ``nl_core_news_sm`` when installed, otherwise a blank
Dutch pipeline with the lookup lemmatizer); the project's own rules in ``data/nl/`` close the gaps:
inflection and diminutives, nominalisations, split compounds, stop words and typos of long words.
Every rule is checked against a lexicon of known Dutch words, so a rule never invents a word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dna.language.glyphs import normal
from dna.language.lexicon import COMMON_ZIPF, NOUN_ZIPF, VOWELS, Lexicon, deaccent, read_rules
from dna.language.roles import GRAMMAR, SEPARATORS, lack_rests, role
from dna.language.theme import Theme
from dna.language.theme import read as read_theme
from dna.language.typos import Typos
from dna.language.verbs import Verbs
from dna.language.wording import phrases

MODEL = "nl_core_news_sm"
MAX_CACHED_TEXTS = 200_000  # tokenised answers kept per process (a few tens of MB at most)
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_HYPHEN = re.compile(r"(?<=\w)[-‐‑–](?=\w)")
_SLASH = re.compile(r"(?<=\w)/(?=\w)")
_ALNUM = re.compile(r"[^\W_]")
_WORDS = re.compile(r"\w+(?:'\w+)?")


@lru_cache(maxsize=200_000)
def tidy(text: str) -> str:
    """The surface form of an answer: trimmed of edge punctuation and emoji, single spaces."""
    text = normal(text).replace("’", "'").replace("‘", "'")  # answers stored before 0.13 too
    text = " ".join(text.split())
    return _EDGE.sub("", text)


def load_pipeline(model: str = MODEL) -> Language:
    """The trained Dutch model when installed, else blank Dutch + lookup lemmatizer."""
    try:
        return spacy.load(model, exclude=["parser", "ner", "senter"])
    except OSError:
        nlp = spacy.blank("nl")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
        return nlp


@cache
def shared(model: str = MODEL) -> Lemmatiser:
    """One Lemmatiser per process: it loads ~300k words, and its word caches (functools.cache on
    its methods) keep every instance alive, so making a new one per app session would leak."""
    return Lemmatiser(load_pipeline(model))


PROJECT_RULES = " + project rules"  # the end of every label: the UI says it in its own words


def pipeline_label(nlp: Language) -> str:
    if "lemmatizer" in nlp.pipe_names and nlp.meta.get("name") not in (None, "pipeline"):
        return f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}{PROJECT_RULES}"
    return f"spacy.blank('nl') + lookup lemmatizer (spaCy {spacy.__version__}){PROJECT_RULES}"


class Lemmatiser:
    """Turns answer texts into concept keys. Build once (it loads ~300k words) and reuse."""

    def __init__(self, nlp: Language, lexicon: Lexicon | None = None) -> None:
        self.nlp = nlp
        self.lex = lexicon or Lexicon.load()
        self.verbs = Verbs(self.lex)
        self._tokens_of: dict[str, list[tuple[str, str]]] = {}
        self.label = pipeline_label(nlp)
        self.stopwords = frozenset(w for (w, *_) in read_rules("stopwords.txt"))
        self.inflections = [
            (r[0], r[1] if len(r) > 1 else "") for r in read_rules("inflections.tsv")
        ]
        self.derivations = [
            (r[0], r[1], int(r[2]), r[3] if len(r) > 3 else "known")
            for r in read_rules("derivations.tsv")
        ]
        self.typos = Typos(self.lex, self.recognised, self.is_common)

    # -- public -------------------------------------------------------------------------------
    def keys(self, texts: Sequence[str]) -> list[str]:
        """One theme key per text; equal keys mean one theme. Deterministic, order-free."""
        return [key for key, _ in self.read(texts)]

    def read(self, texts: Sequence[str]) -> list[tuple[str, str]]:
        """Per text: its theme key, and the theme in the room's own words ("weinig waardering"
        for "er is weinig waardering voor ons werk"), for labels."""
        tidied = [tidy(t).lower() for t in texts]
        unique = sorted(set(tidied))
        tokens = self._tokenised(unique)
        vocab: Counter[str] = Counter()
        for text in tidied:
            vocab.update(w for w, _ in tokens[text])
        ctx = _Context(self, vocab)
        themes = {text: ctx.theme(tokens[text]) for text in unique if tokens[text]}
        alone: Counter[str] = Counter()  # words that are a theme on their own in this room
        for text in tidied:
            if text in themes and len(themes[text].words) == 1:
                alone[themes[text].words[0]] += 1
        settled = {text: found.settle(alone) for text, found in themes.items()}
        counts = Counter(tidied)
        said = phrases(settled, counts, _spellings(counts), self)
        keyed = {
            text: (settled[text].key, said[text]) if text in settled else (deaccent(text), text)
            for text in unique
        }
        return [keyed[t] for t in tidied]

    @lru_cache(maxsize=200_000)  # noqa: B019 - one Lemmatiser lives for the whole process
    def theme(self, words: tuple[tuple[str, str], ...]) -> Theme:
        """The theme of an answer's words once the room has joined and corrected them: the
        beamer re-reads a growing room every few seconds, mostly the same answers."""
        return read_theme(words, self)

    def _tokenised(self, texts: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        """spaCy's tokens and lemmas per text, each text tokenised once per process."""
        new = [t for t in texts if t not in self._tokens_of]
        if len(self._tokens_of) + len(new) > MAX_CACHED_TEXTS:
            self._tokens_of.clear()
            new = list(texts)
        docs = self.nlp.pipe(_SLASH.sub(" / ", _HYPHEN.sub(" ", t)) for t in new)
        for text, doc in zip(new, docs, strict=True):
            self._tokens_of[text] = self._tokens(doc)
        return {t: self._tokens_of[t] for t in texts}

    # -- rules ----------------------------------------------------------------------------------
    @staticmethod
    def _tokens(doc: Doc) -> list[tuple[str, str]]:
        """(word, spaCy lemma) pairs without diacritics."""
        out = []
        for tok in doc:
            if tok.text in SEPARATORS:
                out.append((tok.text, tok.text))
            elif _ALNUM.search(tok.text):
                word = deaccent(tok.lower_)
                out.append((word, deaccent(tok.lemma_.lower()) if tok.lemma_ else word))
        return out

    @cache  # noqa: B019 - one Lemmatiser lives for the whole process
    def known(self, word: str) -> bool:
        """A real Dutch word: a spaCy lemma, a common word, or a compound of known parts."""
        return self.is_common(word) or self._compound(word)

    @cache  # noqa: B019
    def is_common(self, word: str) -> bool:
        return word in self.lex.lemmas or self.lex.freq(word) >= COMMON_ZIPF

    def real_compound(self, word: str, head: str) -> bool:
        """A dictionary word, or a common word ending in a dictionary word (resultaat+gericht)."""
        return word in self.lex.lemmas or (
            head in self.lex.lemmas and self.lex.freq(word) >= COMMON_ZIPF
        )

    @cache  # noqa: B019
    def is_base(self, word: str) -> bool:
        """A dictionary lemma, or a compound whose head is one ("mensgericht": gericht)."""
        return (word in self.lex.lemmas and word not in self.lex.irregular) or self._compound(word)

    def _is_noun(self, word: str) -> bool:
        return self.is_base(word) or self.lex.freq(word) >= NOUN_ZIPF

    @cache  # noqa: B019
    def recognised(self, word: str) -> bool:
        """Known, or a form the rules trace to a common word (collegialiteit, proactiviteit),
        or the lack of a known word (onbetrokken: no typo of onttrokken)."""
        if self.known(word):
            return True
        cand = self._inflect(word) or self._derive_step(word)
        if cand is not None and self.is_common(cand):
            return True
        return any(self.known(rest) for rest in lack_rests(word))

    def _head_word(self, part: str) -> bool:
        freq = self.lex.freq(part)
        return freq >= NOUN_ZIPF + 1 or (freq >= NOUN_ZIPF and part in self.lex.lemmas)

    @cache  # noqa: B019
    def _compound(self, word: str) -> bool:
        """Two dictionary words of 4+ letters, with an optional linking s/e/en (machts+spel)."""
        for i in range(4, len(word) - 3):
            if word[i:] in self.lex.lemmas:
                head = word[:i]
                for link in ("", "s", "e", "en"):
                    part = head[: len(head) - len(link)] if link and head.endswith(link) else head
                    if len(part) >= 4 and self._head_word(part):
                        return True
        return False

    def _inflect(self, word: str) -> str | None:
        """grote -> groot, mensen -> mens, regeltjes -> regel; None if no rule gives a base form."""
        for ending, repl in self.inflections:
            if not word.endswith(ending) or len(word) - len(ending) < 2:
                continue
            stem = word[: len(word) - len(ending)]
            for cand in _stem_repairs(stem, ending, repl):
                if cand != word and (self.is_base(cand) or self._derive_step(cand)):
                    return cand
        return None

    @cache  # noqa: B019 - one Lemmatiser lives for the whole process
    def base_form(self, word: str, lemma: str) -> str:
        """The inflection undone: spaCy's lemma, the irregular list, or the project's rules."""
        if word in self.lex.irregular:
            return self.lex.irregular[word]
        if lemma and lemma != word:
            return lemma
        if word in self.lex.lemmas:  # gewaardeerd, bepaald: the verb, not the adjective
            verbal = word.startswith(("be", "ver", "ont", "her", "er")) and word.endswith("d")
            return self.verbs.participle(word) or (verbal and self.verbs.lemma(word)) or word
        finite = word.endswith(("t", "d")) and self.verbs.lemma(word)  # krijgt; not lef -> leven
        return self._inflect(word) or finite or self.verbs.participle(word) or word

    def negatable(self, word: str) -> bool:
        """A word whose on-/wan- may be a negation: a Dutch dictionary word (onveilig, onrust)
        or a rare one (ongestructureerd); not a common loan word (online)."""
        return any(
            w in self.lex.lemmas or w in self.lex.table for w in (word, self.root(word, word))
        ) or not self.is_common(word)

    @cache  # noqa: B019
    def word_class(self, word: str, lemma: str) -> str:
        """A guess without a tagger: "verb" (its base form is an infinitive: krijgt, leveren),
        "adj" (written with the adjective -e, or its -e form is common Dutch for the same word:
        snel/snelle, collegiaal/collegiale) or "noun" (the rest, plurals included)."""
        base = self.base_form(word, lemma)
        if base == word and word not in self.lex.lemmas:
            base = self.verbs.lemma(word) or word
        if base != word and word.endswith(("en", "s", "'s")) and not base.endswith("en"):
            return "noun"  # a plural
        if base.endswith("n") and base in self.lex.lemmas and self.verbs.conjugates(base):
            return "verb"
        if base != word and word.endswith("e"):
            return "adj"
        stem = base[:-1] + {"f": "v", "s": "z"}.get(base[-1], base[-1])
        forms = {base + "e", base + base[-1] + "e", stem + "e"}
        if len(base) > 3 and base[-2] == base[-3] and base[-2] in VOWELS:
            forms.add(stem[:-2] + stem[-1] + "e")  # groot -> grote
        common = any(self.lex.freq(f) >= COMMON_ZIPF and self.lex.lemma(f) == base for f in forms)
        return "adj" if common else "noun"

    @cache  # noqa: B019
    def root(self, word: str, lemma: str) -> str:
        """Inflection first (spaCy's lemma when it has one), then derivation to the concept."""
        base = self.base_form(word, lemma)
        if base != word:  # ongestructureerde -> ongestructureerd -> the verb
            base = self.base_form(base, base)
        for _ in range(3):  # afwachtende -> afwachtend -> afwachten: the table chains
            base, prev = self.lex.lemma(base), base
            if base == prev:
                break
        return self._derive(base)

    def _derive(self, word: str) -> str:
        seen = [word]
        while True:
            nxt = self._derive_step(seen[-1])
            if nxt is None:
                return seen[-1]
            if nxt in seen:  # a cycle (innoveren <-> innovatie): one fixed member
                return min(seen[seen.index(nxt) :])
            seen.append(nxt)

    def _derive_step(self, word: str) -> str | None:
        checks = {
            "base": self._is_noun,
            "common": self.is_common,
            "lemma": self.lex.lemmas.__contains__,
        }
        for ending, repl, min_stem, target in self.derivations:
            if not word.endswith(ending) or len(word) - len(ending) < min_stem:
                continue
            stem = word[: len(word) - len(ending)]
            check = checks.get(target, self.known)
            for cand in _stem_repairs(stem, ending, repl):
                if cand != word and check(cand):
                    return self.lex.lemma(cand)
        return None


def _spellings(texts: Counter[str]) -> dict[str, str]:
    """Each word without diacritics -> how the room wrote it most often (hiërarchie)."""
    forms: dict[str, Counter[str]] = {}
    for text, n in texts.items():
        for word in _WORDS.findall(text):
            forms.setdefault(deaccent(word), Counter())[word] += n
    return {bare: min(c, key=lambda w: (-c[w], deaccent(w) == w, w)) for bare, c in forms.items()}


def _stem_repairs(stem: str, ending: str, repl: str) -> list[str]:
    """Candidate base forms, most likely first, undoing Dutch spelling at the stem's end.

    Only endings that open a syllable (-e, -en, -eren, -etje) change the stem:
    lessen -> les, grote -> groot, ramen -> raam, lieve -> lief, boze -> boos.
    """
    if repl or not ending.startswith("e"):
        return [stem + repl]
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
        return [stem[:-1], stem]
    voiceless = stem[:-1] + {"v": "f", "z": "s"}.get(stem[-1], stem[-1])
    out = [voiceless, stem] if voiceless != stem else [stem]
    s = voiceless
    if len(s) >= 3 and s[-1] not in VOWELS and s[-2] in "aeou" and s[-3] not in VOWELS:
        out.insert(0, s[:-1] + s[-2] + s[-1])
    return out


@dataclass
class _Context:
    """One batch of answers: its own vocabulary helps join compounds and correct typos."""

    lem: Lemmatiser
    vocab: Counter[str]
    nearby: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    corrected: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for word in self.vocab:
            self.nearby.setdefault((word[:2], len(word)), []).append(word)

    def theme(self, tokens: list[tuple[str, str]]) -> Theme:
        joined = self._join([self._plural(w, lem) for w, lem in tokens])
        words = [(self._correct(w), lem) for w, lem in joined]
        words = [
            (w, lem if w == orig else w) for (w, lem), (orig, _) in zip(words, joined, strict=True)
        ]
        return self.lem.theme(tuple(words))

    def _plural(self, word: str, lemma: str) -> tuple[str, str]:
        """KPIs, KPI's -> KPI when someone in the room wrote the singular: acronyms and loan
        words the dictionary does not know."""
        for ending in ("'s", "s"):
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= 2 and self.vocab[stem] and lemma == word:
                return stem, stem
        return word, lemma

    def _correct(self, word: str) -> str:
        if word not in self.corrected:
            self.corrected[word] = self.lem.typos.correct(word, self.vocab, self.nearby)
        return self.corrected[word]

    def _join(self, words: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """'samen werken' -> 'samenwerken' when the compound is in the answers or the dictionary."""
        out: list[tuple[str, str]] = []
        for w, lem in words:
            if out:
                first = out[-1][0]
                joined = first + w
                # "open deuren" and "nieuwe ideeën" join when someone wrote "opendeur", "nieuwidee"
                bases = (first, self.lem.base_form(first, out[-1][1]))
                written = [a + b for a in bases for b in (w, self.lem.base_form(w, lem))]
                found = next((j for j in written if self.vocab[j]), None)
                if found or (
                    role(first, first) not in GRAMMAR
                    and role(w, lem) not in GRAMMAR
                    and self.lem.real_compound(joined, w)
                ):
                    out[-1] = (found or joined, found or joined)
                    continue
            out.append((w, lem))
        return out
