"""UI text: every key in both languages, no key defined twice, placeholders that match."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ui import texts as ui_texts

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"{(\w+)(?::[^}|]+\|[^}|]+)?}")  # {n} or a count: {n:one|other}


def _dicts() -> dict[str, list[str]]:
    """The keys of the NL/EN dicts of each ui/texts*.py module as written (before merging)."""
    out = {}
    for path in sorted((ROOT / "ui").glob("texts*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
                name = node.targets[0].id
                keys = [k.value for k in node.value.keys if isinstance(k, ast.Constant)]
                assert len(keys) == len(set(keys)), f"{path.name}:{name} repeats a key"
                out[f"{path.stem}.{name}"] = keys
    return out


def test_no_key_is_defined_in_two_modules():
    """A merged dict silently keeps the last: a page would show another page's text."""
    seen: dict[tuple[str, str], str] = {}
    for where, texts in _dicts().items():
        lang = where.rsplit(".", 1)[1]
        for key in texts:
            assert (lang, key) not in seen, f"{key} in {seen[(lang, key)]} and {where}"
            seen[(lang, key)] = where


def test_both_languages_have_the_same_keys_and_placeholders():
    from ui.texts import EN, NL

    assert NL.keys() == EN.keys()
    for key in NL:
        assert set(PLACEHOLDER.findall(NL[key])) == set(PLACEHOLDER.findall(EN[key])), key


@pytest.mark.parametrize(
    ("lang", "people", "answers", "shown"),
    [
        ("nl", 1, 1, "1 deelnemer · 1 antwoord"),
        ("nl", 2, 0, "2 deelnemers · 0 antwoorden"),
        ("en", 1, 3, "1 participant · 3 answers"),
    ],
)
def test_counts_take_the_singular_for_one(lang, people, answers, shown, monkeypatch):
    """The beamer said "1 deelnemers": a count picks the noun's form ({n:one|other})."""
    monkeypatch.setattr(ui_texts.state, "lang", lambda: lang)
    assert ui_texts.t("projector_counts", people=people, n=answers) == shown


def test_a_warning_of_one_speaks_of_one(monkeypatch):
    """Import warnings come as "code:n" text: "1 cel ... is overgeslagen", not "1 cellen"."""
    monkeypatch.setattr(ui_texts.state, "lang", lambda: "nl")
    assert ui_texts.warning("formula_dropped:1").startswith("1 cel met een spreadsheetformule is")
    assert ui_texts.warning("formula_dropped:3").startswith("3 cellen met")
    monkeypatch.setattr(ui_texts.state, "lang", lambda: "en")
    assert ui_texts.warning("unknown_question:1").startswith("1 row does not say")
