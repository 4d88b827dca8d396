"""The facilitator's edits: merge, move, rename, hide, show, undo, and answers that come later."""

from __future__ import annotations

import random

import pytest

from dna.analysis import overrides as ov
from dna.analysis.grouping import analyse, build, keyed
from dna.analysis.overrides import Edits, Override
from dna.records import CURRENT, DESIRED, Answer


def answers(current: list[str], desired: list[str] = (), team: str | None = None, who="p"):
    out = [Answer(CURRENT, text, team, f"{who}{i}") for i, text in enumerate(current)]
    return out + [Answer(DESIRED, text, team, f"{who}{i}") for i, text in enumerate(desired)]


def groups(analysis, question=CURRENT) -> dict[str, int]:
    return {g.label: g.count for g in analysis.questions[question].groups}


def group(analysis, label, question=CURRENT):
    return next(g for g in analysis.questions[question].groups if g.label == label)


def with_ids(*edits: Override) -> list[Override]:
    return [Override(o.kind, o.payload, o.question, i) for i, o in enumerate(edits, start=1)]


BASE = ["klantgericht", "Klantgericht!", "klantvriendelijk", "open", "openheid", "traag", "log"]


def test_merge_puts_groups_under_the_chosen_label_in_both_questions(lemmatiser):
    plain = analyse(answers(BASE, ["klantvriendelijk", "snel"]), lemmatiser)
    assert groups(plain) == {
        "klantgericht": 2,
        "klantvriendelijk": 1,
        "open": 2,
        "traag": 1,
        "log": 1,
    }
    edit = ov.merge(
        [group(plain, "klantgericht"), group(plain, "klantvriendelijk")], "klantgericht"
    )
    edited = analyse(answers(BASE, ["klantvriendelijk", "snel"]), lemmatiser, with_ids(edit))
    assert groups(edited) == {"klantgericht": 3, "open": 2, "traag": 1, "log": 1}
    merged = group(edited, "klantgericht")
    assert merged.people == 3
    assert dict(merged.variants) == {"klantgericht": 1, "Klantgericht!": 1, "klantvriendelijk": 1}
    assert groups(edited, DESIRED) == {"klantgericht": 1, "snel": 1}  # the desired one too
    assert edited.questions[CURRENT].answers == plain.questions[CURRENT].answers


def test_merge_under_a_new_label_keeps_the_biggest_key():
    a = ov.merge([_g("b", 1), _g("a", 5), _g("c", 2)], "Samen")
    assert a.payload["into"] == "a" and a.payload["keys"] == ["a", "b", "c"]
    assert a.payload["label"] == "Samen"


def _g(key, count):
    from dna.analysis.grouping import Group

    return Group(key, key, count, ((key, count),))


def test_overrides_survive_new_answers(lemmatiser):
    """A later 'Klantvriendelijk!' joins the merged group; a moved spelling stays moved."""
    first = analyse(answers(BASE), lemmatiser)
    edits = with_ids(
        ov.merge([group(first, "klantgericht"), group(first, "klantvriendelijk")], "klantgericht"),
        ov.move("openheid", group(first, "open"), None),
        ov.rename(group(first, "traag"), "stroperig"),
    )
    later = answers(BASE + ["Klantvriendelijk!", "OPENHEID", "trage"], ["traag"], who="q")
    result = analyse(later, lemmatiser, edits)
    assert groups(result) == {"klantgericht": 4, "stroperig": 2, "open": 1, "openheid": 2, "log": 1}
    assert "Klantvriendelijk!" in dict(group(result, "klantgericht").variants)
    assert dict(group(result, "openheid").variants) == {"openheid": 1, "OPENHEID": 1}
    assert groups(result, DESIRED) == {"stroperig": 1}


def test_move_into_another_group_and_back(lemmatiser):
    first = analyse(answers(BASE), lemmatiser)
    to_log = ov.move("traag", group(first, "traag"), group(first, "log"))
    result = analyse(answers(BASE), lemmatiser, with_ids(to_log))
    assert groups(result)["log"] == 2 and "traag" not in groups(result)
    back = ov.move("traag", group(result, "log"), group(first, "traag"))
    again = analyse(answers(BASE), lemmatiser, with_ids(to_log, back))
    assert groups(again) == groups(first)


