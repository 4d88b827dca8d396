"""UI text: one TOML catalogue per language (ui/locales/ for the app, phone/locales/ for the
participant's page) that parses, the same keys and placeholders in every language, counts in the
right form, every key the code asks for present, and no key the code never asks for."""

from __future__ import annotations

import ast
import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

from ui import texts as ui_texts

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("nl", "en")
LOCALES = {side: ROOT / side / "locales" for side in ("ui", "phone", "web")}
PLACEHOLDER = re.compile(r"{(\w+)(?::[^}|]+\|[^}|]+)?}")  # {n} or a count: {n:one|other}
KEY = re.compile(r"[a-z][a-z0-9_]*")

# Keys the app builds from data instead of writing them out: each template is built in the code
# (as an f-string or "prefix" + value), and a key counts as used when it fits a template and the
# part filled in is a word the code knows (a string literal in app.py, views/, ui/, phone/, web/
# or dna/). A new f"..._{x}" key needs a line here; a template the code stopped building fails.
DYNAMIC = {
    "err_{}": "ui.texts.error(), problem(), ui/restore.py: a dna error's code",
    "warn_{}": "ui.texts.warning(): an import warning's code",
    "fmt_{}": "ui.texts.describe(): how the import was read",
    "col_{}": "views/upload.py: the column picker of each question",
    "download_{}": "views/clouds.py: the growing cloud's files",
    "hidden_{}": "ui/moderation.py: why an answer is hidden",
    "suggest_{}": "ui/edits.py: why a merge is suggested",
    "edit_{}": "ui/edits.py: an override's kind",
    "tag_{}": "ui/tags_ui.py, ui/edits.py, ui/compare_ui.py: a group's tag",
    "compare_{}": "the comparison's categories (keep, let go, develop, other)",
    "compare_none_{}": "ui/compare_ui.py: an empty category",
    "compare_chart_{}": "views/compare.py, views/sheet.py: dna.output.chart.LABELS",
    "compare_col_{}": "ui/compare_ui.py: the CSV's columns",
    "compare_download_{}": "views/compare.py: the downloads",
    "values_{}": "ui/value_cards.py: a card's buttons",
    "values_aim_{}": "ui/sheet_ui.py, ui/value_cards.py: a value's aim",
    "{}_hints": "ui/values_ui.py: saved or added, with hints",
    "vote_view_{}": "ui/beamer.py: what the beamer shows while voting",
    "ws_status_{}": "views/workshops.py: the workshop's phase",
    "ws_phase_{}": "views/workshops.py: the workshop's phase",
    "sheet_dl_{}": "views/sheet.py: the downloads",
    "sheet_err_{}": "ui/restore.py: a backup's error code",
    "sheet_backup_{}": "ui/restore.py: the kind of backup",
    "sheet_backup_{}_help": "ui/restore.py: the kind of backup",
    "sheet_layout_{}": "ui/sheet_ui.py: dna.workshop.sheetoptions.LAYOUTS",
    "sheet_paper_{}": "ui/sheet_ui.py: dna.workshop.sheetoptions.PAPERS",
    "sheet_show_{}": "ui/sheet_ui.py: dna.workshop.sheetoptions.SHOWS",
    "sheet_left_off_{}": "ui/sheet_ui.py: what the poster leaves to the handout",
    "stage_{}": "ui/regie.py, ui/scenes.py: the workshop's stages",
    "stage_{}_hint": "ui/regie.py: the workshop's stages",
    "stage_link_{}": "ui/regie.py: a page's name (views/<name>.py)",
}
PHONE_DYNAMIC = {
    "err_{}": "phone.js problem(): the API's error code",
    "pwarn_{}": "phone.js: a warning on saved answers",
}


def catalogue(side: str, lang: str) -> dict:
    """A language's catalogue as a translator left it; a key written twice does not parse."""
    return tomllib.loads((LOCALES[side] / f"{lang}.toml").read_text(encoding="utf-8"))


def forms(value: str | dict) -> list[str]:
    """A text, or a phone text's count forms {one, other}."""
    return list(value.values()) if isinstance(value, dict) else [value]


@cache  # parsed once for the tests that read it
def python_code() -> dict[Path, ast.Module]:
    folders = ("views", "ui", "phone", "web")
    files = [ROOT / "app.py", *(f for d in folders for f in sorted((ROOT / d).rglob("*.py")))]
    return {f: ast.parse(f.read_text(encoding="utf-8")) for f in files}


@cache
def dna_strings() -> frozenset[str]:
    """Every string literal of the domain: keys the UI builds from dna's codes."""
    files = (ROOT / "dna").rglob("*.py")
    return frozenset(strings(ast.parse(f.read_text(encoding="utf-8")) for f in files))


