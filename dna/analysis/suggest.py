"""Merge suggestions: pairs of groups the automatic grouping did not dare to join, likeliest
first. A typo in a short word ("eerlik"), one word family ("structuur"/"gestructureerd",
one first part ("klantgericht"/"klantvriendelijk": both about "klant"), one word more
("werkdruk"/"hoge werkdruk"); never opposites ("veilig"/"onveilig", "regels"/"minder regels":
data/nl/negation.tsv says what negates). `one_per_group` keeps each group in one suggestion.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import combinations
from os.path import commonprefix

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from dna.analysis.grouping import Analysis
from dna.analysis.overrides import OWN
from dna.language.lemmatise import Lemmatiser
from dna.language.lexicon import deaccent, read_rules
from dna.language.negation import negating, opposite, polar

SPELLING, STEM, PHRASE = "spelling", "stem", "phrase"
WORD = "word"  # one word or first part in common ("klant centraal"/"klantgericht"): not a stem
MIN_TYPO_LEN = 5  # shorter words are too often two real words (moe/moed, rust/rost)
WRITTEN = 1  # a group's most common answer (as written) can veto a merge as opposites
MIN_TYPO_LEN_UNCHECKED = 7  # without a lemmatiser no word counts as known: be stricter
GENERIC_ZIPF = 5.5  # a first part this common (werk-, samen-, eigen-) makes unrelated compounds
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


@dataclass(frozen=True)
class Suggestion:
    keys: tuple[str, str]  # bigger group first (total count over both questions; ties by key)
    labels: tuple[str, str]
    counts: tuple[int, int]  # total count over both questions
    reason: str  # SPELLING | STEM | PHRASE | WORD
    score: float  # higher is more likely
    word: str = ""  # WORD: the word they share ("klant")


_Verdict = tuple[str, float, str]  # (reason, score, the word shared)


@dataclass(frozen=True)
class _Rules:
    endings: tuple[tuple[str, int], ...]  # (ending, min stem length)
    prefixes: tuple[tuple[str, int], ...]  # (prefix, min rest length)


@cache
def _rules() -> _Rules:
    fam = read_rules("family.tsv")
    return _Rules(
        tuple((r[1], int(r[2])) for r in fam if r[0] == "ending"),
        tuple((r[1], int(r[2])) for r in fam if r[0] == "prefix"),
    )


@dataclass(frozen=True)
class _Node:
    key: str
    label: str
    count: int
    forms: tuple[tuple[str, ...], ...]  # the key and the label as words, without diacritics
    written: tuple[tuple[str, ...], ...] = ()  # its most common answers: only to veto opposites


def suggest(
    analysis: Analysis,
    rejected: Iterable[frozenset[str]] = frozenset(),
    limit: int = 20,
    lemmatiser: Lemmatiser | None = None,
) -> list[Suggestion]:
    """The likeliest merges of two groups (both questions together), best first."""
    nodes = _nodes(analysis)
    rejected = set(rejected)
    judge = _Judge(lemmatiser)
    found = []
    for i, j in sorted(_candidates(nodes, judge)):
        a, b = nodes[i], nodes[j]
        if frozenset((a.key, b.key)) in rejected:
            continue
        verdict = judge.pair(a, b)
        if verdict is None:
            continue
        reason, score, word = verdict
        if (b.count, a.key) > (a.count, b.key):  # i < j: a.key < b.key; bigger group first
            a, b = b, a
        score += 0.05 * min(1.0, math.log10(a.count + b.count) / 2)  # more answers, more at stake
        found.append(
            Suggestion((a.key, b.key), (a.label, b.label), (a.count, b.count), reason, score, word)
        )
    found.sort(key=lambda s: (-round(s.score, 9), s.keys))
    return found[: max(limit, 0)]


def one_per_group(found: Sequence[Suggestion]) -> list[Suggestion]:
    """The suggestions to show: best first, each group in at most one of them. Six "klant..."
    groups make fifteen pairs; the facilitator sees the best pair, and after merging or
    rejecting it the next one (the suggestions are made again after every edit)."""
    used: set[str] = set()
    shown = []
    for s in found:
        if used.isdisjoint(s.keys):
            shown.append(s)
            used.update(s.keys)
    return shown


def _nodes(analysis: Analysis) -> list[_Node]:
    """Groups of both questions, visible and hidden, by key, sorted by key."""
    counts: Counter[str] = Counter()
    labels: dict[str, tuple[int, str]] = {}
    written: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for result in analysis.questions.values():
        for g in result.groups:
            counts[g.key] += g.count
            labels[g.key] = min(labels.get(g.key, (0, g.label)), (-g.count, g.label))
            for text, _ in g.variants[:WRITTEN]:
                words = _words(text)
                if any(map(polar, words)):  # only a word that can be an opposite can veto
                    written[g.key].add(words)
    nodes = []
    for key in sorted(counts):
        label = labels[key][1]
        forms = {_words(key.removeprefix(OWN)), _words(label)} - {()}
        raw = tuple(sorted(written[key] - forms - {()}))
        nodes.append(_Node(key, label, counts[key], tuple(sorted(forms)), raw))
    return nodes


@lru_cache(maxsize=100_000)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(deaccent(text.casefold())))


def _candidates(nodes: list[_Node], judge: _Judge) -> set[tuple[int, int]]:
    """Pairs of node indexes worth judging: close spellings, and nodes that share a bucket (one
    stem or first part in the same place) or face each other across one (a phrase and itself
    with one word more; "klant centraal" and a compound of "klant")."""
    strings: dict[str, set[int]] = defaultdict(set)
    shared: dict[tuple, set[int]] = defaultdict(set)
    across: dict[tuple, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for n, node in enumerate(nodes):
        for form in node.forms:
            text = " ".join(form)
            if len(text) >= MIN_TYPO_LEN:
                strings[text].add(n)
            for i, word in enumerate(form):
                ctx = (form[:i], form[i + 1 :])
                for stem, _ in _stems(word):
                    if len(stem) >= 4:
                        shared[("stem", ctx, stem[:4])].add(n)
                for mod in judge.modifiers(word):
                    shared[("mod", ctx, mod)].add(n)
                if negating(word):  # "geen" / "weinig waardering"
                    shared[("neg", ctx)].add(n)
                across[("all", form[:i] + form[i + 1 :])][1].add(n)  # "hoog werkdruk"
            across[("all", form)][0].add(n)  # "werkdruk"
            if len(form) >= 2:
                across[("lead", form[0])][0].add(n)
            else:
                for mod in judge.modifiers(form[0]):
                    across[("lead", mod)][1].add(n)
    pairs = _close(strings)
    for members in shared.values():
        if 1 < len(members) <= 100:  # a huge bucket is a generic stem: no evidence
            pairs.update(combinations(sorted(members), 2))
    for left, right in across.values():
        if left and right and len(left) * len(right) <= 5_000:
            pairs.update((min(i, j), max(i, j)) for i in left for j in right if i != j)
    return pairs


def _close(strings: dict[str, set[int]]) -> set[tuple[int, int]]:
    """Nodes with forms at most two edits apart, compared within bands of length (rapidfuzz)."""
    by_len: dict[int, list[str]] = defaultdict(list)
    for text in sorted(strings):
        by_len[len(text)].append(text)
    pairs: set[tuple[int, int]] = set()
    for n, queries in by_len.items():
        choices = [t for m in (n, n + 1, n + 2) for t in by_len.get(m, ())]
        dist = process.cdist(
            queries, choices, scorer=OSA.distance, score_cutoff=2, dtype=np.int8, workers=-1
        )
        for x, y in zip(*np.nonzero(dist <= 2), strict=True):
            for i in strings[queries[x]]:
                pairs.update((min(i, j), max(i, j)) for j in strings[choices[y]] if i != j)
    return pairs


@dataclass
class _Judge:
    """The rules that need the lemmatiser's word knowledge (none without one)."""

    lem: Lemmatiser | None
    _mods: dict[str, frozenset[str]] = field(default_factory=dict)

    def pair(self, a: _Node, b: _Node) -> _Verdict | None:
        """The best reason to merge two groups, or None (also when any reading is an opposite)."""
        readings = [(fa, fb) for fa in a.forms for fb in b.forms]
        verdicts = [v for v in (self.forms(fa, fb) for fa, fb in readings) if v]
        if not verdicts or any(
            opposite(fa, fb) for fa in a.forms + a.written for fb in b.forms + b.written
        ):  # "werkdruk" (people wrote "hoge werkdruk") and "lage werkdruk"
            return None
        if OWN in a.key[:1] + b.key[:1] and any(fa == fb for fa, fb in readings):
            return None  # a spelling moved out by hand was split on purpose
        return max(verdicts, key=lambda v: (v[1], v[0]))

    def forms(self, fa: tuple[str, ...], fb: tuple[str, ...]) -> _Verdict | None:
        if "".join(fa) == "".join(fb):  # "top down" / "topdown"
            return SPELLING, 0.95, ""
        if len(fa) == len(fb):
            diff = [(x, y) for x, y in zip(fa, fb, strict=True) if x != y]
            if len(diff) == 1 and all(map(negating, diff[0])):
                return PHRASE, 0.6, ""  # "geen waardering" / "weinig waardering"
            return self.words(*diff[0]) if len(diff) == 1 else None
        short, long = sorted((fa, fb), key=len)
        # one word more, not at the end: the head stays ("werkdruk" / "hoge werkdruk"), where
        # a new last word makes a new thing ("klant" / "klant centraal")
        if len(long) == len(short) + 1 and len(long) <= 3 and long[:-1] != short:
            contains = any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
            if contains and all(len(w) >= 4 for w in short):
                return PHRASE, 0.4, ""
        if len(short) == 1 and len(long) >= 2 and long[0] in self.modifiers(short[0]):
            return WORD, 0.5, long[0]  # "klant centraal" / "klantgericht": not one stem
        return None

    def words(self, x: str, y: str) -> _Verdict | None:
        """Two words that differ: a typo of one another, or one family."""
        d = OSA.distance(x, y, score_cutoff=2)
        close = d <= (1 if max(len(x), len(y)) <= 8 else 2) and x[0] == y[0]  # not ik/wij-
        shortest = MIN_TYPO_LEN if self.lem is not None else MIN_TYPO_LEN_UNCHECKED
        family = _family(x, y)
        if close and min(len(x), len(y)) >= shortest and not family:
            known = sum(self.lem is not None and self.lem.known(w) for w in (x, y))
            if known < 2:  # two real words are two words (rost/rust), however close
                return SPELLING, 0.9 - 0.15 * (d - 1) + (0.03 if known == 1 else 0.0), ""
        if family:
            return STEM, family, ""
        if shared := self.modifiers(x) & self.modifiers(y):  # not klant / klantgericht
            return WORD, 0.55, max(shared, key=lambda w: (len(w), w))  # klantgericht / -vriendelijk
        return None

    def modifiers(self, word: str) -> frozenset[str]:
        """First parts of a compound of two known words (klant+gericht, tijd+s+druk), when that
        first part is specific enough to tie the compounds to one topic."""
        if word not in self._mods:
            self._mods[word] = frozenset(self._modifiers(word)) if self.lem else frozenset()
        return self._mods[word]

    def _modifiers(self, word: str) -> Iterable[str]:
        lem = self.lem
        for i in range(4, len(word) - 3):
            head, rest = word[:i], word[i:]
            if rest in _endings() or not lem.known(rest):  # vrij+heid is no compound
                continue
            for link in ("", "s", "en"):  # not "e": mens+e+lijk is no compound
                part = head[: len(head) - len(link)] if link and head.endswith(link) else head
                if (
                    len(part) >= 4
                    and lem.is_common(part)
                    and lem.lex.freq(part) < GENERIC_ZIPF
                    and part not in lem.stopwords
                    and not negating(part)
                ):
                    yield part


