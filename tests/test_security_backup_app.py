"""Security of backups in the app: a backup that crashed pages before is refused, and the
backup the page offers first carries no participant tokens."""

from __future__ import annotations

from pathlib import Path

import pytest

from dna.services import backup
from dna.store import Store
from tests.backups import changed, valid_backup
from tests.test_backup import seed


@pytest.fixture(scope="module")
def valid() -> dict:
    """tests/backups.py's valid backup, made once for this file."""
    return valid_backup()


# -- the app: a backup that crashed pages before --------------------------------------------
def _page(at, page: str):
    at.switch_page(page).run()
    assert not at.exception, (page, at.exception)
    return at


def test_app_a_backup_that_crashed_the_workshops_page_is_refused_and_every_page_renders(valid):
    """Attack: phase "weird" in an uploaded backup crashed the workshops page for every workshop
    (its status label did not exist) and the bad workshop could not be deleted from the UI."""
    from streamlit.testing.v1 import AppTest

    from tests.sessions import as_facilitator
    from ui import texts

    weird = backup.dumps(changed(valid, ("workshop", "phase"), "weird"))
    at = AppTest.from_file("../app.py", default_timeout=60)
    as_facilitator(at)
    at.run()
    _page(at, "views/sheet.py")
    at.file_uploader(key="sheet_restore_file").set_value(("w.json", weird, "application/json"))
    at.run()
    at.button(key="sheet_restore").click().run()
    assert not at.exception, at.exception
    code = valid["workshop"]["code"]
    here = Store()
    restored = here.workshop(code)
    here.engine.dispose()
    if restored is None:  # refused, saying which field
        assert at.error[0].value.startswith(texts.NL["err_backup_invalid"][:25])
        assert "phase" in at.error[0].value  # the field (escaped for Markdown)
    else:
        at.session_state["workshop"] = code
    views = Path(__file__).resolve().parent.parent / "views"
    for page in sorted(f"views/{p.name}" for p in views.glob("*.py")):
        _page(at, page)


def test_app_offers_the_archive_first_and_the_move_with_its_warning(monkeypatch):
    """Attack: the one backup button handed out every participant's token. The archive is
    the default; the move (with tokens) is chosen on purpose, its risk said next to it."""
    from streamlit.elements.widgets.button import ButtonMixin
    from streamlit.testing.v1 import AppTest

    from tests.sessions import as_facilitator
    from ui import texts

    made = {}
    original = ButtonMixin.download_button

    def record(self, label, data, *args, **kwargs):
        if kwargs["key"] == "sheet_dl_json":
            made[kwargs["key"]] = data()
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", record)
    store = Store()
    code = seed(store)
    at = AppTest.from_file("../app.py", default_timeout=60)
    as_facilitator(at)
    at.session_state["workshop"] = code
    at.run()
    _page(at, "views/sheet.py")
    kind = at.radio(key="sheet_backup_kind")
    assert kind.value == "archive" and kind.options[0] == texts.NL["sheet_backup_archive"]
    assert list(kind.proto.captions)[1] == texts.NL["sheet_backup_move_help"]
    doc = backup.loads(made["sheet_dl_json"])
    assert all(p["token"] is None for p in doc["participants"])
    kind.set_value("move").run()
    assert not at.exception, at.exception
    doc = backup.loads(made["sheet_dl_json"])
    assert "tok-anna" in {p["token"] for p in doc["participants"]}
    store.engine.dispose()
