"""Security of backups (issue: backups and the command line), 1: a backup that passed the type
check could still break the app: every field the app would not have stored is refused now, with
nothing written; whatever a restore accepts renders.

2. and 3. (tokens, the command line): test_security_backup_cli.py; the app's backup page:
test_security_backup_app.py.
"""

from __future__ import annotations

import copy
import json
import os
import time

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dna.analysis import compare
from dna.analysis.grouping import analyse
from dna.analysis.overrides import rejected
from dna.intake import ingest
from dna.output import cloud, export
from dna.output import sheet as dna_sheet
from dna.records import QUESTIONS
from dna.services import backup
from dna.store import Store
from dna.workshop import voting
from dna.workshop.values import trace
from dna.workshop.workshop import WorkshopError
from tests.backups import changed, valid_backup

RENDER_SECONDS = 20  # restore and every export of one workshop, at most (it takes ~0.5 s)


@pytest.fixture(scope="module")
def valid() -> dict:
    """tests/backups.py's valid backup, made once for this file."""
    return valid_backup()


def nothing_in(store: Store) -> bool:
    with store.engine.connect() as conn:
        tables = ("workshops", "participants", "imports", "answers", "candidate_values", "ballots")
        return all(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() == 0 for t in tables)


def render(store: Store, code: str, lemmatiser) -> None:
    """Everything the app and the command line make of a workshop: the analysis with its edits,
    the clouds, the comparison, the tally, the sheet, the workbook and CSVs, the values' sources,
    and a backup of it that restores again."""
    ws, answers, edits = store.workshop(code), store.answers(code), store.overrides(code)
    result = analyse(answers, lemmatiser, edits)
    values = store.values(code) + store.values(code, deleted=True)
    shown = store.values(code)
    ballots = [dots for dots, _ in store.ballots(code)]
    votes = voting.tally(ballots, [v.id for v in shown])
    clouds = tuple(
        cloud.render_png(freqs, cloud.CloudStyle(width=320, height=180, palette=q))
        if (freqs := result.questions[q].frequencies())
        else None
        for q in QUESTIONS
    )
    people = compare.participants(answers)
    compare.to_json(compare.compare(result, participants=people))
    data = export.sheet_data(ws, result, shown, votes, clouds, "en", None, people)
    assert dna_sheet.render(data).startswith(b"%PDF")
    teams = export.team_sizes(answers)
    for lang in ("nl", "en"):
        tables = export.tables(
            result, store.answer_rows(code), edits, shown, ballots, ws.final, lang,
            teams=teams, include_hidden=True,
        )  # fmt: skip
        export.workbook(tables)
        export.csvs(tables)
    for o in edits:
        export.describe(o)
    rejected(edits)
    for v in values:
        trace(v, result)
    store.participant_answers(code, "tok-anna")
    again = backup.backup(store, code, with_tokens=True)
    assert backup.check(json.loads(backup.dumps(again)))["workshop"]["code"] == code