def _family(x: str, y: str) -> float:
    """0.8 for one stem (respect/respectvol), 0.7 for nearly one (chaos/chaotisch), else 0."""
    best = 0.0
    for sx, cut_x in _stems(x):
        for sy, cut_y in _stems(y):
            if not (cut_x or cut_y):
                continue
            if sx == sy and (len(sx) >= 5 or (len(sx) >= 4 and not (cut_x and cut_y))):
                return 0.8
            # one letter apart (chaos/chaot-isch, structuur/structur-eerd); a whole word
            # compared with a stem must not carry a family ending itself (relatie/relativ-eren)
            if (
                min(len(sx), len(sy)) >= 5
                and _prefix_len(sx, sy) >= 4
                and OSA.distance(sx, sy, score_cutoff=1) == 1
                and (cut_x or not sx.endswith(_endings()))
                and (cut_y or not sy.endswith(_endings()))
            ):
                best = 0.7
    return best


@cache
def _endings() -> tuple[str, ...]:
    return tuple(sorted({ending for ending, _ in _rules().endings}))


@lru_cache(maxsize=100_000)
def _stems(word: str) -> frozenset[tuple[str, bool]]:
    """The word, and what is left without a family ending and/or a ge- prefix (cut: True)."""
    rules = _rules()
    bases = {(word, False)}
    for prefix, rest in rules.prefixes:
        if word.startswith(prefix) and len(word) - len(prefix) >= rest:
            bases.add((word[len(prefix) :], True))
    out = set(bases)
    for base, _ in bases:
        for ending, min_stem in rules.endings:
            if base.endswith(ending) and len(base) - len(ending) >= min_stem:
                out.add((base[: -len(ending)], True))
    return frozenset(out)


def _prefix_len(a: str, b: str) -> int:
    return len(commonprefix((a, b)))
