"""AppTest: the pages as a facilitator uses them, in one Streamlit process."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dna.records import CURRENT, DESIRED
from tests.sessions import as_facilitator

APP = "../app.py"  # AppTest resolves paths against this file
SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
TIMEOUT = 60


def app() -> AppTest:
    """The app as a logged-in facilitator sees it, on the clouds page."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    as_facilitator(at)
    at.run()
    at.switch_page("views/clouds.py").run()
    assert not at.exception, at.exception
    return at


def upload_page() -> AppTest:
    at = app()
    at.switch_page("views/upload.py").run()
    assert not at.exception, at.exception
    return at


PAGES = sorted(
    str(p.relative_to(SAMPLES.parent.parent))
    for p in (SAMPLES.parent.parent / "views").glob("*.py")
)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_renders(page, lang):
    at = app()
    at.session_state["lang"] = lang
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.title or "projector" in page  # the beamer has its own full-screen header
    assert at.title or at.info[0].value  # without a workshop: says what to do


def test_opens_on_the_sample_workshop_with_two_clouds_and_groups():
    at = app()
    assert "voorbeeldworkshop" in at.info[0].value
    assert len(at.image) == 2  # current and desired
    assert len(at.dataframe) == 2  # the groups of each question
    current = at.dataframe[0].value
    assert len(current) > 10
    assert current["Aantal"].is_monotonic_decreasing  # most frequent word first
    variants = " ".join(current["Zo geschreven"])
    assert "(" in variants  # every word lists the answers behind it with counts
    assert "spacy.blank('nl')" in at.caption[-1].value or "nl_core_news_sm" in at.caption[-1].value


def test_english_ui():
    at = app()
    at.session_state["lang"] = "en"
    at.run()
    assert at.title[0].value == "Word clouds"
    assert "sample workshop" in at.info[0].value


def test_upload_a_google_forms_export_then_see_its_clouds():
    at = upload_page()
    data = (SAMPLES / "google-forms.csv").read_bytes()
    at.file_uploader(key="upload_file").set_value(("google-forms.csv", data, "text/csv")).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert "deelnemers" in at.info[0].value
    at.button[0].click().run()
    assert "antwoorden staan klaar" in at.success[0].value
    answers = at.session_state["answers"]
    assert {a.question for a in answers} == {CURRENT, DESIRED}
    at.switch_page("views/clouds.py").run()
    assert not at.exception
    assert r"google\-forms\.csv" in at.success[0].value  # a file name is shown as plain text
    assert len(at.image) == 2
    total = sum(at.dataframe[0].value["Aantal"])
    assert total == sum(a.question == CURRENT for a in answers)


def test_bad_upload_gets_a_clear_message_and_keeps_the_chosen_answers():
    at = upload_page()
    at.text_area(key="paste_current").input("open\ntraag").run()  # answers chosen earlier
    at.button(key="upload_use_geplakte tekst").click().run()
    at.file_uploader(key="upload_file").set_value(("leeg.csv", b"", "text/csv")).run()
    assert not at.exception
    assert "leeg" in at.error[0].value
    at.file_uploader(key="upload_file").set_value(
        ("rommel.csv", bytes(range(256)) * 40, "text/csv")
    )
    at.run()
    assert "geen tabel" in at.error[0].value
    png = b"\x89PNG\r\n\x1a\n" + bytes(200)
    at.file_uploader(key="upload_file").set_value(("foto.png", png, "image/png")).run()
    assert "geen tabel" in at.error[0].value  # our Dutch message, not the widget's English one
    assert at.session_state["source"] == "geplakte tekst"  # the bad uploads changed nothing
    assert [a.text for a in at.session_state["answers"]] == ["open", "traag"]


def test_choosing_columns_by_hand_when_headers_say_nothing():
    at = upload_page()
    data = b"Naam,Woorden A,Woorden B\nAnna,open; eerlijk,vertrouwen\nBen,traag,snel\n"
    at.file_uploader(key="upload_file").set_value(("raar.csv", data, "text/csv")).run()
    assert "Geen kolommen met antwoorden" in at.error[0].value
    assert "Woorden A" in at.error[0].value  # the message names what it found
    current, desired = at.multiselect  # the column choice opens by itself on this error
    assert current.label == "Huidige cultuur" and desired.label == "Gewenste cultuur"
    current.set_value(["Woorden A"]).run()
    at.multiselect[1].set_value(["Woorden B"]).run()
    assert not at.error
    at.button[0].click().run()
    answers = at.session_state["answers"]
    assert [a.text for a in answers if a.question == CURRENT] == ["open", "eerlijk", "traag"]


