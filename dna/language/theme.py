"""A theme: what a facilitator puts on one sticky-note cluster. One content-word family with one
polarity, read from a word, a phrase or a sentence.

"er wordt veel te veel vergaderd" and "vergaderingen" are the theme *vergaderen*; "geen
waardering", "weinig waardering" and "niet gewaardeerd worden" share one lack theme; "minder
regels" and "regels afschaffen" one wish to reduce. Who does it, carrier
nouns (cultuur, sfeer), intensifiers and plain good words never change a theme. What each word
does is data (``data/nl/themes.tsv``); this module only applies it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from dna.language.roles import ANY, PARTICLES, SEPARATORS, ThemeRules, Token, lack_rests
from dna.language.roles import rule_role as _role
from dna.language.verbs import Verbs


class Words(Protocol):
    """What reading a theme needs to know about Dutch words (dna.language.lemmatise.Lemmatiser)."""

    verbs: Verbs

    def root(self, word: str, lemma: str) -> str: ...
    def recognised(self, word: str) -> bool: ...
    def negatable(self, word: str) -> bool: ...
    def word_class(self, word: str, lemma: str) -> str: ...


PLAIN, LACK, REDUCE = "", "geen", "minder"  # polarity: the key's prefix word
# roles that are not content, in the order they come back when an answer has no content word
FALLBACK = (
    "carrier",
    "head",
    "who",
    "light",
    "good",
    "intens",
    "modal",
    "pronoun",
    "function",
    "prep",
)


@dataclass(frozen=True)
class Theme:
    polarity: str  # PLAIN, LACK or REDUCE
    words: tuple[str, ...]  # the content roots, in the order written
    kinds: tuple[str, ...] = ()  # per word: "verb", "adj" or "noun" (a guess from its forms)
    adjectives: tuple[bool, ...] = ()  # per word: its root is an adjective (key order)
    texts: tuple[str, ...] = ()  # per word: as this answer wrote it ("onveilig" for veilig)
    own: tuple[bool, ...] = ()  # per word: not an affixed lack (the room's spelling may stand in)
    marker: str = ""  # the lack or reduce marker as written before the theme ("te weinig")
    affixed: bool = False  # the lack is in a word itself (onveilig, respectloos)

    @property
    def key(self) -> str:
        """The content words in the order written, but a qualifier before its noun: "de regels
        zijn duidelijk" = "duidelijke regels"."""
        order = sorted(range(len(self.words)), key=lambda i: not self.adjectives[i])
        return " ".join(
            ((self.polarity,) if self.polarity else ()) + tuple(self.words[i] for i in order)
        )

    def settle(self, themes: Counter[str]) -> Theme:
        """In a room, a verb yields to a noun that is a theme on its own: "afspraken nakomen"
        is about afspraken when people also wrote "afspraken". Qualifiers never yield ("snelle
        besluiten" stays), nor a verb that is a theme itself ("leren van fouten")."""
        nouns = [w for w, k in zip(self.words, self.kinds, strict=True) if k == "noun"]
        if len(self.words) < 2 or not any(themes[w] for w in nouns):
            return self
        keep = [
            i for i, w in enumerate(self.words) if not (self.kinds[i] == "verb" and not themes[w])
        ]
        if len(keep) == len(self.words):
            return self
        pick = tuple(keep)
        return replace(
            self,
            texts=tuple(self.texts[i] for i in pick),
            own=tuple(self.own[i] for i in pick),
            words=tuple(self.words[i] for i in pick),
            kinds=tuple(self.kinds[i] for i in pick),
            adjectives=tuple(self.adjectives[i] for i in pick),
        )


