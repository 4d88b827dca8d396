"""The facilitator's login and logout as plain HTTP: the password never crosses the websocket,
and the session cookie is set by the server, out of reach of scripts (HttpOnly)."""

from __future__ import annotations

import asyncio
import html
import os
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from dna.services import auth
from web.shared import COOKIE, keep, store

HERE = Path(__file__).resolve().parent
PAGE = (HERE / "login.html").read_text(encoding="utf-8")
TEXTS = {  # one catalogue per language, Dutch first (as ui/locales/ and phone/locales/)
    lang: tomllib.loads((HERE / "locales" / f"{lang}.toml").read_text(encoding="utf-8"))
    for lang in ("nl", "en")
}
MAX_FORM = 4096  # bytes: a password form is small


def language(request: Request) -> str:
    """Dutch, as the app, unless the link asks for English (?lang=en, as the app keeps it)."""
    asked = request.query_params.get("lang", "")
    return asked if asked in TEXTS else "nl"


def local_path(target: str | None) -> str:
    """Where to go after login: a path on this server only (no //host or scheme)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def page(request: Request, message: str = "", kind: str = "error", status: int = 200) -> Response:
    lang = language(request)
    text = TEXTS[lang]
    box = f'<p class="msg {kind}" role="alert">{html.escape(message)}</p>' if message else ""
    body = PAGE.format(
        lang=lang,
        other_lang="en" if lang == "nl" else "nl",
        next=html.escape(quote(local_path(request.query_params.get("next")), safe="/")),
        message=box,
        **{k: html.escape(v) for k, v in text.items()},
    )
    headers = {"Cache-Control": "no-store", "X-Frame-Options": "DENY"}
    return HTMLResponse(body, status_code=status, headers=headers)


async def login(request: Request) -> Response:
    text = TEXTS[language(request)]
    if request.method != "POST":  # GET, and HEAD like it
        return page(request, text["bye"] if request.query_params.get("bye") else "", "info")
    if not same_site(request):
        return page(request, text["foreign"], status=403)
    if int(request.headers.get("content-length") or 0) > MAX_FORM:
        return page(request, text["too_big"], status=413)
    client = auth.address(request.client.host if request.client else None)
    step = await run_in_threadpool(auth.attempt, store(), client, datetime.now(UTC))
    if not step.allowed:
        wait = max(1, round(step.wait + 0.49))
        said = text["wait_one"] if wait == 1 else text["wait"].format(seconds=wait)
        response = page(request, said, status=429)
        response.headers["Retry-After"] = str(wait)
        return response
    if step.wait:
        await asyncio.sleep(step.wait)  # all addresses together: a short pause, nobody blocked
    body = (await _head(request)).decode("utf-8", "replace")
    password = (parse_qs(body).get("password") or [""])[0]
    ok = await run_in_threadpool(auth.verify, store(), password, auth.configured_password())
    await run_in_threadpool(auth.settle, store(), client, ok)
    if not ok:
        return page(request, text["wrong"], status=401)
    token = await run_in_threadpool(auth.open_session, store(), datetime.now(UTC))
    response = RedirectResponse(local_path(request.query_params.get("next")), status_code=303)
    set_cookie(request, response, token, auth.SESSION_HOURS * 3600)
    return response


def same_site(request: Request) -> bool:
    """No Origin (not a browser's cross-site request), or one naming this server; "null" (a
    sandboxed page) is not."""
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc in hosts(request)


def hosts(request: Request) -> set[str]:
    """The names this server answers to: its Host, a proxy's X-Forwarded-Host (a form on
    another site cannot set either), and DNA_PUBLIC_URL's."""
    names = {request.headers.get("host"), request.headers.get("x-forwarded-host")}
    names.add(urlsplit(os.environ.get("DNA_PUBLIC_URL", "")).netloc)
    return {n for n in names if n}


async def _head(request: Request) -> bytes:
    """At most MAX_FORM bytes of the body: a huge or endless upload is not kept in memory."""
    read = b""
    async for chunk in request.stream():
        read += chunk
        if len(read) >= MAX_FORM:
            break
    return read[:MAX_FORM]


async def logout(request: Request) -> Response:
    """Forget the cookie (the Streamlit page already ended the session in the store)."""
    token = request.cookies.get(COOKIE)
    if token:
        await run_in_threadpool(auth.close_session, store(), token)
    lang = language(request)
    response = RedirectResponse(f"/login?bye=1&lang={lang}", status_code=303)
    set_cookie(request, response, "", 0)
    return response


def set_cookie(request: Request, response: Response, value: str, age: int) -> None:
    keep(request, response, COOKIE, value, age, same="strict")
    response.headers["Cache-Control"] = "no-store"
