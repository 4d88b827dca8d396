"""A phone as the tests drive the phone API (phone/API.md) over real HTTP: its own cookies
(the anonymous token is an HttpOnly cookie per workshop), JSON in and out, an Origin header
as a browser sends with a POST. The cookie jar ignores ports, so one phone can send through
nginx or straight to one server process."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from http.cookiejar import CookieJar


class Phone:
    def __init__(self, url: str = "", cookies: CookieJar | None = None, timeout: float = 60.0):
        self.url = url  # the server the conveniences below speak to
        self.timeout = timeout
        self.cookies = cookies if cookies is not None else CookieJar()
        self.http = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def call(self, base: str, path: str, data: dict | None = None, **options) -> tuple[int, dict]:
        """GET, or POST `data` as JSON (or `raw` bytes), from a page of `base` (its Origin, as a
        browser sends it); `headers` added. The status and the JSON reply."""
        raw = options.get("raw")
        body = raw if raw is not None else None if data is None else json.dumps(data).encode()
        request = urllib.request.Request(
            base + path, body, method="GET" if body is None else "POST"
        )
        if body is not None:
            request.add_header("Content-Type", "application/json")
            request.add_header("Origin", base)
        for name, value in options.get("headers", {}).items():
            request.add_header(name, value)
        try:
            with self.http.open(request, timeout=self.timeout) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as e:  # a refusal: its JSON error
            return e.code, json.loads(e.read() or b"{}")

    def token(self, code: str) -> str:
        return next(c.value for c in self.cookies if c.name == f"dna_p_{code}")

    def open_link(self, code: str) -> None:
        """The QR link (the app's root with ?code=...): the phone page, not Streamlit's."""
        with self.http.open(f"{self.url}/?code={code}", timeout=self.timeout) as response:
            assert response.status == 200
            assert response.headers.get_content_type() == "text/html"
            assert code in response.read().decode()

    def join(self, code: str) -> None:
        status, data = self.call(self.url, "/api/join", {"code": code})
        assert status == 200 and data["code"] == code, data

    def send(self, code: str, mine: dict[str, list[str]], submission: str) -> tuple[int, dict]:
        body = {"answers": mine, "team": None, "submission": submission}
        return self.call(self.url, f"/api/w/{code}/answers", body)

    def vote(self, code: str, dots: dict[int, int], submission: str) -> tuple[int, dict]:
        body = {"dots": {str(v): n for v, n in dots.items()}, "submission": submission}
        return self.call(self.url, f"/api/w/{code}/ballot", body)

    def mine(self, code: str) -> dict:
        status, data = self.call(self.url, f"/api/w/{code}")
        assert status == 200, data
        return data["mine"]
