"""Security of backups (issue: backups and the command line), 2 to 4:

2. A backup carried every participant's token: an archive (the default) carries none now.
3. ``python -m dna backup`` and ``python -m dna restore``, with the same checks.
4. The command line had no bound on the number of answers: the importers' bound holds there too.
"""

from __future__ import annotations

import json
import os

import pytest

from dna.intake import cleaning, ingest
from dna.records import CURRENT
from dna.services import backup
from dna.store import Store
from dna.workshop.workshop import prepare
from tests.backups import changed
from tests.test_backup import seed


# -- 2. an archive carries no participant tokens -------------------------------------------
def test_an_archive_lets_nobody_act_as_the_old_participants(store, empty):
    """Attack: whoever had a backup file had every participant's token, linked to their answers
    and ballot, and could overwrite them while the workshop was open (restored, or on the
    server it came from). An archive (the default) holds no tokens; its restore gives every
    participant a fresh random one."""
    code = seed(store)
    doc = backup.backup(store, code)
    assert doc["tokens"] is False and all(p["token"] is None for p in doc["participants"])
    assert '"token": "' not in backup.dumps(doc).decode()
    backup.restore(empty, json.loads(backup.dumps(doc)))
    assert empty.participant_answers(code, "tok-anna") == ({}, None)
    before = empty.status(code).participants
    ws = empty.workshop(code)
    empty.submit(code, "tok-anna", prepare(ws, {CURRENT: ["overschreven"]}, "Zorg"), "s-x")
    assert empty.status(code).participants == before + 1  # a new participant, not anna
    assert "klantgericht" in {a.text for a in empty.answers(code)}  # hers stay
    move = backup.backup(store, code, with_tokens=True)
    assert move["tokens"] is True and "tok-anna" in {p["token"] for p in move["participants"]}


@pytest.fixture
def empty(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'other.db'}")
    yield s
    s.engine.dispose()


# -- 3. backup and restore on the command line ---------------------------------------------
def cli(capsys, *args: str) -> tuple[int, str, str]:
    from dna.cli.main import main

    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_backup_and_restore(tmp_path, monkeypatch, capsys):
    """Backups from the command line: an archive by default, tokens only when asked (and then
    readable by the owner only); a restore into another database, under its code or a new one;
    a taken or invalid code and a backup the app would not make are refused with status 2, one
    line, nothing written."""
    store_path = os.environ["DNA_DB_PATH"]
    store = Store()
    code = seed(store)
    store.engine.dispose()
    archive, move = tmp_path / "archief.json", tmp_path / "verhuizen.json"
    move.write_text("")
    move.chmod(0o644)  # a file that was there before keeps no readable mode for the tokens
    assert cli(capsys, "backup", "--workshop", code, str(archive))[0] == 0
    assert cli(capsys, "backup", "--workshop", code, "--with-tokens", str(move))[0] == 0
    assert b'"token": "tok-anna"' not in archive.read_bytes()
    assert b'"token": "tok-anna"' in move.read_bytes()
    assert move.stat().st_mode & 0o077 == 0
    weird = tmp_path / "weird.json"
    weird.write_text(json.dumps(changed(json.loads(move.read_text()), ("workshop", "phase"), "x")))
    other = tmp_path / "other.db"
    for args, says in [
        (["backup", "--workshop", "NOPE99", str(tmp_path / "x.json")], "NOPE99"),
        (["backup", "--workshop", code, str(tmp_path / "no" / "x.json")], "folder"),
        (["restore", str(weird)], "workshop.phase"),
        (["restore", str(archive), "--code", "../x"], "code"),
        (["restore", str(tmp_path / "nope.json")], "nope.json"),
    ]:
        monkeypatch.setenv("DNA_DB_PATH", str(other if args[0] == "restore" else store_path))
        status, out, err = cli(capsys, *args)
        assert status == 2 and out == "" and len(err.strip().splitlines()) == 1, (args, err)
        assert err.startswith("error: ") and says in err, (args, err)
    assert not other.exists()  # refused before the database was opened
    assert cli(capsys, "restore", str(archive))[:2] == (0, f"{code}\n")
    assert cli(capsys, "restore", str(move), "--code", "nieuw1")[:2] == (0, "NIEUW1\n")
    for args in (["restore", str(archive)], ["restore", str(move), "--code", "NIEUW1"]):
        status, out, err = cli(capsys, *args)
        assert status == 2 and len(err.strip().splitlines()) == 1 and "already" in err
    there = Store()
    assert there.participant_answers("NIEUW1", "tok-anna")[0]  # the move keeps its tokens
    assert there.participant_answers(code, "tok-anna") == ({}, None)  # the archive does not
    assert {w.code for w in there.workshops()} == {code, "NIEUW1"}
    there.engine.dispose()


# -- 4. the importers' bound on answers, also on the command line ---------------------------
def test_the_cli_refuses_more_answers_than_the_upload_page_and_stops_counting_early(
    tmp_path, capsys, monkeypatch
):
    """Attack: a 9.2 MB CSV whose cells split on commas became 2.4 M answers (23.7 s, 1.15 GB)
    in `python -m dna analyse`. The importers now stop at MAX_ANSWERS, with the message the
    upload page gets, before they split the rest."""
    path = tmp_path / "big.csv"
    cell = '"' + ", ".join(["a"] * 1000) + '"'  # a thousand answers
    rows = ingest.MAX_ANSWERS // 2000 + 10  # two cells a row: more than MAX_ANSWERS in all
    path.write_text("Huidig,Gewenst\n" + f"{cell},{cell}\n" * rows)
    parts = 0
    real = cleaning._part

    def counted(part, tally):
        nonlocal parts
        parts += 1
        return real(part, tally)

    monkeypatch.setattr(cleaning, "_part", counted)
    with pytest.raises(ingest.IngestError) as err:  # what the upload page calls
        ingest.load(path.read_bytes(), path.name)
    assert err.value.code == "too_many_answers_total" and parts <= ingest.MAX_ANSWERS + 1
    status, out, cli_err = cli(capsys, "analyse", str(path))
    assert status == 2 and out == "" and cli_err == f"error: {err.value}\n"
    with pytest.raises(ingest.IngestError) as pasted:
        ingest.from_text("\n".join(["a, b"] * ingest.MAX_ANSWERS))
    assert pasted.value.code == "too_many_answers_total"
    from ui.texts import EN, NL

    assert "{max_answers}" in NL["err_too_many_answers_total"] and EN["err_too_many_answers_total"]


@pytest.fixture
def store(app_db):
    s = Store()
    yield s
    s.engine.dispose()