def test_paste_answers():
    at = upload_page()
    at.text_area(key="paste_current").input("Hiërarchisch\nhierarchisch\nstroperig").run()
    at.text_area(key="paste_desired").input("eigenaarschap, vertrouwen").run()
    assert not at.exception
    assert at.info[0].value.startswith("3 antwoorden huidige cultuur, 2 antwoorden")
    at.button[0].click().run()
    at.switch_page("views/clouds.py").run()
    words = list(at.dataframe[0].value["Woord"])
    assert words[0] == "hiërarchisch" and at.dataframe[0].value["Aantal"][0] == 2


def test_back_to_the_sample_after_using_own_answers():
    at = upload_page()
    at.text_area(key="paste_current").input("open\ntraag").run()
    at.button(key="upload_use_geplakte tekst").click().run()
    at.run()  # the next visit to the page says what is in use
    assert "In gebruik: geplakte tekst (2 antwoorden)" in at.caption[0].value
    at.button(key="upload_reset").click().run()
    assert "answers" not in at.session_state
    at.switch_page("views/clouds.py").run()
    assert "voorbeeldworkshop" in at.info[0].value


def test_language_comes_from_the_url_so_a_reload_keeps_it():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    as_facilitator(at)
    at.run()
    at.switch_page("views/clouds.py").run()
    assert at.title[0].value == "Word clouds"
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"


def test_workbook_whose_answers_are_on_a_later_sheet():
    """The sheet picker shows the sheet that was read, so using the answers reads it again."""
    at = upload_page()
    data = (Path(__file__).parent / "data" / "ingest" / "ms-forms.xlsx").read_bytes()
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.file_uploader(key="upload_file").set_value(("ms-forms.xlsx", data, mime)).run()
    assert not at.error
    sheet = at.selectbox[0]
    assert sheet.label == "Tabblad" and sheet.value != sheet.options[0]
    at.button(key="upload_use_ms-forms.xlsx").click().run()
    assert not at.error, [e.value for e in at.error]
    assert "antwoorden staan klaar" in at.success[0].value


def test_the_technical_part_is_folded_away_in_the_users_language():
    """The pipeline footer ("... + project rules") and "Download analyse (JSON)" sat on the
    clouds page for everyone to read."""
    at = app()
    (about,) = [e for e in at.expander if e.label == "Over deze analyse"]
    (download,) = about.get("download_button")
    assert download.proto.label == "Download analyse (JSON)"
    assert len([b for b in at.get("download_button") if "JSON" in b.proto.label]) == 1
    footer = about.caption[0].value
    assert (
        footer.startswith("Taalverwerking: ") and "woordlijsten en regels van dit project" in footer
    )
    assert "project rules" not in footer
    at.session_state["lang"] = "en"
    at.run()
    (about,) = [e for e in at.expander if e.label == "About this analysis"]
    assert "this project's word lists and rules" in about.caption[0].value


def test_workshop_dates_and_forms_speak_the_users_language():
    """The workshops table said "6 Dec 2026" where the rest says "6 december 2026"; forms said
    "Press Ctrl+Enter to submit form"."""
    from dna.output.sheet import format_date
    from dna.store import Store

    store = Store()
    try:
        ws = store.new_workshop("Heidag", "Org", ("Nu?", "Straks?"), 4, [])
    finally:
        store.engine.dispose()
    at = app()
    at.session_state["workshop"] = ws.code
    at.switch_page("views/workshops.py").run()
    assert not at.exception, at.exception
    (created,) = at.dataframe[0].value["Aangemaakt"]
    local = ws.created.astimezone()
    assert created == f"{format_date(local.date(), 'nl')}, {local:%H:%M}"  # "7 december 2026"
    forms = list(at.form)
    at.switch_page("views/values.py").run()
    assert not at.exception, at.exception
    forms += list(at.form)
    assert len(forms) == 3  # a new workshop; a value from groups, by hand
    assert not any(f.proto.form.enter_to_submit for f in forms)
    at.session_state["lang"] = "en"
    at.switch_page("views/workshops.py").run()
    (created,) = at.dataframe[0].value["Created"]
    assert created.startswith(format_date(local.date(), "en"))
