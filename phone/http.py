"""What every phone response shares: security headers, JSON errors, the body limit, the origin
check and the participant's anonymous token (an HttpOnly cookie per workshop, never in a URL)."""

from __future__ import annotations

import json
import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from dna.services.auth import address
from dna.workshop.workshop import new_token
from web.access import same_site
from web.shared import keep

MAX_BODY = 16 * 1024  # bytes: ten answers of 120 characters twice is ~5 KB of JSON
TOKEN_AGE = 30 * 24 * 3600  # a phone keeps its token for a month (a workshop and its follow-up)
BROWSER = "dna_b"  # a random id per browser: the join-code guesses are counted per browser too
LANG = "dna_lang"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
STATUS = {  # a dna error code -> the HTTP status the phone gets with it
    "bad_request": 400,
    "foreign": 403,
    "unknown_code": 404,
    "closed": 409,
    "voting_closed": 409,
    "too_large": 413,
    "too_many_codes": 429,
    "too_many_requests": 429,
    "busy": 503,
    "unavailable": 503,
}
_CODE = re.compile(r"[A-Z0-9]{1,16}")


class Refused(Exception):
    """A request the phone gets an error for: `code` and its params, as dna errors have."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code = code
        self.params = params


def secured(response: Response, cache: str = "no-store") -> Response:
    response.headers.update(HEADERS)
    response.headers["Cache-Control"] = cache
    return response


def answer(data: dict, status: int = 200) -> Response:
    return secured(JSONResponse(data, status_code=status))


def refused(code: str, params: dict | None = None) -> Response:
    """An error as JSON; rule errors (dna) are 422 unless STATUS says otherwise."""
    shown = {k: v for k, v in (params or {}).items() if isinstance(v, str | int | float)}
    response = answer({"error": code, "params": shown}, STATUS.get(code, 422))
    if "seconds" in shown:
        response.headers["Retry-After"] = str(shown["seconds"])
    return response


async def body(request: Request) -> dict:
    """The request's JSON object, from this site, at most MAX_BODY bytes, or Refused."""
    if not same_site(request):
        raise Refused("foreign")
    if "application/json" not in request.headers.get("content-type", ""):
        raise Refused("bad_request")
    if int(request.headers.get("content-length") or 0) > MAX_BODY:
        raise Refused("too_large")
    read = b""
    async for chunk in request.stream():
        read += chunk
        if len(read) > MAX_BODY:
            raise Refused("too_large")
    try:
        data = json.loads(read)
    except (ValueError, RecursionError):
        raise Refused("bad_request") from None
    if not isinstance(data, dict):
        raise Refused("bad_request")
    return data


def workshop_code(text: str) -> str:
    """The code in a path, as stored (upper case); Refused when it cannot be one."""
    code = text.upper()
    if not _CODE.fullmatch(code):
        raise Refused("unknown_code")
    return code


def cookie_name(code: str) -> str:
    return f"dna_p_{code}"


def token(request: Request, code: str) -> str | None:
    found = request.cookies.get(cookie_name(code), "")
    return found if re.fullmatch(r"[A-Za-z0-9_-]{8,64}", found) else None


def phone_token(request: Request, code: str) -> tuple[str, bool]:
    """This phone's token for the workshop, and whether it is new (`kept` then sets it)."""
    found = token(request, code)
    return (found, False) if found else (new_token(), True)


def kept(request: Request, response: Response, code: str, phone: str, new: bool) -> Response:
    """`response`, carrying the phone's token cookie when the token is new."""
    if new:
        keep(request, response, cookie_name(code), phone, TOKEN_AGE)
    return response


def client(request: Request) -> str:
    return address(request.client.host if request.client else None)
