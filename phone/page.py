"""The participant's page at `/` (also `/?code=…` from a printed QR code) and its two static
files. The page carries its first state, so a phone with a code needs one request to be usable."""

from __future__ import annotations

import hashlib
import html
import json
import secrets
import tomllib
from pathlib import Path
from string import Template

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from dna.intake.cleaning import MAX_ANSWER_CHARS
from dna.services import participation
from dna.workshop.workshop import WorkshopError
from phone.http import BROWSER, LANG, TOKEN_AGE, client, kept, phone_token, secured, token
from web.shared import facilitator, keep, store

HERE = Path(__file__).resolve().parent
TEXTS = {  # one catalogue per language, Dutch first (as ui/locales/)
    lang: tomllib.loads((HERE / "locales" / f"{lang}.toml").read_text(encoding="utf-8"))
    for lang in ("nl", "en")
}
TEMPLATE = Template((HERE / "page.html").read_text(encoding="utf-8"))
STATIC = {name: (HERE / "static" / name).read_bytes() for name in ("phone.js", "phone.css")}
VERSION = {name: hashlib.sha256(data).hexdigest()[:12] for name, data in STATIC.items()}
TYPES = {"js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8"}
FOREVER = "public, max-age=31536000, immutable"


def _filled(table: dict) -> dict:
    """The page's texts, with the server's limits filled in ({n} and the like stay)."""

    def fill(text: str) -> str:
        return text.replace("{max_chars}", str(MAX_ANSWER_CHARS))

    return {
        k: {f: fill(t) for f, t in v.items()} if isinstance(v, dict) else fill(v)
        for k, v in table.items()
    }


FILLED = {lang: _filled(table) for lang, table in TEXTS.items()}  # for the script (boot data)
IN_PAGE = {  # for the template: $t_<key>, escaped; a count's text in its plural form
    lang: {f"t_{k}": html.escape(v["other"] if isinstance(v, dict) else v) for k, v in t.items()}
    for lang, t in FILLED.items()
}


def language(request: Request) -> str:
    asked = request.query_params.get("lang") or request.cookies.get(LANG, "")
    return asked if asked in TEXTS else "nl"


def _boot(request: Request, code: str, lang: str) -> tuple[dict, str | None]:
    """The start data: the workshop's state and this phone's answers, or why there are none."""
    boot = {"lang": lang, "texts": FILLED[lang], "code": None, "state": None, "mine": None}
    boot["error"] = None
    if not code:
        return boot, None
    try:
        ws = participation.find(
            store(),
            code,
            client(request),
            token(request, participation.normal_code(code)),
            None,
            request.cookies.get(BROWSER),
        )
    except WorkshopError as e:
        boot["error"] = {"error": e.code, "params": {}}
        return boot, None
    boot["code"] = ws.code
    boot["state"] = participation.public(store(), ws.code)
    return boot, ws.code


def _data(value: dict) -> str:
    """JSON to put inside <script type="application/json">: no < > & at all, so no text of a
    workshop ("<!--<script>", "</script>") can end the block or change how it is read."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


async def page(request: Request) -> Response:
    code = request.query_params.get("code", "")[:32]
    if not code and facilitator(request):
        query = f"?{request.url.query}" if request.url.query else ""  # ?ws=…&lang=… stay
        return RedirectResponse(f"/workshops{query}", status_code=303)  # the facilitator's home
    lang = language(request)
    boot, found = await run_in_threadpool(_boot, request, code, lang)
    phone, new = phone_token(request, found) if found else (None, False)
    if found:
        boot["mine"] = await run_in_threadpool(participation.mine, store(), found, phone)
    other = "en" if lang == "nl" else "nl"
    query = f"?code={found or ''}&lang={other}" if found else f"?lang={other}"
    values = {
        "lang": lang,
        "css": f"/phone/phone.css?v={VERSION['phone.css']}",
        "js": f"/phone/phone.js?v={VERSION['phone.js']}",
        "boot": _data(boot),
        "code": html.escape(found or code),
        "other_href": html.escape(query),
        **IN_PAGE[lang],
    }
    response = HTMLResponse(TEMPLATE.safe_substitute(values))
    if found:
        kept(request, response, found, phone, new)
    if request.query_params.get("lang") in TEXTS:
        keep(request, response, LANG, lang, TOKEN_AGE)
    if not request.cookies.get(BROWSER):
        keep(request, response, BROWSER, secrets.token_urlsafe(9), TOKEN_AGE)
    return secured(response)


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in STATIC:
        return secured(Response("", status_code=404))
    fresh = request.query_params.get("v") == VERSION[name]
    response = Response(STATIC[name], media_type=TYPES[name.rsplit(".", 1)[1]])
    return secured(response, FOREVER if fresh else "no-cache")
