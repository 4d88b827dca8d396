from __future__ import annotations

import pytest

from dna.language.lemmatise import load_pipeline, pipeline_label, tidy


def same(lem, *texts: str) -> bool:
    return len(set(lem.keys(list(texts)))) == 1


@pytest.mark.parametrize(
    "texts",
    [
        (
            "Betrokkenheid!",
            "betrokken",
            "betrokkenhied",
            "  BETROKKEN ",
        ),  # case, punct, -heid, typo
        ("mens", "Mensen", "mensen."),  # plural the lookup table misses
        ("kind", "kinderen"),  # -eren plural
        ("collega", "collega's", "collegas", "Collega’s"),  # apostrophe plural, curly quote
        ("regel", "regels", "regeltjes"),  # diminutive plural
        ("team", "teams", "teampje"),
        ("transparant", "transparante", "transparantie", "transparnt"),
        ("groot", "grote"),  # open syllable: vowel doubled
        ("lief", "lieve"),  # v -> f
        ("boos", "boze"),  # z -> s and vowel doubling
        ("snel", "snelle"),  # doubled consonant
        ("hiërarchisch", "hierarchisch", "hiërarchische", "hiërarchie"),
        ("efficiënt", "efficient", "efficiëntie"),
        ("ideeën", "ideeen", "idee"),
        ("flexibel", "flexibiliteit"),
        ("creatief", "creativiteit", "creatieve"),
        ("professioneel", "professionaliteit"),
        ("loyaal", "loyaliteit"),
        ("divers", "diverse", "diversiteit"),
        ("autonoom", "autonomie"),
        ("bureaucratisch", "bureaucratie"),
        ("innovatief", "innovatie", "innoveren"),
        ("samenwerken", "samenwerking", "samen werken", "Samenwerkign"),
        ("vergaderen", "vergaderingen", "vergadering"),
        ("warm", "warmte"),
        ("werkdruk", "werkdrukte"),
        ("klantgericht", "klantgerichte", "klant gericht", "klant-gericht", "klantgerichtheid"),
        ("mensgericht", "mensgerichte", "mensgerichtheid"),
        ("werkplezier", "werk plezier"),
        ("wij-cultuur", "wij cultuur", "wijcultuur"),
        ("de klant centraal", "klant centraal", "Klant centraal!"),
        ("open", "openheid", "Open."),
        ("veilig", "veiligheid"),
        ("onveilig", "onveiligheid", "niet veilig"),  # "niet X" is "onX" where Dutch has onX
        ("rust", "rustig"),  # -ig adjective of a noun
        ("overleg", "overleggen"),  # verb to its noun stem
        ("durf", "durven"),
        ("vernieuwend", "vernieuwende", "vernieuwing"),  # present participle
        ("pragmatisch", "pragmatisme"),
        ("enthousiast", "enthousiasme"),
        ("ons kent ons", "ons-kent-ons", "Ons kent ons!"),
        ("machtsspelletjes", "machtsspel"),  # compound with a linking s
        ("gezellig", "gezellig", "gezelig"),  # a typo joins the answer most people wrote
        ("druk", "druk druk druk", "Druk, druk"),  # repetition is emphasis
    ],
)
def test_variants_of_one_concept_share_a_key(lemmatiser, texts):
    keys = lemmatiser.keys(list(texts))
    assert len(set(keys)) == 1, dict(zip(texts, keys, strict=True))


