"""AppTest: the grouping editor as a facilitator uses it, and what the other pages make of it."""

from __future__ import annotations

import re

import pytest

from dna.analysis.grouping import analyse
from dna.records import CURRENT, DESIRED
from tests.sessions import as_facilitator
from tests.test_app_live import facilitator, on_page, seeded, send, store  # noqa: F401

PAGE = "views/groups.py"


@pytest.fixture
def workshop(store):  # noqa: F811
    return seeded(
        store,
        "Groepen",
        [
            ("Zorg", ["klantgericht", "traag", "open"], ["klantvriendelijk", "snel"]),
            ("Zorg", ["Klantgericht!", "log", "openheid"], ["klantgericht", "eerlijk"]),
            ("Zorg", ["klantvriendelijk", "traag"], ["snel", "open"]),
            ("Zorg", ["hiërarchisch", "traag"], ["eigenaarschap"]),
            ("Zorg", ["hierarchisch", "log"], ["eigenaarschap", "snel"]),
            ("ICT", ["traag", "stroperig"], ["wendbaar"]),
            ("ICT", ["open"], ["wendbaar", "eerlijk"]),
        ],
    )


def editor(code: str):
    return on_page(PAGE, code)


def keys_by_label(store, code, lemmatiser, question=CURRENT) -> dict[str, str]:  # noqa: F811
    """The current groups as the app sees them: label -> key."""
    result = analyse(store.answers(code), lemmatiser, store.overrides(code))
    return {g.label: g.key for g in result.questions[question].groups}


def pick(at, store, code, lemmatiser, *labels: str, question=CURRENT):  # noqa: F811
    keys = keys_by_label(store, code, lemmatiser, question)
    at.multiselect[0].set_value([keys[label] for label in labels]).run()
    assert not at.exception, at.exception
    return at


def cloud_table(at, question: int = 0) -> dict[str, int]:
    at.switch_page("views/clouds.py").run()
    assert not at.exception, at.exception
    table = at.dataframe[question].value
    return dict(zip(table["Woord"], table["Aantal"], strict=True))


def test_merge_then_the_cloud_changes_and_a_later_answer_joins(store, workshop, lemmatiser):  # noqa: F811
    at = editor(workshop.code)
    before = cloud_table(at)
    assert before["klantgericht"] == 2 and before["klantvriendelijk"] == 1
    image_before = at.image[0].value
    at.switch_page(PAGE).run()
    pick(at, store, workshop.code, lemmatiser, "klantgericht", "klantvriendelijk")
    assert at.selectbox(key="groups_merge_label").value == "klantgericht"  # the biggest first
    at.button(key="groups_merge").click().run()
    assert not at.exception, at.exception
    [edit] = store.overrides(workshop.code)
    assert edit.kind == "merge" and edit.payload["label"] == "klantgericht"
    assert edit.question is None  # both questions unless limited
    after = cloud_table(at)
    assert after["klantgericht"] == 3 and "klantvriendelijk" not in after
    assert at.image[0].value != image_before  # the cloud was drawn again
    desired = cloud_table(at, 1)
    assert desired["klantgericht"] == 2 and "klantvriendelijk" not in desired

    # a later answer (from a phone) joins the merged group by itself
    send(store, workshop.code, ["Klantvriendelijk!"], ["open"], team="ICT")
    assert cloud_table(at)["klantgericht"] == 4


def test_undo_takes_back_the_last_change_once(store, workshop, lemmatiser):  # noqa: F811
    at = editor(workshop.code)
    pick(at, store, workshop.code, lemmatiser, "traag", "log")
    at.button(key="groups_merge").click().run()
    pick(at, store, workshop.code, lemmatiser, "open")
    at.text_input(key="groups_rename_label").set_value("openheid").run()
    at.button(key="groups_rename").click().run()
    assert [o.kind for o in store.overrides(workshop.code)] == ["merge", "rename"]
    undo = at.button(key="groups_undo")
    assert "openheid" in undo.help  # it says what it takes back
    undo.click().run()
    assert [o.kind for o in store.overrides(workshop.code)] == ["merge"]
    assert "traag + log" in at.button(key="groups_undo").help
    at.button(key="groups_undo").click().run()
    assert store.overrides(workshop.code) == []
    assert at.button(key="groups_undo").disabled


