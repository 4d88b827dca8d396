"""House rules that keep the code base in shape: what imports what, how long a module is, and a
README that draws the tree as it is."""

from __future__ import annotations

import ast
import re
from functools import cache
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ["dna", "ui", "views", "phone", "web"]  # the code that runs in the server
FIRST_PARTY = [*APP, "bench", "tests"]
# dna's packages from the ground up: a module imports only from its own package or one below.
# records.py and cells.py are the ground floor both sides share: they import nothing of dna.
FLOORS = ["language", "intake", "analysis", "workshop", "store", "services", "output", "cli"]
LONGEST = 400  # lines: itsdangerous' largest module is about this long


def _modules(folders=FIRST_PARTY, root: Path = ROOT) -> dict[str, Path]:
    found = {n: root / f"{n}.py" for n in ("app", "serve") if (root / f"{n}.py").exists()}
    for folder in folders:
        for path in (root / folder).rglob("*.py"):
            parts = list(path.relative_to(root).with_suffix("").parts)
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(path: Path, name: str, known: dict[str, Path]) -> set[str]:
    """The first-party modules `path` imports, also inside functions. ``from pkg import mod``
    is an edge to the module; ``from pkg import name`` to the package (its __init__ runs)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            targets = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known]
            targets = targets or [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


@cache  # parsed once for the tests that read it
def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {name: _imports(path, name, known) for name, path in known.items()}


def test_domain_never_imports_streamlit():
    for path in (ROOT / "dna").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] == "streamlit" for n in names), path.name


def test_no_import_circles():
    """Every import of every first-party module, also those inside functions and under
    TYPE_CHECKING, forms a graph without a cycle (graphlib names the first it finds)."""
    try:
        tuple(TopologicalSorter(_graph()).static_order())
    except CycleError as exc:
        pytest.fail(f"import circle: {' -> '.join(exc.args[1])}")


def test_the_circle_check_sees_a_circle(tmp_path):
    """The check above is only worth something if it fails on a circle: two modules that import
    each other, one of them only inside a function."""
    for name, body in {"a": "import pkg.b\n", "b": "def f():\n    from pkg import a\n"}.items():
        (tmp_path / "pkg").mkdir(exist_ok=True)
        (tmp_path / "pkg" / f"{name}.py").write_text(body)
    (tmp_path / "pkg" / "__init__.py").write_text("")
    known = _modules(["pkg"], tmp_path)
    graph = {n: _imports(p, n, known) for n, p in known.items()}
    assert graph["pkg.a"] == {"pkg.b"} and graph["pkg.b"] == {"pkg.a"}
    with pytest.raises(CycleError):
        tuple(TopologicalSorter(graph).static_order())


def test_dna_packages_import_only_downwards():
    for name, targets in _graph().items():
        if not name.startswith("dna.") or name == "dna.__main__":
            continue
        floor = _floor(name)
        for target in targets:
            if target.startswith("dna"):
                assert _floor(target) <= floor, f"{name} imports {target}, a floor above it"


def _floor(name: str) -> int:
    """-1 for the ground floor (dna.records, dna.cells); the package's place in FLOORS; the
    public face (dna itself) above all."""
    parts = name.split(".")
    if name == "dna":
        return len(FLOORS)
    if len(parts) == 2 and (ROOT / "dna" / f"{parts[1]}.py").exists():
        return -1
    return FLOORS.index(parts[1])


def test_every_dna_package_has_its_floor():
    packages = {p.name for p in (ROOT / "dna").iterdir() if (p / "__init__.py").exists()}
    assert packages == set(FLOORS)


def test_sql_lives_in_the_store():
    """The server's code reaches the database only through dna.store."""
    for name, path in _modules(APP).items():
        if name.startswith("dna.store") or name in ("app", "serve"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                names.append(getattr(node, "module", None) or "")
                for n in names:
                    assert n.split(".")[0] not in ("sqlalchemy", "psycopg", "sqlite3"), name


def test_no_module_is_longer_than_itsdangerous_biggest():
    for name, path in _modules().items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= LONGEST, f"{name}: {lines} lines"


def test_pages_stay_thin():
    for path in [ROOT / "app.py", *(ROOT / "views").glob("*.py")]:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 150, path.name


def test_the_readme_layout_draws_the_tree():
    """README's "Layout" block names every top folder and every dna package, and nothing that
    is not there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Layout", 1)[1].split("```", 2)[1]
    named = set(re.findall(r"(?m)^\s*([\w./]+/)", block))
    dna = {f"{p.name}/" for p in (ROOT / "dna").iterdir() if (p / "__init__.py").exists()}
    top = {"dna/", "ui/", "views/", "phone/", "web/", "data/", "tests/", "bench/", "deploy/"}
    assert named >= dna | top, sorted(dna | top - named)
    for entry in named:
        assert (ROOT / entry).is_dir() or (ROOT / "dna" / entry).is_dir(), entry
