"""Phones on their own page and JSON API against a real `streamlit run serve.py` (the code:
bench/phones/; what it measures: bench/README.md).

    .venv/bin/python bench/bench_phones.py -s all -n 50 --arrival 10 --idle-seconds 5 --push-idle 5
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # as a script: the root's packages

from bench.phones.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
