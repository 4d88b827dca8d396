"""The phones bench's command line (bench/bench_phones.py runs it; bench/README.md has the
runs)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import bench.phones
from bench.cli import add_ballot_options, add_run_options, choose, parser, run_all
from bench.phones.report import table
from bench.phones.run import run_scenario
from bench.phones.scenarios import GROUPS, SCENARIOS, Scenario
from bench.phones.servers import NGINX_CONFIG
from bench.sampler import raise_fd_limit


def main(argv: list[str] | None = None) -> int:
    ap = parser(bench.phones.__doc__, SCENARIOS, GROUPS)
    ap.add_argument(
        "-s",
        "--scenario",
        default="burst200",
        help="comma-separated scenario names, or all (default %(default)s)",
    )
    ap.add_argument("--runs", type=int, default=1, help="fresh-server runs per scenario")
    ap.add_argument("-n", "--phones", type=int, help="phones (overrides the scenario's)")
    ap.add_argument("--arrival", type=float, help="seconds of arrival (overrides)")
    ap.add_argument(
        "--impatient",
        type=float,
        default=0.2,
        help="share of phones sending each request twice, 0-30 ms apart",
    )
    ap.add_argument(
        "--no-streams",
        dest="streams",
        action="store_false",
        help="phones do not hold the event stream open (push500 always does)",
    )
    ap.add_argument(
        "--no-retry",
        dest="retry",
        action="store_false",
        help="count a request that met a connection the server had just closed as an error "
        "(default: send it again once, as a browser does, and count it as retried)",
    )
    ap.add_argument(
        "--answers",
        choices=("tagged", "plain"),
        default="tagged",
        help="tagged: every answer ends in a unique tag, so every answer is a theme of its own "
        "for the beamer's analysis (a worst case: thousands of unknown words); plain: the "
        "realistic texts alone, as a room types them (default %(default)s)",
    )
    add_ballot_options(ap)
    ap.add_argument(
        "--push-idle",
        type=float,
        default=20.0,
        help="push500: seconds with 500 idle streams (and half as long without)",
    )
    ap.add_argument(
        "--database-url",
        help="a PostgreSQL server: each run makes (and drops) a fresh database there "
        "(default: a SQLite file in a temporary folder)",
    )
    ap.add_argument(
        "--replicas",
        type=int,
        default=1,
        help="server processes on one PostgreSQL database (--database-url) behind a foreground "
        "nginx configured by deploy/nginx.py, as deploy/run-replicas runs them; RSS and CPU are "
        "then the sum of all of them and nginx",
    )
    ap.add_argument(
        "--no-beamer",
        dest="beamer",
        action="store_false",
        help="no beamer tab (to see what it costs the phones; not a result)",
    )
    ap.add_argument("--trace", help="append every request's timing to this CSV file")
    add_run_options(ap)
    args = ap.parse_args(argv)
    chosen = []
    for name in choose(ap, args.scenario, SCENARIOS, GROUPS):
        sc = SCENARIOS[name]
        changes = {k: v for k, v in (("phones", args.phones), ("arrival", args.arrival)) if v}
        chosen.append(Scenario(**{**sc.__dict__, **changes}))
    if args.replicas > 1 and not NGINX_CONFIG.exists():
        ap.error("--replicas needs deploy/nginx.py (the deployment's nginx configuration)")
    if args.replicas > 1 and not args.database_url:
        ap.error("--replicas needs --database-url: the processes share one PostgreSQL database")
    raise_fd_limit()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="dna-phones-"))

    async def one(sc: Scenario, run: int) -> dict:
        here = workdir / f"{sc.name}-{run}"
        shutil.rmtree(here, ignore_errors=True)
        here.mkdir(parents=True)
        return await run_scenario(sc, args, here, run)

    jobs = [
        (
            f"{sc.name} #{run}: {sc.title} ({sc.phones} phones) …",
            sc.name,
            lambda sc=sc, run=run: one(sc, run),
        )
        for sc in chosen
        for run in range(1, args.runs + 1)
    ]
    code = run_all(jobs, table, args.json)
    if code == 0 and not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return code
