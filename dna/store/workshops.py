"""The store's workshops: a workshop's row (its settings, phase, archive flag and revision),
what the presenter shows on it (stage, countdown, hidden results) and its DNA sheet's options,
and a whole workshop's deletion. Helpers the other parts share: a workshop's id by its code,
and moving its revision (every live view polls it)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from dna.store.engine import EnginePart, aware
from dna.store.schema import (
    WORKSHOP_ROW,
    answers,
    ballots,
    candidate_values,
    imports,
    overrides,
    participants,
    workshops,
)
from dna.workshop import sheetoptions
from dna.workshop.sheetoptions import SheetOptions
from dna.workshop.stages import BOTH, check_stage
from dna.workshop.workshop import (
    CLOSED,
    OPEN,
    Workshop,
    WorkshopError,
    check_settings,
    new_code,
)

__all__ = ["PHONE", "WorkshopsPart", "workshop_id"]

# The phones' reads, built once: building a select is most of a small read's cost (~1 ms of
# Python for a join), and a built one is found in SQLAlchemy's compiled cache at once.
_WORKSHOP = sa.select(*WORKSHOP_ROW).where(workshops.c.code == sa.bindparam("code"))
PHONE = (workshops.c.code == sa.bindparam("code"), participants.c.token == sa.bindparam("token"))


class WorkshopsPart(EnginePart):
    def create_workshop(
        self,
        code: str,
        title: str,
        organisation: str,
        questions: tuple[str, str],
        per_person: int,
        teams: Iterable[str] = (),
    ) -> Workshop:
        with self._write() as conn:
            conn.execute(
                sa.insert(workshops).values(
                    code=code,
                    title=title,
                    organisation=organisation,
                    q_current=questions[0],
                    q_desired=questions[1],
                    per_person=per_person,
                    teams=json.dumps(list(teams)),
                    phase=OPEN,
                    archived=False,
                    created=self.clock(),
                    revision=0,
                )
            )
        return self.workshop(code)

    def new_workshop(
        self,
        title: str,
        organisation: str,
        questions: tuple[str, str],
        per_person: int,
        teams: Iterable[str] = (),
    ) -> Workshop:
        """A checked, open workshop with a fresh join code (or a WorkshopError)."""
        settings_ = check_settings(title, organisation, questions, per_person, list(teams))
        for attempt in range(5):
            try:
                return self.create_workshop(new_code(self.codes()), *settings_)
            except IntegrityError:  # another replica took the same code a moment ago
                if attempt == 4:
                    raise
        raise AssertionError("unreachable")

    def codes(self) -> set[str]:
        with self._read() as conn:
            return set(conn.execute(sa.select(workshops.c.code)).scalars())

    def workshop(self, code: str) -> Workshop | None:
        with self._read() as conn:
            row = conn.execute(_WORKSHOP, {"code": code}).first()
        return _workshop(row) if row else None

    def workshops(self) -> list[Workshop]:
        with self._read() as conn:
            rows = conn.execute(sa.select(*WORKSHOP_ROW).order_by(workshops.c.created.desc()))
            return [_workshop(r) for r in rows]

    def set_phase(self, code: str, phase: str) -> None:
        assert phase in (OPEN, CLOSED)
        self._update(code, phase=phase)

    def set_archived(self, code: str, archived: bool) -> None:
        self._update(code, archived=archived)

    def _update(self, code: str, **values: object) -> None:
        with self._write() as conn:
            conn.execute(
                sa.update(workshops)
                .where(workshops.c.code == code)
                .values(revision=workshops.c.revision + 1, **values)
            )

    def delete_workshop(self, code: str) -> int:
        """Delete a workshop with everything in it; returns how many answers went."""
        with self._write() as conn:
            wid = conn.execute(sa.select(workshops.c.id).where(workshops.c.code == code)).scalar()
            if wid is None:
                return 0
            gone = conn.execute(sa.delete(answers).where(answers.c.workshop_id == wid)).rowcount
            for table in (overrides, ballots, candidate_values, imports, participants):
                conn.execute(sa.delete(table).where(table.c.workshop_id == wid))
            conn.execute(sa.delete(workshops).where(workshops.c.id == wid))
            return gone

    # -- what the presenter shows -------------------------------------------------------------
    def set_results_hidden(self, code: str, hidden: bool) -> None:
        """The beamer hides (or shows) the results; phones follow."""
        self._update(code, results_hidden=hidden)

    def set_timer(self, code: str, minutes: float | None) -> datetime | None:
        """Start a countdown of `minutes` from now (None: stop it); when it ends."""
        ends = self.clock() + timedelta(minutes=minutes) if minutes else None
        self._update(code, timer_ends=ends)
        return ends

    def set_stage(self, code: str, stage: str, show: str | None = None) -> None:
        """The presenter's phase (dna.workshop.stages), which the beamer follows; `show`: its
        cloud(s), kept as it was when None. A WorkshopError "bad_stage" for an unknown one."""
        check_stage(stage, show)
        self._update(code, stage=stage, **({"stage_show": show} if show else {}))

    # -- the DNA sheet ------------------------------------------------------------------------
    def set_sheet(self, code: str, options: SheetOptions) -> None:
        """The DNA sheet's options with their logo. Not a revision: nothing live shows them,
        and the analysis and clouds cached per revision stay valid."""
        with self._write() as conn:
            done = conn.execute(
                sa.update(workshops)
                .where(workshops.c.code == code)
                .values(
                    sheet=json.dumps(options.to_json(), sort_keys=True),
                    sheet_logo=sheetoptions.logo_text(options),
                )
            )
            if not done.rowcount:
                raise WorkshopError("unknown_code", "there is no workshop with this code")

    def sheet(self, code: str) -> SheetOptions:
        """The DNA sheet's options, the logo's bytes included (Workshop.sheet has its kind)."""
        with self._read() as conn:
            row = conn.execute(
                sa.select(workshops.c.sheet, workshops.c.sheet_logo).where(workshops.c.code == code)
            ).first()
        if row is None:
            raise WorkshopError("unknown_code", "there is no workshop with this code")
        return sheetoptions.stored(row.sheet, row.sheet_logo)


def workshop_id(conn: sa.Connection, code: str) -> int:
    wid = conn.execute(sa.select(workshops.c.id).where(workshops.c.code == code)).scalar()
    if wid is None:
        raise WorkshopError("unknown_code", "there is no workshop with this code")
    return wid


def _workshop(row: sa.Row) -> Workshop:
    return Workshop(
        id=row.id,
        code=row.code,
        title=row.title,
        organisation=row.organisation,
        questions=(row.q_current, row.q_desired),
        per_person=row.per_person,
        teams=tuple(json.loads(row.teams)),
        phase=row.phase,
        archived=bool(row.archived),
        created=aware(row.created),
        revision=row.revision,
        voting=row.voting,
        dots=row.dots,
        cap=row.cap,
        final=tuple(json.loads(row.final)),
        tagline=row.tagline,
        results_hidden=bool(row.results_hidden),
        timer_ends=aware(row.timer_ends) if row.timer_ends else None,
        stage=row.stage,
        stage_show=row.stage_show or BOTH,
        sheet=sheetoptions.stored(row.sheet),
    )
