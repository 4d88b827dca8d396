"""Security, item 10: join codes cannot be guessed in bulk, and archived workshops are gone for
participants."""

from __future__ import annotations

import pytest

from dna.records import CURRENT
from dna.services import participation
from dna.workshop.workshop import WorkshopError

QUESTIONS = ("Nu?", "Straks?")


def test_guessing_codes_from_one_browser_is_stopped(store):
    """Attack: join codes were guessed at ~64/s from five sessions."""
    real = store.new_workshop("Heidag", "Org", QUESTIONS, 4).code
    now = 1_000_000.0
    for i in range(participation.MAX_UNKNOWN):
        with pytest.raises(WorkshopError) as refused:
            participation.find(store, f"ZZZ{i:03d}", "10.0.0.66", now=now + i, browser="b1")
        assert refused.value.code == "unknown_code"
    with pytest.raises(WorkshopError) as stopped:  # even the right code, from this browser
        participation.find(store, real, "10.0.0.66", now=now + 40, browser="b1")
    assert stopped.value.code == "too_many_codes"
    assert participation.find(store, real, "10.0.0.67", now=now + 40).code == real  # others join
    # the room's other phones behind the same address too
    assert participation.find(store, real, "10.0.0.66", now=now + 40, browser="b2").code == real
    later = now + participation.WINDOW + 41
    found = participation.find(store, real, "10.0.0.66", now=later, browser="b1")
    assert found.code == real  # and it passes


def test_guessing_with_fresh_browsers_from_one_address_is_stopped(store):
    """A guesser who drops the browser id each time meets the limit of the whole address."""
    real = store.new_workshop("Heidag", "Org", QUESTIONS, 4).code
    for i in range(participation.MAX_UNKNOWN_ADDRESS):
        with pytest.raises(WorkshopError):
            participation.find(store, f"ZZZ{i:03d}", "10.0.0.66", now=10.0 + i, browser=f"b{i}")
    with pytest.raises(WorkshopError) as stopped:
        participation.find(store, real, "10.0.0.66", now=300.0, browser="fresh")
    assert stopped.value.code == "too_many_codes"


def test_a_room_behind_one_address_is_never_slowed(store):
    real = store.new_workshop("Heidag", "Org", QUESTIONS, 4).code
    wrong = real[:-1] + ("X" if real[-1] != "X" else "Y")
    for i in range(500):  # 500 phones behind one NAT address, one in ten mistypes once
        if i % 10 == 0:
            with pytest.raises(WorkshopError) as typo:
                participation.find(store, wrong, "192.168.0.1", None, 5_000.0, f"b{i}")
            assert typo.value.code == "unknown_code"
        found = participation.find(store, real, "192.168.0.1", None, 5_000.0 + i, f"b{i}")
        assert found.code == real


def test_an_archived_workshop_is_unreachable_for_participants(store):
    """Attack: archived and finished workshops stayed joinable by code."""
    ws = store.new_workshop("Oud", "Org", QUESTIONS, 4)
    store.set_archived(ws.code, True)
    with pytest.raises(WorkshopError) as gone:
        participation.find(store, ws.code, "10.0.0.5")
    assert gone.value.code == "unknown_code"
    with pytest.raises(WorkshopError) as refused:
        participation.send(store, ws.code, "tok", {CURRENT: ["open"]}, None, "s1")
    assert refused.value.code == "unknown_code"
    assert store.answer_rows(ws.code) == []


def test_one_guesser_cannot_lock_out_the_phones_already_in(store):
    """Attack: 31 wrong codes from one browser locked every phone behind the room's address out
    for ten minutes, the ones that had joined and answered too."""
    real = store.new_workshop("Heidag", "Org", QUESTIONS, 4).code
    participation.send(store, real, "tok-in", {CURRENT: ["open"]}, None, "s1")
    for i in range(participation.MAX_UNKNOWN):
        with pytest.raises(WorkshopError):
            participation.find(store, f"ZZZ{i:03d}", "10.0.0.66", "tok-guess", 100.0 + i, "b1")
    assert participation.find(store, real, "10.0.0.66", "tok-in", 140.0, "b1").code == real
    with pytest.raises(WorkshopError) as new_phone:
        participation.find(store, real, "10.0.0.66", "tok-new", 140.0, "b1")
    assert new_phone.value.code == "too_many_codes"
