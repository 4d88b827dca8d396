"""What a backup may hold: the rules the app applies when it makes the same rows, run on every
row of a backup before a restore writes anything.

A restored workshop must be one the app could have made itself, so that every page, export and
the sheet work on it. Texts go through the app's own cleaners and limits (the settings form's,
the value editor's, the answer form's); states, numbers, references, ids and the edits' shapes
are refused when wrong, with one error that names the first wrong field:
WorkshopError("backup_invalid", ..., field="answers[3].question").
"""

from __future__ import annotations

from collections.abc import Mapping

from dna.analysis.overrides import HIDE, MERGE, MOVE, REJECT, RENAME, SHOW, TAG
from dna.analysis.tags import TAGS
from dna.intake.cleaning import MAX_ANSWER_CHARS, MAX_ANSWERS, clean_answer
from dna.language.glyphs import normal
from dna.records import QUESTIONS
from dna.services.backup_fields import (
    MAX_ITEMS,
    bad,
    count,
    id_text,
    one_of,
    ref,
    team,
    text,
    texts,
    time,
    unique,
    valid_code,
    whole,
)
from dna.workshop.sheetoptions import backup_columns
from dna.workshop.values import (
    FINAL_MAX,
    MAX_BEHAVIOURS,
    MAX_LINE_CHARS,
    MAX_LINES,
    MAX_MEANING_CHARS,
    MAX_NAME_CHARS,
    TAGLINE_MAX,
    check_value,
    clean_tagline,
)
from dna.workshop.voting import CLOSED as VOTING_CLOSED
from dna.workshop.voting import NONE as VOTING_NONE
from dna.workshop.voting import OPEN as VOTING_OPEN
from dna.workshop.voting import Rules, check_ballot
from dna.workshop.workshop import CLOSED, MAX_TITLE_CHARS, OPEN, WorkshopError, check_settings

MAX_KEY = 64  # a token, a submission id, an import's fingerprint: their columns' width
MAX_NAME = 255  # an import's file name
MAX_RESPONDENT = 1_000  # an imported answer's row: "i3:row-7", or its name column's cell
MAX_QUESTION_CHARS = 500
MAX_IMPORTS = 1_000
MAX_VALUES = 200  # candidate values, deleted ones included
MAX_SOURCES = 200  # groups behind one value
MAX_OVERRIDES = 1_000
MAX_OVERRIDE_ITEMS = MAX_ITEMS  # group keys and labels named by all edits together
MAX_PAYLOAD_TEXT = 2 * MAX_ANSWER_CHARS  # a group key or label comes from an answer
HIDDEN = (None, "review", "facilitator")

_T, _TS, _OPT = "text", "texts", "text or null"
# as dna.analysis.overrides makes
PAYLOADS: Mapping[str, tuple[frozenset[str], Mapping[str, str]]] = {
    MERGE: (frozenset({"keys", "into", "label"}),
            {"keys": _TS, "into": _T, "label": _T, "labels": _TS}),
    MOVE: (frozenset({"variant"}),
           {"variant": _T, "to": _OPT, "from": _T, "from_key": _T, "label": _T}),
    RENAME: (frozenset({"key", "label"}), {"key": _T, "label": _T, "old": _T}),
    HIDE: (frozenset(), {"keys": _TS, "labels": _TS, "reason": _T, "key": _T, "label": _T}),
    SHOW: (frozenset(), {"keys": _TS, "labels": _TS, "key": _T, "label": _T}),
    REJECT: (frozenset({"keys"}), {"keys": _TS, "labels": _TS}),
    TAG: (frozenset({"key", "tag"}), {"key": _T, "tag": _T, "label": _T}),
}  # fmt: skip
_SETTINGS = {  # check_settings' error codes -> the field they are about
    "title_missing": "title", "title_too_long": "title", "question_missing": "q_current",
    "per_person_range": "per_person", "too_many_teams": "teams",
}  # fmt: skip
_VALUE_FIELDS = {
    "value_name_empty": "name", "value_name_long": "name", "value_meaning_long": "meaning",
    "value_behaviours": "behaviours", "value_do": "do", "value_dont": "dont",
}  # fmt: skip


def content(doc: dict) -> dict:
    """The document with its rows as the app would have stored them (texts cleaned), or a
    WorkshopError "backup_invalid" naming the first field the app would not have stored.
    The rows' types are checked before (dna.services.backup.check)."""
    values = _values(doc["candidate_values"])
    workshop = _workshop(doc["workshop"], {v["id"] for v in values})
    teams = set(workshop["teams"])
    participants = _participants(doc["participants"], teams)
    imports = _imports(doc["imports"])
    answers = _answers(doc["answers"], {p["id"] for p in participants}, imports, teams)
    overrides = _overrides(doc["overrides"])
    ballots = _ballots(doc["ballots"], participants, values, workshop)
    return {
        **doc, "workshop": workshop, "participants": participants, "imports": imports,
        "answers": answers, "overrides": overrides, "candidate_values": values, "ballots": ballots,
    }  # fmt: skip


