"""Widget values a page never offered. A browser can send any value for any widget (a forged
websocket message, or a stale one from an older form); Streamlit hands it to the page as it came:
text where a number was offered, a list, None, a huge or negative number. These helpers turn such
a value into the widget's fallback before the widget is drawn, or into "no value" after, so the
page never raises on it (an uncaught error would show the visitor a traceback on every rerun).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from typing import Any

import streamlit as st

log = logging.getLogger(__name__)


def settle(key: str, clean: Callable[[Any], object], fallback: object) -> None:
    """Before the widget with this key is drawn: its value as `clean` makes it, or `fallback`
    when the value does not even deserialize."""
    try:
        value = st.session_state[key]
    except KeyError:
        return
    except Exception as error:  # Streamlit's own deserializer choked on what was sent
        log.warning("refused widget value for %s: %r", key, error)
        st.session_state[key] = fallback
        return
    cleaned = clean(value)
    if type(cleaned) is not type(value) or cleaned != value:
        log.warning("refused widget value for %s: %.80r", key, value)
        st.session_state[key] = cleaned


def settle_number(key: str, low: int, high: int, fallback: int) -> None:
    """`settle` for a whole number low..high (a count of dots, a rule)."""
    settle(key, lambda n: n if whole(n, low, high) else fallback, fallback)


def whole(value: object, low: int, high: int) -> bool:
    """A whole number low..high (a bool is not one, nor is 1.0)."""
    return type(value) is int and low <= value <= high


def text(value: object) -> str:
    """Typed text, or "" for anything else."""
    return value if isinstance(value, str) else ""


def picks(value: object, allowed: Collection) -> list:
    """A multiselect's value: the allowed items in it, each once, in order; [] for anything else
    (a dict, a bool, a list in the list)."""
    if not isinstance(value, list | tuple):
        return []
    kept: list = []
    for item in value:
        if _id_like(item) and item in allowed and item not in kept:
            kept.append(item)
    return kept


def _id_like(item: object) -> bool:
    try:
        hash(item)
    except TypeError:
        return False
    return not isinstance(item, bool)  # True == 1: a bool is never an id
