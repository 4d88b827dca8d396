"""The benches' workshop: made through the store before the server starts, a facilitator's
session, voting opened as the facilitator's button does, and afterwards the store compared,
phone by phone, with what each phone was told. A phone here is any record with `i`, `token`,
`texts` (widget key -> answer), `acked_at` and `ballot` (the last one it was told is saved)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime
from itertools import cycle, islice

from dna.services import auth
from dna.store import Store
from dna.workshop.values import Value
from dna.workshop.voting import Rules, tally

VALUE_NAMES = (
    "Vertrouwen Samenwerking Eigenaarschap Plezier Lef Respect Openheid Vakmanschap "
    "Klantgericht Zorgzaam Nieuwsgierig Betrouwbaar"
).split()
QUESTIONS = ("Hoe is onze cultuur nu?", "Hoe willen we dat die wordt?")


def seed(url: str, values: int = 0) -> tuple[str, list[int]]:
    """A new workshop with `values` candidate values (the facilitator's, made from the
    answers); its code and the values' ids."""
    store = Store(url)
    try:
        code = store.new_workshop("Bench", "Cultuur-DNA", QUESTIONS, 4).code
        ids = [store.add_value(code, Value(n)) for n in islice(cycle(VALUE_NAMES), values)]
    finally:
        store.engine.dispose()
    return code, ids


def login(url: str) -> str:
    """A facilitator's session cookie (the beamer's)."""
    store = Store(url)
    try:
        return auth.open_session(store, datetime.now(UTC))
    finally:
        store.engine.dispose()


def open_voting(url: str, code: str, rules: Rules, close_answers: bool = True) -> None:
    """What the facilitator's "open voting" does: voting open with its rules, answering
    closed (unless `close_answers` is False)."""
    store = Store(url)
    try:
        store.set_voting(code, "open", rules)
        if close_answers:
            store.set_phase(code, "closed")
    finally:
        store.engine.dispose()


def pick_ballot(rnd: random.Random, value_ids: list[int], rules: Rules) -> dict[int, int]:
    """A ballot a person might fill in: mostly every dot, popular values more often."""
    total = rules.dots if rnd.random() < 0.8 else rnd.randint(1, rules.dots)
    weights = [1 / (rank + 1) for rank in range(len(value_ids))]
    ballot = dict.fromkeys(value_ids, 0)
    for _ in range(total):
        free = [(v, w) for v, w in zip(value_ids, weights, strict=True) if ballot[v] < rules.cap]
        v = rnd.choices([v for v, _ in free], [w for _, w in free])[0]
        ballot[v] += 1
    return ballot


def check_store(db_url: str, code: str, phones: list, probe_token: str | None) -> dict:
    """What the store holds against what each phone was told, phone by phone (its token)."""
    store = Store(db_url)
    try:
        total = len(store.answer_rows(code))
        status = store.status(code)
        held = {p.i: store.participant_answers(code, p.token)[0] if p.token else {} for p in phones}
        probe_held = store.participant_answers(code, probe_token)[0] if probe_token else {}
        probe = sum(len(v) for v in probe_held.values())
    finally:
        store.engine.dispose()
    lost = dup = unacked_stored = lost_phones = 0
    for p in phones:
        sent = Counter((k.split("_")[1], t) for k, t in p.texts.items())
        got = Counter((q, t) for q, texts in held[p.i].items() for t in texts)
        if p.acked_at is not None:
            missing = sum((sent - got).values())
            lost += missing
            lost_phones += bool(missing)
            dup += sum((got - sent).values())
        else:
            unacked_stored += sum(got.values())
    acked = [p for p in phones if p.acked_at is not None]
    mine = sum(sum(len(v) for v in held[p.i].values()) for p in phones)
    return {
        "acknowledged_phones": len(acked),
        "acknowledged_answers": sum(len(p.texts) for p in acked),
        "stored_answers": total - probe,
        "stored_participants": status.participants - bool(probe) if status else None,
        "lost_answers": lost,
        "lost_phones": lost_phones,
        # a phone's answer stored twice, or stored rows that belong to no phone
        "duplicated_answers": dup + (total - probe - mine),
        "unacknowledged_but_stored_answers": unacked_stored,
        "unacknowledged_phones": len(phones) - len(acked),
    }


def check_ballots(db_url: str, code: str, phones: list) -> dict:
    """The ballots in the store against what each phone was last told is saved: one per
    voting phone, equal to its last acknowledged ballot; the tally equals theirs."""
    store = Store(db_url)
    try:
        rows = store.ballots(code)
        held = {p.i: store.ballot(code, p.token) if p.token else {} for p in phones}
        value_ids = [v.id for v in store.values(code)]
    finally:
        store.engine.dispose()
    acked = [p for p in phones if p.ballot is not None]
    wrong = [p for p in acked if held[p.i] != p.ballot]
    stored_tally = tally([b for b, _ in rows], value_ids)
    acked_tally = tally([p.ballot for p in acked], value_ids)
    return {
        "acknowledged_ballots": len(acked),
        "stored_ballots": len(rows),
        # acknowledged, but the store holds another ballot for that phone (or none)
        "lost_ballots": sum(1 for p in wrong if not held[p.i]),
        "wrong_ballots": sum(1 for p in wrong if held[p.i]),
        # rows beyond one per phone: a ballot stored twice, or one that belongs to no phone
        "extra_ballots": len(rows) - sum(1 for p in phones if held[p.i]),
        "unacknowledged_but_stored_ballots": sum(
            1 for p in phones if p.ballot is None and held[p.i]
        ),
        "dots_stored": sum(stored_tally.dots.values()),
        "dots_acknowledged": sum(acked_tally.dots.values()),
        "tally_matches": stored_tally == acked_tally,
    }
