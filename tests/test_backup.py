"""JSON backup: a whole workshop out and back into an empty store, exactly; wrong files refused."""

from __future__ import annotations

import dataclasses
import json

import pytest

from dna.analysis.grouping import analyse
from dna.intake.ingest import clean_answer
from dna.records import CURRENT, DESIRED, Answer
from dna.services import backup
from dna.store import Store
from dna.workshop.values import Value
from dna.workshop.voting import OPEN, Rules, tally
from dna.workshop.workshop import WorkshopError, prepare

LIVE = [  # token, team, current, desired
    ("tok-anna", "Zorg", ["klantgericht", "traag", "kut"], ["klantvriendelijk", "snel"]),
    ("tok-ben", "Zorg", ["Klantgericht!", "log"], ["eigenaarschap", "open"]),
    ("tok-cem", "ICT", ["hiërarchisch", "traag"], ["eigenaarschap", "wendbaar"]),
]
IMPORTED = [
    Answer(CURRENT, "=1+1", "ICT", "rij 2"),
    Answer(CURRENT, "-weinig", "ICT", "rij 2"),
    Answer(DESIRED, "open", "ICT", "rij 2"),
    Answer(CURRENT, "hierarchisch", None, "rij 3"),
    Answer(DESIRED, "samen", None, "rij 3"),
]


def seed(store: Store, imported: list[Answer] = IMPORTED) -> str:
    """A workshop with everything a backup must carry: live and imported answers (one hidden
    by the filter, one by the facilitator), merge/move/hide edits, values (one deleted), open
    voting with ballots, the final choice and a tagline. The imported answers are stored as
    given: IMPORTED holds two the importer would have cleaned ("=1+1" is "1+1" there)."""
    ws = store.new_workshop(
        "Cultuursessie", "Gemeente Test", ("Nu?", "Straks?"), 4, ["Zorg", "ICT"]
    )
    for token, team, now, later in LIVE:
        sub = prepare(ws, {CURRENT: now, DESIRED: later}, team)
        store.submit(ws.code, token, sub, f"s-{token}", flagged=lambda text: text == "kut")
    store.add_import(ws.code, "k1", "export.csv", imported)
    log = next(r for r in store.answer_rows(ws.code) if r.text == "log")
    store.set_hidden(ws.code, [log.id], True)
    store.add_override(
        ws.code,
        "merge",
        {"keys": ["klantgericht", "klantvriendelijk"], "into": "klantgericht", "label": "klant"},
    )
    store.add_override(
        ws.code, "move", {"variant": "open", "to": None, "from": "open", "label": "open"}, DESIRED
    )
    store.add_override(ws.code, "hide", {"keys": ["traag"], "labels": ["traag"], "reason": "x"})
    ids = [
        store.add_value(ws.code, v)
        for v in (
            Value("Eigenaarschap", "We pakken het op.", ("We beloven", "We doen"), ("Na",), ()),
            Value("Klantgericht", "De klant eerst.", ("We bellen terug", "We luisteren")),
            Value("Wendbaar", "We passen ons aan.", ("Snel schakelen", "Leren")),
            Value("Weg", "Wordt verwijderd."),
        )
    ]
    store.set_voting(ws.code, OPEN, Rules(3, 2))
    store.cast(ws.code, "tok-anna", {ids[0]: 2, ids[3]: 1}, "b1")
    store.cast(ws.code, "tok-ben", {ids[1]: 1, ids[0]: 1}, "b2")
    store.cast(ws.code, "tok-voter", {ids[2]: 2}, "b3")  # voted without answering
    store.delete_value(ws.code, ids[3])
    store.set_final(ws.code, [ids[1], ids[0]], "Samen voor de klant")
    return ws.code


@pytest.fixture
def empty(db_url, tmp_path):
    """A second, empty store on the same kind of database."""
    if db_url.startswith("sqlite"):
        url, drop = f"sqlite:///{tmp_path / 'restored.db'}", lambda: None
    else:
        from tests.conftest import _fresh_postgres

        url, drop = _fresh_postgres()
    s = Store(url)
    yield s
    s.engine.dispose()
    drop()


def state(store: Store, code: str, lemmatiser) -> dict:
    """What the app shows of a workshop, with database ids replaced by names."""
    ws = store.workshop(code)
    values = store.values(code)
    names = {v.id: v.name for v in values + store.values(code, deleted=True)}
    count = tally([dots for dots, _ in store.ballots(code)], [v.id for v in values])
    settings = dataclasses.asdict(ws) | {"id": 0, "final": [names[i] for i in ws.final]}
    return {
        "workshop": settings,
        "analysis": analyse(store.answers(code), lemmatiser, store.overrides(code)).to_json(),
        "rows": [dataclasses.replace(r, id=0) for r in store.answer_rows(code)],
        "overrides": [(o.kind, o.payload, o.question) for o in store.overrides(code)],
        "values": [dataclasses.replace(v, id=0) for v in values],
        "deleted": [dataclasses.replace(v, id=0) for v in store.values(code, deleted=True)],
        "tally": ({names[v]: n for v, n in count.dots.items()}, count.ballots),
        "status": store.status(code),
    }


CLEAN = [dataclasses.replace(a, text=clean_answer(a.text)[0]) for a in IMPORTED]  # as imported