def test_rename_then_merge_then_hide_in_order(lemmatiser):
    first = analyse(answers(BASE), lemmatiser)
    steps = [ov.rename(group(first, "open"), "Openheid")]
    mid = analyse(answers(BASE), lemmatiser, with_ids(*steps))
    steps.append(ov.merge([group(mid, "Openheid"), group(mid, "log")], "Openheid"))
    mid = analyse(answers(BASE), lemmatiser, with_ids(*steps))
    assert groups(mid)["Openheid"] == 3
    steps.append(ov.hide([group(mid, "Openheid")], "te vaag"))
    done = analyse(answers(BASE), lemmatiser, with_ids(*steps))
    hidden = group(done, "Openheid")
    assert hidden.hidden and hidden.reason == "te vaag" and hidden.count == 3
    assert "Openheid" not in done.questions[CURRENT].frequencies()  # out of the cloud
    steps.append(ov.show([hidden]))
    shown = analyse(answers(BASE), lemmatiser, with_ids(*steps))
    assert not group(shown, "Openheid").hidden


def test_undo_is_dropping_the_last_change(lemmatiser):
    first = analyse(answers(BASE), lemmatiser)
    steps = with_ids(
        ov.rename(group(first, "log"), "sloom"),
        ov.merge([group(first, "traag"), group(first, "log")], "traag"),
    )
    assert ov.last_change(steps) is steps[-1]
    assert ov.last_change([]) is None
    undone = analyse(answers(BASE), lemmatiser, steps[:-1])
    assert groups(undone)["sloom"] == 1 and groups(undone)["traag"] == 1


def test_an_edit_can_be_limited_to_one_question(lemmatiser):
    data = answers(["traag", "log"], ["traag", "log"])
    first = analyse(data, lemmatiser)
    edit = ov.merge([group(first, "traag"), group(first, "log")], "traag", question=DESIRED)
    result = analyse(data, lemmatiser, with_ids(edit))
    assert groups(result, CURRENT) == {"traag": 1, "log": 1}
    assert groups(result, DESIRED) == {"traag": 2}


def test_hiding_one_group_merged_later_is_shown_with_its_new_group(lemmatiser):
    first = analyse(answers(BASE), lemmatiser)
    steps = with_ids(
        ov.hide([group(first, "log")], ""),
        ov.merge([group(first, "traag"), group(first, "log")], "traag"),
    )
    result = analyse(answers(BASE), lemmatiser, steps)
    assert not group(result, "traag").hidden and group(result, "traag").count == 2


def test_moderation_hide_form_with_one_key_still_works(lemmatiser):
    first = analyse(answers(BASE), lemmatiser)
    old = Override("hide", {"key": group(first, "log").key, "label": "log", "reason": "x"}, None, 1)
    assert group(analyse(answers(BASE), lemmatiser, [old]), "log").hidden


def test_unknown_keys_and_rejections_change_nothing(lemmatiser):
    first = analyse(answers(BASE), lemmatiser)
    steps = with_ids(
        Override("merge", {"keys": ["bestaat", "niet"], "into": "niet", "label": "x"}),
        Override("rename", {"key": "nope", "label": "y"}),
        ov.reject(["open", "log"], ["open", "log"]),
    )
    assert analyse(answers(BASE), lemmatiser, steps) == first
    assert ov.rejected(steps) == {frozenset({"open", "log"})}


def test_edits_are_order_independent_of_answers_and_conserve_counts(lemmatiser):
    data = answers(BASE * 3, ["traag", "snel"] * 2)
    first = analyse(data, lemmatiser)
    steps = with_ids(
        ov.merge([group(first, "klantgericht"), group(first, "klantvriendelijk")], "klant"),
        ov.move("log", group(first, "log"), group(first, "open")),
    )
    shuffled = list(data)
    random.Random(3).shuffle(shuffled)
    a, b = analyse(data, lemmatiser, steps), analyse(shuffled, lemmatiser, steps)
    assert a == b  # no near ties here: labels follow the history only where spellings tie
    for q in (CURRENT, DESIRED):
        assert sum(g.count for g in a.questions[q].groups) == a.questions[q].answers


def test_team_filter_uses_the_keys_of_the_whole_room(lemmatiser):
    room = answers(["open", "open"], ["snel"], team="Sales", who="s") + answers(
        ["openheid", "traag", "traag"], ["snel", "rust"], team="ICT", who="i"
    )
    batch = keyed(room, lemmatiser)
    assert batch.teams() == {"ICT": 3, "Sales": 2}
    ict = build(batch, team="ICT")
    assert groups(ict) == {"traag": 2, "open": 1}
    assert ict.questions[CURRENT].people == 3 and ict.questions[DESIRED].people == 2
    everyone = build(batch)
    assert groups(everyone) == {"open": 3, "traag": 2}
    assert group(everyone, "open").people == 3
    assert build(batch, team="Nobody").questions[CURRENT].answers == 0


