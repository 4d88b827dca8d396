"""What the routes share: the store (one per process and database URL) and the session cookie."""

from __future__ import annotations

from functools import lru_cache

from starlette.requests import HTTPConnection
from starlette.responses import Response

from dna.services import auth
from dna.store import Store, database_url

COOKIE = auth.COOKIE


@lru_cache(maxsize=4)
def _store(url: str | None) -> Store:
    return Store(url)


def store() -> Store:
    return _store(database_url())


def facilitator(request: HTTPConnection) -> bool:
    """Does this request carry an open facilitator session?"""
    return auth.session_valid(store(), request.cookies.get(COOKIE))


def keep(
    request: HTTPConnection, response: Response, name: str, value: str, age: int, same="lax"
) -> None:
    """A cookie only the server reads (HttpOnly), Secure when the page is HTTPS."""
    response.set_cookie(
        name,
        value,
        max_age=age,
        path="/",
        httponly=True,
        samesite=same,
        secure=request.url.scheme == "https",
    )
