"""The load bench's command line (bench_phones): the options, the scenarios chosen by name or
group, and the run: each scenario on a fresh server, its table at once, all of them at the
end, and the JSON. Exit codes: 0 (targets missed too), 2 when the setup is broken (a server
that does not start, a client that cannot connect)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable, Coroutine, Iterable
from pathlib import Path

from bench.stclient import StClientError

# what a run prints first, its name in an error, and the coroutine that runs it
Job = tuple[str, str, Callable[[], Coroutine]]


def parser(doc: str, scenarios: dict, groups: dict[str, str]) -> argparse.ArgumentParser:
    listed = "; ".join(f"{sc.name}: {sc.title}" for sc in scenarios.values())
    grouped = "; ".join(f"{k} = {v}" for k, v in groups.items())
    return argparse.ArgumentParser(
        description=doc.split("\n\n")[0],
        epilog=f"scenarios: {listed}; groups: {grouped}. See bench/README.md for the full "
        "runs and what each number means.",
    )


def choose(ap: argparse.ArgumentParser, spec: str, scenarios: dict, groups: dict) -> list[str]:
    """Scenario names from `-s a,b,GROUP` (groups expanded), or exit saying what is known."""
    names = ",".join(groups.get(n.strip(), n.strip()) for n in spec.split(",")).split(",")
    for name in names:
        if name not in scenarios:
            known = f"{', '.join(scenarios)}; groups: {', '.join(groups)}"
            ap.error(f"unknown scenario {name!r}; known: {known}")
    return names


def add_ballot_options(group) -> None:
    group.add_argument(
        "--values",
        type=int,
        default=8,
        help="candidate values on the ballot, seeded through the store (default %(default)s)",
    )
    group.add_argument("--dots", type=int, default=3, help="dots per voter (default %(default)s)")
    group.add_argument(
        "--cap", type=int, default=2, help="most dots on one value (default %(default)s)"
    )


def add_run_options(ap: argparse.ArgumentParser) -> None:
    ap.add_argument(
        "--probe-rounds",
        type=int,
        default=6,
        help="times a probe phone changes its answers in a quiet room, to time the beamer "
        "(default %(default)s)",
    )
    ap.add_argument(
        "--idle-seconds",
        type=float,
        default=20.0,
        help="seconds of beamer refreshes with nothing changing, for the CPU per refresh "
        "(default %(default)s)",
    )
    ap.add_argument(
        "--server-arg",
        action="append",
        default=[],
        help="extra `streamlit run` option, e.g. --server-arg=--logger.level=error",
    )
    ap.add_argument("--seed", type=int, default=1, help="random seed (default %(default)s)")
    ap.add_argument("--json", help="write the results here")
    ap.add_argument(
        "--profile",
        help="folder for py-spy speedscope profiles of the server while the phones act "
        "(.venv/bin/pip install py-spy)",
    )
    ap.add_argument("--workdir", help="where the databases and server logs go (kept)")


def run_all(
    jobs: Iterable[Job],
    table: Callable[[list[dict]], str],
    json_path: str | None,
) -> int:
    """Each job on its own event loop, its table printed at once; the
    table of all of them at the end, and the JSON. 2 at the first job that cannot run."""
    results = []
    for announce, name, run in jobs:
        print(announce, flush=True)
        t0 = time.monotonic()
        try:
            r = asyncio.run(run())
        except (RuntimeError, StClientError) as e:
            print(f"{name} could not run: {e}", file=sys.stderr)
            return 2
        r["wall_s"] = round(time.monotonic() - t0, 1)
        results.append(r)
        print(table([r]), flush=True)
    print()
    print(table(results))
    if json_path:
        Path(json_path).write_text(json.dumps(results, indent=2, ensure_ascii=False))
        print(f"\nwrote {json_path}")
    return 0
