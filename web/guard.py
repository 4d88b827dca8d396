"""Uploads only from a facilitator: Streamlit's upload endpoint takes files from any session, so
an anonymous phone could fill the server's memory. This middleware refuses uploads that carry
no open facilitator session before a byte of the body is read."""

from __future__ import annotations

from starlette.requests import HTTPConnection
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from web.shared import facilitator

UPLOAD = "/_stcore/upload_file"


class UploadGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(UPLOAD):
            method = scope.get("method", "GET")
            if method in ("PUT", "POST") and not facilitator(HTTPConnection(scope)):
                refusal = PlainTextResponse("Uploads are for facilitators only.", status_code=403)
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)
