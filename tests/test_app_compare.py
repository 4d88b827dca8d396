"""AppTest: the comparison page (current vs desired) as a facilitator uses it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dna.records import CURRENT, DESIRED, Answer
from tests.sessions import as_facilitator
from ui import texts, texts_compare

APP = "../app.py"
PAGE = "views/compare.py"
TIMEOUT = 60


@pytest.fixture(autouse=True)
def _texts(monkeypatch):
    """The page's texts, until ui/texts.py merges ui/texts_compare.py (then this does nothing)."""
    for table, ours in ((texts.NL, texts_compare.NL), (texts.EN, texts_compare.EN)):
        for key, value in ours.items():
            if key not in table:
                monkeypatch.setitem(table, key, value)


def page(lang: str = "nl", **state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    as_facilitator(at)
    at.session_state["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def lists(at: AppTest) -> dict[str, str]:
    """The three columns: heading -> the markdown list under it."""
    heads = [h.value for h in at.subheader]
    items = [m.value for m in at.markdown if m.value.startswith("- ") or "drempels" in m.value]
    return dict(zip(heads[:3], items[:3], strict=True))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_renders_on_the_sample(lang):
    at = page(lang)
    ours = {"nl": texts_compare.NL, "en": texts_compare.EN}[lang]
    assert at.title[0].value == ours["compare_title"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[ours["compare_participants"]] == "45"
    assert len(at.get("vega_lite_chart")) == 2  # everyone, and the teams side by side
    assert len(at.get("download_button")) == 2


def test_lists_keep_let_go_develop_and_a_higher_threshold_shortens_them():
    at = page()
    before = lists(at)
    assert list(before) == ["Behouden", "Loslaten", "Ontwikkelen"]
    assert "eigenaarschap" in before["Ontwikkelen"] and "wendbaar" in before["Ontwikkelen"]
    assert "hiërarchisch" in before["Loslaten"]
    at.slider(key="compare_min_share_widget").set_value(30).run()
    assert not at.exception, at.exception
    after = lists(at)
    assert "eigenaarschap" in after["Ontwikkelen"] and "wendbaar" not in after["Ontwikkelen"]
    assert after["Ontwikkelen"].count("\n") < before["Ontwikkelen"].count("\n")
    assert "30%" in at.caption[-1].value or any("30%" in c.value for c in at.caption)


def test_thresholds_sit_in_an_expander_that_names_them_and_empty_lists_say_what_to_change():
    at = page()
    assert at.expander[0].label == "Drempels: 10% · 2×"
    rule = next(c.value for c in at.caption if "**Behouden**" in c.value)
    assert "≥ 10%" in rule and "minder dan 2×" in rule
    at.slider(key="compare_min_share_widget").set_value(40).run()
    at.slider(key="compare_lean_widget").set_value(1.5).run()
    assert not at.exception, at.exception
    assert at.expander[0].label == "Drempels: 40% · 1.5×"
    keep = lists(at)["Behouden"]
    assert "Verlaag de ondergrens (40%) of verhoog de factor (1.5×)" in keep


def test_team_panels_note_that_small_teams_rest_on_few_people():
    rows = []
    for team, n in (("Groot", 12), ("Klein", 7)):
        for i in range(n):
            who = f"{team}{i}"
            rows += [Answer(CURRENT, "traag", team, who), Answer(DESIRED, "snel", team, who)]
    at = page(answers=tuple(rows), source="teams.csv")
    assert any("Klein (7 deelnemers)" in c.value and "14%" in c.value for c in at.caption)


def test_the_threshold_survives_a_visit_to_another_page():
    at = page()
    at.slider(key="compare_min_share_widget").set_value(25).run()
    at.switch_page("views/clouds.py").run()
    at.switch_page(PAGE).run()
    assert at.slider(key="compare_min_share_widget").value == 25


def test_teams_side_by_side_name_the_withheld_team():
    rows = []
    for team, n in (("Groot", 6), ("Klein", 3)):
        for i in range(n):
            who = f"{team}{i}"
            rows += [Answer(CURRENT, "traag", team, who), Answer(DESIRED, "snel", team, who)]
    at = page(answers=tuple(rows), source="teams.csv")
    withheld = [i.value for i in at.info if "Klein" in i.value]
    assert withheld and "Groot" not in withheld[0]
    assert len(at.get("vega_lite_chart")) == 2


def test_a_team_below_the_threshold_shows_only_the_warning():
    rows = [
        Answer(q, w, "Klein", f"k{i}")
        for i in range(3)
        for q, w in ((CURRENT, "a"), (DESIRED, "b"))
    ]
    rows += [
        Answer(q, w, "Groot", f"g{i}")
        for i in range(6)
        for q, w in ((CURRENT, "c"), (DESIRED, "d"))
    ]
    at = page(answers=tuple(rows), source="teams.csv", team="Klein")
    assert any("Klein" in w.value and "3" in w.value for w in at.warning)
    assert not at.metric and not at.slider and not at.get("vega_lite_chart")
    assert not at.get("download_button")
