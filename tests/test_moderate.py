from __future__ import annotations

import pytest

from dna.grouping import analyse
from dna.moderate import Profanity, flagged, hide_groups
from dna.records import CURRENT, DESIRED, Answer

# What participants really write about a culture: none of it may be held back.
ORDINARY = [
    "kentering",
    "sortering",
    "filtering",
    "open",
    "betrokken",
    "transparant",
    "klantgericht",
    "samenwerking",
    "vertrouwen",
    "hiërarchisch",
    "bureaucratisch",
    "resultaatgericht",
    "collegiaal",
    "gezellig",
    "chaotisch",
    "zorgzaam",
    "eerlijk",
    "respectvol",
    "verantwoordelijk",
    "verantwoordelijkheid",
    "eigenaarschap",
    "zakelijk",
    "klimaat",
    "veilig klimaat",
    "asociaal",
    "hoera",
    "pesten",
    "pikorde",
    "discreet",
    "concreet",
    "fatsoen",
    "fatsoenlijk",
    "meedoen",
    "iedereen doet mee",
    "verbetering",
    "continu verbeteren",
    "overtuiging",
    "overtuigend",
    "stroperig",
    "afrekencultuur",
    "angstcultuur",
    "ja-knikkers",
    "roddelen",
    "kliekjes",
    "ellebogenwerk",
    "brandjes blussen",
    "schouders eronder",
    "doe maar normaal",
    "ons kent ons",
    "recht door zee",
    "kort door de bocht",
    "schoenmaker blijf bij je leest",
    "werk-privé balans",
    "trots",
    "no-nonsense",
    "100% inzet",
    "24/7 bereikbaar",
    "top 3 werkgever",
    "klokkenluider",
    "teamgeest",
    "wij-gevoel",
    "afspraak is afspraak",
    "kritisch",
    "kwetsbaar",
    "een miljoen ideeën",
]

PROFANE = {
    "base": ["kut", "klote", "lul", "eikel", "tering", "tyfus", "kanker", "shit", "bullshit"],
    "inflection": [
        "klootzakken",
        "eikels",
        "hufters",
        "idioten",
        "idiote",
        "debielen",
        "achterlijke",
        "mongolen",
        "sukkels",
        "eikeltje",
        "lullig",
        "lullen",  # the consonant doubles
        "sletten",
        "lullige",
        "teefje",
    ],
    "compound": [
        "kutbedrijf",
        "klotecultuur",
        "kankerzooi",
        "teringzooi",
        "kutzooi",
        "klerezooi",
        "tyfuswerk",
        "pokkewerk",
        "klotebaas",
        "strontvervelend",
        "managementeikel",
        "kutwerksfeer",  # a linking s
        "klotebazen",
        "kutwijf",  # a frequent word, yet two insults
    ],
    "stretched": ["kuuuut", "kloooote", "shiiiiit", "fuuuuck", "kloooootzak", "sukkkkkel"],
    "leet": ["kl0te", "$h1t", "3ikel", "kl00tzak", "h03r", "5l3t", "kl0t3cultuur"],
    "capitals and punctuation": ["KUT!", "Klote-cultuur", "(kut)", "echt een KLOOTZAK hier"],
    "in a phrase": ["wat een kutsfeer", "de baas is een eikel", "alles is klote"],
    "accents": ["kloté", "kùt"],
}


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_answers_are_never_flagged(text):
    assert not flagged(text)


@pytest.mark.parametrize(
    "text", [t for kind in PROFANE.values() for t in kind], ids=lambda t: t.replace(" ", "_")
)
def test_profanity_is_flagged(text):
    assert flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "vliegtuig",  # ends in an insult (tuig) but is a word of its own
        "voertuig",
        "schoen",
        "pistool",
        "retour",
        "katoen",
        "decreet",
        "portret",
    ],
)
def test_words_that_contain_an_insult_are_not_compounds(text):
    assert not flagged(text)


def test_masked_words_are_polite_enough():
    assert not flagged("k*t")
    assert not flagged("k.u.t")


def test_word_list_is_lower_case_without_accents():
    words = Profanity.load().words
    assert "kut" in words and "klootzak" in words
    for word in words:
        assert word == word.lower().strip()
        assert word.isalpha() and word.isascii()
        assert not word.startswith("#")


def test_open_syllable_forms_are_known():
    words = Profanity.load().words
    assert "idiot" in words  # idioot -> idioten
    assert "mongol" in words


def test_empty_and_numbers_are_not_flagged():
    assert not flagged("")
    assert not flagged("   ")
    assert not flagged("1234")


# -- hiding groups ----------------------------------------------------------------------------
def _analysis(lemmatiser):
    answers = [
        Answer(CURRENT, "druk"),
        Answer(CURRENT, "druk"),
        Answer(CURRENT, "open"),
        Answer(DESIRED, "open"),
        Answer(DESIRED, "rustig"),
    ]
    return analyse(answers, lemmatiser)


def _key(analysis, question, label):
    return next(g.key for g in analysis.questions[question].groups if g.label == label)


def test_hide_groups_marks_groups_hidden_in_both_questions(lemmatiser):
    analysis = _analysis(lemmatiser)
    open_key = _key(analysis, CURRENT, "open")
    hidden = hide_groups(analysis, [open_key])
    for question in (CURRENT, DESIRED):
        result = hidden.questions[question]
        assert {g.label: g.hidden for g in result.groups}["open"] is True
        assert all(not g.hidden for g in result.groups if g.key != open_key)
        assert "open" not in result.frequencies()  # out of the cloud
        assert "open" in result.frequencies(include_hidden=True)  # still listed
        assert result.answers == analysis.questions[question].answers  # nothing deleted
    assert hidden.questions[CURRENT].frequencies() == {"druk": 2}
    assert not any(g.hidden for r in analysis.questions.values() for g in r.groups)  # a copy


def test_hide_groups_unknown_and_empty_keys(lemmatiser):
    analysis = _analysis(lemmatiser)
    assert hide_groups(analysis, []) is analysis
    same = hide_groups(analysis, {"no such key"})
    assert same.questions == analysis.questions


def test_hide_groups_is_not_cumulative(lemmatiser):
    """The hidden set is the whole truth: a key left out is shown again."""
    analysis = _analysis(lemmatiser)
    druk, rustig = _key(analysis, CURRENT, "druk"), _key(analysis, DESIRED, "rustig")
    once = hide_groups(analysis, [druk])
    twice = hide_groups(once, [rustig])
    assert {g.label for g in twice.questions[CURRENT].groups if g.hidden} == set()
    assert {g.label for g in twice.questions[DESIRED].groups if g.hidden} == {"rustig"}
