"""From words to DNA at room scale: ballots, exports, backup/restore and the sheet.

A workshop of N participants (the sample room repeated, as bench_edits builds it) in a fresh
SQLite file: every participant casts a ballot through the store (single thread: the cost of one
write), then the exports a facilitator downloads. Prints numbers; never fails.

.venv/bin/python bench/bench_dna.py [--people 200 500]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # as a script: the root's packages

from bench.bench_edits import room  # noqa: E402
from bench.timing import clock  # noqa: E402
from dna.analysis.grouping import analyse  # noqa: E402
from dna.language.lemmatise import shared  # noqa: E402
from dna.output import cloud, export, sheet  # noqa: E402
from dna.services import backup  # noqa: E402
from dna.store import Store  # noqa: E402
from dna.workshop.values import Value  # noqa: E402
from dna.workshop.voting import OPEN, Rules, tally  # noqa: E402

NAMES = ["Eigenaarschap", "Vertrouwen", "Samenwerken", "Transparant", "Lef", "Wendbaar"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, nargs="+", default=[200, 500])
    args = parser.parse_args()
    lem = shared()
    rng = random.Random(3)
    for people in args.people:
        with tempfile.TemporaryDirectory() as tmp:
            one_room(people, lem, rng, tmp)


def one_room(people: int, lem, rng: random.Random, tmp: str) -> None:
    store = Store(f"sqlite:///{tmp}/bench.db")
    code = store.new_workshop("Bench", "Org", ("Nu?", "Straks?"), 4).code
    store.add_import(code, "room", "room.csv", room(people))
    ids = [store.add_value(code, Value(n, "Zo.", ("a", "b"))) for n in NAMES]
    store.set_voting(code, OPEN, Rules(3, 2))
    casts = []
    for i in range(people):
        ballot = {rng.choice(ids): 1, rng.choice(ids): 1}
        t, _ = clock(lambda b=ballot, i=i: store.cast(code, f"v{i}", b, f"s{i}"))
        casts.append(t)
    casts.sort()
    t_tally, count = clock(lambda: tally((d for d, _ in store.ballots(code)), ids))
    result = analyse(store.answers(code), lem, store.overrides(code))
    values = store.values(code)
    ballots = [d for d, _ in store.ballots(code)]
    t_xlsx, xlsx = clock(
        lambda: export.workbook(
            export.tables(result, store.answer_rows(code), store.overrides(code), values, ballots)
        )
    )
    t_backup, doc = clock(lambda: backup.backup(store, code))
    fresh = Store(f"sqlite:///{tmp}/restored.db")
    t_restore, _ = clock(lambda: backup.restore(fresh, doc))
    clouds = tuple(
        cloud.render_png(
            result.questions[q].frequencies(), cloud.CloudStyle(palette=q, max_words=25)
        )
        for q in ("current", "desired")
    )
    data = export.sheet_data(
        store.workshop(code), result, values, count, clouds, "nl", date.today()
    )
    t_pdf, pdf = clock(lambda: sheet.render(data))
    print(
        f"{people} people: cast p50 {statistics.median(casts) * 1000:.1f} ms, "
        f"p95 {casts[int(0.95 * len(casts))] * 1000:.1f} ms, max {casts[-1] * 1000:.1f} ms"
        f" | tally {t_tally * 1000:.0f} ms ({count.ballots} ballots, "
        f"{sum(count.dots.values())} dots)\n"
        f"  XLSX {t_xlsx * 1000:.0f} ms ({len(xlsx) // 1024} KiB) | backup "
        f"{t_backup * 1000:.0f} ms | restore {t_restore * 1000:.0f} ms | sheet PDF "
        f"{t_pdf * 1000:.0f} ms ({len(pdf) // 1024} KiB)"
    )
    store.engine.dispose()
    fresh.engine.dispose()


if __name__ == "__main__":
    main()
