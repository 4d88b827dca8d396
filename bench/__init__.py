"""Benchmarks that print numbers (bench/README.md), and what they (and some tests) share.

The scripts are run by path (`.venv/bin/python bench/bench_phones.py ...`); each puts the
repository root on sys.path first. bench_phones is thin: its code is in bench/phones/, over
a shared layer: server.py (a real server; the tests' too),
sampler.py, profiler.py, beamer.py, workshop.py (seeding, store checks), verdict.py,
stats.py, table.py and cli.py. stclient/ is the Streamlit protocol client; texts.py what the
rooms type.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
