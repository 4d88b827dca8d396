"""When the beamer draws a new picture of the clouds.

Drawing them again costs the server's time: reading every answer again and two clouds, ~0.3 s
for a small room and ~1 s for 200 people, taken from the phones that are sending right then
(a burst of 200 sends in one second waited ~1 s more while the beamer drew). And a picture
that changes at every refresh cannot be read. So a new picture waits until the phones pause
(no change since the last refresh, REFRESH seconds), and at most MAX_LAG seconds. The counts
above it move at every refresh.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

T = TypeVar("T")

MAX_LAG = 6.0  # s: the longest a new picture waits for the phones to pause


def drawn(key: str, newest: int, draw: Callable[[int], T], now: float | None = None) -> T:
    """`draw(revision)` for the revision the beamer shows now: `newest` when the phones paused,
    else the one it showed (its picture is cached: showing it again costs nothing)."""
    now = time.monotonic() if now is None else now
    pace = st.session_state.get(key) or {"shown": newest, "seen": newest, "since": now}
    shown = pace["shown"]
    if newest != shown:
        since = pace["since"] if pace["seen"] != shown else now  # the first refresh to see it
        changing = newest != pace["seen"] and now - since < MAX_LAG
        pace = {"shown": shown, "since": since} if changing else {"shown": newest, "since": now}
    st.session_state[key] = {**pace, "seen": newest}
    return draw(pace["shown"])
