"""Themes: answers written as words, phrases or sentences, on one theme per family and polarity.

The examples here are not taken from the sentence sets in tests/data; those are scored as a
whole at the end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.themes_score import score
from dna.analysis.grouping import analyse, group_texts
from dna.records import CURRENT, DESIRED, Answer
from dna.workshop.values import from_groups

DATA = Path(__file__).parent / "data"

SAME = [
    # intensifiers, quantifiers and frequency words do not change a theme
    ("we vergaderen eindeloos", "vergaderingen"),
    ("er wordt echt te veel vergaderd", "vergadercultuur"),
    ("ontzettend veel regeltjes", "regels"),
    # who does it never splits a theme; carrier nouns and modal verbs carry none
    ("de directie luistert niet", "er wordt niet geluisterd"),
    ("een open cultuur", "openheid"),
    ("we durven elkaar aan te spreken", "aanspreekcultuur"),
    ("betrokken collega's", "betrokkenheid"),
    # plain good words only mark polarity
    ("prettige samenwerking", "we werken goed samen"),
    # every form of a lack is one theme
    ("geen waardering", "er is weinig waardering"),
    ("gebrek aan waardering", "je wordt niet gewaardeerd"),
    ("wantrouwen", "er is geen vertrouwen"),
    ("respectloos", "te weinig respect"),
    ("onveilig", "veiligheid is ver te zoeken"),
    ("communicatie laat te wensen over", "slechte communicatie"),
    # a wish to reduce a problem is one theme per problem
    ("minder vergaderen", "kortere vergaderingen"),
    ("effectiever vergaderen", "minder vergaderingen"),
    ("minder regels", "regels afschaffen"),
    # word order and voice
    ("de lijnen zijn hier kort", "korte lijnen"),
    ("de klant staat bij ons centraal", "klant centraal"),
    # compounds on a carrier or head noun belong to their first part
    ("hoge regeldruk", "te veel regels"),
    ("silodenken", "silo's"),
    # an answer with two themes joins the first
    ("snelle besluiten en korte lijnen", "snelle besluiten"),
]

APART = [
    ("waardering", "weinig waardering"),
    ("we waarderen elkaar", "niemand waardeert je"),
    ("vertrouwen", "wantrouwen"),
    ("vergaderen", "minder vergaderen"),
    ("minder regels", "duidelijke regels"),
    ("bureaucratie", "te veel regels"),
    ("overleg", "vergaderen"),
    ("hoge regeldruk", "hoge werkdruk"),
    ("korte termijn", "korte lijnen"),
    ("korte lijnen", "lange lijnen"),
    ("kortere lijnen", "minder lijnen"),
    ("zelfsturing", "sturing"),
    ("de klant staat centraal", "de klant staat niet centraal"),
    ("snelle besluiten", "trage besluiten"),
    ("wij-zij", "wij-cultuur"),
    ("veilig", "onveilig"),
    ("online vergaderen", "vergaderen"),
    ("ruimte voor fouten", "ruimte"),
    ("leren van fouten", "fouten"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_one_theme(lemmatiser, a, b):
    keys = lemmatiser.keys([a, b])
    assert keys[0] == keys[1], (a, b, keys)


@pytest.mark.parametrize(("a", "b"), APART)
def test_never_one_theme(lemmatiser, a, b):
    keys = lemmatiser.keys([a, b])
    assert keys[0] != keys[1], (a, b, keys)


def test_a_verb_yields_to_a_noun_the_room_names_on_its_own(lemmatiser):
    alone = lemmatiser.keys(["afspraken nakomen"])
    room = lemmatiser.keys(["afspraken nakomen", "afspraken", "Afspraak is afspraak"])
    assert alone[0] != room[1]  # on its own, nakomen may be the point
    assert room[0] == room[1] == room[2]


def test_a_sentence_theme_is_labelled_in_the_rooms_own_short_words(lemmatiser):
    texts = [
        "er is weinig waardering voor ons werk",
        "ik merk weinig waardering van het mt",
        "de waardering is ver te zoeken",
    ]
    (group,) = group_texts(texts, lemmatiser)
    assert group.label == "weinig waardering"
    (group,) = group_texts(
        ["het mt luistert niet naar ons", "er wordt niet geluisterd"], lemmatiser
    )
    assert group.label in ("luistert niet", "niet geluisterd")
    assert group.count == 2


def test_a_short_answer_is_the_label_when_someone_wrote_it(lemmatiser):
    texts = ["Vergaderingen!", "we vergaderen ons helemaal suf", "vergaderingen", "vergaderen"]
    (group,) = group_texts(texts, lemmatiser)
    assert group.label == "vergaderingen"


def test_every_answer_stays_one_click_away_and_counts_add_up(lemmatiser):
    texts = ["er wordt veel te veel vergaderd", "vergaderen", "minder vergaderen", "geen", "!!"]
    answers = [Answer(CURRENT, t, respondent=f"p{i}") for i, t in enumerate(texts)]
    answers.append(Answer(DESIRED, "kortere vergaderingen graag", respondent="p0"))
    analysis = analyse(answers, lemmatiser)
    for question, result in analysis.questions.items():
        assert sum(g.count for g in result.groups) == result.answers
        assert sorted(t for g in result.groups for t, n in g.variants for _ in range(n)) == sorted(
            a.text.strip() for a in answers if a.question == question
        )


def test_a_value_from_a_sentence_theme_takes_its_short_label(lemmatiser):
    texts = ["de klant staat centraal", "bij ons staat de klant echt centraal"]
    (group,) = group_texts(texts, lemmatiser)
    assert from_groups([group]).name == "Klant centraal"  # was «De klant staat»
    (group,) = group_texts(["Klant staat centraal", *texts], lemmatiser)  # a short answer
    assert from_groups([group]).name == "Klant staat centraal"


@pytest.mark.parametrize(
    ("devset", "nevermerge", "f1"),
    [
        ("sentences_devset.csv", "sentences_nevermerge.csv", 0.90),
        ("sentences_blind.csv", "sentences_blind_nevermerge.csv", 0.85),
    ],
)
def test_sentence_sets_score_and_never_merge_opposites(lemmatiser, devset, nevermerge, f1):
    result = score(lemmatiser, DATA / devset, DATA / nevermerge)
    assert result.answers >= 400 and result.themes >= 60
    assert result.lost == 0
    assert result.wrong == ()
    assert result.f1 >= f1, (result.precision, result.recall, result.f1)


def test_a_label_is_spelled_right_and_without_the_fillers_at_its_edges(lemmatiser):
    (group,) = group_texts(
        ["korte termjin", "korte termijn", "we denken op korte termijn"], lemmatiser
    )
    assert group.label == "korte termijn"  # the typo came first, the right spelling takes over
    (group,) = group_texts(["heel loyaal", "loyaal"], lemmatiser)
    assert group.label == "loyaal"
    (group,) = group_texts(["minder regeltjes alsjeblieft"], lemmatiser)
    assert group.label == "minder regeltjes"


def test_a_sentence_theme_is_named_as_the_room_spells_its_words(lemmatiser):
    texts = ["er wordt niet gecommuniceerd", "ik vind dat communicatie ontbreekt", "communicatie"]
    labels = {g.label for g in group_texts(texts, lemmatiser)}
    assert labels == {"geen communicatie", "communicatie"}  # never "niet gecommuniceerd"
    texts = ["het mt luistert niet", "er wordt niet geluisterd", "we luisteren naar elkaar"]
    labels = {g.label for g in group_texts(texts, lemmatiser)}
    assert labels == {"niet luisteren", "luisteren"}  # nor "niet luistert"


def test_two_themes_never_share_a_label(lemmatiser):
    groups = group_texts(["rust", "rust", "rust in de tent", "er is rust in de tent"], lemmatiser)
    labels = [g.label.casefold() for g in groups]
    assert len(labels) == len(set(labels)) == 2


def test_a_comparative_is_its_own_word_not_a_typo_of_another(lemmatiser):
    keys = lemmatiser.keys(["we moeten proactiever worden", "proactief", "productiever"])
    assert keys[0] == keys[1] != keys[2]


def test_a_lack_word_is_no_typo_and_a_short_word_no_verb(lemmatiser):
    keys = lemmatiser.keys(["onbetrokken", "niet betrokken", "onttrokken"])
    assert keys[0] == keys[1] != keys[2]
    keys = lemmatiser.keys(["lef", "leven", "wij/zij", "wijn"])
    assert keys[0] != keys[1] and keys[2] != keys[3]
