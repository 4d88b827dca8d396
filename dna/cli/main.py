"""Command line: ``python -m dna analyse INPUT [...]``, ``python -m dna sheet ...``, ``backup`` and
``restore`` (dna.cli.backup), ``replay`` (dna.cli.replay): our scripting and testing contract."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from dna.analysis import compare
from dna.analysis.grouping import analyse, build, keyed
from dna.analysis.overrides import Override
from dna.cli import backup as cli_backup
from dna.cli import replay as cli_replay
from dna.intake import ingest
from dna.intake.tables import too_large
from dna.language.lemmatise import Lemmatiser, load_pipeline
from dna.output import chart, cloud
from dna.records import QUESTIONS, Answer


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dna", description="Cultuur-DNA tools")
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser(
        "analyse", help="group the answers of a workshop file or a stored workshop, draw the clouds"
    )
    a.add_argument(
        "input", nargs="?", help="CSV/XLSX/TSV/TXT export of the answers (default: --workshop's)"
    )
    a.add_argument(
        "--workshop",
        metavar="CODE",
        help="apply this workshop's grouping edits; without INPUT, analyse its stored answers "
        "(database: DATABASE_URL or DNA_DB_PATH)",
    )
    _input_options(a)
    a.add_argument("--json", metavar="OUT", help="write the JSON here (default: standard output)")
    a.add_argument("--png-dir", metavar="DIR", help="write current.png and desired.png here")
    a.add_argument(
        "--chart-png",
        metavar="OUT",
        help="write the current-vs-desired comparison chart here (PNG, drawn offline)",
    )
    s = sub.add_parser(
        "sheet", help="the DNA sheet (PDF) of a stored workshop or a backup file, without the app"
    )
    s.add_argument("backup", nargs="?", metavar="BACKUP.json", help="a workshop backup (JSON)")
    s.add_argument(
        "--workshop", metavar="CODE", help="a stored workshop (DATABASE_URL or DNA_DB_PATH)"
    )
    s.add_argument("--pdf", metavar="OUT.pdf", required=True, help="write the sheet here")
    s.add_argument("--xlsx", metavar="OUT.xlsx", help="also write the workbook of all tables")
    s.add_argument("--lang", choices=("nl", "en"), default="nl", help="the sheet's language")
    s.add_argument(
        "--layout",
        choices=("handout", "poster"),
        help="handout: A4 portrait for the leaders; poster: landscape for the wall "
        "(default: the workshop's choice on the sheet page, else handout)",
    )
    s.add_argument(
        "--paper",
        choices=("a4", "a3"),
        help="the poster's paper, landscape (default: the workshop's choice, else a3); "
        "the handout is always A4",
    )
    cli_backup.add_parsers(sub)
    cli_replay.add_parser(sub, _input_options)
    p = sub.add_parser(
        "password",
        help="the facilitator password: print a new one if none exists yet (or with --reset)",
    )
    p.add_argument("--reset", action="store_true", help="replace the password with a new one")
    return parser


def _input_options(parser: argparse.ArgumentParser) -> None:
    """How to read an answers file: the options analyse and replay share."""
    parser.add_argument("--sheet", help="XLSX sheet name (default: the first with answer columns)")
    parser.add_argument(
        "--current", nargs="+", metavar="COL", help="columns with current-culture answers"
    )
    parser.add_argument(
        "--desired", nargs="+", metavar="COL", help="columns with desired-culture answers"
    )
    parser.add_argument("--team", metavar="COL", help="column with the team or department")


def password(reset: bool) -> int:
    """Run by ./dev run before the server starts, so a first start prints the password."""
    from dna.services import auth
    from dna.store import Store

    if os.environ.get("DNA_ADMIN_PASSWORD"):
        if reset:  # a new generated password would not be used: the configured one wins
            print(
                "DNA_ADMIN_PASSWORD is set: change it there and restart the server (that ends "
                "every session); --reset would make a password nobody can use",
                file=sys.stderr,
            )
            return 2
        return 0
    store = Store()
    new = auth.reset_password(store) if reset else auth.ensure_password(store, None)
    if new:
        print(auth.banner(new), file=sys.stderr)
    store.engine.dispose()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "password":
        return password(args.reset)
    if args.command == "sheet":
        return sheet(args)
    if args.command in ("backup", "restore"):
        return cli_backup.run(args)
    if args.command == "replay":
        return cli_replay.run(args, _read)
    try:
        answers, source = _read(args) if args.input else ((), {})
        edits = ()
        if args.workshop:
            stored, edits = _workshop(args.workshop)
            if not args.input:
                answers, source = stored, {"workshop": args.workshop}
            source["overrides"] = len(edits)
        elif not args.input:
            raise ingest.IngestError("no_input", "give an INPUT file or --workshop CODE")
    except (ingest.IngestError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    batch = keyed(answers, Lemmatiser(load_pipeline()))
    result = build(batch, edits)
    doc = result.to_json()
    doc["source"] = source
    comparison = compare.compare(result, participants=compare.participants(answers))
    doc["comparison"] = compare.to_json(comparison)
    sizes = batch.teams()  # entropy per team of at least compare.ANONYMITY_MIN people
    shown, _ = compare.split_teams(sizes)
    teams = {team: build(batch, edits, team) for team in shown}
    doc["entropy"] = compare.entropy_report(result, teams, sizes).to_json()
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    try:  # outputs: a missing folder or a file in the way is a clear one-line error too
        pngs = {}
        if args.png_dir:
            out = Path(args.png_dir)
            out.mkdir(parents=True, exist_ok=True)
            for question in QUESTIONS:
                style = cloud.CloudStyle(palette=question)
                pngs[out / f"{question}.png"] = cloud.render_png(
                    result.questions[question].frequencies(), style
                )
        if args.chart_png:
            pngs[Path(args.chart_png)] = chart.chart_png(chart.diverging(comparison))
        if args.json:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
        for path, png in pngs.items():
            path.write_bytes(png)
    except OSError as exc:
        print(f"error: cannot write output: {exc}", file=sys.stderr)
        return 2
    if not args.json:
        print(text)
    return 0


def sheet(args: argparse.Namespace) -> int:
    """The DNA sheet (and workbook) of a stored workshop, or of a backup restored in memory."""
    from dna.store import DatabaseError

    try:
        for out in filter(None, (args.pdf, args.xlsx)):
            if not Path(out).resolve().parent.is_dir():
                raise OSError(f"cannot write output: no folder {Path(out).parent}")
            if Path(out).is_dir():
                raise OSError(f"cannot write output: {out} is a folder")
        store, code = _sheet_source(args)
    except (ingest.IngestError, OSError, DatabaseError) as exc:
        print(f"error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    try:
        pdf, xlsx = _sheet_files(store, code, args, bool(args.xlsx))
    finally:
        store.engine.dispose()
    try:
        Path(args.pdf).write_bytes(pdf)
        if args.xlsx:
            Path(args.xlsx).write_bytes(xlsx)
    except OSError as exc:
        print(f"error: cannot write output: {exc}", file=sys.stderr)
        return 2
    return 0


def _sheet_source(args: argparse.Namespace):
    """The store and code to read: the database's workshop, or the backup in memory."""
    from dna.services import backup
    from dna.store import Store

    if bool(args.backup) == bool(args.workshop):
        raise ingest.IngestError("no_input", "give a BACKUP.json or --workshop CODE (one)")
    if args.workshop:
        store = Store()
        if store.workshop(args.workshop) is None:
            store.engine.dispose()
            raise ingest.IngestError("unknown_code", f"no workshop with code {args.workshop}")
        return store, args.workshop
    path = Path(args.backup)
    if not path.is_file():
        raise ingest.IngestError("not_found", f"no such file: {path}")
    if path.stat().st_size > backup.MAX_BYTES:  # refuse before reading it into memory
        raise ingest.IngestError("backup_too_large", f"{path}: larger than 20 MB")
    store = Store("sqlite://")  # in memory: one connection per thread, gone at the end
    try:
        return store, backup.restore(store, backup.loads(path.read_bytes()))
    except ingest.IngestError as exc:
        raise ingest.IngestError(exc.code, f"{path}: {exc}") from exc


