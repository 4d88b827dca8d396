"""AppTest: the candidate-values editor as a facilitator uses it, and the "make it a value"
buttons of the grouping editor and the comparison."""

from __future__ import annotations

import pytest

from dna.analysis import compare
from dna.analysis.grouping import analyse
from dna.records import CURRENT, DESIRED
from dna.workshop.values import Value, starting_set
from tests.test_app_live import facilitator, on_page, seeded, store  # noqa: F401

PAGE = "views/values.py"


@pytest.fixture
def workshop(store):  # noqa: F811
    return seeded(
        store,
        "Waarden",
        [
            ("Zorg", ["klantgericht", "traag"], ["klantgericht", "snel", "eerlijk"]),
            ("Zorg", ["Klantgericht!", "log"], ["klantgericht", "snel"]),
            ("Zorg", ["klantgericht", "traag"], ["snel", "eerlijk"]),
            ("Zorg", ["hiërarchisch", "traag"], ["eigenaarschap", "klantgericht"]),
            ("ICT", ["traag", "stroperig"], ["wendbaar", "eerlijk"]),
            ("ICT", ["open", "klantgericht"], ["wendbaar", "klantgericht"]),
        ],
    )


def page(code: str):
    return on_page(PAGE, code)


def run(at):
    at.run()
    assert not at.exception, at.exception
    return at


def click(at, key: str):
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def keys(store, code, lemmatiser, question=CURRENT) -> dict[str, str]:  # noqa: F811
    result = analyse(store.answers(code), lemmatiser, store.overrides(code))
    return {g.label: g.key for g in result.questions[question].groups}


def headings(at) -> list[str]:
    return [m.value.split(". ", 1)[1] for m in at.markdown if m.value.startswith("### ")]


def type_value(at, prefix: str, name: str, meaning="", behaviours="", do="", dont=""):
    at.text_input(key=f"{prefix}_name").set_value(name)
    at.text_input(key=f"{prefix}_meaning").set_value(meaning)
    at.text_area(key=f"{prefix}_behaviours").set_value(behaviours)
    at.text_area(key=f"{prefix}_do").set_value(do)
    at.text_area(key=f"{prefix}_dont").set_value(dont)
    return at


def test_create_by_hand_stores_and_shows_it_once(store, workshop):  # noqa: F811
    at = page(workshop.code)
    assert "Kandidaat-waarden (0)" in at.subheader[0].value
    type_value(
        at,
        "values_new",
        "Eigenaarschap",
        "We maken af wat we beginnen.",
        "- We zeggen het als iets misgaat\nWe ruimen zelf op\n",
        "Aanspreken",
        "Wegkijken",
    )
    click(at, "values_new_ok")
    [value] = store.values(workshop.code)
    assert value.name == "Eigenaarschap" and value.meaning == "We maken af wat we beginnen."
    assert value.behaviours == ("We zeggen het als iets misgaat", "We ruimen zelf op")
    assert value.do == ("Aanspreken",) and value.dont == ("Wegkijken",) and value.sources == ()
    assert headings(at) == ["Eigenaarschap"]
    page_text = " ".join(m.value for m in at.markdown)
    assert "Dit zie je aan:" in page_text and "We ruimen zelf op" in page_text
    assert "We doen niet" in page_text
    assert any("klaar voor de DNA-sheet" in m.value for m in at.markdown)
    assert any("toegevoegd" in t.value for t in at.toast)
    assert at.text_input(key="values_new_name").value == ""  # the form is empty again

    type_value(at, "values_new", "eigenaarschap")  # the same again (a double click): refused
    click(at, "values_new_ok")
    assert len(store.values(workshop.code)) == 1
    assert "Er is al een waarde" in at.error[0].value


def test_an_incomplete_value_says_what_it_needs(store, workshop):  # noqa: F811
    store.add_value(workshop.code, Value("Moed", behaviours=("We zeggen nee",)))
    at = page(workshop.code)
    shown = " ".join(m.value for m in at.markdown)
    assert "betekenis ontbreekt" in shown and "nog 1–3 gedragingen nodig" in shown


@pytest.mark.parametrize(
    ("name", "behaviours", "says"),
    [
        ("Heel erg veel woorden", "", "1 tot 3 woorden"),
        ("   ", "", "Geef de waarde een naam"),
        ("Moed", "a\nb\nc\nd\ne", "Hoogstens 4 gedragingen"),
    ],
)
def test_a_bad_value_shows_what_to_fix_keeps_the_text_and_stores_nothing(
    store,  # noqa: F811
    workshop,
    name,
    behaviours,
    says,
):
    at = page(workshop.code)
    type_value(at, "values_new", name, "Een zin.", behaviours)
    click(at, "values_new_ok")
    assert says in at.error[0].value
    assert store.values(workshop.code) == []
    assert at.text_input(key="values_new_name").value == name  # nothing typed is lost
    assert at.text_area(key="values_new_behaviours").value == behaviours