def read(words: Sequence[tuple[str, str]], lem: Words) -> Theme:
    """The theme of one answer's words ((word, lemma) pairs, lowercase, no diacritics)."""
    rules = ThemeRules.load()
    root, known = lem.root, lem.recognised
    tokens = _particles(_first(_phrases(words, rules, lem)), rules, known)
    lacks = reduce = affixed = 0
    marked: list[Token] = []
    markers: list[Token] = []
    for tok in tokens:
        tok, flip = _affix(
            _carrier(tok, rules, known, lem.verbs.is_infinitive), rules, known, lem.negatable
        )
        lacks += flip
        affixed += flip
        if tok.role in ("lack", "bad"):
            lacks += 1
            markers.append(tok)
        elif tok.role == "reduce":
            reduce += 1
            markers.append(tok)
        else:
            marked.append(tok)
    marked = _bind(_unjoin(_pronoun_carrier(marked), rules), rules, root)
    content = [t for t in marked if not t.role]
    cmp = [t for t in marked if t.role == "reduce_cmp"]
    if cmp and content:  # "kortere vergaderingen": a wish to reduce vergaderen
        reduce += 1
        markers += cmp
    else:
        content += cmp
        content.sort(key=marked.index)
    for role in FALLBACK:  # "goede sfeer": sfeer comes back; "wij-zij": the pronouns
        if content:
            break
        content = [t for t in marked if t.role == role]
    if not content and not marked:  # only markers: "geen", "niet": the words themselves
        content = [Token(w, lemma, at=i, text=w) for i, (w, lemma) in enumerate(words)]
        lacks = reduce = 0
        markers = []
    polarity = REDUCE if reduce else LACK if lacks % 2 else PLAIN
    roots: list[str] = []
    kinds: list[str] = []
    texts: list[str] = []
    own: list[bool] = []
    for tok in content:
        r = tok.word if tok.role in ("pronoun", "function") else root(tok.word, tok.lemma)
        if r not in roots:  # "druk druk druk" is emphasis: one word, said loudly
            roots.append(r)
            kind = "bound" if tok.bound else lem.word_class(tok.word, tok.lemma)
            kinds.append("pp" if kind == "noun" and tok.pp else kind)
            texts.append(tok.text)
            own.append(not tok.affixed)
    adjectives = tuple(lem.word_class(r, r) == "adj" for r in roots)
    first = min(markers, key=lambda t: t.at) if markers and polarity else None
    before = first is not None and bool(content) and first.at < min(t.at for t in content)
    return Theme(
        polarity,
        tuple(roots),
        tuple(kinds),
        adjectives,
        tuple(texts),
        tuple(own),
        first.text if before else "",
        polarity == LACK and affixed % 2 == 1,
    )


def _first(tokens: list[Token]) -> list[Token]:
    """An answer with two themes joins the first: "snelle besluiten en korte lijnen" is about
    besluiten. Only when both sides carry content ("open en eerlijk": open)."""
    for i, tok in enumerate(tokens):
        if tok.word in SEPARATORS and 0 < i < len(tokens) - 1:
            before, after = tokens[:i], tokens[i + 1 :]
            if any(not t.role for t in before) and any(not t.role for t in after):
                return before
    return [t for t in tokens if t.word not in SEPARATORS]


def _phrases(words: Sequence[tuple[str, str]], rules: ThemeRules, lem: Words) -> list[Token]:
    """Tokens with roles; a multi-word marker ("te weinig", "gebrek aan") becomes one token."""
    out: list[Token] = []
    i = 0
    plain = [w for w, _ in words]
    while i < len(words):
        for phrase, role in rules.phrases.get(plain[i], ()):
            if tuple(plain[i : i + len(phrase)]) == phrase:
                text = " ".join(phrase)
                out.append(Token(text, phrase[-1], role, at=len(out), text=text))
                i += len(phrase)
                break
        else:
            w, lemma = words[i]
            role = (
                _role(w, lemma, rules)
                or rules.roles.get(lem.root(w, lemma), "")
                or rules.roles.get(lem.verbs.lemma(w) or "", "")
            )
            pp = bool(out) and (out[-1].role == "prep" or (out[-1].pp and out[-1].role))
            out.append(Token(w, lemma, role, at=len(out), pp=pp, text=w))
            i += 1
    return out


def _particles(tokens: list[Token], rules: ThemeRules, known) -> list[Token]:
    """A separable verb's particle joins its verb: at the end of the clause or before a
    prepositional phrase ("we werken goed samen", "we spreken elkaar aan op gedrag": the
    nearest verb before it), or before "te" ("elkaar aan te spreken")."""
    for i, tok in enumerate(tokens):
        if tok.word not in PARTICLES or i == 0:
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if after is not None and after.word == "te" and i + 2 < len(tokens):
            verbs = [i + 2]
        elif after is None or after.role == "prep":
            verbs = list(range(i - 1, -1, -1))
        else:
            continue
        for j in verbs:
            joined = tok.word + tokens[j].lemma
            if tokens[j].role in ("", "light", "modal") and tokens[j].lemma and known(joined):
                text = f"{tokens[j].word} {tok.word}" if j < i else f"{tok.word}{tokens[j].word}"
                role = _role(joined, joined, rules)
                verb = Token(joined, joined, role, at=tokens[min(i, j)].at, text=text)
                rest = [t for k, t in enumerate(tokens) if k not in (i, j)]
                return [*rest[: min(i, j)], verb, *rest[min(i, j) :]]
    return tokens


