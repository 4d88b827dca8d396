"""AppTest: the value editor's gentle hints (dna.workshop.valuecheck): a cliché name and a behaviour
line that shows no doing are pointed out on the card, in the edit form and after saving; never
refused."""

from __future__ import annotations

import pytest

from dna.workshop.values import Value
from tests.test_app_live import on_page, seeded, store  # noqa: F401
from tests.test_app_values import click, type_value

PAGE = "views/values.py"
PROMPT = "Zou een organisatie bewust het tegendeel kiezen?"
SEE = "Beschrijf wat je iemand ziet doen"


@pytest.fixture
def workshop(store):  # noqa: F811
    return seeded(store, "Waarden", [("Zorg", ["traag"], ["snel"])])


def prompts(at) -> list[str]:
    return [i.value for i in at.info if PROMPT in i.value]


def seen(at) -> list[str]:
    return [c.value for c in at.caption if SEE in c.value]


def test_a_cliche_and_a_trait_line_are_pointed_out_on_the_card(store, workshop):  # noqa: F811
    store.add_value(
        workshop.code,
        Value(
            "Integriteit", behaviours=("We zeggen het als we iets fout deden", "Open en eerlijk")
        ),
    )
    store.add_value(workshop.code, Value("Fouten vieren", behaviours=("We vieren elke fout",)))
    at = on_page(PAGE, workshop.code)
    [prompt] = prompts(at)  # one: "Fouten vieren" is the room's own
    assert "«Integriteit»" in prompt and "wíj" in prompt
    [line] = seen(at)
    assert "«Open en eerlijk»" in line  # the behaviour line that shows someone doing: no hint


def test_a_cliche_is_stored_not_refused_and_saying_so_counts_the_tips(store, workshop):  # noqa: F811
    at = on_page(PAGE, workshop.code)
    assert prompts(at) == []
    type_value(
        at, "values_new", "Respectvol", "Een zin.", "Respect voor elkaar\nJe laat iemand uitpraten"
    )
    click(at, "values_new_ok")
    [value] = store.values(workshop.code)
    assert value.name == "Respectvol" and not at.error
    assert any("met 2 tips" in t.value for t in at.toast)
    assert "«Respectvol»" in prompts(at)[0] and "«Respect voor elkaar»" in seen(at)[0]


def test_the_edit_form_shows_the_hints_and_a_better_value_loses_them(store, workshop):  # noqa: F811
    vid = store.add_value(workshop.code, Value("Klantgericht", behaviours=("Klantgerichtheid",)))
    at = on_page(PAGE, workshop.code)
    click(at, f"values_edit_{vid}")
    assert prompts(at) and seen(at)  # shown above the fields while editing
    prefix = f"values_form_{vid}"
    type_value(at, prefix, "Klant eerst bellen", "", "We bellen de klant binnen een dag terug")
    click(at, f"{prefix}_ok")
    assert any(t.value == "Waarde «Klant eerst bellen» opgeslagen." for t in at.toast)
    assert prompts(at) == [] and seen(at) == []


def test_the_hints_speak_english(store, workshop):  # noqa: F811
    store.add_value(workshop.code, Value("Kwaliteit", behaviours=("Hoge kwaliteit",)))
    at = on_page(PAGE, workshop.code)
    at.session_state["lang"] = "en"
    at.run()
    infos = [i.value for i in at.info]
    assert any("Would any organisation deliberately choose the opposite?" in i for i in infos)
    assert any("Describe what you see someone do" in c.value for c in at.caption)