def _workshop(row: dict, value_ids: set[int]) -> dict:
    if not valid_code(row["code"]):
        raise bad("workshop.code", "a code is 1-16 capitals and digits")
    texts(row["teams"], "workshop.teams", MAX_ANSWER_CHARS)
    for name in ("title", "organisation"):
        if len(row[name]) > MAX_TITLE_CHARS:
            raise bad(f"workshop.{name}", f"longer than {MAX_TITLE_CHARS} characters")
    for q in ("q_current", "q_desired"):
        if len(row[q]) > MAX_QUESTION_CHARS:
            raise bad(f"workshop.{q}", f"longer than {MAX_QUESTION_CHARS} characters")
    questions = (normal(row["q_current"]), normal(row["q_desired"]))
    try:
        title, organisation, (q_current, q_desired), per_person, teams = check_settings(
            normal(row["title"]), normal(row["organisation"]), questions, row["per_person"],
            [normal(t) for t in row["teams"]],
        )  # fmt: skip
    except WorkshopError as exc:
        raise bad(f"workshop.{_SETTINGS.get(exc.code, 'title')}", str(exc)) from None
    one_of(row["phase"], (OPEN, CLOSED), "workshop.phase")
    one_of(row["voting"], (VOTING_NONE, VOTING_OPEN, VOTING_CLOSED), "workshop.voting")
    try:
        Rules(row["dots"], row["cap"])
    except WorkshopError as exc:
        raise bad(f"workshop.{'dots' if exc.code == 'bad_dots' else 'cap'}", str(exc)) from None
    whole(row["revision"], "workshop.revision")
    time(row["created"], "workshop.created")
    final = row["final"]
    for i, vid in enumerate(final[: FINAL_MAX + 1]):
        ref(vid, value_ids, f"workshop.final[{i}]")
    if len(final) > FINAL_MAX or len(set(final)) < len(final):
        raise bad("workshop.final", f"at most {FINAL_MAX} different values")
    if len(row["tagline"]) > TAGLINE_MAX:
        raise bad("workshop.tagline", f"longer than {TAGLINE_MAX} characters")
    return {
        **row, "title": title, "organisation": organisation, "q_current": q_current,
        "q_desired": q_desired, "teams": list(teams), "tagline": clean_tagline(row["tagline"]),
        # the DNA sheet's options and logo, checked (dna.workshop.sheetoptions)
        **backup_columns(row),
    }  # fmt: skip


def _participants(rows: list[dict], teams: set[str]) -> list[dict]:
    count(rows, MAX_ANSWERS, "participants")
    unique(rows, lambda p: p["id"], "participants", "id")
    unique(rows, lambda p: p["token"], "participants", "token")  # an archive's are None
    out = []
    for i, p in enumerate(rows):
        field = f"participants[{i}]"
        whole(p["id"], f"{field}.id")
        if p["token"] is not None and not 0 < len(p["token"]) <= MAX_KEY:
            raise bad(f"{field}.token", f"a token is 1-{MAX_KEY} characters")
        if p["submission"] is not None and len(p["submission"]) > MAX_KEY:
            raise bad(f"{field}.submission", f"longer than {MAX_KEY} characters")
        time(p["created"], f"{field}.created")
        time(p["updated"], f"{field}.updated")
        out.append({**p, "team": team(p["team"], f"{field}.team", teams)})
    return out


def _imports(rows: list[dict]) -> list[dict]:
    count(rows, MAX_IMPORTS, "imports")
    unique(rows, lambda r: r["id"], "imports", "id")
    unique(rows, lambda r: r["key"], "imports", "key")
    for i, r in enumerate(rows):
        whole(r["id"], f"imports[{i}].id")
        if not 0 < len(r["key"]) <= MAX_KEY:
            raise bad(f"imports[{i}].key", f"a key is 1-{MAX_KEY} characters")
        text(r["name"], f"imports[{i}].name", MAX_NAME)
        time(r["created"], f"imports[{i}].created")
    return rows


def _answers(rows: list[dict], pids: set[int], imports: list[dict], teams: set[str]) -> list:
    count(rows, MAX_ANSWERS, "answers")
    iids = {r["id"] for r in imports}
    unique(rows, _place, "answers", "participant, question and position")
    out = []
    for i, a in enumerate(rows):
        field = f"answers[{i}]"
        pid, iid, who = a["participant_id"], a["import_id"], a["respondent"]
        if (pid is None) == (iid is None):
            raise bad(f"{field}.participant_id", "an answer is typed or imported (one of both)")
        if pid is not None:
            ref(pid, pids, f"{field}.participant_id")
            if who != f"p{pid}":
                raise bad(f"{field}.respondent", "a typed answer's respondent is its participant")
        else:
            ref(iid, iids, f"{field}.import_id")
            if who is not None and not who.startswith(f"i{iid}:"):
                raise bad(f"{field}.respondent", "an imported answer's respondent is its row")
            if who is not None and len(who) > MAX_RESPONDENT:
                raise bad(f"{field}.respondent", f"longer than {MAX_RESPONDENT} characters")
        one_of(a["question"], QUESTIONS, f"{field}.question")
        whole(a["position"], f"{field}.position")
        one_of(a["hidden"], HIDDEN, f"{field}.hidden")
        time(a["created"], f"{field}.created")
        if len(a["text"]) > MAX_ANSWER_CHARS:
            raise bad(f"{field}.text", f"longer than {MAX_ANSWER_CHARS} characters")
        clean, _ = clean_answer(a["text"])
        if not clean:
            raise bad(f"{field}.text", "no answer is left once cleaned")
        group = team(a["team"], f"{field}.team", teams if pid is not None else set())
        out.append({**a, "text": clean, "team": group})
    return out


