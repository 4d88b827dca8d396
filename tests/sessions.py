"""A real facilitator session for AppTests: opened in the app's store, as the login route does
(AppTest has no cookies, so the token goes where a logged-in run keeps it)."""

from __future__ import annotations

from datetime import UTC, datetime

from dna.services import auth
from dna.store import Store


def as_facilitator(at) -> str:
    """Log this AppTest in; returns the session token."""
    store = Store()
    try:
        auth.ensure_password(store, auth.configured_password())  # what the first run does
        token = auth.open_session(store, datetime.now(UTC))
    finally:
        store.engine.dispose()
    at.session_state["facilitator_session"] = token
    return token
