"""House rules that keep the code base in shape."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_domain_never_imports_streamlit():
    for path in (ROOT / "dna").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] == "streamlit" for n in names), path.name


def test_pages_stay_thin():
    for path in [ROOT / "app.py", *(ROOT / "views").glob("*.py")]:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 150, path.name
