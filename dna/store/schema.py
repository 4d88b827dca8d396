"""The database schema: tables, and the version a stored file or server carries.

A later schema adds a step to MIGRATIONS (from version n-1 to n); `dna.store` runs the missing
steps at start, so an existing workshop file is upgraded in place, never recreated.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

SCHEMA_VERSION = 6

meta = sa.MetaData()
settings = sa.Table(
    "settings",
    meta,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
workshops = sa.Table(
    "workshops",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("organisation", sa.Text, nullable=False),
    sa.Column("q_current", sa.Text, nullable=False),
    sa.Column("q_desired", sa.Text, nullable=False),
    sa.Column("per_person", sa.Integer, nullable=False),
    sa.Column("teams", sa.Text, nullable=False),  # JSON list
    sa.Column("phase", sa.String(16), nullable=False),
    sa.Column("archived", sa.Boolean, nullable=False),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    # voting on the candidate values (schema 2)
    sa.Column("voting", sa.String(16), nullable=False, server_default="none"),
    sa.Column("dots", sa.Integer, nullable=False, server_default="3"),
    sa.Column("cap", sa.Integer, nullable=False, server_default="2"),
    sa.Column("final", sa.Text, nullable=False, server_default="[]"),  # JSON: value ids in order
    sa.Column("tagline", sa.Text, nullable=False, server_default=""),
    # the beamer hides the results; phones then say the facilitator will show them (schema 3)
    sa.Column("results_hidden", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("timer_ends", sa.DateTime(timezone=True)),  # a countdown on beamer and phones
    # the presenter's phase, which the beamer follows (NULL: none chosen), and its cloud (schema 5)
    sa.Column("stage", sa.String(16)),
    sa.Column("stage_show", sa.String(16)),
    # the DNA sheet's options as JSON (dna.workshop.sheetoptions), and its logo as base64 (schema 6)
    sa.Column("sheet", sa.Text, nullable=False, server_default="{}"),
    sa.Column("sheet_logo", sa.Text),  # NULL: none; read apart, never with the workshop's row
)
# A workshop's row as the app reads it all the time (the phones too): without the logo.
WORKSHOP_ROW = tuple(c for c in workshops.columns if c.name != "sheet_logo")


def bump(conn: sa.Connection, workshop_id: int) -> None:
    """One more revision of the workshop: every change to what its analysis reads bumps it, and
    the caches (and the phones' pushed state) key on it."""
    conn.execute(
        sa.update(workshops)
        .where(workshops.c.id == workshop_id)
        .values(revision=workshops.c.revision + 1)
    )


participants = sa.Table(
    "participants",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workshop_id", sa.ForeignKey("workshops.id"), nullable=False),
    sa.Column("token", sa.String(64), nullable=False),
    sa.Column("team", sa.Text),
    sa.Column("submission", sa.String(64)),  # the last submission id: a resend is a no-op
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("workshop_id", "token"),
)
imports = sa.Table(
    "imports",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workshop_id", sa.ForeignKey("workshops.id"), nullable=False),
    sa.Column("key", sa.String(64), nullable=False),  # fingerprint of the imported answers
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("workshop_id", "key"),
)
answers = sa.Table(
    "answers",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workshop_id", sa.ForeignKey("workshops.id"), nullable=False, index=True),
    sa.Column("participant_id", sa.ForeignKey("participants.id")),
    sa.Column("import_id", sa.ForeignKey("imports.id")),
    sa.Column("question", sa.String(16), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("team", sa.Text),
    sa.Column("respondent", sa.Text),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Column("hidden", sa.String(16)),  # None (shown), "review" (profanity filter), "facilitator"
    sa.Column("reviewed", sa.Boolean, nullable=False),  # a facilitator decided: never auto-hide
    sa.UniqueConstraint("participant_id", "question", "position"),
)
overrides = sa.Table(
    "overrides",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workshop_id", sa.ForeignKey("workshops.id"), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),  # "hide" (a group); more in later issues
    sa.Column("question", sa.String(16)),  # None: both questions
    sa.Column("payload", sa.Text, nullable=False),  # JSON
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
)
candidate_values = sa.Table(
    "candidate_values",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workshop_id", sa.ForeignKey("workshops.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("meaning", sa.Text, nullable=False),
    sa.Column("behaviours", sa.Text, nullable=False),  # JSON list
    sa.Column("do", sa.Text, nullable=False),  # JSON list: "we doen wel"
    sa.Column("dont", sa.Text, nullable=False),  # JSON list: "we doen niet"
    sa.Column("sources", sa.Text, nullable=False),  # JSON list of group keys
    sa.Column("deleted", sa.Boolean, nullable=False),  # kept for undo
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
)
ballots = sa.Table(
    "ballots",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workshop_id", sa.ForeignKey("workshops.id"), nullable=False, index=True),
    sa.Column("participant_id", sa.ForeignKey("participants.id"), nullable=False),
    sa.Column("dots", sa.Text, nullable=False),  # JSON {value id: dots}
    sa.Column("submission", sa.String(64), nullable=False),  # a resend is a no-op
    sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("workshop_id", "participant_id"),
)
sessions = sa.Table(
    "sessions",
    meta,
    sa.Column("token_hash", sa.String(128), primary_key=True),
    sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
)
attempts = sa.Table(  # throttles: login tries and unknown join codes, per client and overall
    "attempts",
    meta,
    sa.Column("key", sa.String(160), primary_key=True),
    sa.Column("tries", sa.Integer, nullable=False),
    sa.Column("last", sa.Float, nullable=False),  # seconds since the epoch
    sa.Column("until", sa.Float, nullable=False),  # no new try before this moment
)


def _voting_columns(conn: sa.Connection) -> None:
    """Schema 2: voting settings on workshops (the new tables are made by create_all)."""
    for column in ("voting", "dots", "cap", "final", "tagline"):
        col = workshops.c[column]
        kind = col.type.compile(dialect=conn.dialect)
        default = col.server_default.arg
        conn.execute(
            sa.text(
                f"ALTER TABLE workshops ADD COLUMN {column} {kind} NOT NULL DEFAULT '{default}'"
            )
        )


def _results_hidden(conn: sa.Connection) -> None:
    """Schema 3: whether the beamer hides the results (phones say so)."""
    false = sa.false().compile(dialect=conn.dialect)
    conn.execute(
        sa.text(f"ALTER TABLE workshops ADD COLUMN results_hidden BOOLEAN NOT NULL DEFAULT {false}")
    )


def _timer(conn: sa.Connection) -> None:
    """Schema 4: when the facilitator's countdown ends (none running: NULL)."""
    kind = workshops.c.timer_ends.type.compile(dialect=conn.dialect)
    conn.execute(sa.text(f"ALTER TABLE workshops ADD COLUMN timer_ends {kind}"))


def _stage(conn: sa.Connection) -> None:
    """Schema 5: the presenter's phase and the cloud it shows (none chosen: NULL)."""
    for column in ("stage", "stage_show"):
        kind = workshops.c[column].type.compile(dialect=conn.dialect)
        conn.execute(sa.text(f"ALTER TABLE workshops ADD COLUMN {column} {kind}"))


def _sheet(conn: sa.Connection) -> None:
    """Schema 6: the DNA sheet's options (defaults: {}) and its logo (none: NULL)."""
    kind = workshops.c.sheet.type.compile(dialect=conn.dialect)
    conn.execute(sa.text(f"ALTER TABLE workshops ADD COLUMN sheet {kind} NOT NULL DEFAULT '{{}}'"))
    conn.execute(sa.text(f"ALTER TABLE workshops ADD COLUMN sheet_logo {kind}"))


MIGRATIONS: dict[int, Callable[[sa.Connection], None]] = {  # n-1 -> n
    2: _voting_columns,
    3: _results_hidden,
    4: _timer,
    5: _stage,
    6: _sheet,
}
