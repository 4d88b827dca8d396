"""The phone's JSON API (phone/API.md): join, read, send answers, cast a ballot, hear changes.

Each handler checks the request strictly, then calls the same domain functions the Streamlit
pages used (`dna.services.participation`, `Store.cast`) in a worker thread; every rule and message
code comes from there. Nothing here keeps state between requests but the rate-limit windows.
"""

from __future__ import annotations

import logging
import math
import re

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from dna.records import CURRENT, DESIRED
from dna.services import participation
from dna.store import OUTAGES, is_busy
from dna.workshop.workshop import MAX_PER_PERSON, WorkshopError, normal_code
from phone.http import (
    BROWSER,
    Refused,
    answer,
    body,
    client,
    kept,
    phone_token,
    refused,
    secured,
    token,
    workshop_code,
)
from phone.limits import PER_ADDRESS, PER_PHONE
from phone.push import Rooms, event
from web.shared import store

MAX_TYPED = 1000  # characters in one field: longer is no answer (120 are kept, said so)
MAX_TEAM = 200
MAX_BALLOT = 100  # values on one ballot
_SUBMISSION = re.compile(r"[A-Za-z0-9_-]{8,64}")

log = logging.getLogger(__name__)
rooms = Rooms(lambda code: participation.public(store(), code))


def _handled(handler):
    """Refused and dna errors become JSON errors, a database away for a moment a 503 the
    phone says in words ("busy": SQLite's lock held too long); nothing else is caught."""

    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        except Refused as e:
            return refused(e.code, e.params)
        except WorkshopError as e:
            return refused(e.code, getattr(e, "params", {}))
        except OUTAGES as e:
            log.warning("database unavailable: %s", e)
            return refused("busy" if is_busy(e) else "unavailable", {"seconds": 5})

    return run


def _keys(data: dict, *names: str) -> None:
    if set(data) != set(names):
        raise Refused("bad_request")


def _submission(data: dict) -> str:
    value = data["submission"]
    if not isinstance(value, str) or not _SUBMISSION.fullmatch(value):
        raise Refused("bad_request")
    return value


def _limit(request: Request, phone: str) -> None:
    """A phone, and all phones behind its address together, may send only so often."""
    for window, key in ((PER_PHONE, phone), (PER_ADDRESS, client(request))):
        wait = window.wait(key)
        if wait:
            raise Refused("too_many_requests", seconds=max(1, math.ceil(wait)))


@_handled
async def join(request: Request) -> Response:
    data = await body(request)
    _keys(data, "code")
    if not isinstance(data["code"], str) or len(data["code"]) > 32:
        raise Refused("bad_request")
    ws = await run_in_threadpool(
        participation.find,
        store(),
        data["code"],
        client(request),
        token(request, normal_code(data["code"])),  # a phone already in is never refused
        None,
        request.cookies.get(BROWSER),
    )
    phone, new = phone_token(request, ws.code)
    reply = await run_in_threadpool(_read, ws.code, phone)
    return kept(request, answer(reply), ws.code, phone, new)


def _read(code: str, phone: str | None) -> dict:
    return {
        "code": code,
        "state": participation.public(store(), code),
        "mine": participation.mine(store(), code, phone),
    }


@_handled
async def read(request: Request) -> Response:
    code = workshop_code(request.path_params["code"])
    data = await run_in_threadpool(_read, code, token(request, code))
    if data["state"].get("gone"):
        raise Refused("unknown_code")
    return answer({"state": data["state"], "mine": data["mine"]})


@_handled
async def answers(request: Request) -> Response:
    code = workshop_code(request.path_params["code"])
    data = await body(request)
    _keys(data, "answers", "team", "submission")
    typed, team, submission = data["answers"], data["team"], _submission(data)
    if not isinstance(typed, dict) or not set(typed) <= {CURRENT, DESIRED}:
        raise Refused("bad_request")
    for texts in typed.values():
        if not isinstance(texts, list) or len(texts) > MAX_PER_PERSON:
            raise Refused("bad_request")
        if not all(isinstance(t, str) for t in texts):
            raise Refused("bad_request")
        if any(len(t) > MAX_TYPED for t in texts):
            raise Refused("answer_too_long")
    if team is not None and (not isinstance(team, str) or len(team) > MAX_TEAM):
        raise Refused("bad_request")
    phone, new = phone_token(request, code)
    _limit(request, phone)
    sent = await run_in_threadpool(
        participation.send, store(), code, phone, typed, team or None, submission
    )
    warnings = [
        {"code": c, "n": int(n)} for c, _, n in (w.partition(":") for w in sent.submission.warnings)
    ]
    reply = {
        "saved": sent.receipt.saved,
        "duplicate": sent.receipt.duplicate,
        "warnings": warnings,
        "mine": sent.mine,
    }
    return kept(request, answer(reply), code, phone, new)


@_handled
async def ballot(request: Request) -> Response:
    code = workshop_code(request.path_params["code"])
    data = await body(request)
    _keys(data, "dots", "submission")
    dots, submission = data["dots"], _submission(data)
    if not isinstance(dots, dict) or len(dots) > MAX_BALLOT:
        raise Refused("bad_request")
    clean = {}
    for key, n in dots.items():
        if not re.fullmatch(r"[0-9]{1,9}", key) or type(n) is not int or not 0 <= n <= 1000:
            raise Refused("bad_ballot")
        clean[int(key)] = n
    phone, new = phone_token(request, code)
    _limit(request, phone)
    reply = await run_in_threadpool(_cast, code, phone, clean, submission)
    return kept(request, answer(reply), code, phone, new)


def _cast(code: str, phone: str, dots: dict[int, int], submission: str) -> dict:
    """Store the ballot; then what is stored is this one (after a resend of an id stored
    before, it is read back)."""
    voted = store().vote(code, phone, dots, submission)
    ballot = {v: n for v, n in dots.items() if n} if voted.saved else store().ballot(code, phone)
    mine = {q: voted.answers.get(q, []) for q in (CURRENT, DESIRED)}
    return {"saved": voted.saved, "mine": participation.stored(mine, voted.team, ballot)}


async def events(request: Request) -> Response:
    """Server-Sent Events: this workshop's state now and at every change (phone/push.py)."""
    try:
        code = workshop_code(request.path_params["code"])
    except Refused as e:
        return refused(e.code)

    async def stream():
        async for state in rooms.states(code):
            yield event(state)

    response = StreamingResponse(stream(), media_type="text/event-stream")
    response.headers["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return secured(response)
