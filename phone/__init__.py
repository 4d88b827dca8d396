"""The participant's phone: a small HTML page and a JSON API (phone/API.md), served by
Streamlit's own server next to the app (`serve.py`), on the same store and domain functions.

Plain Starlette and `dna`, never streamlit: a phone loads ~20 KB instead of Streamlit's 2.7 MB,
and a send costs a few milliseconds instead of a script rerun.
"""

from __future__ import annotations

from starlette.routing import Route

from phone import api, page

routes = [
    Route("/", page.page, methods=["GET"]),
    Route("/phone/{name}", page.static, methods=["GET"]),
    Route("/api/join", api.join, methods=["POST"]),
    Route("/api/w/{code}", api.read, methods=["GET"]),
    Route("/api/w/{code}/answers", api.answers, methods=["POST"]),
    Route("/api/w/{code}/ballot", api.ballot, methods=["POST"]),
    Route("/api/w/{code}/events", api.events, methods=["GET"]),
]

__all__ = ["routes"]
