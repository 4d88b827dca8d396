"""What a participant's phone does: find a workshop by its code, and send (or change) answers."""

from __future__ import annotations

from dataclasses import dataclass

from dna.moderate import flagged
from dna.store import Receipt, Store
from dna.workshop import Submission, Workshop, WorkshopError, normal_code, prepare

__all__ = ["Sent", "find", "join_url", "send"]


@dataclass(frozen=True)
class Sent:
    submission: Submission
    receipt: Receipt


def find(store: Store, typed: str) -> Workshop:
    """The workshop behind a typed or scanned code, or a WorkshopError ("unknown_code")."""
    code = normal_code(typed or "")
    workshop = store.workshop(code) if code else None
    if workshop is None:
        raise WorkshopError("unknown_code", "there is no workshop with this code", typed=code)
    return workshop


def send(
    store: Store,
    code: str,
    token: str,
    typed: dict[str, list[str]],
    team: str | None,
    submission_id: str,
) -> Sent:
    """Check and store a participant's answers (replacing earlier ones); idempotent per id."""
    submission = prepare(store.workshop(code), typed, team)
    receipt = store.submit(code, token, submission, submission_id, flagged=flagged)
    return Sent(submission, receipt)


def join_url(base: str, code: str) -> str:
    """The link in the QR code: the app's address with the code filled in. Participants land
    on their page at the root (Streamlit serves a default page at / only, not at its path)."""
    return f"{base.rstrip('/')}/?code={code}"
