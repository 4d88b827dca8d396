"""The store's part for phones: a batch of answer sends, or of ballots, written set-wise in one
transaction (dna.store.groupcommit hands the batch in; `Store.submit`/`Store.cast` are the callers).

Per batch and workshop: the workshop row is locked once (a close waits for the batch, and a
batch waits for a close: nothing is stored after "closed" returned), the participants are read
and made with one statement each, and the revision moves once. Items are taken in the order
they came; a later item of the same phone sees the earlier one (a double tap in one batch is a
duplicate). Each result is a Receipt/bool, or that item's own WorkshopError.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from dna.store.schema import (
    WORKSHOP_ROW,
    answers,
    ballots,
    bump,
    candidate_values,
    participants,
    workshops,
)
from dna.workshop.voting import OPEN as VOTING_OPEN
from dna.workshop.voting import Rules, check_ballot
from dna.workshop.workshop import OPEN, Submission, WorkshopError

__all__ = ["Ballot", "Receipt", "Send", "Voted", "cast_all", "submit_all"]


@dataclass(frozen=True)
class Receipt:
    saved: int  # answers now stored for this participant
    duplicate: bool  # the same submission arrived before: nothing changed


@dataclass(frozen=True)
class Voted:
    saved: bool  # False: this very submission arrived before (a double tap): nothing changed
    answers: dict[str, list[str]]  # what this participant answered, for the phone's reply
    team: str | None


@dataclass(frozen=True)
class Send:
    code: str
    token: str
    submission: Submission
    submission_id: str
    held: frozenset[str]  # texts the profanity filter holds for review


@dataclass(frozen=True)
class Ballot:
    code: str
    token: str
    dots: dict[int, int]
    submission_id: str


def _workshops(conn: sa.Connection, items: Sequence, out: list) -> Iterator[tuple[sa.Row, list]]:
    """Each workshop of the batch, its row locked, with the positions of its items; an item
    for a workshop that does not exist gets its refusal in `out`."""
    order: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        order.setdefault(item.code, []).append(i)
    for code, idx in order.items():
        ws = conn.execute(
            sa.select(*WORKSHOP_ROW).where(workshops.c.code == code).with_for_update()
        ).first()
        if ws is None:
            for i in idx:
                out[i] = WorkshopError("unknown_code", "there is no workshop with this code")
        else:
            yield ws, idx


def _people(conn: sa.Connection, wid: int, tokens: set[str]) -> dict[str, list]:
    """token -> [participant id, last submission id] of those already known."""
    rows = conn.execute(
        sa.select(participants.c.id, participants.c.token, participants.c.submission).where(
            participants.c.workshop_id == wid, participants.c.token.in_(tokens)
        )
    )
    return {r.token: [r.id, r.submission] for r in rows}


def _made(conn: sa.Connection, wid: int, tokens: list[str], now: datetime) -> dict[str, int]:
    """Participant rows for new tokens: token -> id."""
    conn.execute(
        sa.insert(participants),
        [dict(workshop_id=wid, token=t, created=now, updated=now) for t in tokens],
    )
    return {t: row[0] for t, row in _people(conn, wid, set(tokens)).items()}


def submit_all(conn: sa.Connection, items: Sequence[Send], now: datetime) -> list:
    out: list = [None] * len(items)
    for ws, idx in _workshops(conn, items, out):
        known = _people(conn, ws.id, {items[i].token for i in idx})
        counts = _counts(conn, [p for p, _ in known.values()])
        saved = {t: counts.get(p, 0) for t, (p, _) in known.items()}  # answers stored, per phone
        latest: dict[str, Send] = {}  # the item whose answers are stored, per phone
        for i in idx:
            item = items[i]
            pid, last = known.get(item.token, (None, None))
            if last == item.submission_id:  # a resend: already saved
                out[i] = Receipt(saved[item.token], duplicate=True)
            elif ws.phase != OPEN or ws.archived:
                out[i] = WorkshopError("closed", "answering is closed", title=ws.title)
            else:
                latest[item.token] = item
                known[item.token] = [pid, item.submission_id]
                saved[item.token] = item.submission.count
                out[i] = Receipt(item.submission.count, duplicate=False)
        if latest:
            _store_answers(conn, ws.id, latest, known, now)
    return out


def _counts(conn: sa.Connection, pids: list[int]) -> dict:
    """participant id -> answers stored now."""
    if not pids:
        return {}
    rows = conn.execute(
        sa.select(answers.c.participant_id, sa.func.count())
        .where(answers.c.participant_id.in_(pids))
        .group_by(answers.c.participant_id)
    )
    return {k: v for k, v in rows}


def _store_answers(conn, wid: int, latest: dict[str, Send], known: dict, now: datetime) -> None:
    new = [t for t in latest if known[t][0] is None]
    ids = {t: known[t][0] for t in latest if known[t][0] is not None}
    if new:
        ids |= _made(conn, wid, new, now)
    mine = answers.c.participant_id.in_(list(ids.values()))
    decided = {  # what a facilitator decided stays decided when the same text comes again
        (r.participant_id, r.question, r.text): r.hidden
        for r in conn.execute(
            sa.select(
                answers.c.participant_id, answers.c.question, answers.c.text, answers.c.hidden
            ).where(mine, answers.c.reviewed)
        )
    }
    conn.execute(sa.delete(answers).where(mine))
    rows = [
        dict(
            workshop_id=wid,
            participant_id=ids[token],
            import_id=None,
            question=question,
            position=i,
            text=text,
            team=item.submission.team,
            respondent=f"p{ids[token]}",
            created=now,
            hidden=decided[key]
            if (key := (ids[token], question, text)) in decided
            else ("review" if text in item.held else None),
            reviewed=key in decided,
        )
        for token, item in latest.items()
        for question, texts in item.submission.answers.items()
        for i, text in enumerate(texts)
    ]
    if rows:
        conn.execute(sa.insert(answers), rows)
    conn.execute(
        sa.update(participants)
        .where(participants.c.id == sa.bindparam("pid"))
        .values(
            team=sa.bindparam("new_team"),
            submission=sa.bindparam("new_submission"),
            updated=now,
        ),
        [
            dict(pid=ids[t], new_team=item.submission.team, new_submission=item.submission_id)
            for t, item in latest.items()
        ],
    )
    bump(conn, wid)


def cast_all(conn: sa.Connection, items: Sequence[Ballot], now: datetime) -> list:
    out: list = [None] * len(items)
    for ws, idx in _workshops(conn, items, out):
        known = _people(conn, ws.id, {items[i].token for i in idx})
        last = _ballots(conn, ws.id, [p for p, _ in known.values()])
        shown = (
            conn.execute(
                sa.select(candidate_values.c.id).where(
                    candidate_values.c.workshop_id == ws.id, candidate_values.c.deleted.is_(False)
                )
            )
            .scalars()
            .all()
        )
        latest: dict[str, tuple[Ballot, dict[int, int]]] = {}
        for i in idx:
            item = items[i]
            pid = known.get(item.token, (None, None))[0]
            before = latest[item.token][0].submission_id if item.token in latest else last.get(pid)
            if before == item.submission_id:
                out[i] = False  # a double tap or resend: nothing changes
                continue
            try:
                if ws.voting != VOTING_OPEN or ws.archived:
                    raise WorkshopError("voting_closed", "voting is closed", title=ws.title)
                latest[item.token] = (item, check_ballot(Rules(ws.dots, ws.cap), item.dots, shown))
                out[i] = True
            except WorkshopError as e:
                out[i] = e
        if latest:
            _store_ballots(conn, ws.id, latest, known, last, now)
        sent = _answers(conn, ws.id, {items[i].token for i in idx})
        for i in idx:
            if not isinstance(out[i], WorkshopError):
                out[i] = Voted(out[i], *sent.get(items[i].token, ({}, None)))
    return out


def _answers(conn: sa.Connection, wid: int, tokens: set[str]) -> dict[str, tuple[dict, str | None]]:
    """token -> (their answers per question, their team), for the phones' replies."""
    found: dict[str, tuple[dict, str | None]] = {}
    rows = conn.execute(
        sa.select(participants.c.token, participants.c.team, answers.c.question, answers.c.text)
        .select_from(participants)
        .outerjoin(answers, answers.c.participant_id == participants.c.id)
        .where(participants.c.workshop_id == wid, participants.c.token.in_(tokens))
        .order_by(answers.c.question, answers.c.position)
    )
    for r in rows:
        texts, _ = found.setdefault(r.token, ({}, r.team))
        if r.question is not None:
            texts.setdefault(r.question, []).append(r.text)
    return found


