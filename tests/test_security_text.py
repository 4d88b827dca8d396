"""Security, item 1: invisible and look-alike characters must not get a swear word past the
filter, onto the beamer or out of the moderation search."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dna.intake import ingest
from dna.language.glyphs import normal, skeletons
from dna.language.moderate import Profanity, flagged, found
from dna.records import CURRENT, DESIRED
from dna.services import participation
from dna.store import Store

QUESTIONS = ("Hoe is het nu?", "Hoe willen we het?")
INVISIBLE = [
    "\u00ad",  # soft hyphen
    "\u200b", "\u200c", "\u200d", "\u2060",  # zero width space, non-joiner, joiner, word joiner
    "\ufeff",  # BOM
    "\u202a", "\u202b", "\u202c", "\u202d",  # bidi embeddings and overrides (not U+202E)
    "\u2066", "\u2067", "\u2068", "\u2069",  # bidi isolates
    "\u180e", "\u034f", "\u3164", "\ufe0f", "\U000e0041",  # Mongolian, CGJ, filler, VS16, tag
]  # fmt: skip
LOOKALIKE = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "k": "κ", "i": "і", "t": "т"}
HIDDEN = [
    "kan\u00adker",
    "kl\u200bote",
    "\u202eetolk",
    "kl\u043ete",
    "ｋｌｏｔｅ",
    "k1ote",
    "k.u.t",
]


@pytest.fixture
def sqlite_store(tmp_path) -> Store:
    s = Store(f"sqlite:///{tmp_path / 'w.db'}")
    yield s
    s.engine.dispose()


@pytest.mark.parametrize("typed", HIDDEN)
def test_invisible_and_look_alike_swear_words_wait_for_review(sqlite_store, typed):
    """Attack: "kan\\u00adker", "kl\\u200bote" and "\\u202eetolk" were stored as shown, not held
    for review, and became the biggest words on the beamer."""
    ws = sqlite_store.new_workshop("Heidag", "Org", QUESTIONS, 4)
    participation.send(sqlite_store, ws.code, "tok1", {CURRENT: [typed], DESIRED: []}, None, "s1")
    (row,) = sqlite_store.answer_rows(ws.code)
    assert row.hidden == "review"
    assert not any(unicodedata.category(c) == "Cf" for c in row.text)
    assert found(normal(row.text), row.text)


@pytest.mark.parametrize(
    ("stored", "needle"),
    [("kl\u200bote", "klote"), ("kan\u00adker", "kanker"), ("Hiërarchie", "hierarchie"),
     ("kl\u043ete cultuur", "klote")],
)  # fmt: skip
def test_moderation_search_finds_what_invisible_characters_hid(stored, needle):
    """Attack: the moderation search could not find "kl\\u200bote" by typing "klote"."""
    assert found(needle, stored)
    assert not found("samenwerking", stored)


def test_stored_text_is_normal_once(sqlite_store):
    """Attack: zero-width and bidi characters were stored, so one answer had many spellings."""
    ws = sqlite_store.new_workshop("Hei\u200bdag", "Org", QUESTIONS, 4, ["Zo\u00adrg"])
    assert ws.title == "Heidag" and ws.teams == ("Zorg",)
    typed = {CURRENT: ["samen\u200bwerken", "ｓａｍｅｎ", "open  \u2066heid\u2069"], DESIRED: []}
    participation.send(sqlite_store, ws.code, "tok1", typed, "Zorg", "s1")
    texts = sorted(a.text for a in sqlite_store.answer_rows(ws.code))
    assert texts == ["open heid", "samen", "samenwerken"]


def test_imported_swear_words_wait_for_review(sqlite_store):
    """Attack: a file with "kl\\u200bote" put it on the beamer without review."""
    ws = sqlite_store.new_workshop("Heidag", "Org", QUESTIONS, 4)
    data = "Hoe is het nu?,Hoe willen we het?\nkl\u200bote,open\n".encode()
    items = ingest.load(data, "f.csv").answers
    sqlite_store.add_import(ws.code, "k", "f.csv", items, flagged=flagged)
    hidden = {a.text: a.hidden for a in sqlite_store.answer_rows(ws.code)}
    assert hidden == {"klote": "review", "open": None}


def test_normal_keeps_what_people_typed():
    assert normal("  Veel\u00a0 vergaderen \r\n en  overleg ") == "Veel vergaderen\nen overleg"
    assert normal("café ❤️ 👍🏽") == "café ❤ 👍🏽"
    assert normal("zalgo" + "\u0301" * 30) == "zalgó\u0301\u0301"  # ó and two marks
    assert normal("\u202eetolk\u202c cultuur") == "klote cultuur"
    assert skeletons("Κλоте")[0] == "kλote"  # a Greek lambda is no l: no guess


def test_ordinary_answers_are_not_flagged():
    for text in ["team 1", "100% inzet", "ok!", "samen@werk", "€ bewust", "a b c", "kwaliteit"]:
        assert not flagged(text), text


SWEAR = sorted(w for w in Profanity.load().words if len(w) >= 3)


@st.composite
def disguised(draw) -> tuple[str, str]:
    """A caught text, and the same text with invisible characters inserted or wrapped around
    it, letters swapped for look-alikes and cases mixed."""
    word = draw(st.sampled_from(SWEAR))
    base = draw(st.sampled_from(["{}", "wat een {} cultuur", "{}!", "echt {}"])).format(word)
    out = []
    for c in base:
        if draw(st.booleans()):
            c = c.upper()
        if c.lower() in LOOKALIKE and draw(st.booleans()):
            c = LOOKALIKE[c.lower()]
        out.append(c)
        out.extend(draw(st.lists(st.sampled_from(INVISIBLE), max_size=2)))
    text = "".join(out)
    if draw(st.booleans()):
        opener = draw(st.sampled_from(["\u202a", "\u202d", "\u2066", "\u2068", "\ufeff"]))
        text = opener + text + draw(st.sampled_from(["\u202c", "\u2069", ""]))
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    return base, text


@settings(max_examples=300, deadline=None)
@given(disguised())
def test_no_caught_text_passes_in_disguise(pair):
    """Property: no text the filter catches can be made to pass it by inserting, wrapping or
    mixing invisible characters, look-alike letters or other cases."""
    base, text = pair
    if flagged(base):
        assert flagged(text), ascii(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_normal_is_idempotent_and_visible(text):
    once = normal(text)
    assert normal(once) == once
    assert not any(unicodedata.category(c) in ("Cf", "Cc") and c not in "\n\t" for c in once)


@pytest.mark.parametrize(
    "typed",
    ["k\u180but", "kl\u180bote", "kսt", "klօte", "ꓗꓴꓔ", "ĸut", "kłote", "kløte", "ıdioot",
     "k·u·t", "k•u•t", "k'u't", "k~u~t", "k|u|t", "(k)(u)(t)", "⒦⒰⒯", "kankerlijer",
     "hoerenjong"],
)  # fmt: skip
def test_what_a_review_got_past_the_filter_is_caught(typed):
    """Attack (a second review): a Mongolian variation selector, Armenian, Lisu and other
    look-alike letters, separators between spelled-out letters, and compounds joined by -en-
    passed the filter."""
    assert flagged(typed)


def test_the_dev_sets_hold_no_new_false_alarms():
    """Look-alikes and separators must not flag ordinary answers: the same few answers of the
    word and sentence sets are flagged as before the change (lullen, P15)."""
    import csv
    from pathlib import Path

    texts = set()
    for path in (Path(__file__).parent / "data").glob("*.csv"):
        with path.open(encoding="utf-8-sig", errors="replace") as f:
            texts |= {cell for row in csv.reader(f) for cell in row if 0 < len(cell) < 120}
    hits = sorted(t for t in texts if flagged(t))
    assert all("lullen" in t or t == "P15" for t in hits), hits
    assert not flagged("luisteren") and not flagged("retail")
