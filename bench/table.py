"""The benches' printed tables: markdown, one row per result, and the cells' usual formats."""

from __future__ import annotations

from collections.abc import Callable, Iterable

Columns = Iterable[tuple[str, Callable[[dict], object]]]  # header, the cell of a result


def markdown(columns: Columns, results: list[dict]) -> list[str]:
    columns = list(columns)
    lines = ["| " + " | ".join(h for h, _ in columns) + " |"]
    lines.append("|" + "|".join("---" for _ in columns) + "|")
    lines += [row(columns, r) for r in results]
    return lines


def row(columns: Columns, r: dict) -> str:
    return "| " + " | ".join(str(get(r)) for _, get in columns) + " |"


def triple(d: dict | None) -> str:
    """p50/p95/max of a distribution (bench.stats.dist), or - when it has none."""
    return f"{d['p50']}/{d['p95']}/{d['max']}" if d and d.get("n") else "-"