def _ballots(conn: sa.Connection, wid: int, pids: list[int]) -> dict[int, str]:
    """participant id -> the submission id of their stored ballot."""
    if not pids:
        return {}
    rows = conn.execute(
        sa.select(ballots.c.participant_id, ballots.c.submission).where(
            ballots.c.workshop_id == wid, ballots.c.participant_id.in_(pids)
        )
    )
    return {k: v for k, v in rows}


def _store_ballots(conn, wid: int, latest: dict, known: dict, last: dict, now) -> None:
    new = [t for t in latest if t not in known]
    ids = {t: known[t][0] for t in latest if t in known}
    if new:
        ids |= _made(conn, wid, new, now)
    stored = [
        dict(pid=ids[t], new_dots=json.dumps(clean), new_submission=item.submission_id)
        for t, (item, clean) in latest.items()
    ]
    fresh = [row for row in stored if row["pid"] not in last]
    again = [row for row in stored if row["pid"] in last]
    if fresh:
        conn.execute(
            sa.insert(ballots),
            [
                dict(
                    workshop_id=wid,
                    participant_id=r["pid"],
                    dots=r["new_dots"],
                    submission=r["new_submission"],
                    updated=now,
                )
                for r in fresh
            ],
        )
    if again:
        conn.execute(
            sa.update(ballots)
            .where(ballots.c.workshop_id == wid, ballots.c.participant_id == sa.bindparam("pid"))
            .values(
                dots=sa.bindparam("new_dots"),
                submission=sa.bindparam("new_submission"),
                updated=now,
            ),
            again,
        )
    bump(conn, wid)
