"""The store's candidate values and the vote on them: the values (ordered; deleted ones kept
for undo), voting's state and rules, each participant's ballot (dna.store.sends writes a
batch of them) and the final choice with its tagline."""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlalchemy as sa

from dna.store.schema import ballots, bump, candidate_values, participants, workshops
from dna.store.sends import Ballot, Voted
from dna.store.workshops import PHONE, WorkshopsPart, workshop_id
from dna.workshop.values import Value
from dna.workshop.voting import Rules

__all__ = ["ValuesPart"]

# A phone's read, built once (see dna.store.workshops): its participant's ballot.
_BALLOT = (
    sa.select(ballots.c.dots)
    .select_from(ballots)
    .join(workshops, workshops.c.id == ballots.c.workshop_id)
    .join(participants, participants.c.id == ballots.c.participant_id)
    .where(*PHONE)
)


class ValuesPart(WorkshopsPart):
    # -- candidate values ---------------------------------------------------------------------
    def add_value(self, code: str, value: Value) -> int:
        """A new candidate value at the end of the list."""
        with self._write() as conn:
            wid = workshop_id(conn, code)
            last = conn.execute(
                sa.select(sa.func.max(candidate_values.c.position)).where(
                    candidate_values.c.workshop_id == wid
                )
            ).scalar()
            vid = conn.execute(
                sa.insert(candidate_values)
                .values(
                    workshop_id=wid,
                    position=(last or 0) + 1,
                    deleted=False,
                    created=self.clock(),
                    **_value_columns(value),
                )
                .returning(candidate_values.c.id)
            ).scalar_one()
            bump(conn, wid)
            return vid

    def update_value(self, code: str, value_id: int, value: Value) -> None:
        self._value_change(code, value_id, **_value_columns(value))

    def delete_value(self, code: str, value_id: int, deleted: bool = True) -> None:
        """Deleted values are kept (undo: deleted=False); ballots on them stop counting."""
        self._value_change(code, value_id, deleted=deleted)

    def _value_change(self, code: str, value_id: int, **columns: object) -> None:
        with self._write() as conn:
            wid = workshop_id(conn, code)
            conn.execute(
                sa.update(candidate_values)
                .where(candidate_values.c.workshop_id == wid, candidate_values.c.id == value_id)
                .values(**columns)
            )
            bump(conn, wid)

    def reorder_values(self, code: str, ids: Iterable[int]) -> None:
        """The values in this order (ids not listed keep their place after them)."""
        order = list(ids)
        with self._write() as conn:
            wid = workshop_id(conn, code)
            rest = conn.execute(
                sa.select(candidate_values.c.id)
                .where(candidate_values.c.workshop_id == wid)
                .order_by(candidate_values.c.position, candidate_values.c.id)
            ).scalars()
            order += [i for i in rest if i not in order]
            for position, vid in enumerate(order, 1):
                conn.execute(
                    sa.update(candidate_values)
                    .where(candidate_values.c.workshop_id == wid, candidate_values.c.id == vid)
                    .values(position=position)
                )
            bump(conn, wid)

    def values(self, code: str, deleted: bool = False) -> list[Value]:
        """The candidate values in order; with deleted=True only the deleted ones, newest first."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(candidate_values)
                .join(workshops)
                .where(workshops.c.code == code, candidate_values.c.deleted.is_(deleted))
                .order_by(candidate_values.c.position, candidate_values.c.id)
            ).all()
        found = [_value(r) for r in rows]
        return found[::-1] if deleted else found

    # -- voting -------------------------------------------------------------------------------
    def set_voting(self, code: str, state: str, rules: Rules | None = None) -> None:
        """Open or close voting (and set its rules); closing keeps every ballot."""
        extra = {"dots": rules.dots, "cap": rules.cap} if rules else {}
        self._update(code, voting=state, **extra)

    def set_final(self, code: str, value_ids: Iterable[int], tagline: str = "") -> None:
        self._update(code, final=json.dumps(list(value_ids)), tagline=tagline)

    def cast(self, code: str, token: str, dots: dict[int, int], submission_id: str) -> bool:
        """Store this participant's ballot, replacing an earlier one; False when this very
        submission arrived before (a double tap or resend: nothing changes)."""
        return self.vote(code, token, dots, submission_id).saved

    def vote(self, code: str, token: str, dots: dict[int, int], submission_id: str) -> Voted:
        """`cast`, and what this participant answered (their phone's reply says it). Ballots
        arriving together are written in one transaction (dna.store.groupcommit)."""
        return self._ballots(Ballot(code, token, dots, submission_id))

    def ballot(self, code: str, token: str) -> dict[int, int]:
        """This participant's ballot so far (empty when none)."""
        with self._read() as conn:
            text = conn.execute(_BALLOT, {"code": code, "token": token}).scalar()
        return _dots(text) if text else {}

    def ballots(self, code: str) -> list[tuple[dict[int, int], str | None]]:
        """Every ballot with the voter's team (None when they gave none)."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(ballots.c.dots, participants.c.team)
                .select_from(ballots)
                .join(workshops, workshops.c.id == ballots.c.workshop_id)
                .join(participants, participants.c.id == ballots.c.participant_id)
                .where(workshops.c.code == code)
                .order_by(ballots.c.id)
            )
            return [(_dots(r.dots), r.team) for r in rows]


def _value_columns(value: Value) -> dict[str, object]:
    return {
        "name": value.name,
        "meaning": value.meaning,
        "behaviours": json.dumps(list(value.behaviours), ensure_ascii=False),
        "do": json.dumps(list(value.do), ensure_ascii=False),
        "dont": json.dumps(list(value.dont), ensure_ascii=False),
        "sources": json.dumps(list(value.sources), ensure_ascii=False),
    }


def _value(row: sa.Row) -> Value:
    return Value(
        row.name,
        row.meaning,
        tuple(json.loads(row.behaviours)),
        tuple(json.loads(row.do)),
        tuple(json.loads(row.dont)),
        tuple(json.loads(row.sources)),
        row.id,
        row.position,
    )


def _dots(text: str) -> dict[int, int]:
    return {int(k): v for k, v in json.loads(text).items()}
