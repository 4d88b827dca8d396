"""Facilitator access: one password, stored only as a hash, checked in constant time.

The password comes from DNA_ADMIN_PASSWORD (environment or Streamlit secrets). Without one, the
first start generates a strong password, stores its scrypt hash and hands the plain text back
once, for the console (as Jupyter prints its token). Repeated failures slow every next attempt.
A successful login opens a session: a random token (its hash in the store) that a browser
keeps, so a reload or a projector tab does not ask again.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from dna.store import Store

HASH_KEY = "admin_password"  # settings key: "scrypt$salt$hash" of the generated password
FAILURES_KEY = "login_failures"  # settings key: "count timestamp"
SESSION_HOURS = 12
MAX_DELAY = 10.0  # seconds
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


@dataclass(frozen=True)
class Check:
    ok: bool
    delay: float  # how long the caller waited before the answer (0 after no failures)


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def matches(password: str, stored: str) -> bool:
    try:
        kind, salt, digest = stored.split("$")
    except ValueError:
        return False
    candidate = hash_password(password, bytes.fromhex(salt)).split("$")[2]
    return kind == "scrypt" and hmac.compare_digest(candidate, digest)


def new_password() -> str:
    """Five groups of four letters and digits: ~100 bits, easy to read off a console."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(5))


def ensure_password(store: Store, configured: str | None) -> str | None:
    """A password to print, when none is configured and none was generated before."""
    if configured or store.setting(HASH_KEY):
        return None
    password = new_password()
    store.put_setting(HASH_KEY, hash_password(password))
    return password


def banner(password: str) -> str:
    """How a new password is shown on the console, once."""
    return (
        "\n  Cultuur-DNA facilitator password (shown once; only its hash is stored):\n"
        f"      {password}\n"
        "  Set DNA_ADMIN_PASSWORD to choose your own; `python -m dna password --reset` "
        "makes a new one.\n"
    )


def reset_password(store: Store) -> str:
    password = new_password()
    store.put_setting(HASH_KEY, hash_password(password))
    return password


def delay_for(failures: int) -> float:
    """0 s for the first try, then 0.5, 1, 2, 4 … up to MAX_DELAY."""
    return 0.0 if failures <= 0 else min(MAX_DELAY, 0.25 * 2**failures)


def check(
    store: Store,
    password: str,
    configured: str | None,
    now: datetime,
    sleep=None,
) -> Check:
    """Is this the facilitator password? Waits longer after each recent failure."""
    count, last = _failures(store)
    recent = last is not None and now - last < timedelta(minutes=15)
    delay = delay_for(count) if recent else 0.0
    if delay and sleep:
        sleep(delay)
    if configured:
        ok = hmac.compare_digest(
            hashlib.sha256(password.encode()).digest(), hashlib.sha256(configured.encode()).digest()
        )
    else:
        ok = matches(password, store.setting(HASH_KEY) or "")
    store.put_setting(
        FAILURES_KEY, "0 -" if ok else f"{(count if recent else 0) + 1} {now.isoformat()}"
    )
    return Check(ok, delay)


def _failures(store: Store) -> tuple[int, datetime | None]:
    value = store.setting(FAILURES_KEY) or "0 -"
    count, when = value.split(" ", 1)
    return int(count), None if when == "-" else datetime.fromisoformat(when)


def open_session(store: Store, now: datetime) -> str:
    token = secrets.token_urlsafe(24)
    store.add_session(_token_hash(token), now + timedelta(hours=SESSION_HOURS))
    return token


def session_valid(store: Store, token: str | None) -> bool:
    return bool(token) and store.session_valid(_token_hash(token))


def close_session(store: Store, token: str | None) -> None:
    if token:
        store.drop_session(_token_hash(token))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
