"""AppTest: the DNA-sheet page: what goes on the sheet, the downloads, restoring a backup."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dna.analysis import compare
from dna.services import backup
from dna.store import Store
from tests.sessions import as_facilitator
from tests.test_app_live import store  # noqa: F401
from tests.test_backup import seed
from ui import texts

APP = "../app.py"
PAGE = "views/sheet.py"
TIMEOUT = 60
DOWNLOADS = ("pdf", "current", "desired", "chart", "xlsx", "csv", "json")


def sheet(code: str | None = None, lang: str = "nl") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    as_facilitator(at)
    at.session_state["lang"] = lang
    if code:
        at.session_state["workshop"] = code
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_shows_the_sheet_and_every_download(store, lang):  # noqa: F811
    code = seed(store)
    at = sheet(code, lang)
    ours = texts.LANGUAGES[lang]
    assert at.title[0].value == ours["sheet_title"]
    text = markdown(at)
    assert text.index("1. Klantgericht") < text.index("2. Eigenaarschap")  # the final order
    assert "Wendbaar" not in text and "Samen voor de klant" in text
    assert "We beloven" in text  # a behaviour
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[ours["sheet_voters"]] == "3" and metrics[ours["sheet_participants"]] == "5"
    buttons = {b.key: b for b in at.get("download_button")}
    assert set(buttons) == {f"sheet_dl_{k}" for k in DOWNLOADS}
    assert not at.warning  # final values are chosen
    assert at.button(key="sheet_restore").disabled  # nothing uploaded yet


def test_without_final_values_a_warning_links_to_voting(store):  # noqa: F811
    code = seed(store)
    store.set_final(code, [])
    at = sheet(code)
    assert "meeste stemmen" in at.warning[0].value
    assert at.get("page_link")[0].proto.page.endswith("stemmen")
    assert "1. Eigenaarschap" in markdown(at)  # the vote's winner stands in


def test_without_a_workshop_it_says_so_and_offers_the_restore(store):  # noqa: F811
    at = sheet()
    assert at.info[0].value == texts.NL["sheet_need_workshop"]
    assert not at.get("download_button") and at.get("file_uploader")


def _backup_file(tmp_path) -> tuple[str, bytes]:
    """A backup made on another server."""
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    code = seed(other)
    data = backup.dumps(backup.backup(other, code))
    other.engine.dispose()
    return code, data


def upload(at: AppTest, data: bytes, name: str = "backup.json") -> AppTest:
    at.file_uploader(key="sheet_restore_file").set_value((name, data, "application/json")).run()
    at.button(key="sheet_restore").click().run()
    assert not at.exception, at.exception
    return at


def test_an_uploaded_backup_becomes_a_workshop_here(store, tmp_path):  # noqa: F811
    code, data = _backup_file(tmp_path)
    at = upload(sheet(), data)
    assert code in at.success[0].value and "Cultuursessie" in at.success[0].value
    assert store.workshop(code).tagline == "Samen voor de klant"
    assert [v.name for v in store.values(code)] == ["Eigenaarschap", "Klantgericht", "Wendbaar"]
    at.button(key="sheet_open").click().run()  # straight to it: the sheet of the restored one
    assert not at.exception, at.exception
    assert "1. Klantgericht" in markdown(at) and len(at.get("download_button")) == 7


def test_wrong_uploads_say_what_is_wrong_and_change_nothing(store, tmp_path):  # noqa: F811
    code, data = _backup_file(tmp_path)
    nl = texts.NL
    at = upload(sheet(), b'{"format": "iets anders"}', "ander.json")
    assert at.error[0].value.startswith(nl["sheet_err_not_a_backup"][:30])
    at = upload(sheet(), data.replace(f'"version": {backup.VERSION}'.encode(), b'"version": 9'))
    assert "9" in at.error[0].value and "nieuwere versie" in at.error[0].value
    at = upload(sheet(), b" " * (backup.MAX_BYTES + 1))
    assert "20 MB" in at.error[0].value
    assert store.workshops() == []
    upload(sheet(), data)
    at = upload(sheet(), data)  # the same one again
    assert code in at.error[0].value and "niets veranderd" in at.error[0].value
    assert len(store.workshops()) == 1


def recorded_downloads(monkeypatch) -> dict:
    """What each download button makes when clicked, by key, filled in as the page runs."""
    from streamlit.elements.widgets.button import ButtonMixin

    made = {}
    original = ButtonMixin.download_button

    def record(self, label, data, *args, **kwargs):
        made[kwargs["key"]] = data() if callable(data) else data
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", record)
    return made


def test_every_download_makes_its_file_when_clicked(store, monkeypatch):  # noqa: F811
    """The files are made only on a click (a callable): here each callable is run as the click
    would, and what it makes is read back."""
    import io
    import zipfile

    from openpyxl import load_workbook
    from PIL import Image
    from pypdf import PdfReader

    made = recorded_downloads(monkeypatch)
    code = seed(store)
    sheet(code)
    pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(made["sheet_dl_pdf"])).pages)
    assert "Klantgericht" in pdf and "Samen voor de klant" in pdf
    for key in ("current", "desired", "chart"):
        with Image.open(io.BytesIO(made[f"sheet_dl_{key}"])) as image:
            assert image.format == "PNG" and image.width >= 900
    assert load_workbook(io.BytesIO(made["sheet_dl_xlsx"])).sheetnames[0] == "Antwoorden"
    assert "waarden.csv" in zipfile.ZipFile(io.BytesIO(made["sheet_dl_csv"])).namelist()
    doc = backup.loads(made["sheet_dl_json"])
    assert doc["workshop"]["code"] == code and len(doc["candidate_values"]) == 4


def test_a_chosen_value_without_meaning_or_behaviours_is_named(store):  # noqa: F811
    code = seed(store)
    from dna.workshop.values import Value

    bare = store.add_value(code, Value("Lef"))
    store.set_final(code, [*store.workshop(code).final, bare])
    at = sheet(code)
    assert any("Nog niet af voor de sheet: Lef" in w.value for w in at.warning)


def test_a_download_made_on_click_needs_the_session_still_open(store, monkeypatch):  # noqa: F811
    """Attack: after "Overal uitloggen", a DNA-sheet tab left open still made fresh exports
    (a backup with every participant's token) when its buttons were clicked."""
    from streamlit.elements.widgets.button import ButtonMixin

    from dna.services import auth

    offered = {}
    original = ButtonMixin.download_button

    def keep(self, label, data, *args, **kwargs):
        offered[kwargs["key"]] = data  # made later, on the click
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", keep)
    sheet(seed(store))
    assert offered["sheet_dl_json"]().startswith(b"{")  # while logged in: made
    auth.close_session(store, None, everywhere=True)
    for make in offered.values():
        with pytest.raises(PermissionError):
            make()


def test_choosing_the_poster_stores_it_and_the_pdf_follows(store, monkeypatch):  # noqa: F811
    """The facilitator picks the poster on A4, a house colour, hides a cloud: stored with the
    workshop, previewed, and the PDF download is that poster."""
    import io

    from pypdf import PdfReader

    made = recorded_downloads(monkeypatch)
    code = seed(store)
    at = sheet(code)
    handout = PdfReader(io.BytesIO(made["sheet_dl_pdf"])).pages[0].mediabox
    assert float(handout.width) < float(handout.height)  # the handout: A4 portrait
    assert at.image[0].proto.imgs[0].url, "a preview of the first page"
    at.radio(key="sheet_layout").set_value("poster").run()
    assert not at.exception, at.exception
    at.radio(key="sheet_paper").set_value("a4").run()
    at.color_picker(key="sheet_colour").set_value("#ffd700").run()
    at.checkbox(key="sheet_show_desired_cloud").uncheck().run()
    assert not at.exception, at.exception
    options = store.sheet(code)
    assert (options.layout, options.paper, options.colour) == ("poster", "a4", "#ffd700")
    assert options.desired_cloud is False and options.current_cloud is True
    assert any("#" in c.value and "4,5:1" in c.value for c in at.caption)  # the darker shade
    reader = PdfReader(io.BytesIO(made["sheet_dl_pdf"]))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Klantgericht" in text and "Samen voor de klant" in text
    assert "Stemmen" not in text and "stippen" not in text  # the poster: nothing else
    again = sheet(code)  # another visit: the choices are the workshop's
    assert again.radio(key="sheet_layout").value == "poster"


def test_a_logo_is_uploaded_refused_or_removed(store):  # noqa: F811
    from tests.test_sheet_options import SVG, png

    code = seed(store)
    at = sheet(code)
    logo = png()
    at.file_uploader(key="sheet_logo_file").set_value(("logo.png", logo, "image/png")).run()
    assert not at.exception, at.exception
    assert store.sheet(code).logo == logo and not at.error
    evil = SVG.replace("</svg>", "<script>alert(1)</script></svg>").encode()
    at.file_uploader(key="sheet_logo_file").set_value(("evil.svg", evil, "image/svg+xml")).run()
    assert "script" in at.error[0].value and "PNG" in at.error[0].value
    assert store.sheet(code).logo == logo  # the refused one changed nothing
    at.button(key="sheet_logo_remove").click().run()
    assert store.sheet(code).logo == b"" and not at.exception


def test_the_sheet_lists_what_the_comparison_page_lists(store, monkeypatch):  # noqa: F811
    """The sheet took the Comparison page's share and lean but not its people threshold, so
    its keep / let go / develop lists and entropy could differ from that page's."""
    from ui import sheet_ui

    rules = []
    data = sheet_ui.data
    monkeypatch.setattr(sheet_ui, "data", lambda *a, **k: rules.append(a[5]) or data(*a, **k))
    code = seed(store)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    as_facilitator(at)
    at.session_state["workshop"] = code
    for key, value in {
        "compare_min_share": 20,
        "compare_lean": 3.0,
        "compare_min_people": 4,
    }.items():
        at.session_state[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception[0].stack_trace
    assert rules and rules[-1] == compare.Thresholds(0.20, 3.0, 4)