def _sheet_files(store, code: str, args, with_xlsx: bool) -> tuple[bytes, bytes | None]:
    import dataclasses
    import datetime as dt

    from dna.output import export, replay
    from dna.output import sheet as dna_sheet
    from dna.workshop import voting

    language = args.lang
    ws, answers, edits = store.workshop(code), store.answers(code), store.overrides(code)
    lemmatiser = Lemmatiser(load_pipeline())
    result = analyse(answers, lemmatiser, edits)
    values, ballots = store.values(code), [dots for dots, _ in store.ballots(code)]
    votes = voting.tally(ballots, [v.id for v in values])
    # the clouds as the beamer grew them, ending on today's counts (as the web sheet's): the
    # sheet grows them again for the boxes it gives them
    past = replay.history(answers, lemmatiser, replay.step_for(len(answers)), edits, now=result)
    clouds = tuple(
        dna_sheet.Grown(tuple(past.frames[q])) if result.questions[q].frequencies() else None
        for q in QUESTIONS
    )
    options = store.sheet(code)  # the workshop's choices, logo included; the flags win
    flags = {"layout": args.layout, "paper": args.paper}
    options = dataclasses.replace(options, **{k: v for k, v in flags.items() if v})
    people = compare.participants(answers)
    comparison = compare.compare(result, participants=people)
    data = export.sheet_data(
        ws, result, values, votes, clouds, language, dt.date.today(), people, comparison
    )
    xlsx = None
    if with_xlsx:
        rows = store.answer_rows(code)
        teams = export.team_sizes(answers)  # private: small teams merged, hidden answers out
        tables = export.tables(
            result, rows, edits, values, ballots, ws.final, language, teams=teams
        )
        xlsx = export.workbook(tables)
    return dna_sheet.render(data, options), xlsx


def _workshop(code: str) -> tuple[tuple[Answer, ...], list[Override]]:
    """A stored workshop's answers and the facilitator's edits."""
    from dna.store import Store

    store = Store()
    try:
        if store.workshop(code) is None:
            raise ingest.IngestError("unknown_code", f"no workshop with code {code}")
        return store.answers(code), store.overrides(code)
    finally:
        store.engine.dispose()


def _read(args: argparse.Namespace) -> tuple[tuple[Answer, ...], dict]:
    path = Path(args.input)
    if not path.is_file():
        raise ingest.IngestError("not_found", f"no such file: {path}", path=str(path))
    if path.stat().st_size > ingest.MAX_FILE_BYTES:  # refuse before reading it into memory
        raise too_large(path.stat().st_size)
    imported = ingest.load(
        path.read_bytes(),
        path.name,
        sheet=args.sheet,
        current=args.current,
        desired=args.desired,
        team=args.team,
    )
    return imported.answers, {
        "format": imported.format,
        "current_columns": list(imported.current_columns),
        "desired_columns": list(imported.desired_columns),
        "team_column": imported.team_column,
        "respondents": imported.respondents,
        "warnings": [str(w) for w in imported.warnings],
    }
