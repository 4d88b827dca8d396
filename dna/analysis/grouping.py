"""Answers in, groups out: one group per concept, each keeping the raw answers behind it."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import dna.analysis.tags as tags
from dna.analysis.entropy import Entropy, measure
from dna.analysis.overrides import OWN, Edits, Override
from dna.language.lemmatise import Lemmatiser, tidy
from dna.language.lexicon import deaccent
from dna.language.roles import trim
from dna.records import QUESTIONS, Answer

LABEL_WORDS = 3  # a label a room can read from the back: an answer this short, or its theme
LEAD = 2  # a new spelling takes over a label when this many more people wrote it
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Group:
    """One word of the cloud: a concept with the answers that name it."""

    key: str  # the concept key from dna.language.lemmatise
    label: str  # what the cloud shows: the most frequent way people wrote it
    count: int
    variants: tuple[tuple[str, int], ...]  # (raw answer, trimmed; count), most frequent first
    hidden: bool = False
    people: int = 0  # distinct participants who gave it (an answer without an id counts as one)
    reason: str = ""  # why the facilitator hid it
    tag: str = tags.NEUTRAAL  # kracht / neutraal / beperkend: the facilitator's, or `proposed`
    proposed: str = (
        tags.NEUTRAAL
    )  # what dna.analysis.tags proposes from the answers (and edited label)

    def to_json(self) -> dict:
        return {
            "label": self.label,
            "count": self.count,
            "people": self.people,
            "variants": dict(self.variants),
            "key": self.key,
            "hidden": self.hidden,
            **({"reason": self.reason} if self.hidden else {}),
            "tag": self.tag,
        }


@dataclass(frozen=True)
class QuestionResult:
    answers: int  # every non-empty answer read
    groups: tuple[Group, ...]  # by count, most first; counts add up to `answers`
    people: int = 0  # distinct participants who answered this question
    entropy: Entropy = Entropy()  # the share in limiting themes (dna.analysis.entropy)

    def frequencies(self, include_hidden: bool = False) -> dict[str, int]:
        return {g.label: g.count for g in self.groups if include_hidden or not g.hidden}

    def shown(self) -> tuple[Group, ...]:
        return tuple(g for g in self.groups if not g.hidden)


@dataclass(frozen=True)
class Analysis:
    pipeline: str
    questions: dict[str, QuestionResult] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "pipeline": self.pipeline,
            "questions": {
                q: {
                    "answers": r.answers,
                    "people": r.people,
                    "entropy": r.entropy.to_json(),
                    "groups": [g.to_json() for g in r.groups],
                }
                for q, r in self.questions.items()
            },
        }


@dataclass(frozen=True)
class Keyed:
    """The lemmatiser's work on a batch, done once: every answer with its concept key. Edits,
    team filters and comparisons are cheap on top of it."""

    pipeline: str
    answers: tuple[Answer, ...]
    keys: tuple[str, ...]
    forms: tuple[str, ...]  # each answer tidied, or its theme phrase: what labels are made of
    uncommon: frozenset[str]  # forms made of words the dictionary does not know (ICT, Agile)
    written: tuple[int, ...]  # per answer: 2 written and spelled right, 1 a phrase, 0 a typo
    tags: tuple[
        str, ...
    ] = ()  # per answer: its tag on its own (dna.analysis.tags); () all neutraal
    tagger: tags.Tagger | None = field(default=None, compare=False, repr=False)  # edited labels

    def teams(self) -> dict[str, int]:
        """Participants per team (answers without an id count one each), by team name."""
        people: dict[str, set[str]] = defaultdict(set)
        for i, a in enumerate(self.answers):
            if a.team:
                people[a.team].add(a.respondent or f"#{i}")
        return {team: len(people[team]) for team in sorted(people, key=str.casefold)}


def keyed(answers: Iterable[Answer], lemmatiser: Lemmatiser) -> Keyed:
    """Both questions keyed together, so one concept has one key and one label in both clouds."""
    answers = tuple(a for a in answers if a.text.strip())
    read = lemmatiser.read([a.text.strip() for a in answers])
    keys = [key for key, _ in read]
    shown: dict[tuple[str, str], tuple[str, int]] = {}  # per distinct answer: label form, rank
    for a, (_, phrase) in zip(answers, read, strict=True):
        if (a.text, phrase) not in shown:
            shown[a.text, phrase] = _label_form(a.text, phrase, lemmatiser)
    labelled = [shown[a.text, phrase] for a, (_, phrase) in zip(answers, read, strict=True)]
    forms = tuple(form for form, _ in labelled)
    written = tuple(rank for _, rank in labelled)
    uncommon = frozenset(
        f
        for f in set(forms)
        if f != f.lower() and not any(lemmatiser.is_common(deaccent(w.lower())) for w in f.split())
    )
    tagger = tags.tagger(lemmatiser)
    said = tuple(tagger.answer(k, a.text.strip()) for a, k in zip(answers, keys, strict=True))
    return Keyed(lemmatiser.label, answers, tuple(keys), forms, uncommon, written, said, tagger)


def build(batch: Keyed, overrides: Sequence[Override] = (), team: str | None = None) -> Analysis:
    """The groups of a keyed batch with the facilitator's edits, optionally of one team only.
    Labels come from the whole room, so a team's cloud names things as everyone's does."""
    edits = {q: Edits.compile(overrides, q) for q in QUESTIONS}
    final = [
        edits[a.question].key(k, a.text.strip()) if a.question in edits else k
        for a, k in zip(batch.answers, batch.keys, strict=True)
    ]
    labels = _labels(batch.forms, final, batch.keys, batch.uncommon, batch.written)
    results = {}
    for question in QUESTIONS:
        rows = [
            (key, a.text.strip(), a.respondent or f"#{i}")
            for i, (a, key) in enumerate(zip(batch.answers, final, strict=True))
            if a.question == question and (team is None or a.team == team)
        ]
        named = edits[question].labels if batch.tagger else {}
        named = {key: batch.tagger.text(label) for key, label in named.items()}
        proposed = tags.propose(final, batch.tags, named)
        groups = _groups(rows, labels, edits[question], proposed)
        limiting = {g.key for g in groups if g.tag == tags.BEPERKEND and not g.hidden}
        shown = [(key, who) for key, _, who in rows if edits[question].reason(key) is None]
        results[question] = QuestionResult(
            len(rows), groups, len({who for *_, who in rows}), measure(shown, limiting)
        )
    return Analysis(batch.pipeline, results)


def analyse(
    answers: Iterable[Answer],
    lemmatiser: Lemmatiser,
    overrides: Sequence[Override] = (),
    team: str | None = None,
) -> Analysis:
    return build(keyed(answers, lemmatiser), overrides, team)


def group_texts(texts: Sequence[str], lemmatiser: Lemmatiser) -> list[Group]:
    """Group one list of answer texts (one question)."""
    batch = keyed((Answer(QUESTIONS[0], text) for text in texts), lemmatiser)
    return list(build(batch).questions[QUESTIONS[0]].groups)


def _groups(
    rows: list[tuple[str, str, str]],
    labels: Mapping[str, str],
    edits: Edits,
    proposed: Mapping[str, str],
) -> tuple[Group, ...]:
    """rows: (key after edits, answer text, respondent)."""
    variants: dict[str, Counter[str]] = defaultdict(Counter)
    people: dict[str, set[str]] = defaultdict(set)
    for key, text, who in rows:
        variants[key][text] += 1
        people[key].add(who)
    groups = []
    for key, c in variants.items():
        ranked = tuple(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
        reason = edits.reason(key)
        groups.append(
            Group(
                key,
                edits.label(key, labels[key]),
                sum(c.values()),
                ranked,
                hidden=reason is not None,
                people=len(people[key]),
                reason=reason or "",
                tag=edits.tag(key) if edits.tag(key) in tags.TAGS else proposed[key],
                proposed=proposed[key],
            )
        )
    return tuple(sorted(groups, key=lambda g: (-g.count, g.label.casefold(), g.key)))


def _label_form(text: str, phrase: str, lemmatiser: Lemmatiser) -> tuple[str, int]:
    """What an answer offers as its group's label, and how good a label that is: a short
    answer as written without the intensifiers and fillers at its edges ("heel loyaal":
    loyaal), 2 in words the dictionary knows and 0 with a typo; else its theme phrase of at
    most LABEL_WORDS words, 1."""
    words = tidy(text).split()
    if len(words) > LABEL_WORDS:
        return " ".join((phrase or " ".join(words)).split()[:LABEL_WORDS]), 1
    form = " ".join(trim(words))
    known = all(lemmatiser.recognised(deaccent(w.lower())) for w in _WORD.findall(form))
    return form, 2 * known


def _labels(
    forms: Sequence[str],
    keys: Sequence[str],
    auto: Sequence[str],
    uncommon: frozenset[str],
    written: Sequence[int],
) -> dict[str, str]:
    """Per key: the spelling most people wrote, in the order the answers came. A label changes
    only when another spelling clearly leads (LEAD more, and a quarter more), so it does not
    flip between "hiërarchie" and "hiërarchisch" while a room types. A short answer as written
    takes over from a phrase read out of sentences, and a correct spelling from a typo, as soon
    as it is as common; a spelling moved in by an edit counts after the group's own. Lowercase
    unless all wrote the same capitals."""
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    folded: dict[str, Counter[str]] = defaultdict(Counter)
    leader: dict[str, str] = {}
    rank: dict[tuple[str, str], int] = {}  # (key, form): the best of written[] it had
    own = [i for i, (k, a) in enumerate(zip(keys, auto, strict=True)) if k == a]
    moved = [i for i, (k, a) in enumerate(zip(keys, auto, strict=True)) if k != a]
    for i in own + moved:
        form, key = forms[i], keys[i]
        spelled[key][form] += 1
        f = form.casefold()
        counts = folded[key]
        counts[f] += 1
        rank[key, f] = max(rank.get((key, f), 0), written[i])
        best = leader.get(key)
        if (
            best is None
            or (rank[key, f] > rank[key, best] and counts[f] >= counts[best])
            or (f != best and counts[f] >= counts[best] + LEAD and counts[f] >= 1.25 * counts[best])
        ):
            leader[key] = f
    labels = {}
    for key, best in leader.items():
        cased = {s for s in spelled[key] if s.casefold() == best}
        labels[key] = best or key.removeprefix(OWN)
        if len(cased) == 1:
            (only,) = cased
            if _meaningful_capitals(only, folded[key][best], uncommon):
                labels[key] = only
    return _distinct(labels, folded)


def _distinct(labels: dict[str, str], folded: Mapping[str, Counter[str]]) -> dict[str, str]:
    """Two themes never share a label (a cloud shows each label once): the smaller one takes its
    next most common spelling, or its key."""
    by_label: dict[str, list[str]] = defaultdict(list)
    for key, label in labels.items():
        by_label[label.casefold()].append(key)
    taken = set(by_label)
    for keys in by_label.values():
        for key in sorted(keys, key=lambda k: (-sum(folded[k].values()), k))[1:]:
            others = [f for f, _ in folded[key].most_common() if f not in taken]
            labels[key] = others[0] if others else key.removeprefix(OWN)
            taken.add(labels[key].casefold())
    return labels


def _meaningful_capitals(spelling: str, count: int, uncommon: frozenset[str]) -> bool:
    """ICT, KPI's, Agile (written so by several people); not a phone's automatic first capital."""
    if spelling == spelling.lower():
        return False
    if any(c.isupper() for c in spelling[1:]):
        return True
    return count >= 2 and spelling in uncommon


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering of distinct items against gold labels."""
    by_pred: dict[str, set[int]] = defaultdict(set)
    by_gold: dict[str, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    n = len(gold)
    if n == 0:
        return 1.0, 1.0, 1.0
    both = [len(by_pred[p] & by_gold[g]) for p, g in zip(predicted, gold, strict=True)]
    precision = sum(b / len(by_pred[p]) for b, p in zip(both, predicted, strict=True)) / n
    recall = sum(b / len(by_gold[g]) for b, g in zip(both, gold, strict=True)) / n
    return precision, recall, 2 * precision * recall / (precision + recall)
