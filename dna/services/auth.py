"""Facilitator access: one password, stored only as a hash, checked in constant time.

The password comes from DNA_ADMIN_PASSWORD (environment or Streamlit secrets). Without one, the
first start generates a strong password, stores its scrypt hash and hands the plain text back
once, for the console (as Jupyter prints its token). Every try is counted in the store: one
address waits longer after each, all together add a short pause. A successful login opens a
session: a random token (its hash in the store) that a browser keeps in an HttpOnly cookie, so
a reload or a projector tab does not ask again. Sessions end after SESSION_HOURS, on logout
(one or all), and when the password changes.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import secrets
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from dna.store import Store

HASH_KEY = "admin_password"  # settings key: "scrypt$salt$hash" of the generated password
CONFIGURED_KEY = "configured_password"  # settings key: scrypt hash of DNA_ADMIN_PASSWORD
COOKIE = "dna_session"  # the browser's session cookie: set by the server, read by every run
SESSION_HOURS = 12
MAX_DELAY = 10.0  # seconds one address waits at most between tries
MAX_SHARED_DELAY = 2.0  # seconds anyone waits at most because of tries from elsewhere
WINDOW = 15 * 60  # seconds: older tries are forgotten
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


@dataclass(frozen=True)
class Check:
    ok: bool
    delay: float  # how long the caller paused before the answer
    refused: float = 0.0  # > 0: not checked; the address may try again after this many seconds


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


def address(host: str | None) -> str:
    """A client address as throttles count it: IPv4 as is (also when written as IPv6), IPv6
    per /64 network (one household or phone gets a whole /64 to pick addresses from)."""
    try:
        ip = ipaddress.ip_address(host or "")
    except ValueError:
        return host or "unknown"
    if ip.version == 6 and ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def configured_password(env: Mapping[str, str] | None = None) -> str | None:
    """DNA_ADMIN_PASSWORD from the environment, else from .streamlit/secrets.toml (the project
    folder's or the user's), as Streamlit reads it."""
    env = os.environ if env is None else env
    if env.get("DNA_ADMIN_PASSWORD"):
        return env["DNA_ADMIN_PASSWORD"]
    for folder in (Path.cwd(), Path(__file__).resolve().parents[2], Path.home()):
        try:
            secrets_ = tomllib.loads((folder / ".streamlit" / "secrets.toml").read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(secrets_.get("DNA_ADMIN_PASSWORD"), str):
            return secrets_["DNA_ADMIN_PASSWORD"] or None
    return None


def new_password() -> str:
    """Five groups of four letters and digits: ~100 bits, easy to read off a console."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(5))


def ensure_password(store: Store, configured: str | None) -> str | None:
    """A password to print, when none is configured and none was generated before. A configured
    password that differs from the one of the last start ends every open session."""
    if configured:
        if not matches(configured, store.setting(CONFIGURED_KEY) or ""):
            store.put_setting(CONFIGURED_KEY, hash_password(configured))
            store.drop_session()
        return None
    if store.setting(HASH_KEY):
        return None
    password = new_password()  # replicas starting at once on a new database: one prints it
    return password if store.add_setting(HASH_KEY, hash_password(password)) else None


def banner(password: str) -> str:
    """How a new password is shown on the console, once."""
    return (
        "\n  Cultuur-DNA facilitator password (shown once; only its hash is stored):\n"
        f"      {password}\n"
        "  Set DNA_ADMIN_PASSWORD to choose your own; `python -m dna password --reset` "
        "makes a new one.\n"
    )


def reset_password(store: Store) -> str:
    """A new generated password; every open session ends."""
    password = new_password()
    store.put_setting(HASH_KEY, hash_password(password))
    store.drop_session()
    return password


def delay_for(tries: int) -> float:
    """How long one client address waits after its n-th try: 0.5, 1, 2, 4 … up to MAX_DELAY."""
    return 0.0 if tries <= 0 else min(MAX_DELAY, 0.25 * 2**tries)


ADDRESS_PAUSES = tuple(delay_for(n) for n in range(1, 8))
SHARED_PAUSES = (0, 0, 0, 0, 0, 0.5, 1, MAX_SHARED_DELAY)  # all addresses together, capped low


@dataclass(frozen=True)
class Attempt:
    allowed: bool
    wait: float  # refused: seconds until this address may try again; allowed: pause first


def attempt(store: Store, client: str, now: datetime) -> Attempt:
    """May this client address try a password now? Each try counts at once, in the store
    (parallel tries are counted one by one); an address waits longer after each try, and is
    refused without a check while it waits. All addresses together add a short pause (at most
    MAX_SHARED_DELAY), so someone else's guessing never locks the facilitator out."""
    moment = now.timestamp()
    allowed, _, wait = store.attempt(f"login:{client}", moment, WINDOW, ADDRESS_PAUSES)
    if not allowed:
        return Attempt(False, wait)
    _, shared, _ = store.attempt("login:*", moment, WINDOW, SHARED_PAUSES, refuse=False)
    return Attempt(True, SHARED_PAUSES[min(shared, len(SHARED_PAUSES)) - 1])


def verify(store: Store, password: str, configured: str | None) -> bool:
    """Is this the facilitator password? Constant time, and one scrypt per guess (the hash of
    a configured password is kept since the start), so guessing in parallel stays slow."""
    if configured:  # scrypt first, as for a generated one: every guess costs the same
        slow = store.setting(CONFIGURED_KEY)
        if slow is not None and not matches(password, slow):
            return False
        return hmac.compare_digest(
            hashlib.sha256(password.encode()).digest(), hashlib.sha256(configured.encode()).digest()
        )
    return matches(password, store.setting(HASH_KEY) or "")


def settle(store: Store, client: str, ok: bool) -> None:
    """After a right password this address starts afresh; after a wrong one it keeps waiting."""
    if ok:
        store.forget_attempts(f"login:{client}")


def check(
    store: Store,
    password: str,
    configured: str | None,
    now: datetime,
    sleep: Callable[[float], None] | None = None,
    client: str = "local",
) -> Check:
    """One login try from `client`, for callers that may block (the async route does the same
    steps without blocking): refused while the address waits, else paused, then checked."""
    step = attempt(store, client, now)
    if not step.allowed:
        return Check(False, 0.0, step.wait)
    if step.wait and sleep:
        sleep(step.wait)
    ok = verify(store, password, configured)
    settle(store, client, ok)
    return Check(ok, step.wait, 0.0)


def open_session(store: Store, now: datetime) -> str:
    token = secrets.token_urlsafe(24)
    store.add_session(_token_hash(token), now + timedelta(hours=SESSION_HOURS))
    return token


def session_valid(store: Store, token: str | None) -> bool:
    return bool(token) and store.session_valid(_token_hash(token))


def close_session(store: Store, token: str | None, everywhere: bool = False) -> None:
    """Logout: this browser's session, or (`everywhere`) every facilitator session."""
    if everywhere:
        store.drop_session()
    elif token:
        store.drop_session(_token_hash(token))


def session_expires(store: Store, token: str | None) -> datetime | None:
    return store.session_expires(_token_hash(token)) if token else None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