@pytest.mark.parametrize(
    "a,b",
    [
        ("veilig", "onveilig"),
        ("duidelijk", "onduidelijk"),
        ("zeker", "onzeker"),
        ("zekerheid", "onzekerheid"),
        ("voorspelbaar", "onvoorspelbaar"),
        ("persoonlijk", "onpersoonlijk"),
        ("moe", "moed"),
        ("klantgericht", "resultaatgericht"),
        ("klantgericht", "mensgericht"),
        ("werkdruk", "werkplezier"),
        ("plezier", "werkplezier"),
        ("klant", "klantgericht"),
        ("druk", "werkdruk"),
        ("cultuur", "afrekencultuur"),
        ("positie", "positief"),
        ("relatie", "relatief"),
        ("kwaliteit", "kwaal"),
        ("vertrouwen", "geen vertrouwen"),
        ("ruimte", "weinig ruimte"),
        ("transparant", "niet transparant"),
        ("ruimte voor fouten", "ruimte voor ontwikkeling"),
        ("regels", "minder regels"),
        ("transparant", "niet transparant"),  # no "ontransparant" in Dutch: the negation stays
        ("cultuur", "wij-cultuur"),
        ("cultuur", "wij cultuur"),
        ("proactiviteit", "productiviteit"),  # real words are no typos of each other
        ("de mens centraal", "dementie"),
    ],
)
def test_different_concepts_never_merge(lemmatiser, a, b):
    # both orders and with company: the batch's vocabulary must not pull them together either
    assert not same(lemmatiser, a, b)
    assert not same(lemmatiser, b, a, a, a)


def test_the_room_decides_plurals_and_compounds_the_dictionary_does_not_know(lemmatiser):
    keys = lemmatiser.keys(["KPI", "KPIs", "KPI's", "opendeur", "open deuren"])
    assert len(set(keys[:3])) == 1
    assert keys[3] == keys[4]


def test_a_typo_joins_the_spelling_most_people_wrote_never_the_rarer_one(lemmatiser):
    texts = ["veiligheidscultuur", "veiligheidscultuur", "veiligheidcultuur"]
    keys = lemmatiser.keys(texts)
    assert len(set(keys)) == 1
    assert keys == lemmatiser.keys(texts[::-1])[::-1]


def test_short_real_words_are_never_corrected(lemmatiser):
    keys = lemmatiser.keys(["moe", "moed", "moed", "rust", "rost", "rost", "hard", "hart", "hart"])
    assert keys[0] != keys[1]
    assert keys[3] != keys[4]
    assert keys[6] != keys[7]


def test_a_short_unknown_spelling_joins_the_room_word_one_edit_away(lemmatiser):
    # "hummor", "buger", "eerlik": not Dutch, one edit from what others in the room wrote
    keys = lemmatiser.keys(["humor", "humor", "meer hummor", "burger", "burger", "buger"])
    keys += lemmatiser.keys(["eerlijk", "eerlijk", "eerlik"])
    assert keys[0] == keys[2] and keys[3] == keys[5] and keys[6] == keys[8]
    # alone in the room, a short unknown word stays as it is
    assert lemmatiser.keys(["hummor"]) == ["hummor"]


def test_keys_are_deterministic_and_order_free(lemmatiser):
    texts = ["samenwerking", "samen werken", "Samenwerkign", "betrokken", "onveilig", "veilig"]
    first = dict(zip(texts, lemmatiser.keys(texts), strict=True))
    again = dict(zip(texts[::-1], lemmatiser.keys(texts[::-1]), strict=True))
    assert first == again


def test_keys_have_no_diacritics_and_punctuation(lemmatiser):
    (key,) = lemmatiser.keys(["  “Hiërarchisch!!” 🙂 "])
    assert key == "hierarchisch"


def test_tidy():
    assert tidy("  “Betrokkenheid!” ") == "Betrokkenheid"
    assert tidy("collega’s ") == "collega's"
    assert tidy("de   klant\tcentraal...") == "de klant centraal"


def test_fallback_pipeline_is_reported():
    nlp = load_pipeline(model="__no_such_model__")
    assert "lemmatizer" in nlp.pipe_names
    assert pipeline_label(nlp).startswith("spacy.blank('nl')")


def test_a_compound_someone_wrote_joins_every_inflected_split_form(lemmatiser):
    # "klantcentraal" in the room: "klant centraal" and "klanten centraal" join it alike
    keys = lemmatiser.keys(["klantcentraal", "klant centraal", "klanten centraal"])
    assert keys[0] == keys[1] == keys[2]
    keys = lemmatiser.keys(["nieuwidee", "nieuw idee", "nieuwe ideeën"])
    assert keys[0] == keys[1] == keys[2]