def strings(trees) -> set[str]:
    return {
        n.value
        for tree in trees
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def template(node: ast.AST) -> str | None:
    """f"tag_{x}" or "tag_" + x as "tag_{}"; None for anything else."""
    if isinstance(node, ast.JoinedStr):
        parts = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        sides = [getattr(x, "value", None) for x in (node.left, node.right)]
        parts = [x if isinstance(x, str) else "{}" for x in sides]
    else:
        return None
    text = "".join(parts)
    return text if text.count("{}") == 1 and text != "{}" else None


def fits(key: str, templates, words: set[str]) -> bool:
    for form in templates:
        head, tail = form.split("{}")
        if key.startswith(head) and key.endswith(tail) and len(key) > len(head) + len(tail):
            if key[len(head) : len(key) - len(tail)] in words:
                return True
    return False


def t_keys(tree: ast.Module) -> tuple[set[str], set[str]]:
    """The keys of t("key") and t("a" if x else "b") calls, and the templates of t(f"..{x}")."""
    literal, built = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
            arg = node.args[0]
            options = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
            for o in options:
                if isinstance(o, ast.Constant) and isinstance(o.value, str):
                    literal.add(o.value)
                elif form := template(o):
                    built.add(form)
    return literal, built


# -- the catalogues ----------------------------------------------------------------------------
@pytest.mark.parametrize("side", LOCALES)
def test_each_language_is_one_catalogue_that_parses(side):
    assert sorted(p.stem for p in LOCALES[side].glob("*.toml")) == sorted(LANGS)
    for lang in LANGS:
        for key, value in catalogue(side, lang).items():  # flat: no [sections], no dotted keys
            assert KEY.fullmatch(key), (lang, key)
            if side == "phone" and isinstance(value, dict):
                assert set(value) == {"one", "other"}, (lang, key)
            assert all(isinstance(text, str) and text for text in forms(value)), (lang, key)


def test_a_key_written_twice_is_refused_when_read():
    """What the old test checked by hand (one dict silently kept the last): TOML refuses it."""
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads('title = "Woordwolken"\ntitle = "Word clouds"\n')


def test_the_app_reads_the_catalogues_once_dutch_first():
    assert list(ui_texts.LANGUAGES) == list(LANGS)
    assert ui_texts.NL == catalogue("ui", "nl") and ui_texts.EN == catalogue("ui", "en")
    with pytest.raises(TypeError):  # shared by every session: read only
        ui_texts.NL["title"] = "changed"  # type: ignore[index]


@pytest.mark.parametrize("side", LOCALES)
def test_both_languages_have_the_same_keys_and_placeholders(side):
    nl, en = catalogue(side, "nl"), catalogue(side, "en")
    assert nl.keys() == en.keys()
    for key in nl:
        found = [
            {m for text in forms(table[key]) for m in PLACEHOLDER.findall(text)}
            for table in (nl, en)
        ]
        assert found[0] == found[1], key


# -- the code and the catalogues ----------------------------------------------------------------
def test_every_key_the_app_asks_for_exists_and_every_key_is_asked_for():
    trees = python_code()
    nl = catalogue("ui", "nl")
    asked, built = set(), set()
    for tree in trees.values():
        literal, forms_ = t_keys(tree)
        asked |= literal
        built |= forms_
    assert sorted(asked - nl.keys()) == [], "t() asks for keys the catalogue does not have"
    assert sorted(built - DYNAMIC.keys()) == [], "t(f'...') builds keys DYNAMIC does not list"

    everywhere = {t for tree in trees.values() for n in ast.walk(tree) if (t := template(n))}
    assert sorted(DYNAMIC.keys() - everywhere) == [], "DYNAMIC lists templates no code builds"

    known = strings(trees.values())
    dna = dna_strings()
    pages = {Path(s).stem for s in known if s.startswith("views/") and s.endswith(".py")}
    words = known | dna | pages
    unused = [k for k in nl if k not in known and not fits(k, DYNAMIC, words)]
    assert unused == [], "keys no code uses: delete them from ui/locales/*.toml"
    for form in DYNAMIC:  # every template still names a key
        assert any(fits(k, [form], words) for k in nl), form


def test_every_key_the_phone_asks_for_exists_and_every_key_is_asked_for():
    script = (ROOT / "phone" / "static" / "phone.js").read_text(encoding="utf-8")
    page = (ROOT / "phone" / "page.html").read_text(encoding="utf-8")
    nl = catalogue("phone", "nl")
    asked = set(re.findall(r"\bt\('(\w+)'\s*[,)]", script)) | set(re.findall(r"\$t_(\w+)", page))
    assert sorted(asked - nl.keys()) == []
    built = {f"{head}{{}}" for head in re.findall(r"'(\w+_)' \+", script)}  # 'err_' + code
    assert sorted(PHONE_DYNAMIC.keys() - built) == [], (
        "PHONE_DYNAMIC lists what phone.js no longer builds"
    )

    named = set(re.findall(r"'(\w+)'", script)) | set(re.findall(r"\bT\.(\w+)", script))
    words = named | strings(python_code().values())
    words |= dna_strings()
    unused = [k for k in nl if k not in named | asked and not fits(k, PHONE_DYNAMIC, words)]
    assert unused == [], "keys the phone never shows: delete them from phone/locales/*.toml"


# -- counts ------------------------------------------------------------------------------------
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


def test_every_key_the_login_page_asks_for_exists_and_every_key_is_asked_for():
    """web/: the login page our own route serves; access.py reads text["key"], login.html {key}."""
    code = (ROOT / "web" / "access.py").read_text(encoding="utf-8")
    html = (ROOT / "web" / "login.html").read_text(encoding="utf-8")
    nl = catalogue("web", "nl")
    asked = set(re.findall(r'text\["(\w+)"\]', code)) | set(re.findall(r"(?<!{){(\w+)}", html))
    filled = set(re.findall(r"^\s+(\w+)=", code, re.M))  # PAGE.format(lang=..., next=...)
    assert sorted(asked - nl.keys() - filled) == []
    assert sorted(nl.keys() - asked) == [], "keys the login page never shows"
