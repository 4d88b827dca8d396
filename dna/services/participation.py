"""What a participant's phone does: find a workshop by its code, and send (or change) answers."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from dna.intake.cleaning import MAX_ANSWER_CHARS
from dna.language.moderate import flagged
from dna.records import CURRENT, DESIRED
from dna.store import Receipt, Store
from dna.workshop.voting import CLOSED, NONE
from dna.workshop.workshop import Submission, Workshop, WorkshopError, normal_code, prepare

__all__ = ["Sent", "find", "join_url", "mine", "public", "send", "stored"]

MAX_UNKNOWN = 30  # unknown codes one browser may type …
MAX_UNKNOWN_ADDRESS = 200  # … and all browsers behind one client address together …
WINDOW = 10 * 60  # … within this many seconds


@dataclass(frozen=True)
class Sent:
    submission: Submission
    receipt: Receipt
    mine: dict  # what this participant has sent now (phone/API.md, "Mine")


def find(
    store: Store,
    typed: str,
    client: str | None = None,
    token: str | None = None,
    now: float | None = None,
    browser: str | None = None,
) -> Workshop:
    """The workshop behind a typed or scanned code, or a WorkshopError: "unknown_code" (also for
    an archived workshop), or "too_many_codes" when this browser (a random id its page keeps)
    typed more than MAX_UNKNOWN unknown codes in WINDOW seconds, or all browsers behind this
    client address more than MAX_UNKNOWN_ADDRESS: codes cannot be guessed one after another,
    and a room of 500 behind one address with its typos still gets in. A right code is never
    counted, and a phone whose token already took part in the workshop is never refused (a
    reload, a reconnect), so one guesser cannot lock out the people already in."""
    now = time.time() if now is None else now
    keys = {f"code:{client}": MAX_UNKNOWN_ADDRESS} if client is not None else {}
    if client is not None and browser:
        keys[f"code:{client}:{browser}"] = MAX_UNKNOWN
    locked = any(store.attempts_now(key, now, WINDOW) >= limit for key, limit in keys.items())
    code = normal_code(typed or "")
    if locked and not (token and code and _took_part(store, code, token)):
        raise WorkshopError("too_many_codes", "too many unknown codes from this address")
    workshop = store.workshop(code) if code else None
    if workshop is None or workshop.archived:
        for key in keys:
            store.attempt(key, now, WINDOW, (0.0,), refuse=False)
        raise WorkshopError("unknown_code", "there is no workshop with this code", typed=code)
    return workshop


def _took_part(store: Store, code: str, token: str) -> bool:
    answers, _ = store.participant_answers(code, token)
    return any(answers.values()) or bool(store.ballot(code, token))


def send(
    store: Store,
    code: str,
    token: str,
    typed: dict[str, list[str]],
    team: str | None,
    submission_id: str,
) -> Sent:
    """Check and store a participant's answers (replacing earlier ones); idempotent per id.
    What is stored now is this submission: only a ballot, if voting was ever opened, is read
    back (and everything after a resend of an id stored before)."""
    workshop = _recent(store, code, int(time.monotonic()))
    submission = prepare(None if workshop is None or workshop.archived else workshop, typed, team)
    receipt = store.submit(code, token, submission, submission_id, flagged=flagged)
    if receipt.duplicate:  # stored before, by this id: say what is stored
        return Sent(submission, receipt, mine(store, code, token))
    ballot = store.ballot(code, token) if workshop and workshop.voting != NONE else {}
    sent = {q: list(submission.answers.get(q, ())) for q in (CURRENT, DESIRED)}
    return Sent(submission, receipt, stored(sent, submission.team, ballot))


@lru_cache(maxsize=64)
def _recent(store: Store, code: str, second: int) -> Workshop | None:
    """The workshop as a send needs it, read at most once a second (a room sending at once
    read it for every send): its questions, answers per person and teams never change after
    it was made, and whether answering is open is checked again where the send is stored."""
    return store.workshop(code)


def join_url(base: str, code: str) -> str:
    """The link in the QR code: the app's address with the code filled in. Participants land
    on their page at the root (Streamlit serves a default page at / only, not at its path)."""
    return f"{base.rstrip('/')}/?code={code}"


def public(store: Store, code: str) -> dict:
    """What every phone of this workshop shows, as JSON data (phone/API.md, "State"): the same
    for all of them, so it is computed once per change and pushed to every phone. `version`
    changes whenever anything in it does."""
    workshop = store.workshop(code)
    if workshop is None or workshop.archived:
        return _versioned({"code": code, "gone": True})
    values = store.values(code) if workshop.voting != NONE else []
    result = None
    if workshop.voting == CLOSED:
        names = {v.id: v.name for v in values}
        chosen = [names[i] for i in workshop.final if i in names]
        result = (
            {"hidden": True}
            if workshop.results_hidden
            else {"values": chosen, "tagline": workshop.tagline if chosen else ""}
        )
    return _versioned(
        {
            "code": workshop.code,
            "title": workshop.title,
            "organisation": workshop.organisation,
            "questions": {CURRENT: workshop.questions[0], DESIRED: workshop.questions[1]},
            "per_person": workshop.per_person,
            "teams": list(workshop.teams),
            "answering": "open" if workshop.is_open else "closed",
            "voting": workshop.voting,
            "dots": workshop.dots,
            "cap": workshop.cap,
            "values": [{"id": v.id, "name": v.name, "meaning": v.meaning} for v in values],
            "result": result,
            "max_chars": MAX_ANSWER_CHARS,
            "timer_ends": _ends(workshop, store.clock()),
        }
    )


def _ends(workshop: Workshop, now: datetime) -> int | None:
    """A running countdown's end as epoch milliseconds (phones count down to it themselves);
    None when none runs or it has ended."""
    ends = workshop.timer_ends
    return int(ends.timestamp() * 1000) if ends and ends > now else None


def mine(store: Store, code: str, token: str | None) -> dict:
    """What this participant sent so far (phone/API.md, "Mine")."""
    answers, team = store.participant_answers(code, token) if token else ({}, None)
    ballot = store.ballot(code, token) if token else {}
    return stored({q: answers.get(q, []) for q in (CURRENT, DESIRED)}, team, ballot)


def stored(answers: dict[str, list[str]], team: str | None, ballot: dict[int, int]) -> dict:
    """phone/API.md's "Mine" from what is known to be stored."""
    return {"answers": answers, "team": team, "ballot": {str(v): n for v, n in ballot.items()}}


def _versioned(state: dict) -> dict:
    text = json.dumps(state, sort_keys=True, ensure_ascii=False)
    return {**state, "version": hashlib.sha256(text.encode()).hexdigest()[:16]}
