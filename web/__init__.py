"""Our own routes and middleware, served by Streamlit's server next to the app (`serve.py`).

Plain Starlette and `dna`, never streamlit: the facilitator login sets its session cookie from
the server (HttpOnly, SameSite=Strict, Secure over HTTPS), and uploads are accepted only from a
facilitator's browser.
"""

from __future__ import annotations

import sys
from contextlib import asynccontextmanager

from starlette.middleware import Middleware
from starlette.routing import Route
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from dna import auth
from web import access, guard
from web.shared import store

routes = [
    Route("/login", access.login, methods=["GET", "POST"]),
    Route("/logout", access.logout, methods=["GET"]),
]
# Behind a reverse proxy on this machine (127.0.0.1, ::1, or IPv4 written as IPv6 when the
# server listens on ::), its X-Forwarded-For and X-Forwarded-Proto say who the client is and
# whether the page is HTTPS: the throttles, st.context.ip_address and the Secure cookie use them.
LOCAL_PROXIES = ["127.0.0.1", "::1", "::ffff:127.0.0.1"]
middleware = [
    Middleware(ProxyHeadersMiddleware, trusted_hosts=LOCAL_PROXIES),
    Middleware(guard.UploadGuard),
]


@asynccontextmanager
async def lifespan(app):
    """At start, before any login: a new configured password ends the old sessions; without
    one, the first start makes a password and prints it once."""
    password = auth.ensure_password(store(), auth.configured_password())
    if password:
        print(auth.banner(password), file=sys.stderr, flush=True)
    yield


__all__ = ["lifespan", "middleware", "routes"]
