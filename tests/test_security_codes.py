"""Security, item 10: join codes cannot be guessed in bulk, and archived workshops are gone for
participants."""

from __future__ import annotations

import pytest

from dna import participation
from dna.records import CURRENT
from dna.workshop import WorkshopError

QUESTIONS = ("Nu?", "Straks?")


def test_guessing_codes_from_one_address_is_stopped(store):
    """Attack: join codes were guessed at ~64/s from five sessions."""
    real = store.new_workshop("Heidag", "Org", QUESTIONS, 4).code
    now = 1_000_000.0
    for i in range(participation.MAX_UNKNOWN):
        with pytest.raises(WorkshopError) as refused:
            participation.find(store, f"ZZZ{i:03d}", "10.0.0.66", now=now + i)
        assert refused.value.code == "unknown_code"
    with pytest.raises(WorkshopError) as stopped:  # even the right code, from this address
        participation.find(store, real, "10.0.0.66", now=now + 40)
    assert stopped.value.code == "too_many_codes"
    assert participation.find(store, real, "10.0.0.67", now=now + 40).code == real  # others join
    later = now + participation.WINDOW + 41
    assert participation.find(store, real, "10.0.0.66", now=later).code == real  # and it passes


def test_a_room_behind_one_address_is_never_slowed(store):
    real = store.new_workshop("Heidag", "Org", QUESTIONS, 4).code
    for i in range(300):  # 300 phones behind one NAT address, a few typos among them
        typed = real if i % 50 else real[:-1] + "X"
        try:
            assert participation.find(store, typed, "192.168.0.1", now=5_000.0 + i).code == real
        except WorkshopError as e:
            assert e.code == "unknown_code"


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
            participation.find(store, f"ZZZ{i:03d}", "10.0.0.66", "tok-guess", 100.0 + i)
    assert participation.find(store, real, "10.0.0.66", "tok-in", 140.0).code == real
    with pytest.raises(WorkshopError) as new_phone:
        participation.find(store, real, "10.0.0.66", "tok-new", 140.0)
    assert new_phone.value.code == "too_many_codes"
