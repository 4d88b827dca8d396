"""The store's backups: a whole workshop's rows as one JSON document (`dump`), and such a
document written back as a new workshop in one transaction (`restore`). The live views of a
workshop (LIVE_ONLY) are not part of it; ids are the document's own."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from dna.store.engine import aware
from dna.store.schema import (
    answers,
    ballots,
    candidate_values,
    imports,
    overrides,
    participants,
    workshops,
)
from dna.store.workshops import WorkshopsPart
from dna.workshop import sheetoptions
from dna.workshop.workshop import WorkshopError

__all__ = ["LIVE_ONLY", "BackupsPart"]

LIVE_ONLY = ("id", "results_hidden", "timer_ends", "stage", "stage_show")  # not in backups


class BackupsPart(WorkshopsPart):
    _LINKED = (participants, imports, candidate_values)  # rows that others refer to by id
    _JSON = frozenset(
        {"teams", "final", "behaviours", "do", "dont", "sources", "payload", "dots", "sheet"}
    )

    def dump(self, code: str) -> dict:
        """Every row of a workshop as JSON data: times in ISO (UTC), JSON columns parsed. Ids
        are the document's own (1, 2, ... per table in stored order) and references follow
        them, so a workshop dumps the same wherever it is stored."""
        with self._read() as conn:
            ws = conn.execute(sa.select(workshops).where(workshops.c.code == code)).first()
            if ws is None:
                raise WorkshopError("unknown_code", "there is no workshop with this code")
            doc = {"workshop": BackupsPart._json_row(ws, LIVE_ONLY)}  # live views
            sheet = sheetoptions.stored(ws.sheet, ws.sheet_logo)  # as a restore writes it
            doc["workshop"] |= {
                "sheet": sheet.to_json(),
                "sheet_logo": sheetoptions.logo_text(sheet),
            }
            for table in (participants, imports, answers, overrides, candidate_values, ballots):
                skip = ("workshop_id",) if table in BackupsPart._LINKED else ("workshop_id", "id")
                rows = conn.execute(
                    sa.select(table).where(table.c.workshop_id == ws.id).order_by(table.c.id)
                )
                doc[table.name] = [BackupsPart._json_row(r, skip) for r in rows]
        maps = {}
        for table in BackupsPart._LINKED:
            maps[table.name] = {r["id"]: i for i, r in enumerate(doc[table.name], 1)}
            for i, row in enumerate(doc[table.name], 1):
                row["id"] = i
        return BackupsPart._renumber(doc, maps)

    def restore(self, doc: dict) -> str:
        """A dumped workshop into this store in one transaction, its rows with new ids; a
        WorkshopError "workshop_exists" when the code is taken, "not_a_backup" when the
        document does not hold together (nothing is written then)."""
        code = doc["workshop"]["code"]
        try:
            with self._write() as conn:
                if conn.execute(sa.select(workshops.c.id).where(workshops.c.code == code)).first():
                    raise WorkshopError(
                        "workshop_exists", "this workshop is here already", workshop=code
                    )
                wid = conn.execute(
                    sa.insert(workshops)
                    .values(
                        BackupsPart._db_row(
                            workshops,
                            doc["workshop"],
                            final=[],
                            results_hidden=False,
                            timer_ends=None,
                            stage=None,
                            stage_show=None,
                            **sheetoptions.backup_columns(doc["workshop"]),  # old ones: none
                        )
                    )
                    .returning(workshops.c.id)
                ).scalar_one()
                maps = {}
                for table in BackupsPart._LINKED:
                    rows = doc[table.name]
                    new = []
                    if rows:
                        new = (
                            conn.execute(
                                sa.insert(table).returning(
                                    table.c.id, sort_by_parameter_order=True
                                ),
                                [BackupsPart._db_row(table, r, workshop_id=wid) for r in rows],
                            )
                            .scalars()
                            .all()
                        )
                    maps[table.name] = dict(zip((r["id"] for r in rows), new, strict=True))
                doc = BackupsPart._renumber(doc, maps)
                for table in (answers, overrides, ballots):
                    if doc[table.name]:
                        rows = [
                            BackupsPart._db_row(table, r, workshop_id=wid) for r in doc[table.name]
                        ]
                        conn.execute(sa.insert(table), rows)
                final = json.dumps(doc["workshop"]["final"])
                conn.execute(sa.update(workshops).where(workshops.c.id == wid).values(final=final))
        except WorkshopError:
            raise
        except IntegrityError as exc:  # a restore of the same code at this very moment
            if self.workshop(code) is not None:
                raise WorkshopError(
                    "workshop_exists", "this workshop is here already", workshop=code
                ) from exc
            raise WorkshopError(
                "not_a_backup", f"the backup does not hold together: {exc}"
            ) from exc
        except (
            KeyError, TypeError, ValueError, AttributeError, OverflowError, sa.exc.StatementError
        ) as exc:  # fmt: skip
            raise WorkshopError(
                "not_a_backup", f"the backup does not hold together: {exc!r}"
            ) from exc
        return code

    @staticmethod
    def _renumber(doc: dict, maps: dict[str, dict[int, int]]) -> dict:
        """The document with its references (participants, imports and values of answers,
        ballots and the final choice) through maps {table: {old id: new id}}. Live answers
        name their participant ("p12") and imported ones their import ("i3:row 7"): renamed too.
        A participant or import that is not there raises KeyError; a value that is not there
        is dropped (it can no longer count)."""
        pids, iids, vids = (maps[t.name] for t in BackupsPart._LINKED)
        found = []
        for a in doc["answers"]:
            pid, iid, who = a["participant_id"], a["import_id"], a["respondent"]
            if pid is not None and who == f"p{pid}":
                who = f"p{pids[pid]}"
            elif iid is not None and isinstance(who, str) and who.startswith(f"i{iid}:"):
                who = f"i{iids[iid]}:{who.split(':', 1)[1]}"
            pid = None if pid is None else pids[pid]
            iid = None if iid is None else iids[iid]
            found.append({**a, "participant_id": pid, "import_id": iid, "respondent": who})
        cast = [
            {
                **b,
                "participant_id": pids[b["participant_id"]],
                "dots": {str(vids[int(v)]): n for v, n in b["dots"].items() if int(v) in vids},
            }
            for b in doc["ballots"]
        ]
        final = [vids[v] for v in doc["workshop"]["final"] if v in vids]
        workshop = {**doc["workshop"], "final": final}
        return {**doc, "workshop": workshop, "answers": found, "ballots": cast}

    @staticmethod
    def _json_row(row: sa.Row, skip: tuple[str, ...]) -> dict:
        out = {}
        for key, value in row._mapping.items():
            if key in skip:
                continue
            if isinstance(value, datetime):
                value = aware(value).astimezone(UTC).isoformat()
            elif key in BackupsPart._JSON and isinstance(value, str):
                value = json.loads(value)
            out[key] = value
        return out

    @staticmethod
    def _db_row(table: sa.Table, row: dict, **fixed: object) -> dict:
        out = {}
        for column in table.columns:
            if column.name == "id":
                continue
            value = fixed[column.name] if column.name in fixed else row[column.name]
            if isinstance(column.type, sa.DateTime) and value is not None:
                value = aware(datetime.fromisoformat(value))
            elif column.name in BackupsPart._JSON and isinstance(column.type, sa.Text):
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            out[column.name] = value
        return out
