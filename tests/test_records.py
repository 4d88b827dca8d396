from __future__ import annotations

from dna.records import CURRENT, DESIRED, Answer, fingerprint


def test_fingerprint_is_stable_and_sees_every_field():
    a = [Answer(CURRENT, "open", "ICT"), Answer(DESIRED, "snel")]
    assert fingerprint(a) == fingerprint(list(a))
    assert fingerprint(a) != fingerprint(a[::-1])
    assert fingerprint(a) != fingerprint([Answer(CURRENT, "open", "HR"), a[1]])
    assert fingerprint(a) != fingerprint([Answer(DESIRED, "open", "ICT"), a[1]])