# -- 1. what the app would not store is refused ---------------------------------------------
CREATED = "2025-01-01T10:00:00+00:00"
ATTACKS = {  # attack: (path, value, the field named in the refusal)
    "phase_weird": (("workshop", "phase"), "weird", "workshop.phase"),
    "voting_weird": (("workshop", "voting"), "maybe", "workshop.voting"),
    "merge_without_payload": (
        ("overrides", 0), {"kind": "merge", "question": None, "payload": {}, "created": CREATED},
        "overrides[0].payload.into",
    ),
    "merge_without_label": (  # passed the first checks, then crashed the Groups page
        ("overrides", 0),
        {"kind": "merge", "question": None, "payload": {"keys": ["zorg"], "into": "zorg"},
         "created": CREATED},
        "overrides[0].payload.label",
    ),
    "rename_without_label": (
        ("overrides", 0),
        {"kind": "rename", "question": None, "payload": {"key": "zorg"}, "created": CREATED},
        "overrides[0].payload.label",
    ),
    "unknown_override_kind": (("overrides", 0, "kind"), "drop", "overrides[0].kind"),
    "tag_of_an_unknown_kind": (  # a tag the comparison has no place for
        ("overrides", 0),
        {"kind": "tag", "question": None, "payload": {"key": "zorg", "tag": "heel goed"},
         "created": CREATED},
        "overrides[0].payload.tag",
    ),
    "tag_without_key": (
        ("overrides", 0),
        {"kind": "tag", "question": None, "payload": {"tag": "kracht"}, "created": CREATED},
        "overrides[0].payload.key",
    ),
    "tag_not_a_text": (
        ("overrides", 0),
        {"kind": "tag", "question": None, "payload": {"key": "zorg", "tag": ["kracht"]},
         "created": CREATED},
        "overrides[0].payload.tag",
    ),
    "merge_keys_not_a_list": (("overrides", 0, "payload", "keys"), 7, "overrides[0].payload.keys"),
    "ballot_dots_not_numbers": (("ballots", 0, "dots"), {"1": "x"}, "ballots[0].dots"),
    "ballot_over_the_cap": (("ballots", 0, "dots"), {"1": 3}, "ballots[0].dots"),
    "ballot_on_no_value": (("ballots", 0, "dots"), {"99": 1}, "ballots[0].dots"),
    "per_person_2_to_the_70": (("workshop", "per_person"), 2**70, "workshop.per_person"),
    "dots_0": (("workshop", "dots"), 0, "workshop.dots"),
    "answer_question_other": (("answers", 0, "question"), "other", "answers[0].question"),
    "answer_too_long": (("answers", 0, "text"), "woord " * 100, "answers[0].text"),
    "answer_only_a_formula": (("answers", 0, "text"), "=cmd|' /C calc'!A0", "answers[0].text"),
    "control_character_in_value_name": (
        ("candidate_values", 0, "name"), "Eigen\x01schap", "candidate_values[0].name",
    ),
    "huge_value_meaning": (
        ("candidate_values", 0, "meaning"), "woord " * 200_000, "candidate_values[0].meaning",
    ),
    "huge_value_behaviours": (
        ("candidate_values", 0, "behaviours"), ["gedrag"] * 50_000,
        "candidate_values[0].behaviours",
    ),
    "value_name_of_five_words": (
        ("candidate_values", 0, "name"), "een twee drie vier vijf", "candidate_values[0].name",
    ),
    "team_not_in_the_workshop": (("participants", 0, "team"), "Anders", "participants[0].team"),
    "final_names_no_value": (("workshop", "final"), [1, 42], "workshop.final[1]"),
    "hidden_weird": (("answers", 0, "hidden"), "gone", "answers[0].hidden"),
    "time_not_a_time": (("answers", 0, "created"), "yesterday", "answers[0].created"),
    "revision_beyond_an_integer": (("workshop", "revision"), 2**63, "workshop.revision"),
}  # fmt: skip


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_backup_the_app_would_not_make_is_refused_and_nothing_is_written(valid, attack):
    """Attack: a hand-edited backup that passed the old type check and then broke the app.
    phase "weird" crashed the workshops page for every workshop (and the bad one could not be
    deleted from the UI); a merge with payload {} crashed the clouds and the editor; ballot dots
    {"1": "x"} crashed voting and the sheet; per_person 2**70 showed a traceback; an answer to
    question "other" or a control character in a value name crashed the XLSX export; huge value
    texts made the PDF take 34 s of CPU. Now: one error naming the field, nothing written."""
    path, value, field = ATTACKS[attack]
    store = Store("sqlite://")
    started = time.monotonic()
    with pytest.raises(WorkshopError) as err:
        backup.restore(store, changed(valid, path, value))
    assert time.monotonic() - started < 5  # refused from the rules, before any work
    assert (err.value.code, err.value.params["field"]) == ("backup_invalid", field)
    assert field in str(err.value) and "\n" not in str(err.value)
    assert nothing_in(store)


def test_references_and_ids_must_hold_together(valid):
    """Attack: rows that point at nobody or share an id (the restore used to map them through
    whatever it found, or drop them): refused, naming the row."""
    answer = valid["answers"][0]
    cases = [
        (changed(valid, ("answers", 0, "participant_id"), 99), "answers[0].participant_id"),
        (changed(valid, ("answers", 0, "respondent"), "p2"), "answers[0].respondent"),
        (changed(valid, ("answers", 0, "import_id"), 1), "answers[0].participant_id"),
        (changed(valid, ("candidate_values", 1, "id"), 1), "candidate_values[1]"),
        (changed(valid, ("ballots", 1, "participant_id"), 1), "ballots[1]"),
        ({**valid, "answers": [*valid["answers"], answer]}, f"answers[{len(valid['answers'])}]"),
    ]
    for doc, field in cases:
        with pytest.raises(WorkshopError) as err:
            backup.check(doc)
        assert err.value.params.get("field") == field, (field, err.value)


def test_a_backup_with_more_answers_than_the_importers_allow_is_refused(valid):
    """Attack: a 20 MB backup of identical short answers (the importers refuse more than
    MAX_ANSWERS; a backup could bring any number)."""
    imported = next(a for a in valid["answers"] if a["import_id"] is not None)
    many = [{**imported, "position": i} for i in range(ingest.MAX_ANSWERS + 1)]
    started = time.monotonic()
    with pytest.raises(WorkshopError) as err:
        backup.check({**valid, "answers": many})
    assert err.value.params["field"] == "answers" and time.monotonic() - started < 5


