"""The store's answers: what participants send from their phones (dna.store.sends writes a
batch of them), imported answer sets, the facilitator's moderation (hide, show, review) and
edits (overrides), and the counts a workshop's status shows."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from dna.analysis.overrides import Override
from dna.records import Answer
from dna.store.schema import answers, bump, imports, overrides, participants, workshops
from dna.store.sends import Receipt, Send
from dna.store.workshops import PHONE, WorkshopsPart, workshop_id
from dna.workshop.workshop import Submission

__all__ = ["AnswersPart", "Status", "StoredAnswer"]


@dataclass(frozen=True)
class Status:
    phase: str
    archived: bool
    revision: int
    participants: int  # who submitted at least one answer (of imports: the known respondents)
    answers: int  # shown answers
    review: int  # answers hidden by the profanity filter, waiting for the facilitator


@dataclass(frozen=True)
class StoredAnswer:
    id: int
    question: str
    text: str
    team: str | None
    hidden: str | None
    reviewed: bool
    imported: bool


# A phone's read, built once (see dna.store.workshops): its participant's answers and team.
_MINE = (
    sa.select(participants.c.team, answers.c.question, answers.c.text)
    .select_from(participants)
    .join(workshops)
    .outerjoin(answers, answers.c.participant_id == participants.c.id)
    .where(*PHONE)
    .order_by(answers.c.question, answers.c.position)
)


class AnswersPart(WorkshopsPart):
    # -- participants -------------------------------------------------------------------------
    def submit(
        self,
        code: str,
        token: str,
        submission: Submission,
        submission_id: str,
        flagged: Callable[[str], bool] = lambda text: False,
    ) -> Receipt:
        """Replace this participant's answers with `submission`, atomically and idempotently.
        Sends arriving together are written in one transaction (dna.store.groupcommit)."""
        held = frozenset(t for texts in submission.answers.values() for t in texts if flagged(t))
        return self._sends(Send(code, token, submission, submission_id, held))

    def participant_answers(self, code: str, token: str) -> tuple[dict[str, list[str]], str | None]:
        """What this participant submitted so far (to fill their form again), and their team."""
        with self._read() as conn:
            rows = conn.execute(_MINE, {"code": code, "token": token}).all()
        found: dict[str, list[str]] = {}
        for r in rows:
            if r.question is not None:
                found.setdefault(r.question, []).append(r.text)
        return found, rows[0].team if rows else None

    # -- imports ------------------------------------------------------------------------------
    def add_import(
        self,
        code: str,
        key: str,
        name: str,
        items: Iterable[Answer],
        flagged: Callable[[str], bool] = lambda text: False,
    ) -> int | None:
        """Add imported answers; None when this exact set was added before (nothing changes).
        Answers the filter flags wait for review, as typed ones do."""
        now = self.clock()
        with self._write() as conn:
            wid = workshop_id(conn, code)
            if conn.execute(
                sa.select(imports.c.id).where(imports.c.workshop_id == wid, imports.c.key == key)
            ).first():
                return None
            iid = conn.execute(
                sa.insert(imports)
                .values(workshop_id=wid, key=key, name=name, created=now)
                .returning(imports.c.id)
            ).scalar_one()
            rows = [
                dict(
                    workshop_id=wid,
                    participant_id=None,
                    import_id=iid,
                    question=a.question,
                    position=i,
                    text=a.text,
                    team=a.team,
                    respondent=f"i{iid}:{a.respondent}" if a.respondent else None,
                    created=now,
                    hidden="review" if flagged(a.text) else None,
                    reviewed=False,
                )
                for i, a in enumerate(items)
            ]
            if rows:
                conn.execute(sa.insert(answers), rows)
            bump(conn, wid)
            return len(rows)

    # -- reading for analysis and the projector -----------------------------------------------
    def answers(self, code: str) -> tuple[Answer, ...]:
        """The shown answers of a workshop, in a stable order."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(answers.c.question, answers.c.text, answers.c.team, answers.c.respondent)
                .join(workshops)
                .where(workshops.c.code == code, answers.c.hidden.is_(None))
                .order_by(answers.c.id)
            )
            return tuple(Answer(r.question, r.text, r.team, r.respondent) for r in rows)

    def answer_rows(self, code: str) -> list[StoredAnswer]:
        with self._read() as conn:
            rows = conn.execute(
                sa.select(answers)
                .join(workshops)
                .where(workshops.c.code == code)
                .order_by(answers.c.id)
            )
            return [
                StoredAnswer(
                    r.id, r.question, r.text, r.team, r.hidden, r.reviewed, r.import_id is not None
                )
                for r in rows
            ]

    def status(self, code: str) -> Status | None:
        with self._read() as conn:
            ws = conn.execute(
                sa.select(
                    workshops.c.id, workshops.c.phase, workshops.c.archived, workshops.c.revision
                ).where(workshops.c.code == code)
            ).first()
            if ws is None:
                return None
            mine = answers.c.workshop_id == ws.id
            shown, review, people = conn.execute(
                sa.select(
                    sa.func.count().filter(answers.c.hidden.is_(None)),
                    sa.func.count().filter(answers.c.hidden == "review"),
                    sa.func.count(sa.distinct(answers.c.respondent)),
                ).where(mine)
            ).one()
            return Status(ws.phase, ws.archived, ws.revision, people, shown, review)

    # -- moderation ---------------------------------------------------------------------------
    def set_hidden(self, code: str, answer_ids: Iterable[int], hidden: bool) -> None:
        """The facilitator hides or shows answers; their decision sticks (reviewed)."""
        ids = list(answer_ids)
        with self._write() as conn:
            wid = workshop_id(conn, code)
            conn.execute(
                sa.update(answers)
                .where(answers.c.workshop_id == wid, answers.c.id.in_(ids))
                .values(hidden="facilitator" if hidden else None, reviewed=True)
            )
            bump(conn, wid)

    def add_override(self, code: str, kind: str, payload: dict, question: str | None = None) -> int:
        """Store an edit; the same edit again right after (a double click) is not stored twice."""
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        with self._write() as conn:
            wid = workshop_id(conn, code)
            last = conn.execute(
                sa.select(
                    overrides.c.id, overrides.c.kind, overrides.c.question, overrides.c.payload
                )
                .where(overrides.c.workshop_id == wid)
                .order_by(overrides.c.id.desc())
                .limit(1)
            ).first()
            if last and (last.kind, last.question, last.payload) == (kind, question, text):
                return last.id
            oid = conn.execute(
                sa.insert(overrides)
                .values(
                    workshop_id=wid,
                    kind=kind,
                    question=question,
                    payload=text,
                    created=self.clock(),
                )
                .returning(overrides.c.id)
            ).scalar_one()
            bump(conn, wid)
            return oid

    def remove_override(self, code: str, override_id: int) -> None:
        with self._write() as conn:
            wid = workshop_id(conn, code)
            conn.execute(
                sa.delete(overrides).where(
                    overrides.c.workshop_id == wid, overrides.c.id == override_id
                )
            )
            bump(conn, wid)

    def overrides(self, code: str, kind: str | None = None) -> list[Override]:
        """The facilitator's edits in the order they were made."""
        with self._read() as conn:
            query = (
                sa.select(overrides)
                .join(workshops)
                .where(workshops.c.code == code)
                .order_by(overrides.c.id)
            )
            if kind:
                query = query.where(overrides.c.kind == kind)
            return [
                Override(r.kind, json.loads(r.payload), r.question, r.id)
                for r in conn.execute(query)
            ]
