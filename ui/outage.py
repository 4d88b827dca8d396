"""A database that is down or too busy: a clear message and a retry button, not a traceback.

PostgreSQL restarted, the network gone, SQLite locked beyond its busy timeout: the store raises
an OperationalError (SQLAlchemy's, or the driver's own). `guard()` shows it in plain Dutch (or
English), logs the exception, and stops the run; the next run tries again, and the engine's
pre-ping replaces the dead connections.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from dna.store import OUTAGES, is_busy
from ui.texts import t

log = logging.getLogger(__name__)


@contextmanager
def guard(key: str = "fault_retry") -> Iterator[None]:
    """Run a page (or a fragment: give each its own `key`) and turn an outage into a message."""
    try:
        yield
    except OUTAGES as error:
        log.warning("database unavailable: %s", error, exc_info=error)
        st.error(t("fault_db_busy" if is_busy(error) else "fault_db_down"), icon="⏳")
        st.button(t("fault_retry"), key=key, icon=":material/refresh:")  # a click reruns
        st.stop()


def guarded(key: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """`guard` for a whole function: a live fragment runs outside the page's guard."""

    def wrap(body: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(body)
        def run(*args: object, **kwargs: object) -> None:
            with guard(key):
                body(*args, **kwargs)

        return run

    return wrap
