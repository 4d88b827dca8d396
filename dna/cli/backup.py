"""Command line: ``python -m dna backup --workshop CODE [--with-tokens] OUT.json`` and
``python -m dna restore BACKUP.json [--code NEW]``, on the database of DATABASE_URL or
DNA_DB_PATH. A refusal exits with status 2 and one line on standard error, nothing written."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from dna.workshop.workshop import WorkshopError

WITH_TOKENS = (
    "keep the participants' tokens: only to move a running workshop to another server; "
    "whoever has the file can overwrite their answers"
)


def add_parsers(sub) -> None:
    b = sub.add_parser("backup", help="a stored workshop as a backup file (JSON)")
    b.add_argument("out", metavar="OUT.json", help="write the backup here")
    b.add_argument(
        "--workshop", metavar="CODE", required=True, help="the workshop (DATABASE_URL/DNA_DB_PATH)"
    )
    b.add_argument("--with-tokens", action="store_true", help=WITH_TOKENS)
    r = sub.add_parser(
        "restore", help="a backup file as a new workshop in the database (DATABASE_URL/DNA_DB_PATH)"
    )
    r.add_argument("backup", metavar="BACKUP.json", help="a workshop backup (JSON)")
    r.add_argument("--code", metavar="NEW", help="restore under this code (not one in use)")


def run(args: argparse.Namespace) -> int:
    from dna.store import DatabaseError

    try:
        return _backup(args) if args.command == "backup" else _restore(args)
    except (WorkshopError, OSError, DatabaseError) as exc:
        print(f"error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2


def _backup(args: argparse.Namespace) -> int:
    from dna.services import backup
    from dna.store import Store

    out = Path(args.out)
    if not out.resolve().parent.is_dir() or out.is_dir():
        raise OSError(f"cannot write output: {out} is a folder or its folder is missing")
    store = Store()
    try:
        doc = backup.backup(store, args.workshop, args.with_tokens)
    except WorkshopError as exc:
        raise WorkshopError(exc.code, f"{args.workshop}: {exc}", **exc.params) from exc
    finally:
        store.engine.dispose()
    # a file with tokens is a key to the participants' answers: readable by its owner only
    mode = 0o600 if args.with_tokens else 0o666
    with os.fdopen(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode), "wb") as file:
        if args.with_tokens:  # also when the file was there before, readable by others
            os.fchmod(file.fileno(), 0o600)
        file.write(backup.dumps(doc))
    return 0


def _restore(args: argparse.Namespace) -> int:
    """Checked in full before the database is opened; prints the restored workshop's code."""
    from dna.services import backup
    from dna.services.backup_fields import bad, valid_code
    from dna.store import Store

    path = Path(args.backup)
    try:
        doc = backup.loads(read(path))
        code = args.code.upper() if args.code else None
        if code is not None and not valid_code(code):
            raise bad("code", "a code is 1-16 letters and digits")
    except WorkshopError as exc:
        raise WorkshopError(exc.code, f"{path}: {exc}", **exc.params) from exc
    store = Store()
    try:
        print(backup.restore(store, doc, code))
    except WorkshopError as exc:  # the code is in use here
        where = code or doc["workshop"]["code"]
        raise WorkshopError(exc.code, f"{where}: {exc}", **exc.params) from exc
    finally:
        store.engine.dispose()
    return 0


def read(path: Path) -> bytes:
    """A backup file's bytes; a WorkshopError when it is missing or too large to read."""
    from dna.services.backup import MAX_BYTES

    if not path.is_file():
        raise WorkshopError("not_found", f"no such file: {path}")
    if path.stat().st_size > MAX_BYTES:  # refuse before reading it into memory
        raise WorkshopError("backup_too_large", f"{path}: larger than 20 MB")
    return path.read_bytes()
