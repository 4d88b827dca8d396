"""The CLI contract: python -m dna analyse, in a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dna", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_analyse_writes_the_json_contract_and_two_pngs(tmp_path):
    out = tmp_path / "out.json"
    proc = run(
        "analyse",
        str(SAMPLES / "voorbeeld-workshop.csv"),
        "--json",
        str(out),
        "--png-dir",
        str(tmp_path / "png"),
        "--chart-png",
        str(tmp_path / "png" / "vergelijking.png"),
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert "lookup lemmatizer" in doc["pipeline"] or "nl_core_news_sm" in doc["pipeline"]
    for question in ("current", "desired"):
        q = doc["questions"][question]
        assert q["answers"] > 100
        assert sum(g["count"] for g in q["groups"]) == q["answers"]
        for g in q["groups"]:
            assert set(g) >= {"label", "count", "variants", "hidden"}
            assert sum(g["variants"].values()) == g["count"]
        with Image.open(tmp_path / "png" / f"{question}.png") as img:
            assert img.size == (1600, 900)
    with Image.open(tmp_path / "png" / "vergelijking.png") as img:
        assert img.format == "PNG" and img.size[0] > 1000
    labels = {g["label"] for g in doc["questions"]["current"]["groups"]}
    assert "hiërarchisch" in labels
    comparison = doc["comparison"]
    assert comparison["participants"] == 45
    develop = [r["label"] for r in comparison["rows"] if r["category"] == "develop"]
    assert "eigenaarschap" in develop  # named by most for the desired culture, hardly now
    shifts = [r["shift"] for r in comparison["rows"]]
    assert shifts == sorted(shifts, reverse=True)
    top = doc["questions"]["current"]["groups"][0]
    assert top["count"] >= doc["questions"]["current"]["groups"][1]["count"]


def test_explicit_columns_override_detection(tmp_path):
    csv = tmp_path / "x.csv"
    csv.write_text("Naam,A,B\nAnna,open,vertrouwen\nBen,Open!,snel\n", encoding="utf-8")
    proc = run("analyse", str(csv), "--current", "A", "--desired", "B")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["questions"]["current"]["groups"] == [
        {
            "label": "open",
            "count": 2,
            "people": 2,
            "variants": {"Open!": 1, "open": 1},
            "key": "open",
            "hidden": False,
            "tag": "kracht",  # issue 16: every group carries its tag
        }
    ]
    assert doc["questions"]["desired"]["answers"] == 2


def test_analyse_json_has_tags_entropy_and_the_five_categories(tmp_path):
    """The contract of issue 16: each group a "tag", each question an "entropy" of two shares,
    each comparison row a "category" of five; a strength never under let_go."""
    csv = tmp_path / "kamer.csv"
    rows = ["Naam,Team,Nu,Straks"]
    for i in range(10):
        now = [
            "hiërarchisch",
            "betrokken" if i < 5 else "regels",
            "geen vertrouwen" if i < 2 else "",
        ]
        later = ["vertrouwen", "betrokken" if i < 2 else "eigenaarschap"]
        rows.append(f'p{i},{"AB"[i % 2]},"{", ".join(w for w in now if w)}","{", ".join(later)}"')
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    proc = run("analyse", str(csv), "--current", "Nu", "--desired", "Straks", "--team", "Team")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    for q in doc["questions"].values():
        assert set(q["entropy"]) == {"answers", "people"}
        assert all(0 <= share <= 1 for share in q["entropy"].values())
        assert all(g["tag"] in ("kracht", "beperkend", "neutraal") for g in q["groups"])
    tags = {g["label"]: g["tag"] for g in doc["questions"]["current"]["groups"]}
    assert tags["hiërarchisch"] == "beperkend" and tags["betrokken"] == "kracht"
    assert tags["geen vertrouwen"] == "beperkend" and tags["regels"] == "neutraal"
    # now: 10 + 5 + 5 + 2 = 22 answers, 12 limiting (hiërarchisch 10, geen vertrouwen 2)
    assert doc["questions"]["current"]["entropy"] == {"answers": round(12 / 22, 4), "people": 1.0}
    assert doc["questions"]["desired"]["entropy"] == {"answers": 0.0, "people": 0.0}
    rows = {r["label"]: r for r in doc["comparison"]["rows"]}
    assert {r["category"] for r in rows.values()} <= {
        "keep", "let_go", "develop", "strength_less", "other"
    }  # fmt: skip
    assert rows["betrokken"]["category"] == "strength_less"  # 50% -> 20%: not let go
    assert rows["hiërarchisch"]["category"] == "let_go"
    assert rows["eigenaarschap"]["category"] == "develop"
    assert rows["regels"]["category"] == "other"  # untagged, named only now
    assert all(r["category"] != "let_go" for r in rows.values() if r["tag"] == "kracht")
    assert doc["comparison"]["thresholds"]["min_people"] == 2
    assert set(doc["entropy"]["teams"]) == {"A", "B"}  # five each: shown apart


def test_bad_input_exits_2_with_one_line(tmp_path):
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    undecided = tmp_path / "half.csv"  # only one side could be decided: never analyse half
    undecided.write_text("Gewenste cultuur,Cultuur nu en straks,Wat zou je nu willen?\nrust,x,y\n")
    for args in (
        ["analyse", str(empty)],
        ["analyse", str(tmp_path / "nope.csv")],
        ["analyse", str(SAMPLES / "google-forms.csv"), "--current", "Bestaat niet"],
        ["analyse", str(undecided)],
    ):
        proc = run(*args)
        assert proc.returncode == 2
        assert proc.stdout == ""
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr


def test_first_start_prints_a_password_once_and_stores_only_its_hash(app_db, monkeypatch):
    import re

    from dna.services import auth
    from dna.store import Store, database_url

    monkeypatch.delenv("DNA_ADMIN_PASSWORD")
    first = run("password")
    assert first.returncode == 0, first.stderr
    (password,) = re.findall(r"^\s+(\S{4}-\S{4}-\S{4}-\S{4}-\S{4})$", first.stderr, re.M)
    assert run("password").stderr == ""  # shown once: a second start prints nothing
    store = Store(database_url())
    stored = store.setting(auth.HASH_KEY)
    assert password not in stored and auth.matches(password, stored)

    again = run("password", "--reset")
    (new,) = re.findall(r"^\s+(\S{4}-\S{4}-\S{4}-\S{4}-\S{4})$", again.stderr, re.M)
    assert new != password and auth.matches(new, store.setting(auth.HASH_KEY))
    assert not auth.matches(password, store.setting(auth.HASH_KEY))


def test_a_configured_password_is_never_replaced(app_db):
    from dna.services import auth
    from dna.store import Store, database_url

    proc = run("password")  # DNA_ADMIN_PASSWORD is set by the test fixture
    assert proc.returncode == 0 and proc.stderr == ""
    assert Store(database_url()).setting(auth.HASH_KEY) is None


def _stored_workshop() -> str:
    """A workshop in the app's database (DNA_DB_PATH, set per test) with answers and one merge."""
    from dna.records import CURRENT, DESIRED, Answer
    from dna.store import Store

    store = Store()
    code = store.new_workshop("CLI", "Org", ("nu", "straks"), 4).code
    rows = [Answer(CURRENT, t, None, f"r{i}") for i, t in enumerate(["klantgericht", "traag"])]
    rows.append(Answer(DESIRED, "klantvriendelijk", None, "r0"))
    store.add_import(code, "k1", "test.csv", rows)
    store.add_override(
        code,
        "merge",
        {"keys": ["klantgericht", "klantvriendelijk"], "into": "klantgericht", "label": "klant"},
    )
    store.engine.dispose()
    return code


