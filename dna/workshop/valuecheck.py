"""Values that mean something: two gentle checks of a value as typed, never a refusal.

- A **cliché**: a name nearly every organisation claims (integriteit, respect, kwaliteit...;
  ``data/nl/cliches.tsv``), in any form of its word family ("Integer handelen", "Respectvol",
  "Samen werken", "Klantgerichtheid"), with nothing of its own added.
- A **behaviour line** ("Dit zie je aan") that shows nothing one can see someone do: only an
  adjective or noun phrase ("Open en eerlijk", "Betrokkenheid"), or being and having with
  adjectives or the value's own name ("We zijn respectvol", "Respect hebben voor elkaar").

There is no part-of-speech tagger in the default pipeline, so "may this word be a verb?" is
answered from data: spaCy's Dutch lookup table, the lemmatiser's verb rules, wordfreq and the
short lists of ``data/nl/behaviour.tsv``. Precision first: a line gets a hint only when every word
is known and none can be read as a verb one sees done; a word nobody knows keeps the line quiet.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache

from dna.language.lemmatise import Lemmatiser
from dna.language.lexicon import COMMON_ZIPF, VOWELS, Lexicon, deaccent, read_rules
from dna.language.roles import PARTICLES, role
from dna.language.verbs import Verbs
from dna.workshop.values import Value

CLICHE = "cliche"  # params: name
BEHAVIOUR = "behaviour"  # params: line (as typed), n (its number, from 1)

GRAMMAR = ("function", "pronoun", "prep", "intens")  # roles of data/nl/themes.tsv
FILLER = (*GRAMMAR, "light", "modal", "good", "carrier", "who")  # add nothing to a name
SUBJECTS = frozenset("ik je jij u hij zij ze we wij men iedereen niemand".split())
OBJECTS = frozenset(
    "de het een je jouw uw ons onze elk elke ieder iedere deze dit die dat alle zijn haar hun "
    "iemand elkaar jezelf".split()
)
ARTICLES = frozenset("de het een elk elke ieder iedere mijn jouw uw ons onze hun deze dit".split())
JOINS = frozenset(("en", "of", "maar", "dan"))  # a clause may start after these
LINE_GRAMMAR = (*GRAMMAR, "who", "good")  # in a behaviour line: no adjective or noun of its own
VERB_MARGIN = 0.75  # a homograph is read as a verb unless the verb is this much rarer (Zipf)
_HYPHEN = re.compile(r"(?<=\w)[-‐‑–/](?=\w)")


@dataclass(frozen=True)
class Hint:
    """One gentle prompt: what (`code`) and about what (`params`, for the UI's text)."""

    code: str
    params: tuple[tuple[str, str | int], ...] = ()

    @property
    def kwargs(self) -> dict[str, str | int]:
        return dict(self.params)


@dataclass(frozen=True)
class Rules:
    """The word lists, read once."""

    cliches: tuple[tuple[str, ...], ...]  # each a name: one word or a phrase
    fillers: frozenset[str]
    still: frozenset[str]  # forms of verbs that show nothing one can see
    adjective: frozenset[str]  # verb forms used as adjectives
    action: frozenset[str]  # infinitives of observable verbs
    forms: dict[str, str]  # irregular verb forms the rules miss: ga -> gaan

    @classmethod
    @cache
    def load(cls) -> Rules:
        rows = [*read_rules("cliches.tsv"), *read_rules("behaviour.tsv")]

        def words(kind: str) -> frozenset[str]:
            return frozenset(w for k, text, *_ in rows if k == kind for w in text.split())

        cliches = tuple(tuple(text.split()) for k, text, *_ in rows if k == CLICHE)
        forms = {r[1]: r[2] for r in rows if r[0] == "form"}
        kinds = ("filler", "still", "adjective", "action")
        return cls(cliches, *(words(k) for k in kinds), forms)


def check(value: Value, lem: Lemmatiser) -> tuple[Hint, ...]:
    """The hints for a value: the cliché prompt first, then one per behaviour line that shows
    nothing one can see someone do."""
    hints = [Hint(CLICHE, (("name", value.name),))] if cliche(value.name, lem) else []
    name = _name_roots(value.name, lem)
    for n, line in enumerate(value.behaviours, 1):
        if not shows_doing(line, lem, name):
            hints.append(Hint(BEHAVIOUR, (("line", line), ("n", n))))
    return tuple(hints)


# -- cliché -------------------------------------------------------------------------------------
def cliche(name: str, lem: Lemmatiser) -> bool:
    """A name nearly every organisation claims, with nothing but filler beside it."""
    words = [w for w in _words(name, lem) if w]
    roots = [lem.root(*w) for w in words]
    singles, phrases = _cliche_roots(lem)
    covered: set[int] = {i for i, r in enumerate(roots) if r in singles}
    for i in range(len(words) - 1):  # "samen werken", "klant gericht": one word written apart
        joined = words[i][0] + words[i + 1][0]
        if lem.root(joined, lem.lex.lemma(joined)) in singles:
            covered |= {i, i + 1}
    for phrase in phrases:
        if phrase <= set(roots):
            covered |= {i for i, r in enumerate(roots) if r in phrase}
    rules = Rules.load()
    return bool(covered) and all(
        i in covered or _filler(w, roots[i], rules) for i, w in enumerate(words)
    )


def _filler(word: tuple[str, str], root: str, rules: Rules) -> bool:
    """A word that adds nothing of one's own to a name: "kwaliteit leveren", "echte kwaliteit"."""
    roles = {role(*word), role(root, root)}
    return bool({word[0], root} & rules.fillers or roles & set(FILLER))


@cache
def _cliche_roots(lem: Lemmatiser) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """The cliché names as the lemmatiser's roots: single words, and phrases as root sets."""
    singles, phrases = set(), []
    for entry in Rules.load().cliches:
        roots = frozenset(lem.root(w, lem.lex.lemma(w)) for w in entry)
        if len(entry) == 1:
            singles |= roots
        else:
            phrases.append(roots)
    return frozenset(singles), tuple(phrases)


def _name_roots(name: str, lem: Lemmatiser) -> frozenset[str]:
    """The content words of a value's name as roots ("Respect voor elkaar": respect)."""
    rules = Rules.load()
    roots = [(w, lem.root(*w)) for w in _words(name, lem) if w]
    return frozenset(r for w, r in roots if not _filler(w, r, rules))


# -- behaviour ----------------------------------------------------------------------------------
def shows_doing(line: str, lem: Lemmatiser, name: frozenset[str] = frozenset()) -> bool:
    """False only when sure that a line shows nothing one can see someone do: every word is
    known, no word may be a verb but being, having, wanting..., and the line is an adjective or
    noun phrase ("open en eerlijk"), says being or having with adjectives or the value's name
    ("we zijn respectvol"), or only says the value's name again ("samenwerken")."""
    words = _words(line, lem)
    kinds = [_kind(words, i, lem, name) if w else "" for i, w in enumerate(words)]
    if "verb" in kinds or "unknown" in kinds:
        return True
    content = [k for k in kinds if k in ("adj", "noun")]
    if "name_verb" in kinds and content:
        return True  # the name as a verb, with more said: "je luistert naar klanten"
    named = any(k.startswith("name") for k in kinds)
    if not (content or named):
        return True  # "we zijn er voor elkaar": nothing to judge
    if "still" in kinds:  # "we zijn respectvol", "we zijn eerlijk"; not "je bent op tijd"
        return not named and (_placed(words, kinds) or any(k == "noun" for k in content))
    return False


def _placed(words: list[tuple[str, str] | None], kinds: list[str]) -> bool:
    """A preposition with a word of its own after it: "op tijd", "aan het werk"."""
    for i, w in enumerate(words):
        if w and role(*w) == "prep":
            after = kinds[i + 1 : kinds.index("", i) if "" in kinds[i:] else len(kinds)]
            if any(k in ("adj", "noun") for k in after):
                return True
    return False


def _kind(words: list[tuple[str, str] | None], i: int, lem: Lemmatiser, name) -> str:
    """What a word is in its line: grammar, still (a verb that shows nothing), verb, name or
    name_verb (the value's own word), unknown, adj or noun."""
    rules = Rules.load()
    word, lemma = words[i]
    if word in rules.still:
        return "still"
    if role(word, lemma) in LINE_GRAMMAR or (word in PARTICLES and word != "open"):
        return "grammar"
    infinitive = _infinitive(word, lemma, lem)
    if infinitive in rules.still:
        return "still"
    prev, nxt = _around(words, i)
    subject = (prev and prev[0] in SUBJECTS) or (nxt and nxt[0] in SUBJECTS)
    verb = bool(infinitive) and _verb_here(words, i, infinitive, lem)
    if verb and word == infinitive and not subject and lem.root(*words[i]) in name:
        return "name_verb"  # the name again as an infinitive: "samenwerken", not "we vieren"
    if verb or subject:  # the finite verb's place: "je begint" (the dictionary may miss it)
        return "verb"
    if lem.root(*words[i]) in name:
        return "name"
    if not lem.recognised(word):
        return "unknown"
    return "adj" if word in rules.adjective or lem.word_class(word, lemma) == "adj" else "noun"


def _infinitive(word: str, lemma: str, lem: Lemmatiser) -> str | None:
    """The verb this word may be a form of: vraagt, vraag, belde, besproken -> the infinitive."""
    rules, verbs, lex = Rules.load(), lem.verbs, lem.lex
    if word in rules.action or word in rules.forms:
        return rules.forms.get(word, word)
    if acted := _action_verbs(lem).lemma(word):
        return acted
    for cand in (lemma, lex.irregular.get(word, "")):  # the lookup table (besproken, liep)
        if cand and cand != word and verbs.is_infinitive(cand):
            return cand
    if verbs.is_infinitive(word) or (
        word.endswith("en") and len(word) > 4 and lem.base_form(word, lemma) == word
    ):  # also infinitives the dictionary does not conjugate (inwerken, borgen), not plurals
        return word
    if not (word.endswith("e") and word[-2:] not in ("ee", "ie", "oe")):  # korte: no korten
        if found := _stem_infinitive(word, lex) or verbs.participle(word):
            return found
    for i in range(2, len(word) - 5):  # opgeruimd -> opruimen
        if word.startswith("ge", i) and (base := verbs.participle(word[i:])):
            if word[:i] + base in lex.lemmas:
                return word[:i] + base
    return None


def _stem_infinitive(word: str, lex: Lexicon) -> str | None:
    """A present-tense form or an imperative to its infinitive by Dutch spelling (stelt, stel
    -> stellen; spreek -> spreken; leef -> leven): the most common candidate the dictionary
    knows as a word of its own, not a rare lookalike (planen, korren)."""
    stems = [word[:-1], word] if word.endswith(("t", "d")) and len(word) > 3 else [word]
    cands = []
    for stem in (s for s in stems if len(s) >= 2):
        cands += [stem + "en", stem + stem[-1] + "en", stem + "n"]
        long = len(stem) > 3 and stem[-2] == stem[-3] and stem[-2] in VOWELS
        if long:
            cands.append(stem[:-2] + stem[-1] + "en")  # spreek -> spreken
        if voiced := {"f": "v", "s": "z"}.get(stem[-1]):
            if not (len(stem) > 2 and stem[-2] in VOWELS and stem[-3] not in VOWELS):
                cands.append(stem[:-1] + voiced + "en")  # durf -> durven; not lef -> leven
            if long:
                cands.append(stem[:-2] + voiced + "en")  # leef -> leven
    known = [c for c in cands if c != word and c in lex.lemmas and lex.freq(c) >= COMMON_ZIPF]
    return max(known, key=lambda c: (lex.freq(c), c), default=None)


def _verb_here(words: list[tuple[str, str] | None], i: int, infinitive: str, lem) -> bool:
    """Whether a word that may be a verb is one in its line. Not after an adjective's -e
    (korte lijnen). An infinitive or an inflected form is; a word that is also a noun or an
    adjective (zorg, werk, rust) is when its particle follows (vraag ... door), when it opens a
    clause with an object after it (an imperative: "zorg dat", not "plezier in"), and else when
    no article comes before it and the verb is not much rarer than the other word."""
    rules, lex = Rules.load(), lem.lex
    word = words[i][0]
    prev, nxt = _around(words, i)
    opens = prev is None or prev[0] in JOINS
    if word in rules.adjective:  # "open en eerlijk", but "open de deur"
        return opens and nxt is not None and nxt[0] in OBJECTS
    if prev and _inflected_adjective(prev, lem):  # persoonlijke groei, korte lijnen
        return False
    if infinitive in rules.action or word == infinitive or word not in lex.lemmas:
        return True
    rest = words[i + 1 : words.index(None, i) if None in words[i:] else len(words)]
    if any(w[0] + infinitive in lex.lemmas for w in rest):  # moedig ... aan: aanmoedigen
        return True
    if opens and (len(words) == 1 or (nxt and _object(nxt, rules))):  # zorg dat, bel de klant
        return True
    if prev and prev[0] in ARTICLES:  # het werk, een vraag
        return False
    return lex.freq(infinitive) >= lex.freq(word) - VERB_MARGIN


def _object(word: tuple[str, str], rules: Rules) -> bool:
    """May follow an imperative: not "en", a preposition, a verb that shows nothing."""
    return word[0] not in JOINS and word[0] not in rules.still and role(*word) != "prep"


def _inflected_adjective(word: tuple[str, str], lem: Lemmatiser) -> bool:
    """An adjective with its -e: a noun follows it, never a verb (korte lijnen)."""
    return (
        word[0].endswith("e") and role(*word) not in LINE_GRAMMAR and lem.word_class(*word) == "adj"
    )


def _around(words: list[tuple[str, str] | None], i: int):
    """The words before and after (None at a clause break or the line's edge)."""
    return (words[i - 1] if i else None), (words[i + 1] if i + 1 < len(words) else None)


@cache
def _action_verbs(lem: Lemmatiser) -> Verbs:
    """The verb rules over the action list only: belt, app, delegeert -> the listed verb."""
    return Verbs(dataclasses.replace(lem.lex, lemmas=Rules.load().action))


# -- words --------------------------------------------------------------------------------------
def _words(text: str, lem: Lemmatiser) -> list[tuple[str, str] | None]:
    """(word, lemma) pairs without diacritics; None where punctuation breaks the clause."""
    out: list[tuple[str, str] | None] = []
    for tok in lem.nlp(_HYPHEN.sub(" ", text)):
        if tok.is_punct:
            out.append(None)
        elif any(c.isalpha() for c in tok.text):
            word = deaccent(tok.lower_)
            out.append((word, deaccent(tok.lemma_.lower()) if tok.lemma_ else word))
    return out
