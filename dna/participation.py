"""What a participant's phone does: find a workshop by its code, and send (or change) answers."""

from __future__ import annotations

import time
from dataclasses import dataclass

from dna.moderate import flagged
from dna.store import Receipt, Store
from dna.workshop import Submission, Workshop, WorkshopError, normal_code, prepare

__all__ = ["Sent", "find", "join_url", "send"]

MAX_UNKNOWN = 30  # unknown codes one client address may type …
WINDOW = 10 * 60  # … within this many seconds


@dataclass(frozen=True)
class Sent:
    submission: Submission
    receipt: Receipt


def find(
    store: Store,
    typed: str,
    client: str | None = None,
    token: str | None = None,
    now: float | None = None,
) -> Workshop:
    """The workshop behind a typed or scanned code, or a WorkshopError: "unknown_code" (also for
    an archived workshop), or "too_many_codes" when this client address typed more than
    MAX_UNKNOWN unknown codes in WINDOW seconds: codes cannot be guessed one after another. A
    right code is never counted, and a phone whose token already took part in the workshop is
    never refused (a reload, a reconnect), so one guesser behind the room's address cannot lock
    out the people already in."""
    now = time.time() if now is None else now
    key = f"code:{client}"
    locked = client is not None and store.attempts_now(key, now, WINDOW) >= MAX_UNKNOWN
    code = normal_code(typed or "")
    if locked and not (token and code and _took_part(store, code, token)):
        raise WorkshopError("too_many_codes", "too many unknown codes from this address")
    workshop = store.workshop(code) if code else None
    if workshop is None or workshop.archived:
        if client is not None:
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
    """Check and store a participant's answers (replacing earlier ones); idempotent per id."""
    workshop = store.workshop(code)
    submission = prepare(None if workshop is None or workshop.archived else workshop, typed, team)
    receipt = store.submit(code, token, submission, submission_id, flagged=flagged)
    return Sent(submission, receipt)


def join_url(base: str, code: str) -> str:
    """The link in the QR code: the app's address with the code filled in. Participants land
    on their page at the root (Streamlit serves a default page at / only, not at its path)."""
    return f"{base.rstrip('/')}/?code={code}"
