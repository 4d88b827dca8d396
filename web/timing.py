"""`Server-Timing: app;dur=<ms>` on the phone API's replies: the time from the request reaching
our middleware to its reply starting. Browsers show it in their developer tools, and
bench/bench_phones.py reports it beside the time the phones measured: a load generator on the
same machine adds its own delay, the server's share is this."""

from __future__ import annotations

import time

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TIMED = "/api/"


class ServerTiming:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(TIMED):
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                took = (time.perf_counter() - start) * 1000
                MutableHeaders(scope=message).append("Server-Timing", f"app;dur={took:.1f}")
            await send(message)

        await self.app(scope, receive, timed)
