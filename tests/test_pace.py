"""The beamer's clouds wait for the phones to pause (ui/pace.py), at most MAX_LAG seconds."""

from __future__ import annotations

import pytest
import streamlit as st

from ui import pace


@pytest.fixture(autouse=True)
def fresh_state():
    st.session_state.clear()
    yield
    st.session_state.clear()


def shown(newest: int, now: float) -> int:
    return pace.drawn("k", newest, lambda revision: revision, now)


def test_a_first_picture_and_a_pause_are_drawn_at_once():
    assert shown(0, 0.0) == 0
    assert shown(0, 2.0) == 0


def test_a_change_waits_one_refresh_then_is_drawn_when_the_phones_paused():
    shown(0, 0.0)
    assert shown(3, 2.0) == 0  # just came: the phones may still be sending
    assert shown(3, 4.0) == 3  # no change since: drawn


def test_a_burst_is_drawn_once_it_ends():
    shown(0, 0.0)
    assert [shown(r, t) for r, t in ((3, 2.0), (30, 4.0), (36, 6.0), (36, 8.0))] == [0, 0, 0, 36]


def test_a_room_that_never_pauses_sees_a_new_picture_every_max_lag_seconds():
    shown(0, 0.0)
    got = [shown(r, 2.0 * r) for r in range(1, 12)]  # a change at every 2 s refresh
    assert got == [0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8]  # pictures 6 s apart
