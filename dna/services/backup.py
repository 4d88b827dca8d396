"""A whole workshop as one JSON document, and back: to keep, to move to another server.

The document is the store's dump (every row, ids of its own) under a versioned header:
{"format": "cultuur-dna-backup", "version": 2, "exported": ISO time, "tokens": bool,
"workshop": {...}, ...}. Two kinds: an archive (the default) carries no participant tokens
(null; a restore gives each participant a fresh random one, so nobody can act as them), a move
carries them (whoever has the file can overwrite those participants' answers and ballots while
the workshop is open). A restore checks the document against the app's own rules
(dna.services.backup_check) before it writes anything, and writes in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from dna.services import backup_check
from dna.services.backup_fields import MAX_CODE, bad, valid_code
from dna.workshop.workshop import WorkshopError, new_token

if TYPE_CHECKING:
    from dna.store import Store

FORMAT = "cultuur-dna-backup"
VERSION = 2  # 2: an archive holds no participant tokens (null); 1 always held them
MAX_BYTES = 20 * 2**20  # a backup file larger than this is refused unread

_TEXT, _INT, _BOOL, _LIST, _DICT = str, int, bool, list, dict
_OPT_TEXT, _OPT_INT = (str, type(None)), (int, type(None))
FIELDS: Mapping[str, Mapping[str, object]] = {  # what each row must hold, with its type
    "workshop": {
        "code": _TEXT, "title": _TEXT, "organisation": _TEXT, "q_current": _TEXT,
        "q_desired": _TEXT, "per_person": _INT, "teams": _LIST, "phase": _TEXT,
        "archived": _BOOL, "created": _TEXT, "revision": _INT, "voting": _TEXT, "dots": _INT,
        "cap": _INT, "final": _LIST, "tagline": _TEXT,
    },
    "participants": {
        "id": _INT, "token": _OPT_TEXT, "team": _OPT_TEXT, "submission": _OPT_TEXT,
        "created": _TEXT, "updated": _TEXT,
    },
    "imports": {"id": _INT, "key": _TEXT, "name": _TEXT, "created": _TEXT},
    "answers": {
        "participant_id": _OPT_INT, "import_id": _OPT_INT, "question": _TEXT, "position": _INT,
        "text": _TEXT, "team": _OPT_TEXT, "respondent": _OPT_TEXT, "created": _TEXT,
        "hidden": _OPT_TEXT, "reviewed": _BOOL,
    },
    "overrides": {"kind": _TEXT, "question": _OPT_TEXT, "payload": _DICT, "created": _TEXT},
    "candidate_values": {
        "id": _INT, "position": _INT, "name": _TEXT, "meaning": _TEXT, "behaviours": _LIST,
        "do": _LIST, "dont": _LIST, "sources": _LIST, "deleted": _BOOL, "created": _TEXT,
    },
    "ballots": {
        "participant_id": _INT, "dots": _DICT, "submission": _TEXT, "updated": _TEXT,
    },
}  # fmt: skip


def backup(store: Store, code: str, with_tokens: bool = False, now: datetime | None = None) -> dict:
    """The workshop as a backup document (a WorkshopError "unknown_code" if there is none):
    an archive, or with `with_tokens` a move that keeps the participants' tokens."""
    exported = (now or datetime.now(UTC)).astimezone(UTC).isoformat()
    doc = store.dump(code)
    if not with_tokens:
        doc["participants"] = [{**p, "token": None} for p in doc["participants"]]
    head = {"format": FORMAT, "version": VERSION, "exported": exported, "tokens": with_tokens}
    return {**head, **doc}


def restore(store: Store, doc: object, code: str | None = None) -> str:
    """Put a backup into the store as a new workshop (under `code` when given); returns its
    code. Refused, with nothing written: "not_a_backup", "backup_version" (made by a newer
    app), "backup_invalid" (a field the app would not store), "workshop_exists"."""
    doc = doc if isinstance(doc, Checked) else check(doc)  # loads() checked it already
    if code is not None:
        if not valid_code(code):
            raise bad("code", "a code is 1-16 capitals and digits")
        doc = {**doc, "workshop": {**doc["workshop"], "code": code}}
    people = [{**p, "token": p["token"] or new_token()} for p in doc["participants"]]
    return store.restore({**doc, "participants": people})


def check(doc: object) -> Checked:
    """The document if it is a backup this app can restore, else a WorkshopError saying why."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise WorkshopError("not_a_backup", "this is not a Cultuur-DNA backup")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise WorkshopError("not_a_backup", "the backup has no valid version")
    if version > VERSION:
        raise WorkshopError(
            "backup_version",
            f"the backup has version {version}; this app reads up to {VERSION}: update the app",
            version=version,
            supported=VERSION,
        )
    _row(doc.get("workshop"), "workshop")
    for table in FIELDS:
        if table != "workshop":
            rows = doc.get(table)
            if not isinstance(rows, list):
                raise WorkshopError("not_a_backup", f"the backup has no list of {table}")
            for row in rows:
                _row(row, table)
    code = doc["workshop"]["code"]
    if not (0 < len(code) <= MAX_CODE and code.isascii() and code.isalnum()):
        raise WorkshopError("not_a_backup", "the backup's workshop code is not valid")
    return Checked(backup_check.content(doc))


class Checked(dict):
    """A backup document that passed `check` (a restore does not check it twice)."""


def _row(row: object, table: str) -> None:
    if not isinstance(row, dict):
        raise WorkshopError("not_a_backup", f"a row of {table} is not an object")
    for name, kind in FIELDS[table].items():
        value = row.get(name, ...)
        wrong = value is ... or not isinstance(value, kind)
        if wrong or (isinstance(value, bool) and kind in (_INT, _OPT_INT)):
            raise WorkshopError("not_a_backup", f"{table}.{name} is missing or not valid")


def dumps(doc: dict) -> bytes:
    """The document as a UTF-8 JSON file, readable and diffable."""
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def loads(data: bytes | str) -> Checked:
    """A backup file's content, checked; a WorkshopError when it is too large or not a backup."""
    if len(data) > MAX_BYTES:
        raise WorkshopError(
            "backup_too_large", "the file is too large", size_mb=round(len(data) / 2**20, 1),
            max_mb=MAX_BYTES // 2**20,
        )  # fmt: skip
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError) as exc:  # also bytes that are not UTF-8
        raise WorkshopError("not_a_backup", "this file is not JSON") from exc
    return check(doc)