def test_create_from_groups_keeps_the_sources_and_traces_them(store, workshop, lemmatiser):  # noqa: F811
    now, later = (
        keys(store, workshop.code, lemmatiser),
        keys(store, workshop.code, lemmatiser, DESIRED),
    )
    at = page(workshop.code)
    options = at.multiselect(key="values_from_groups").options
    assert any(o.startswith("klantgericht · huidig 4 · gewenst 4") for o in options)
    chosen = [now["klantgericht"], later["snel"]]
    at.multiselect(key="values_from_groups").set_value(chosen)
    click(at, "values_from_ok")
    [value] = store.values(workshop.code)
    assert value.name == "Klantgericht" and value.sources == tuple(chosen)  # the biggest names it
    assert headings(at) == ["Klantgericht"]
    where = next(e for e in at.expander if e.label.startswith("Waar komt dit vandaan?"))
    assert "2 groepen · 4 huidig · 7 gewenst" in where.label
    table = where.dataframe[0].value
    assert list(table["Groep"]) == ["klantgericht", "snel"]
    assert list(table["Huidig (antwoorden)"]) == [4, 0]
    assert list(table["Gewenst (antwoorden)"]) == [4, 3]
    assert "Klantgericht! (1)" in table["Zo geschreven"][0]
    assert at.multiselect(key="values_from_groups").value == []  # emptied for the next one

    at.multiselect(key="values_from_groups").set_value([now["traag"]])  # with a name of its own
    at.text_input(key="values_from_name").set_value("Tempo")
    click(at, "values_from_ok")
    assert [v.name for v in store.values(workshop.code)] == ["Klantgericht", "Tempo"]
    click(at, "values_from_ok")  # nothing chosen: says so
    assert "minstens één groep" in at.error[0].value


def test_the_starting_set_is_added_once(store, workshop, lemmatiser):  # noqa: F811
    analysis = analyse(store.answers(workshop.code), lemmatiser, store.overrides(workshop.code))
    people = compare.participants(store.answers(workshop.code))
    expected = [v.name for v in starting_set(compare.compare(analysis, participants=people))]
    assert expected  # the seed has groups to keep and to develop
    at = page(workshop.code)
    start = next(e for e in at.expander if e.label == "Startset voorstellen")
    assert "Klantgericht" in start.markdown[0].value or "Klantgericht" in start.markdown[1].value
    assert at.button(key="values_start_add").label == f"Toevoegen ({len(expected)} nieuw)"
    click(at, "values_start_add")
    assert [v.name for v in store.values(workshop.code)] == expected
    assert all(v.sources for v in store.values(workshop.code))
    assert any(f"{len(expected)} waarden" in t.value for t in at.toast)
    assert at.button(key="values_start_add").label == "Toevoegen (0 nieuw)"
    click(at, "values_start_add")  # a second click adds none
    assert [v.name for v in store.values(workshop.code)] == expected
    assert any("Niets toegevoegd" in t.value for t in at.toast)


def test_edit_a_value_and_a_bad_edit_keeps_the_form(store, workshop, lemmatiser):  # noqa: F811
    vid = store.add_value(workshop.code, Value("Snel", sources=("snel",)))
    at = page(workshop.code)
    click(at, f"values_edit_{vid}")
    prefix = f"values_form_{vid}"
    assert at.text_input(key=f"{prefix}_name").value == "Snel"
    at.text_area(key=f"{prefix}_behaviours").set_value("a\nb\nc\nd\ne")
    click(at, f"{prefix}_ok")
    assert "Hoogstens 4 gedragingen" in at.error[0].value
    assert store.values(workshop.code)[0].behaviours == ()  # nothing stored
    assert at.text_area(key=f"{prefix}_behaviours").value == "a\nb\nc\nd\ne"  # nothing lost

    later = keys(store, workshop.code, lemmatiser, DESIRED)
    type_value(at, prefix, "Wendbaar", "We passen ons snel aan.", "We proberen\nWe leren")
    at.multiselect(key=f"{prefix}_sources").set_value([later["snel"], later["wendbaar"]])
    click(at, f"{prefix}_ok")
    [value] = store.values(workshop.code)
    assert value.id == vid and value.name == "Wendbaar" and value.complete
    assert value.sources == (later["snel"], later["wendbaar"])
    assert headings(at) == ["Wendbaar"]
    assert f"{prefix}_name" not in [w.key for w in at.text_input]  # the form closed
    assert any("opgeslagen" in t.value for t in at.toast)

    click(at, f"values_edit_{vid}")  # cancel leaves it as it was
    at.text_input(key=f"{prefix}_name").set_value("Iets anders")
    click(at, f"{prefix}_cancel")
    assert store.values(workshop.code)[0].name == "Wendbaar" and headings(at) == ["Wendbaar"]


