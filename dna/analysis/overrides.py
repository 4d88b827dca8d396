"""The facilitator's edits to the automatic grouping, replayed on every analysis.

Edits name concept keys and answer spellings, never rows, so they survive new answers: a later
"Klantvriendelijk!" gets the key "klantvriendelijk" and follows a merge of that key by itself.
They apply in the order they were made; undo removes the last one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from dna.intake.cleaning import clean_answer
from dna.language.lemmatise import tidy

MERGE, MOVE, RENAME, HIDE, SHOW, REJECT = "merge", "move", "rename", "hide", "show", "reject"
TAG = "tag"
KINDS = (MERGE, MOVE, RENAME, HIDE, SHOW, REJECT, TAG)
OWN = "="  # key prefix of a group made of one moved-out spelling: "=open" cannot be a lemma key


class Group(Protocol):
    """What an edit reads of a group (dna.analysis.grouping.Group is one): edits sit below the
    grouping that replays them, so they name its shape, not its class."""

    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def count(self) -> int: ...
    @property
    def variants(self) -> tuple[tuple[str, int], ...]: ...


@dataclass(frozen=True)
class Override:
    """One edit. Payloads by kind:

    merge  {"keys": [...], "into": key, "label": str}     several groups become the group `into`
    move   {"variant": str, "to": key | None, "label": str}  a spelling leaves its group (None: own)
    rename {"key": key, "label": str}
    hide   {"keys": [...], "labels": [...], "reason": str}  out of clouds and comparisons, listed
           (moderation's older form: {"key": key, "label": str, "reason": str})
    show   {"keys": [...], "labels": [...]}                 hidden groups shown again
    reject {"keys": [a, b]}                                 a merge suggestion that must not return
    tag    {"key": key, "tag": str, "label": str}           kracht / neutraal / beperkend
                                                            (dna.analysis.tags)
    """

    kind: str
    payload: Mapping[str, object]
    question: str | None = None  # None: both questions
    id: int = 0

    def applies_to(self, question: str) -> bool:
        return self.question in (None, question)


def _keys(payload: Mapping[str, object]) -> list[str]:
    keys = payload["keys"] if "keys" in payload else [payload.get("key")]
    return [str(k) for k in keys if k is not None]


def variant_key(text: str) -> str:
    """What a move matches: the answer as written, minus edge punctuation, case and spacing."""
    return tidy(text).casefold()


def own_key(text: str) -> str:
    return OWN + variant_key(text)


@dataclass
class Edits:
    """The overrides for one question, compiled: key(), label() and hidden() per group key."""

    steps: list[Override]
    labels: dict[str, str] = field(default_factory=dict)
    hidden: dict[str, str] = field(default_factory=dict)  # key -> reason
    tags: dict[str, str] = field(default_factory=dict)  # key -> the facilitator's tag
    _memo: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def compile(cls, overrides: Iterable[Override], question: str) -> Edits:
        steps = [o for o in overrides if o.applies_to(question) and o.kind in (MERGE, MOVE)]
        edits = cls(steps)
        for o in overrides:  # labels and hiding follow the group through later merges
            if not o.applies_to(question):
                continue
            p = o.payload
            if o.kind == MERGE:
                into = str(p["into"])
                edits._follow(set(map(str, p["keys"])), into)
                if p.get("label"):
                    edits.labels[into] = str(p["label"])
            elif o.kind == RENAME and p.get("label"):
                edits.labels[str(p["key"])] = str(p["label"])
            elif o.kind == MOVE and p.get("to") is None:
                edits.labels.setdefault(own_key(str(p["variant"])), tidy(str(p["variant"])))
            elif o.kind == HIDE:
                for key in _keys(p):
                    edits.hidden[key] = str(p.get("reason") or "")
            elif o.kind == SHOW:
                for key in _keys(p):
                    edits.hidden.pop(key, None)
            elif o.kind == TAG:
                edits.tags[str(p["key"])] = str(p["tag"])
        return edits

    def _follow(self, keys: set[str], into: str) -> None:
        """A merge ends the merged groups: their hiding and tags do not carry over to `into`."""
        for key in keys - {into}:
            self.hidden.pop(key, None)
            self.tags.pop(key, None)

    def key(self, key: str, text: str) -> str:
        """The group an answer belongs to after the edits (its automatic key going in)."""
        memo = (key, text)
        if memo not in self._memo:
            spelling = variant_key(text)
            for o in self.steps:
                p = o.payload
                if o.kind == MOVE and variant_key(str(p["variant"])) == spelling:
                    key = str(p["to"]) if p.get("to") is not None else OWN + spelling
                elif o.kind == MERGE and key in p["keys"]:
                    key = str(p["into"])
            self._memo[memo] = key
        return self._memo[memo]

    def label(self, key: str, default: str) -> str:
        return self.labels.get(key, default)

    def tag(self, key: str) -> str | None:
        """The facilitator's tag of a group; None: the proposal stands."""
        return self.tags.get(key)

    def reason(self, key: str) -> str | None:
        """None when the group is shown; the reason (possibly empty) when hidden."""
        return self.hidden.get(key)


# -- making edits (what the editor page calls) -------------------------------------------------
MAX_LABEL = 60


def clean_label(text: str) -> str | None:
    """A label the facilitator typed, as plain text without markup or formulas; None if empty."""
    cleaned, _ = clean_answer(text[: MAX_LABEL * 4])
    label = tidy(cleaned or "")[:MAX_LABEL].strip()
    return label or None


def merge(
    groups: Sequence[Group], label: str, question: str | None = None, into: str | None = None
) -> Override:
    """Several groups under one label; the biggest group's key (or `into`) stays, the others
    join it."""
    into = into or max(groups, key=lambda g: (g.count, g.key)).key
    keys = sorted({g.key for g in groups})
    labels = [g.label for g in groups]
    return Override(MERGE, {"keys": keys, "into": into, "label": label, "labels": labels}, question)


def move(
    variant: str, source: Group, target: Group | None, question: str | None = None
) -> Override:
    """One spelling out of its group: into another group, or its own (target None)."""
    payload = {"variant": variant, "to": target.key if target else None, "from": source.label}
    payload["from_key"] = source.key
    payload["label"] = target.label if target else tidy(variant)
    return Override(MOVE, payload, question)


def spellings(group: Group) -> dict[str, int]:
    """The ways a group was written, as a move sees them (case and edge punctuation folded),
    with their counts, most first; each shown as its most frequent raw form."""
    counts: dict[str, int] = {}
    shown: dict[str, str] = {}
    for text, n in group.variants:  # most frequent first
        key = variant_key(text)
        counts[key] = counts.get(key, 0) + n
        shown.setdefault(key, tidy(text))
    return {shown[k]: n for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}


def rename(group: Group, label: str, question: str | None = None) -> Override:
    return Override(RENAME, {"key": group.key, "label": label, "old": group.label}, question)


def hide(groups: Sequence[Group], reason: str, question: str | None = None) -> Override:
    payload = {"keys": [g.key for g in groups], "labels": [g.label for g in groups]}
    return Override(HIDE, {**payload, "reason": reason}, question)


def show(groups: Sequence[Group], question: str | None = None) -> Override:
    return Override(
        SHOW, {"keys": [g.key for g in groups], "labels": [g.label for g in groups]}, question
    )


def tag(group: Group, value: str, question: str | None = None) -> Override:
    """The facilitator's tag of a theme (dna.analysis.tags.TAGS), kept
    through new answers by its key."""
    return Override(TAG, {"key": group.key, "tag": value, "label": group.label}, question)


def reject(keys: Sequence[str], labels: Sequence[str]) -> Override:
    return Override(REJECT, {"keys": sorted(keys), "labels": list(labels)})


def rejected(overrides: Iterable[Override]) -> set[frozenset[str]]:
    """Pairs of keys the facilitator said do not belong together: rejected suggestions, and a
    spelling moved out of a group and the group it left."""
    pairs = set()
    for o in overrides:
        p = o.payload
        if o.kind == REJECT:
            pairs.add(frozenset(map(str, p["keys"])))
        elif o.kind == MOVE and p.get("from_key"):
            moved = str(p["to"]) if p.get("to") is not None else own_key(str(p["variant"]))
            pairs.add(frozenset((moved, str(p["from_key"]))))
    return pairs


def last_change(overrides: Iterable[Override]) -> Override | None:
    """What undo takes back: the newest edit of any kind."""
    return max(overrides, key=lambda o: o.id, default=None)