def _overrides(rows: list[dict]) -> list[dict]:
    count(rows, MAX_OVERRIDES, "overrides")
    items = 0
    for i, o in enumerate(rows):
        field = f"overrides[{i}]"
        one_of(o["kind"], tuple(PAYLOADS), f"{field}.kind")
        one_of(o["question"], (None, *QUESTIONS), f"{field}.question")
        time(o["created"], f"{field}.created")
        required, shape = PAYLOADS[o["kind"]]
        payload = o["payload"]
        missing = required - payload.keys()
        if o["kind"] in (HIDE, SHOW) and not payload.keys() & {"keys", "key"}:
            missing = {"keys"}
        if missing:
            raise bad(f"{field}.payload.{min(missing)}", f"a {o['kind']} names it")
        for name, value in payload.items():
            where = f"{field}.payload.{name}"
            if name not in shape:
                raise bad(where, f"a {o['kind']} has no {name}")
            if shape[name] == _TS:
                items += len(texts(value, where, MAX_PAYLOAD_TEXT))
            elif not (value is None and shape[name] == _OPT):
                text(value, where, MAX_PAYLOAD_TEXT)
        if o["kind"] == TAG:
            one_of(payload["tag"], TAGS, f"{field}.payload.tag")
        if items > MAX_OVERRIDE_ITEMS:
            raise bad(f"{field}.payload", f"the edits name more than {MAX_OVERRIDE_ITEMS} groups")
    return rows


def _values(rows: list[dict]) -> list[dict]:
    count(rows, MAX_VALUES, "candidate_values")
    unique(rows, lambda v: v["id"], "candidate_values", "id")
    out = []
    limits = {"behaviours": MAX_BEHAVIOURS, "do": MAX_LINES, "dont": MAX_LINES}
    for i, v in enumerate(rows):
        field = f"candidate_values[{i}]"
        whole(v["id"], f"{field}.id")
        whole(v["position"], f"{field}.position")
        time(v["created"], f"{field}.created")
        text(v["name"], f"{field}.name", MAX_NAME_CHARS)
        if len(v["meaning"]) > MAX_MEANING_CHARS:
            raise bad(f"{field}.meaning", f"longer than {MAX_MEANING_CHARS} characters")
        for name, most in limits.items():
            if len(texts(v[name], f"{field}.{name}", MAX_LINE_CHARS)) > most:
                raise bad(f"{field}.{name}", f"at most {most} lines")
        if len(texts(v["sources"], f"{field}.sources", MAX_PAYLOAD_TEXT)) > MAX_SOURCES:
            raise bad(f"{field}.sources", f"at most {MAX_SOURCES} groups")
        typed = [v[k] for k in ("name", "meaning", "behaviours", "do", "dont", "sources")]
        try:
            value = check_value(*typed)
        except WorkshopError as exc:
            raise bad(f"{field}.{_VALUE_FIELDS.get(exc.code, 'name')}", str(exc)) from None
        out.append({**v, "name": value.name, "meaning": value.meaning,
                    "behaviours": list(value.behaviours), "do": list(value.do),
                    "dont": list(value.dont), "sources": list(value.sources)})  # fmt: skip
    return out


def _ballots(rows: list[dict], people: list[dict], values: list[dict], ws: dict) -> list:
    unique(rows, lambda b: b["participant_id"], "ballots", "participant_id")
    pids, vids = {p["id"] for p in people}, {v["id"] for v in values}
    rules = Rules(ws["dots"], ws["cap"])
    out = []
    for i, b in enumerate(rows):
        field = f"ballots[{i}]"
        ref(b["participant_id"], pids, f"{field}.participant_id")
        if not 0 < len(b["submission"]) <= MAX_KEY:
            raise bad(f"{field}.submission", f"a submission id is 1-{MAX_KEY} characters")
        time(b["updated"], f"{field}.updated")
        dots = b["dots"]
        if len(dots) > len(vids) or not all(map(id_text, dots)):
            raise bad(f"{field}.dots", "dots are on values, by their id")
        try:
            clean = check_ballot(rules, {int(k): n for k, n in dots.items()}, vids)
        except WorkshopError as exc:
            raise bad(f"{field}.dots", str(exc)) from None
        out.append({**b, "dots": {str(k): n for k, n in clean.items()}})
    return out


def _place(answer: dict) -> tuple | None:
    """Where a typed answer sits: one answer a place (imported ones have none)."""
    pid = answer["participant_id"]
    return None if pid is None else (pid, answer["question"], answer["position"])