def test_analyse_a_stored_workshop_applies_its_edits():
    code = _stored_workshop()
    proc = run("analyse", "--workshop", code)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["source"] == {"workshop": code, "overrides": 1}
    desired = doc["questions"]["desired"]["groups"]
    assert [(g["label"], g["count"]) for g in desired] == [("klant", 1)]
    labels = {g["label"] for g in doc["questions"]["current"]["groups"]}
    assert labels == {"klant", "traag"}


def test_analyse_a_file_with_a_workshops_edits(tmp_path):
    code = _stored_workshop()
    csv = tmp_path / "x.csv"
    csv.write_text(
        "Nu,Straks\nklantvriendelijk,Klantgericht!\nklantgericht,open\n", encoding="utf-8"
    )
    args = ("analyse", str(csv), "--current", "Nu", "--desired", "Straks")
    plain = json.loads(run(*args).stdout)
    assert len(plain["questions"]["current"]["groups"]) == 2  # two groups without the edit
    proc = run(*args, "--workshop", code)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["source"]["overrides"] == 1 and doc["source"]["current_columns"] == ["Nu"]
    current = doc["questions"]["current"]["groups"]
    assert [(g["label"], g["count"]) for g in current] == [("klant", 2)]


def test_analyse_unknown_workshop_or_nothing_is_a_clear_error():
    for args in (["analyse", "--workshop", "NOPE99"], ["analyse"]):
        proc = run(*args)
        assert proc.returncode == 2
        assert proc.stderr.startswith("error: ") and len(proc.stderr.strip().splitlines()) == 1
        assert "NOPE99" in proc.stderr or "--workshop" in proc.stderr


