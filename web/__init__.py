"""Our own routes and middleware, served by Streamlit's server next to the app (`serve.py`).

Plain Starlette and `dna`, never streamlit: the facilitator login sets its session cookie from
the server (HttpOnly, SameSite=Strict, Secure over HTTPS), and uploads are accepted only from a
facilitator's browser.
"""

from __future__ import annotations

import gc
import signal
import sys
import threading
from contextlib import asynccontextmanager

from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import Route
from uvicorn import Server
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from dna.language import moderate
from dna.services import auth
from web import access, guard, timing
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
    Middleware(timing.ServerTiming),
    # Every text response compressed, Streamlit's own scripts too (it sends /static/ as is:
    # 2.7 MB for a fresh browser, ~0.7 MB gzipped); event streams and fonts are left alone.
    Middleware(GZipMiddleware, minimum_size=500, compresslevel=6),
    Middleware(guard.UploadGuard),
]


SHUTDOWN_GRACE = 3  # seconds a stopping server waits for open requests (the phones' streams)
KEEP_ALIVE = 65  # seconds an idle connection stays open (uvicorn's 5 s closed ones mid-burst)


def tuned(grace: float = SHUTDOWN_GRACE, keep_alive: float = KEEP_ALIVE) -> bool:
    """Let Ctrl-C or SIGTERM stop the server even while phones hold event streams open: uvicorn
    otherwise waits for every open request to end. And keep a phone's connection open between
    its taps (uvicorn's default of 5 s closed connections that a burst's requests were already
    sent on). Streamlit starts uvicorn with neither; uvicorn's signal handler is its Server's
    method, which is how we reach its config (read again by every new connection)."""
    server = getattr(signal.getsignal(signal.SIGTERM), "__self__", None)
    if isinstance(server, Server) and not server.config.timeout_graceful_shutdown:
        server.config.timeout_graceful_shutdown = grace
        server.config.timeout_keep_alive = keep_alive
        return True
    return False


def _warm() -> None:
    """What the first phones and the first beamer picture would otherwise wait for, loaded
    while the room gathers: the profanity filter's word frequencies, the lemmatiser (~4 s),
    the cloud's font. Then the objects loaded so far are left out of the garbage collector's
    full passes (their pause grows with everything ever loaded)."""
    moderate.warm()
    # imported here: spaCy takes seconds to import, and the port should not wait for it
    from dna.analysis.grouping import build, keyed
    from dna.language.lemmatise import shared
    from dna.output import cloud
    from dna.records import CURRENT, Answer

    room = build(keyed([Answer(CURRENT, "veel overleg"), Answer(CURRENT, "traag")], shared()))
    cloud.render_png(room.questions[CURRENT].frequencies(), cloud.CloudStyle(600, 400))
    gc.freeze()


@asynccontextmanager
async def lifespan(app):
    """At start, before any login: a new configured password ends the old sessions; without
    one, the first start makes a password and prints it once. And a stop does not wait for
    the phones' open event streams; the first sends don't wait for the word lists."""
    tuned()
    threading.Thread(target=_warm, name="warm", daemon=True).start()
    password = auth.ensure_password(store(), auth.configured_password())
    if password:
        print(auth.banner(password), file=sys.stderr, flush=True)
    yield


__all__ = ["lifespan", "middleware", "routes"]