def test_reorder(store, workshop):  # noqa: F811
    a, b, c = (store.add_value(workshop.code, Value(n)) for n in ("Aa", "Bb", "Cc"))
    at = page(workshop.code)
    assert at.button(key=f"values_up_{a}").disabled and at.button(key=f"values_down_{c}").disabled
    click(at, f"values_down_{a}")
    assert [v.id for v in store.values(workshop.code)] == [b, a, c]
    assert headings(at) == ["Bb", "Aa", "Cc"]
    click(at, f"values_up_{c}")
    assert headings(at) == ["Bb", "Cc", "Aa"]
    assert [v.name for v in store.values(workshop.code)] == ["Bb", "Cc", "Aa"]


def test_delete_then_undo_and_restore_from_the_bin(store, workshop):  # noqa: F811
    a, b = (store.add_value(workshop.code, Value(n)) for n in ("Aa", "Bb"))
    at = page(workshop.code)
    click(at, f"values_delete_{a}")
    assert [v.id for v in store.values(workshop.code)] == [b]
    assert any("verwijderd" in t.value for t in at.toast)
    assert headings(at) == ["Bb"]
    assert at.button(key="values_undo").label == "Verwijderen van «Aa» ongedaan maken"
    click(at, "values_undo")
    assert [v.id for v in store.values(workshop.code)] == [a, b]  # back in its place
    assert headings(at) == ["Aa", "Bb"]
    assert "values_undo" not in [x.key for x in at.button]

    click(at, f"values_delete_{b}")
    bin_ = next(e for e in at.expander if e.label.startswith("Prullenbak"))
    assert bin_.label == "Prullenbak (1)" and "Bb" in bin_.markdown[0].value
    click(at, f"values_restore_{b}")
    assert [v.id for v in store.values(workshop.code)] == [a, b]
    assert store.values(workshop.code, deleted=True) == []


def test_without_a_workshop_the_page_says_why(store):  # noqa: F811
    at = facilitator(PAGE)
    assert "workshop" in at.info[0].value
    assert not at.text_input


def test_user_text_is_shown_as_plain_text(store, workshop):  # noqa: F811
    store.add_value(
        workshop.code, Value("Open", "Zeg **alles**", behaviours=("[klik](http://x)", "b"))
    )
    at = page(workshop.code)
    shown = " ".join(m.value for m in at.markdown)
    assert r"Zeg \*\*alles\*\*" in shown
    assert "\\[klik\\]\\(http\u2060\\:\\/\\/x\\)" in shown  # a word joiner: no autolink


def test_the_grouping_editor_and_the_comparison_make_a_value(store, workshop, lemmatiser):  # noqa: F811
    now = keys(store, workshop.code, lemmatiser)
    at = page(workshop.code)
    at.switch_page("views/groups.py").run()
    at.multiselect[0].set_value([now["traag"], now["log"]])
    run(at)
    click(at, "groups_to_value")
    [value] = store.values(workshop.code)
    assert value.name == "Traag" and value.sources == (now["traag"], now["log"])
    assert any("Waarde «Traag» gemaakt" in t.value for t in at.toast)
    click(at, "groups_to_value")  # a second click makes no second one
    assert len(store.values(workshop.code)) == 1 and "Er is al" in at.toast[0].value

    at.switch_page("views/compare.py").run()
    assert not at.exception, at.exception
    assert at.button(key="compare_to_value").disabled  # nothing chosen yet
    at.multiselect(key="compare_value_groups").set_value([now["klantgericht"]])
    run(at)
    click(at, "compare_to_value")
    assert [v.name for v in store.values(workshop.code)] == ["Traag", "Klantgericht"]
    assert store.values(workshop.code)[1].sources == (now["klantgericht"],)


def test_each_card_says_what_the_value_does_for_the_culture(store, workshop, lemmatiser):  # noqa: F811
    """A value from a kept strength, one from a limiting theme and one from a wanted theme carry
    their aim as a badge (dna.workshop.values.aim); one by hand carries none."""
    current, desired = (
        keys(store, workshop.code, lemmatiser),
        keys(store, workshop.code, lemmatiser, DESIRED),
    )
    store.add_value(workshop.code, Value("Klant voorop", sources=(current["klantgericht"],)))
    store.add_value(workshop.code, Value("Vaart", sources=(current["traag"],)))
    store.add_value(workshop.code, Value("Wendbaar", sources=(desired["wendbaar"],)))
    store.add_value(workshop.code, Value("Moed"))
    at = page(workshop.code)
    badges = " ".join(m.value for m in at.markdown if "-badge[" in m.value)
    assert badges.count("behoudt een kracht]") == 1, badges
    assert badges.count("laat een beperking los]") == 1, badges
    assert badges.count("ontwikkelt iets nieuws]") == 1, badges