def _seeded_workshop() -> str:
    """The backup tests' workshop, in the app's database (DNA_DB_PATH, set per test)."""
    from dna.store import Store
    from tests.test_backup import seed

    store = Store()
    code = seed(store)
    store.engine.dispose()
    return code


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_sheet_of_a_stored_workshop_writes_the_pdf_and_the_workbook(tmp_path):
    from openpyxl import load_workbook

    code = _seeded_workshop()
    pdf, xlsx = tmp_path / "dna.pdf", tmp_path / "dna.xlsx"
    proc = run("sheet", "--workshop", code, "--pdf", str(pdf), "--xlsx", str(xlsx))
    assert proc.returncode == 0, proc.stderr
    text = _pdf_text(pdf)
    assert "Klantgericht" in text and "Eigenaarschap" in text and "ONZE WAARDEN" in text.upper()
    assert "Samen voor de klant" in text and "Wendbaar" in text  # in the vote bars
    assert text.index("Klantgericht") < text.index("Eigenaarschap")  # the final order
    assert load_workbook(xlsx).sheetnames[0] == "Antwoorden"


def test_sheet_of_a_backup_file_needs_no_database(tmp_path, app_db):
    from dna.services import backup
    from dna.store import Store

    code = _seeded_workshop()
    store = Store()
    path = tmp_path / "backup.json"
    path.write_bytes(backup.dumps(backup.backup(store, code)))
    store.delete_workshop(code)  # the file alone makes the sheet
    store.engine.dispose()
    pdf = tmp_path / "en.pdf"
    proc = run("sheet", str(path), "--pdf", str(pdf), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    text = _pdf_text(pdf)
    assert "Klantgericht" in text and "Our values" in text.title().replace(
        "Our Values", "Our values"
    )
    assert Store().workshop(code) is None  # nothing was written to the database


def test_sheet_layout_and_paper_from_the_workshop_or_the_flags(tmp_path):
    """The workshop's stored choice (the poster on A3) is the default; --layout and --paper
    win. Page sizes in pt: A3 landscape 1191 x 842, A4 landscape 842 x 595, A4 595 x 842."""
    from pypdf import PdfReader

    from dna.output.sheet import SheetOptions
    from dna.store import Store

    code = _seeded_workshop()
    store = Store()
    store.set_sheet(code, SheetOptions(layout="poster", paper="a3"))
    store.engine.dispose()
    sizes = {}
    for name, flags in (("stored", ()), ("a4", ("--paper", "a4")),
                        ("handout", ("--layout", "handout"))):  # fmt: skip
        pdf = tmp_path / f"{name}.pdf"
        proc = run("sheet", "--workshop", code, "--pdf", str(pdf), *flags)
        assert proc.returncode == 0, proc.stderr
        box = PdfReader(pdf).pages[0].mediabox
        sizes[name] = (round(float(box.width)), round(float(box.height)))
    assert sizes == {"stored": (1191, 842), "a4": (842, 595), "handout": (595, 842)}
    assert "ONZE WAARDEN" in _pdf_text(tmp_path / "handout.pdf").upper()
    assert "ONZE WAARDEN" not in _pdf_text(tmp_path / "a4.pdf").upper()  # the poster's own


def test_sheet_errors_exit_2_with_one_line(tmp_path, capsys):
    """In process (main), as a subprocess would run it: the errors come before any work."""
    from dna.cli.main import main

    code = _seeded_workshop()
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"format": "something-else"}', encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    out = str(tmp_path / "x.pdf")
    cases = [
        (["sheet", "--workshop", "NOPE99", "--pdf", out], "NOPE99"),
        (["sheet", "--pdf", out], "--workshop"),
        (["sheet", str(wrong), "--workshop", code, "--pdf", out], "--workshop"),
        (["sheet", str(tmp_path / "nope.json"), "--pdf", out], "nope.json"),
        (["sheet", str(wrong), "--pdf", out], "not a Cultuur-DNA backup"),
        (["sheet", str(broken), "--pdf", out], "not JSON"),
        (["sheet", "--workshop", code, "--pdf", str(tmp_path / "no" / "x.pdf")], "no folder"),
        (["sheet", "--workshop", code, "--pdf", str(tmp_path)], "is a folder"),
    ]
    for args, says in cases:
        assert main(args) == 2, args
        out, err = capsys.readouterr()
        lines = err.strip().splitlines()
        assert out == "" and len(lines) == 1, lines
        assert lines[0].startswith("error: ") and says in lines[0], lines
    assert run("sheet", "--workshop", "NOPE99", "--pdf", str(tmp_path / "y.pdf")).returncode == 2


