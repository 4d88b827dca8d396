"""Phones on their own page and JSON API (phone/API.md) against a real `streamlit run serve.py`.

Each run starts a fresh server on a fresh database (a SQLite file in a temporary folder, or a
new database on the PostgreSQL server of `--database-url`). The facilitator's beamer stays
Streamlit: one protocol client (bench/beamer.py) follows its `run_every` timer during the whole
run. Each phone is one `httpx.AsyncClient` (its own cookies, so its own anonymous token) in one
asyncio loop. A phone opens the QR link `/?code=…` (80 %) or types the code (`GET /`, then
`POST /api/join`), fetches `phone.css` and `phone.js` as a fresh browser does, and holds the
event stream open as the page does (`--no-streams`: without). It sends 4+4 realistic Dutch
answers (tests/data/sentences_devset.csv), each tagged uniquely (`--answers plain`: untagged,
the beamer's realistic load), or casts a ballot; 20 % tap twice (the same submission id, 0-30 ms
apart). At the end the store is compared, phone by phone,
with what each phone was told (bench/workshop.py: check_store, check_ballots).

    .venv/bin/python bench/bench_phones.py -s burst200 --runs 2
    .venv/bin/python bench/bench_phones.py -s all --runs 2 --json phones.json
    .venv/bin/python bench/bench_phones.py -s ramp1000 -n 200 --arrival 20    # a smoke run
    .venv/bin/python bench/bench_phones.py -s vburst500 --database-url postgresql://dna@HOST/db
    .venv/bin/python bench/bench_phones.py -s vburst500 --replicas 2 --database-url ...

The load generator shares the machine with the server (2 cores, the server uses one): the
table shows its CPU and its event loop's lag; a busy generator adds its own queueing to every
latency, and the run says so (SAT, with how late its loop woke at most). Prints a table; never
fails on a missed target (it lists the misses, exits 0); exits 2 when the setup is broken.

The package: scenarios.py, phone.py (one phone: its client, its requests, timed), room.py (how
the phones act: ramp, burst, push; the probe), generator.py (the bench's own CPU and loop lag),
servers.py (a fresh database; replicas behind nginx), run.py (one run), report.py (targets
and table), main.py (the command line).
"""
