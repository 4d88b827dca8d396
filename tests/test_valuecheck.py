"""Values that mean something: the cliché prompt and the behaviour hint, precision first."""

from __future__ import annotations

import dataclasses

import pytest

from dna.language.lexicon import read_rules
from dna.workshop.valuecheck import BEHAVIOUR, CLICHE, Hint, Rules, check, cliche
from dna.workshop.values import Value


@pytest.mark.parametrize(
    "name",
    [
        "Integriteit",
        "Integer",  # the adjective of the listed noun
        "Integer handelen",
        "Respect",
        "Respectvol",
        "Respect voor elkaar",
        "Samenwerking",
        "Samenwerken",
        "Samen werken",  # written apart
        "klantgerichtheid",
        "Klantgericht werken",
        "Klant-gericht",
        "De klant centraal",  # a listed phrase
        "Kwaliteit leveren",
        "Echte kwaliteit",
        "Betrouwbaarheid",
        "Professionaliteit",
        "Innovatie",
        "Transparantie",
        "Openheid",
        "Open en eerlijk",  # two clichés
        "Goede samenwerking",
        "Veiligheid",
        "Integrity",
    ],
)
def test_a_name_every_organisation_claims_is_a_cliche_in_any_form(name, lemmatiser):
    assert cliche(name, lemmatiser)


@pytest.mark.parametrize(
    "name",
    [
        "Moed tonen",
        "Fouten vieren",
        "Eigenaarschap",  # common lately, but not claimed by nearly everyone: no prompt
        "Radicale openheid",  # a cliché made one's own
        "Respect voor fouten",
        "Kwaliteit boven snelheid",
        "Samen leren",
        "Lef",
        "Nieuwsgierigheid",
        "Afspraak is afspraak",
        "Humor",
        "Open deuren",
        "Gastvrij",
    ],
)
def test_a_name_of_ones_own_gets_no_prompt(name, lemmatiser):
    assert not cliche(name, lemmatiser)


def test_every_listed_cliche_is_found_as_written(lemmatiser):
    """The list is data the lemmatiser reads: an entry it cannot find is a dead line."""
    rows = read_rules("cliches.tsv")
    entries = [text for kind, text, *_ in rows if kind == CLICHE]
    assert 40 <= len(entries) <= 100 and len(entries) == len(set(entries))
    assert all(e == e.lower() for e in entries)
    assert [e for e in entries if not cliche(e.capitalize(), lemmatiser)] == []