def test_people_count_each_respondent_once_and_unknown_ones_apiece(lemmatiser):
    data = [
        Answer(CURRENT, "open", None, "a"),
        Answer(CURRENT, "Open!", None, "a"),
        Answer(CURRENT, "open", None, None),
        Answer(CURRENT, "open", None, None),
    ]
    result = analyse(data, lemmatiser)
    assert group(result, "open").count == 4 and group(result, "open").people == 3
    assert result.questions[CURRENT].people == 3


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("  Klantgericht ", "Klantgericht"),
        ("<b>Open</b>", "Open"),
        ("", None),
        ("   ", None),
        ('=HYPERLINK("x")', None),
        ("a" * 100, "a" * 60),
    ],
)
def test_clean_label(typed, expected):
    assert ov.clean_label(typed) == expected


def test_compiled_edits_follow_spellings_case_and_punctuation_free():
    move = Override("move", {"variant": "Open!", "to": "x", "label": "x"}, None, 1)
    edits = Edits.compile([move], CURRENT)
    assert edits.key("open", "OPEN") == "x"
    assert edits.key("open", "openheid") == "open"
    assert Edits.compile([move], DESIRED).key("open", "open") == "x"


def test_a_spelling_moved_out_is_not_suggested_back(lemmatiser):
    first = analyse(answers(BASE), lemmatiser)
    out = ov.move("openheid", group(first, "open"), None)
    into_log = ov.move("traag", group(first, "traag"), group(first, "log"))
    assert ov.rejected(with_ids(out, into_log)) == {
        frozenset({"=openheid", group(first, "open").key}),
        frozenset({group(first, "log").key, group(first, "traag").key}),
    }


def test_spellings_fold_case_and_punctuation_as_a_move_does():
    from dna.analysis.grouping import Group

    g = Group("open", "open", 6, (("open", 3), ("Open!", 1), ("openheid", 2)))
    assert ov.spellings(g) == {"open": 4, "openheid": 2}
    one = Group("traag", "traag", 2, (("traag", 1), ("Traag.", 1)))
    assert ov.spellings(one) == {"traag": 2}  # one way of writing: nothing to move


def test_a_tag_is_stored_survives_new_answers_and_is_undone(store, lemmatiser):
    """Store -> analysis -> a new answer joins the tagged theme and it keeps the tag -> undo
    gives the proposal back. A merge ends the merged group's tag."""
    from dna.analysis.tags import BEPERKEND, KRACHT, NEUTRAAL
    from dna.workshop.workshop import prepare

    ws = store.new_workshop("Tags", "Org", ("Nu?", "Straks?"), 4, [])
    store.add_import(ws.code, "k", "x.csv", answers(["regels", "regeltjes", "betrokken"]))
    first = analyse(store.answers(ws.code), lemmatiser, store.overrides(ws.code))
    assert group(first, "regels").tag == NEUTRAAL
    edit = ov.tag(group(first, "regels"), BEPERKEND)
    store.add_override(ws.code, edit.kind, dict(edit.payload), edit.question)
    store.submit(ws.code, "tok", prepare(ws, {CURRENT: ["Regels!"]}, None), "s1")
    later = analyse(store.answers(ws.code), lemmatiser, store.overrides(ws.code))
    tagged = group(later, "regels")
    assert tagged.count == 3 and (tagged.tag, tagged.proposed) == (BEPERKEND, NEUTRAAL)
    assert later.to_json()["questions"][CURRENT]["groups"][0]["tag"] == BEPERKEND
    store.remove_override(ws.code, ov.last_change(store.overrides(ws.code)).id)
    undone = analyse(store.answers(ws.code), lemmatiser, store.overrides(ws.code))
    assert group(undone, "regels").tag == NEUTRAAL
    assert group(undone, "betrokken").tag == KRACHT
    steps = with_ids(
        ov.tag(group(first, "betrokken"), BEPERKEND),
        ov.merge([group(first, "betrokken"), group(first, "regels")], "regels", into="regels"),
    )
    kept = analyse(store.answers(ws.code), lemmatiser, steps[:1])
    assert group(kept, "betrokken").tag == BEPERKEND  # the facilitator's word over the proposal
    merged = analyse(store.answers(ws.code), lemmatiser, steps)
    assert group(merged, "regels").tag == NEUTRAAL  # not carried: 1 kracht of 4, no majority