def test_replay_writes_the_frames_gifs_and_layouts(tmp_path):
    csv = tmp_path / "room.csv"
    csv.write_text(
        'Naam,Nu,Straks\nAnna,open,vertrouwen\nBen,"Open!, traag",snel\nCor,hiërarchisch,lef\n',
        encoding="utf-8",
    )
    out = tmp_path / "replay"
    proc = run(
        "replay",
        str(csv),
        "--current",
        "Nu",
        "--desired",
        "Straks",
        "--out",
        str(out),
        "--step",
        "2",
        "--gif",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and proc.stderr == ""
    # 7 answers in the file's order, 2 a frame: 4 frames of each cloud
    names = sorted(p.name for p in out.iterdir())
    frames = [f"{q}-{i:04d}.png" for q in ("current", "desired") for i in range(1, 5)]
    assert names == sorted([*frames, "current.gif", "desired.gif", "layout.json"])
    with Image.open(out / "current-0004.png") as img:
        assert img.format == "PNG" and img.size == (1600, 900)
    with Image.open(out / "desired.gif") as gif:
        assert gif.size == (1600, 900) and 1 <= gif.n_frames <= 4
    doc = json.loads((out / "layout.json").read_text(encoding="utf-8"))
    assert set(doc) == {"current", "desired"}
    for frames in doc.values():
        assert [f["frame"] for f in frames] == [1, 2, 3, 4]
        assert [f["answers"] for f in frames] == [2, 4, 6, 7]
        for frame in frames:
            for box in frame["words"].values():
                assert set(box) == {"x", "y", "w", "h", "vertical"}
                assert 0 <= box["x"] < box["x"] + box["w"] <= 1600
                assert 0 <= box["y"] < box["y"] + box["h"] <= 900
    first, last = doc["current"][0]["words"], doc["current"][-1]["words"]
    assert list(first) == ["open"] and set(last) == {"open", "traag", "hiërarchisch"}
    assert set(doc["desired"][-1]["words"]) == {"vertrouwen", "snel", "lef"}


def test_replay_refuses_bad_input_with_one_line(tmp_path):
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("x", encoding="utf-8")
    sample = str(SAMPLES / "voorbeeld-workshop.csv")
    for args, says in (
        (["replay", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o")], "nope.csv"),
        (["replay", str(empty), "--out", str(tmp_path / "o")], "leeg.csv"),
        (["replay", sample, "--out", str(in_the_way)], "a-file"),
    ):
        proc = run(*args)
        assert proc.returncode == 2 and proc.stdout == ""
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], lines
    assert not (tmp_path / "o").exists()
    assert run("replay", sample, "--out", str(tmp_path / "o"), "--step", "0").returncode == 2