def _carrier(tok: Token, rules: ThemeRules, known, verb) -> Token:
    """A compound on a carrier noun is its first part: vergadercultuur = vergaderen,
    aanspreekcultuur = aanspreken, veiligheidscultuur = veiligheid; bedrijfscultuur = cultuur."""
    if tok.role:
        return tok
    for i in range(2, len(tok.word) - 2):
        head, rest = tok.word[:i], tok.word[i:]
        if rules.roles.get(rest) not in ("carrier", "head"):
            continue
        for cand in _stems(head):
            if known(cand) and (verb(cand) or not cand.endswith("en") or cand == head):
                role = _role(cand, cand, rules) or _role(cand.removesuffix("s"), "", rules)
                if len(cand) < 4 and role != "pronoun":  # tij+druk is tijdruk
                    continue
                if role in ("who", "light", "carrier", "head"):  # werkdruk, tijdsdruk: whole
                    return tok
                return replace(tok, word=cand, lemma=cand)  # wij-cultuur: a pronoun
    return tok


def _stems(head: str) -> list[str]:
    """The word a compound's first part stands for: vergader(en), aanspreek -> aanspreken,
    veiligheids -> veiligheid."""
    out = [head + "en"]  # a verb stem first: leer+cultuur is leren, not leer
    if len(head) > 3 and head[-2] == head[-3] and head[-2] in "aeou":
        out.append(head[:-2] + head[-1] + "en")
    out.append(head)
    if head.endswith("s") and len(head) > 4:
        out.append(head[:-1])
    return out


def _affix(tok: Token, rules: ThemeRules, known, dutch) -> tuple[Token, int]:
    """on-veilig, wan-orde, respect-loos: the content word and one lack. Only a content word
    whose rest is itself a known word (ondernemend and eindeloos stay as they are)."""
    if tok.role:
        return tok, 0
    word = tok.word
    for start, family in rules.lexical.items():
        if word.startswith(start):
            return replace(tok, word=family, lemma=family, affixed=True), 1
    for rest in lack_rests(word):
        if known(rest) and dutch(word):
            return replace(
                tok, word=rest, lemma=rest, role=_role(rest, rest, rules), affixed=True
            ), 1
    for suffix in rules.suffixes:
        rest = word[: -len(suffix)]
        for cand in (rest, rest[:-1] if rest.endswith(("e", "s")) else ""):
            if word.endswith(suffix) and len(cand) >= 3 and known(cand):
                role = _role(cand, cand, rules)
                return replace(tok, word=cand, lemma=cand, role=role, affixed=True), 1
    return tok, 0


def _pronoun_carrier(tokens: list[Token]) -> list[Token]:
    """ "wij cultuur", "ik-cultuur": a pronoun before a carrier noun is the theme itself."""
    return [
        replace(t, role="") if t.role == "pronoun" and nxt.role == "carrier" else t
        for t, nxt in zip(tokens, [*tokens[1:], Token("", "")], strict=False)
    ]


def _unjoin(tokens: list[Token], rules: ThemeRules) -> list[Token]:
    """A bound pair written as one word is the pair: kortelijnen, kortetermijndenken."""
    out: list[Token] = []
    for tok in tokens:
        if tok.role or not tok.word.startswith(rules.joined_starts):
            out.append(tok)
            continue
        joined, q, n = next(j for j in rules.joined if tok.word.startswith(j[0]))
        rest = tok.word[len(joined) :]
        out += [replace(tok, word=q, lemma=q), replace(tok, word=n, lemma=n)]
        if len(rest) > 3:
            out.append(replace(tok, word=rest, lemma=rest, role=rules.roles.get(rest, "")))
    return out


def _bind(tokens: list[Token], rules: ThemeRules, root) -> list[Token]:
    """A qualifier that makes its own theme keeps its noun as content: "korte lijnen" (not a
    wish for shorter *lijnen*), "de klant staat centraal" (klant is a person word)."""
    names = [{root(t.word, t.lemma), t.lemma, t.word} for t in tokens]
    if not any(rules.qualifiers & n for n in names):
        return tokens
    out = list(tokens)
    for i, tok in enumerate(tokens):
        for j, other in enumerate(tokens):
            if i == j:
                continue
            pair = any((q, n) in rules.bound for q in names[i] for n in names[j])
            if pair or (
                j < i
                and other.role in ("", "who")
                and any((q, ANY) in rules.bound for q in names[i])
                and not any(t.role in ("", "who") for t in tokens[j + 1 : i])
            ):
                first, second = min(i, j), max(i, j)
                if pair:  # the qualifier first, as "korte lijnen"
                    out[first], out[second] = tok, other
                out[first] = replace(out[first], role="", bound=True)
                out[second] = replace(out[second], role="", bound=True)
                break
    return out