def test_rename_hide_with_reason_and_show_again(store, workshop, lemmatiser):  # noqa: F811
    at = editor(workshop.code)
    pick(at, store, workshop.code, lemmatiser, "hiërarchisch")
    at.text_input(key="groups_rename_label").set_value("top-down").run()
    at.button(key="groups_rename").click().run()
    assert "top-down" in cloud_table(at)
    at.switch_page(PAGE).run()
    pick(at, store, workshop.code, lemmatiser, "top-down")
    at.text_input(key="groups_hide_reason").set_value("<b>te</b> vaag").run()
    at.button(key="groups_hide").click().run()
    hide = store.overrides(workshop.code)[-1]
    assert hide.kind == "hide" and hide.payload["reason"] == "te vaag"
    at.switch_page("views/clouds.py").run()
    table = at.dataframe[0].value
    assert dict(zip(table["Woord"], table["Verborgen"], strict=True))["top-down"]
    at.switch_page(PAGE).run()
    pick(at, store, workshop.code, lemmatiser, "top-down")
    at.button(key="groups_show").click().run()
    assert store.overrides(workshop.code)[-1].kind == "show"
    at.switch_page("views/clouds.py").run()
    table = at.dataframe[0].value
    assert not dict(zip(table["Woord"], table["Verborgen"], strict=True))["top-down"]


def test_move_a_spelling_to_its_own_group_and_limit_to_one_question(store, workshop, lemmatiser):  # noqa: F811
    at = editor(workshop.code)
    pick(at, store, workshop.code, lemmatiser, "open")
    variants = at.dataframe[1].value  # the group, then its spellings
    assert set(variants["Antwoord"]) == {"open", "openheid"}
    at.toggle(key="groups_scope").set_value(True).run()
    assert at.selectbox(key="groups_move_variant").value is None  # never the whole group by default
    assert at.button(key="groups_move").disabled
    at.selectbox(key="groups_move_variant").set_value("openheid").run()
    at.selectbox(key="groups_move_to").set_value(None).run()
    at.button(key="groups_move").click().run()
    edit = store.overrides(workshop.code)[-1]
    assert edit.kind == "move" and edit.question == CURRENT and edit.payload["to"] is None
    current = cloud_table(at)
    assert current["open"] == 2 and current["openheid"] == 1
    assert "openheid" not in cloud_table(at, 1)  # desired has no such spelling anyway
    at.switch_page(PAGE).run()
    history = at.expander[-1]
    assert "openheid" in history.markdown[0].value and "alleen" in history.markdown[0].value


@pytest.mark.parametrize("typed", ["", "   ", '=HYPERLINK("http://x")'])
def test_a_bad_label_is_refused_and_nothing_is_stored(store, workshop, lemmatiser, typed):  # noqa: F811
    at = editor(workshop.code)
    pick(at, store, workshop.code, lemmatiser, "traag")
    at.text_input(key="groups_rename_label").set_value(typed).run()
    at.button(key="groups_rename").click().run()
    assert at.error and "1 tot 60" in at.error[0].value
    assert store.overrides(workshop.code) == []


def test_without_a_workshop_the_editor_says_why(store):  # noqa: F811
    at = facilitator(PAGE)
    assert "workshop" in at.info[0].value
    assert not at.multiselect


def test_a_small_team_is_withheld_everywhere(store, workshop):  # noqa: F811
    at = editor(workshop.code)
    at.selectbox(key="nav_team").set_value("ICT").run()
    assert not at.exception, at.exception
    assert any("minder dan 5" in w.value for w in at.warning)
    assert not at.multiselect and not at.dataframe
    at.switch_page("views/clouds.py").run()
    assert any("minder dan 5" in w.value for w in at.warning) and not at.image
    at.selectbox(key="nav_team").set_value("Zorg").run()  # 5 people: shown
    assert not at.warning and len(at.image) == 2
    table = at.dataframe[0].value
    assert dict(zip(table["Woord"], table["Aantal"], strict=True))["traag"] == 3  # Zorg only


def test_a_suggestion_is_accepted_or_rejected_with_one_click(store, workshop):  # noqa: F811
    at = editor(workshop.code)
    suggestions = at.expander[0]
    assert "(1)" in suggestions.label
    assert "klantgericht" in suggestions.markdown[0].value
    assert "klantvriendelijk" in suggestions.markdown[0].value
    at.button(key="groups_sugg_no_0").click().run()
    assert not at.exception, at.exception
    [edit] = store.overrides(workshop.code)
    assert edit.kind == "reject"
    assert set(edit.payload["keys"]) == {"klantgericht", "klantvriendelijk"}
    assert "(0)" in at.expander[0].label  # a rejected suggestion does not come back
    # not even when new answers arrive
    send(store, workshop.code, ["klantvriendelijk"], ["klantgericht"], team="ICT")
    at.run()
    assert "(0)" in at.expander[0].label

    at.button(key="groups_undo").click().run()  # undo the rejection: it is back; accept it
    assert "(1)" in at.expander[0].label
    at.button(key="groups_sugg_ok_0").click().run()
    [edit] = store.overrides(workshop.code)
    assert edit.kind == "merge" and edit.payload["into"] == "klantgericht"
    assert cloud_table(at)["klantgericht"] == 4  # 2 + 1 + the late one
    assert cloud_table(at, 1)["klantgericht"] == 3