def test_texts_come_back_cleaned_as_the_app_cleans_them(valid, lemmatiser):
    """Attack: markup, formulas and invisible characters written straight into a backup's texts
    (the app cleans every text on the way in; a backup went around that)."""
    doc = changed(valid, ("answers", 0, "text"), "<b>klant\u200bgericht</b>")
    doc = changed(doc, ("workshop", "tagline"), "=HYPERLINK(1) <script>x</script>samen")
    doc = changed(doc, ("candidate_values", 0, "meaning"), "<i>We</i>\u202epakken")
    store = Store("sqlite://")
    code = backup.restore(store, doc)
    assert store.answer_rows(code)[0].text == "klantgericht"
    assert "<" not in store.workshop(code).tagline and "=" not in store.workshop(code).tagline
    assert "<" not in store.values(code)[0].meaning
    render(store, code, lemmatiser)


def test_values_at_every_limit_render_the_sheet_quickly(valid, lemmatiser):
    """Guard: the largest value texts the check lets through (huge ones took 34 s of PDF)
    still make every export and the sheet within bounded time."""
    long = {
        "name": "Woord Woord Woord", "meaning": "x" * 199 + ".", "behaviours": ["b" * 140] * 4,
        "do": ["d" * 140] * 4, "dont": ["n" * 140] * 4,
    }  # fmt: skip
    values = [{**v, **long} for v in valid["candidate_values"]]
    store = Store("sqlite://")
    code = backup.restore(store, {**valid, "candidate_values": values})
    started = time.process_time()
    render(store, code, lemmatiser)
    assert time.process_time() - started < RENDER_SECONDS


# any JSON in any place: restored only when everything renders
TEXTS = [
    "weird", "", " ", "\x01", "\u202e", "=1+1", "<b>x</b>", "open", "closed", "none", "current",
    "desired", "merge", "hide", "review", "facilitator", "Zorg", "ICT", "p1", "i1:rij 2", "1",
    "99", "x" * 5000, "2025-01-01T10:00:00+00:00", "9999-12-31T23:59:59",
]  # fmt: skip
SPECIAL = st.sampled_from(
    [*TEXTS, -1, 0, 1, 2, 3, 99, 2**31, 2**70, 1.5, True, None, [], {}, [1, 2], ["a", "b"],
     {"1": 1}, {"1": "x"}]
)  # fmt: skip
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=10,
)


def alike(value: object) -> st.SearchStrategy:
    """Values of the same kind as `value`: those pass the type check and meet the rules."""
    if isinstance(value, bool) or value is None:
        return st.booleans() | st.none() | SPECIAL
    if isinstance(value, int | float):
        return st.integers(-3, 12) | st.integers() | st.sampled_from([1, 2, 3, 4, 99])
    if isinstance(value, str):
        return st.text(max_size=12) | st.text(max_size=400) | st.sampled_from(TEXTS)
    if isinstance(value, list):
        items = alike(value[0]) if value else SPECIAL
        return st.lists(items, max_size=6) | st.permutations(value) | st.just(value[1:])
    if not isinstance(value, dict):
        return SPECIAL
    return st.dictionaries(st.sampled_from([*value, "1", "4", "99"]), SPECIAL | JSON).map(
        lambda extra: {**value, **extra}
    )


def places(node: object, path: tuple = ()) -> list[tuple]:
    """Every place in the document below its header: rows, fields, list items, payload keys."""
    found = [path] if len(path) > 1 else []
    if not isinstance(node, dict | list):
        return found
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, child in items:
        if path or key in backup.FIELDS:
            found += places(child, (*path, key))
    return found


@settings(
    max_examples=int(os.environ.get("DNA_PROPERTY_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_whatever_a_restore_accepts_renders_everything(valid, lemmatiser, data):
    """Attack: any JSON in any field of a valid backup (a value replaced by another type, text or
    number, a key added or dropped). Either the restore refuses it with a WorkshopError and
    writes nothing, or every page's data, export and the sheet render, within bounded time."""
    doc = copy.deepcopy(valid)
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        path = data.draw(st.sampled_from(places(doc)), label="where")
        *parents, last = path
        node = doc
        for key in parents:
            node = node[key]
        how = data.draw(st.sampled_from(["alike"] * 4 + ["replace", "add", "drop"]), label="how")
        kind = alike(node[last]) if how == "alike" else st.one_of(SPECIAL, JSON)
        value = copy.deepcopy(data.draw(kind, label="value"))
        if how == "add" and isinstance(node[last], dict):
            name = data.draw(st.one_of(st.sampled_from(["1", "2", "4", "keys"]), st.text()))
            node[last][name] = value
        elif how == "add" and isinstance(node[last], list):
            node[last].append(value)
        elif how == "drop" and isinstance(node, dict):
            del node[last]
        else:
            node[last] = value
    store = Store("sqlite://")
    started = time.process_time()
    try:
        code = backup.restore(store, doc)
    except WorkshopError as exc:
        event(f"refused: {exc.code}")
        assert nothing_in(store)
        return
    event("restored")
    render(store, code, lemmatiser)
    assert time.process_time() - started < RENDER_SECONDS