# Realistic "Dit zie je aan" lines: je/we/ik forms, imperatives, infinitives, passives; short and
# long. None may get the hint: a false alarm teaches a facilitator to ignore the hints.
GOOD = [
    "We benoemen fouten hardop in het teamoverleg",
    "Je vraagt een collega om feedback voordat je iets oplevert",
    "We bellen de klant binnen een dag terug",
    "Vraag door tot je het echt begrijpt",
    "Ik zeg het als ik iets niet weet",
    "Fouten hardop benoemen",
    "Elkaar aanspreken op afspraken",
    "Je komt je afspraken na, ook als het tegenzit",
    "Nieuwe collega's krijgen in hun eerste week een buddy",
    "De leidinggevende loopt elke ochtend even langs",
    "We vieren het als iets gelukt is",
    "Deel je kennis op de wiki",
    "Zeg nee als je geen tijd hebt",
    "We ruimen zelf op na een vergadering",
    "Als iets misgaat, meld het meteen",
    "Je checkt bij de klant of het probleem is opgelost",
    "Klachten worden binnen een week opgelost",
    "Wie een fout maakt, vertelt het in de stand-up",
    "Je zet je telefoon weg tijdens een gesprek",
    "Open elk overleg met een korte check-in",
    "Luister tot de ander is uitgepraat",
    "De manager belt klanten zelf terug",
    "App de klant als je later komt",
    "Zorg dat je bereikbaar bent",
    "We doen wat we beloven",
    "Bij twijfel vraag je het na",
    "Samen de planning maken",
    "Je geeft toe wanneer je het mis had",
    "Moedig collega's aan om nieuwe dingen te proberen",
    "Begin op tijd",
    "Vier successen met het hele team",
    "Hou je aan de afspraak",
    "Niemand wordt buitengesloten bij de lunch",
    "We plannen elk kwartaal een dag om te leren",
    "Bij fouten zoeken we naar oorzaken, niet naar schuldigen",
    "Vergaderingen beginnen op tijd, ook als niet iedereen er is",
    "Ik vraag om hulp als ik vastloop",
    "Nieuwe collega's inwerken",
    "Kennis borgen in de wiki",
    "Klanten terugbellen",
    "Samen lunchen op vrijdag",
    "Iedereen aan het woord laten",
    "Je bent op tijd",
    "Code wordt gereviewd door een collega",
    "Je staat op tijd klaar voor de klant",
    "We vergaderen staand en kort",
    "Je houdt de deur open voor een collega",
    "Wie klaar is, helpt een ander",
]
# (value, line): a line on its own value's word is fine when it says what someone does
GOOD_NAMED = [
    ("Respect", "Je toont respect door te luisteren"),
    ("Luisteren", "Je luistert naar klanten zonder te onderbreken"),
    ("Samenwerking", "We werken samen aan één plan"),
    ("Eerlijkheid", "We vertellen klanten eerlijk hoe lang het duurt"),
    ("Openheid", "Je opent elk overleg met een rondje"),
]
BAD = [
    ("Eerlijkheid", "Open en eerlijk"),
    ("Moed", "Betrokkenheid"),
    ("Respect", "Respect voor elkaar"),
    ("Open", "Eerlijke communicatie"),
    ("Klantgericht", "Klantgerichtheid"),
    ("Vakmanschap", "Altijd professioneel"),
    ("Openheid", "Transparantie naar de klant"),
    ("Kwaliteit", "Hoge kwaliteit"),
    ("Openheid", "Een open houding"),
    ("Respect", "We zijn respectvol"),
    ("Respect", "Respect hebben voor iedereen"),
    ("Respect", "We hebben respect voor elkaars mening"),
    ("Moed", "Betrouwbaar en integer"),
    ("Passie", "Passie voor ons vak"),
    ("Betrokken", "Positief en betrokken"),
    ("Eerlijk", "We zijn eerlijk tegen elkaar"),
    ("Plezier", "Plezier in het werk"),
    ("Samenwerking", "Samenwerken"),  # only the name again
    ("Vertrouwen", "Vertrouwen in elkaar"),
    ("Rust", "Rust en ruimte"),
    ("Snel", "Korte lijnen"),
    ("Groei", "Persoonlijke groei"),
    ("Betrokken", "Gemotiveerd en gedreven"),
    ("Collegialiteit", "Collega's zijn behulpzaam"),
    ("Trots", "Trots op ons werk"),
]


def _behaviour_hints(name: str, line: str, lemmatiser) -> list[Hint]:
    return [h for h in check(Value(name, behaviours=(line,)), lemmatiser) if h.code == BEHAVIOUR]


def test_no_false_alarm_on_good_behaviour_lines(lemmatiser):
    assert len(GOOD) + len(GOOD_NAMED) >= 30
    cases = [("Eigenaarschap", line) for line in GOOD] + GOOD_NAMED
    alarms = [line for name, line in cases if _behaviour_hints(name, line, lemmatiser)]
    assert alarms == []


@pytest.mark.parametrize(("name", "line"), BAD)
def test_a_trait_or_the_name_again_gets_the_hint(name, line, lemmatiser):
    assert _behaviour_hints(name, line, lemmatiser) == [Hint(BEHAVIOUR, (("line", line), ("n", 1)))]


def test_a_word_nobody_knows_keeps_a_line_quiet(lemmatiser):
    """Precision first: a word the lexicon does not know may be a verb, so no hint."""
    assert _behaviour_hints("Moed", "Open en eerlijk", lemmatiser)
    assert not _behaviour_hints("Moed", "Open en xqzplorft", lemmatiser)


def test_check_gives_the_cliche_first_then_each_line_by_its_number(lemmatiser):
    value = Value(
        "Respectvol",
        behaviours=("Je laat iemand uitpraten", "Respect voor elkaar", "Open en eerlijk"),
    )
    hints = check(value, lemmatiser)
    assert [(h.code, h.kwargs) for h in hints] == [
        (CLICHE, {"name": "Respectvol"}),
        (BEHAVIOUR, {"line": "Respect voor elkaar", "n": 2}),
        (BEHAVIOUR, {"line": "Open en eerlijk", "n": 3}),
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        hints[0].code = "x"
    assert check(Value("Fouten vieren", behaviours=("We vieren elke fout",)), lemmatiser) == ()


def test_the_word_lists_are_read_once_and_hold_what_the_rules_need():
    rules = Rules.load()
    assert Rules.load() is rules
    assert {"ben", "bent", "is", "heeft", "wordt", "vindt"} <= rules.still
    assert "open" in rules.adjective and "bellen" in rules.action
    assert rules.forms["ga"] == "gaan"