def test_the_beamer_offers_only_teams_big_enough_and_keeps_the_team_in_its_url(store, workshop):  # noqa: F811
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file("../app.py", default_timeout=60)
    as_facilitator(at)
    at.query_params.update({"code": workshop.code, "team": "ICT", "qr": "0"})  # ICT: 2 people
    at.run()
    at.switch_page("views/projector.py").run()
    assert not at.exception, at.exception
    box = at.selectbox(key="projector_team")
    assert box.options == ["Alle teams", "Zorg"] and box.value is None
    assert "team" not in at.query_params  # a small team is never put on the beamer
    box.set_value("Zorg").run()
    assert at.query_params["team"] == "Zorg"
    page = " ".join(h.proto.body for h in at.get("html"))
    assert "Groepen · Zorg" in page
    assert len(at.image) == 2  # both clouds, of Zorg only


def test_the_question_picker_always_shows_one_question(store, workshop):  # noqa: F811
    """A click on the chosen "Gewenste cultuur" unselected it, and the editor went on showing the
    current culture with neither button lit."""
    at = editor(workshop.code)
    picker = at.segmented_control(key="groups_question")
    assert picker.value == CURRENT and picker.proto.required
    picker.set_value(DESIRED).run()
    at.segmented_control(key="groups_question").set_value(None).run()  # the chosen one again
    assert not at.exception, at.exception
    assert at.segmented_control(key="groups_question").value == DESIRED
    listed = {o.split(" (")[0] for o in at.multiselect[0].options}
    assert "wendbaar" in listed and "traag" not in listed  # the desired culture's groups
    at.switch_page("views/clouds.py").run()
    at.switch_page(PAGE).run()  # and it is still there after another page
    assert at.segmented_control(key="groups_question").value == DESIRED


def test_a_new_merge_name_is_typed_in_its_own_box(store, workshop, lemmatiser):  # noqa: F811
    """A selectbox that takes new options offers them as "Add: …", in English."""
    at = editor(workshop.code)
    pick(at, store, workshop.code, lemmatiser, "klantgericht", "klantvriendelijk")
    box = at.selectbox(key="groups_merge_label")
    assert not box.proto.accept_new_options
    assert box.options == ["klantgericht", "klantvriendelijk", "Een andere naam…"]
    box.select_index(2).run()
    at.text_input(key="groups_merge_new").set_value("klantfocus").run()
    at.button(key="groups_merge").click().run()
    assert not at.exception, at.exception
    [edit] = store.overrides(workshop.code)
    assert edit.kind == "merge" and edit.payload["label"] == "klantfocus"


def test_merging_many_groups_is_asked_once_more_and_there_is_no_select_all(
    store,  # noqa: F811
    workshop,
    lemmatiser,
):
    """ "Select all" sat on top of the list: one slip, then "Samenvoegen", merged every group."""
    at = editor(workshop.code)
    assert at.multiselect[0].proto.select_all == 0  # no "select all" in the list
    labels = list(keys_by_label(store, workshop.code, lemmatiser))[:6]
    pick(at, store, workshop.code, lemmatiser, *labels)
    assert at.button(key="groups_merge").disabled
    at.checkbox(key="groups_merge_many_6").check().run()
    at.button(key="groups_merge").click().run()
    assert [o.kind for o in store.overrides(workshop.code)] == ["merge"]
    pick(
        at,
        store,
        workshop.code,
        lemmatiser,
        *list(keys_by_label(store, workshop.code, lemmatiser))[:5],
    )
    assert not at.button(key="groups_merge").disabled  # five: no question asked


def test_suggestions_name_each_group_once_and_say_truly_why(store):  # noqa: F811
    """Six overlapping "klant…" suggestions in a row, and "klant centraal + klantgericht" called
    "zelfde woordstam"."""
    people = [("Zorg", ["klantgericht", "klant centraal"], ["klantvriendelijk"])] * 2
    people += [("ICT", ["klantfocus", "klanttevredenheid", "de klant staat centraal"], [])]
    ws = seeded(store, "Klant", people)
    at = editor(ws.code)
    lines = [m.value for m in at.expander[0].markdown]
    assert lines
    named = [label for line in lines for label in re.findall(r"\*\*(.+?)\*\*", line)]
    assert len(named) == len(set(named)), lines  # each group in one suggestion at most
    assert not any("woordstam" in line for line in lines), lines
    assert any("gedeeld woord “klant”" in line for line in lines), lines