def test_backup_restores_exactly_into_an_empty_store(store, empty, lemmatiser):
    """A move (with the participants' tokens) of a workshop the app made comes back as it was,
    and its participants carry on."""
    code = seed(store, CLEAN)
    doc = backup.backup(store, code, with_tokens=True)
    assert (doc["format"], doc["version"], doc["tokens"]) == ("cultuur-dna-backup", 2, True)
    data = backup.dumps(doc)
    assert backup.restore(empty, backup.loads(data)) == code
    before, after = state(store, code, lemmatiser), state(empty, code, lemmatiser)
    assert after == before
    assert after["status"].review == 1 and after["tally"][1] == 3
    assert after["workshop"]["final"] == ["Klantgericht", "Eigenaarschap"]
    again = backup.backup(empty, code, with_tokens=True)
    assert {**again, "exported": ""} == {**doc, "exported": ""}  # ids are the document's own
    # the restored workshop lives on: a participant changes their ballot, a new one answers
    empty.cast(code, "tok-ben", {empty.values(code)[2].id: 1}, "b2-new")
    ws = empty.workshop(code)
    empty.submit(code, "tok-new", prepare(ws, {CURRENT: ["snel"]}, None), "s-new")
    assert empty.status(code).participants == before["status"].participants + 1


def test_a_tag_override_restores_with_its_tag(store, empty, lemmatiser):
    """The facilitator's tag (issue 16) is an edit like the others: in the backup, back after a
    restore, and the restored analysis tags the theme the same."""
    code = seed(store, CLEAN)
    store.add_override(code, "tag", {"key": "hierarchisch", "tag": "kracht", "label": "hië"})
    doc = backup.backup(store, code)
    assert backup.restore(empty, backup.loads(backup.dumps(doc))) == code
    (tag,) = [o for o in empty.overrides(code) if o.kind == "tag"]
    assert tag.payload == {"key": "hierarchisch", "tag": "kracht", "label": "hië"}
    result = analyse(empty.answers(code), lemmatiser, empty.overrides(code))
    (group,) = [g for g in result.questions[CURRENT].groups if g.key == "hierarchisch"]
    assert (group.tag, group.proposed) == ("kracht", "beperkend")


def test_a_backup_of_version_1_still_restores(store, empty):
    """Version 1 always held tokens and had no "tokens" field: such files keep working."""
    code = seed(store, CLEAN)
    old = {k: v for k, v in backup.backup(store, code, with_tokens=True).items() if k != "tokens"}
    assert backup.restore(empty, {**old, "version": 1}, "OUDE1") == "OUDE1"
    assert empty.workshop("OUDE1").title == store.workshop(code).title


def test_a_restore_keeps_the_respondents_apart_from_new_participants(store, empty):
    code = seed(store)
    backup.restore(empty, backup.backup(store, code))
    people = {r for r in (a.respondent for a in empty.answers(code))}
    assert len(people) == 5  # three live participants (ids of the new store), two import rows
    assert all(p.startswith(("p", "i")) for p in people)


def test_a_workshop_that_exists_is_refused_and_nothing_changes(store, lemmatiser):
    code = seed(store)
    before = state(store, code, lemmatiser)
    with pytest.raises(WorkshopError) as err:
        backup.restore(store, backup.backup(store, code))
    assert err.value.code == "workshop_exists"
    assert state(store, code, lemmatiser) == before and len(store.workshops()) == 1


def broken(doc: dict) -> list[tuple[object, str]]:
    """Wrong files, each with the code it must be refused with."""
    newer = {**doc, "version": backup.VERSION + 1}
    no_code = {**doc, "workshop": {**doc["workshop"], "code": "../x"}}
    bad_type = {**doc, "answers": [{**doc["answers"][0], "text": 7}]}
    no_rows = {k: v for k, v in doc.items() if k != "ballots"}
    lost = {**doc, "ballots": [{**doc["ballots"][0], "participant_id": 999}]}
    last = {**doc["answers"][-1], "import_id": 9, "respondent": "i9:rij 3"}
    lost_import = {**doc, "answers": [*doc["answers"], last]}
    taken = {**doc, "participants": [*doc["participants"], {**doc["participants"][0], "id": 99}]}
    return [
        ([1, 2], "not_a_backup"),
        ({"format": "something-else", "version": 1}, "not_a_backup"),
        ({**doc, "version": "1"}, "not_a_backup"),
        (newer, "backup_version"),
        (no_code, "not_a_backup"),
        (bad_type, "not_a_backup"),
        (no_rows, "not_a_backup"),
        (lost, "backup_invalid"),  # refers to nobody: refused before anything is written
        (lost_import, "backup_invalid"),
        (taken, "backup_invalid"),  # two participants with one token
    ]


def test_wrong_files_are_refused_with_a_code_and_nothing_is_written(store, empty):
    doc = backup.backup(store, seed(store), with_tokens=True)
    for wrong, code in broken(doc):
        with pytest.raises(WorkshopError) as err:
            backup.restore(empty, wrong)
        assert err.value.code == code, wrong
        assert empty.workshops() == []
        with empty.engine.connect() as conn:  # no half-restored rows either
            for table in ("participants", "imports", "answers", "candidate_values", "ballots"):
                assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0


def test_loads_refuses_what_is_not_json_or_too_large():
    for data in (b"\xff\xfe not json", b"{", "nope", json.dumps({"format": "x"}).encode()):
        with pytest.raises(WorkshopError) as err:
            backup.loads(data)
        assert err.value.code == "not_a_backup"
    with pytest.raises(WorkshopError) as err:
        backup.loads(b" " * (backup.MAX_BYTES + 1))
    assert err.value.code == "backup_too_large" and err.value.params["max_mb"] == 20


def test_an_unknown_code_cannot_be_backed_up(store):
    with pytest.raises(WorkshopError) as err:
        backup.backup(store, "NOPE99")
    assert err.value.code == "unknown_code"
