"""The presenter's phases (dna.workshop.stages): their order, the beamer's scene, the phase
to open on."""

from __future__ import annotations

import pytest

from dna.workshop import stages
from dna.workshop.workshop import WorkshopError


def test_the_phases_run_in_the_methods_order():
    assert stages.STAGES == ("collect", "clouds", "compare", "values", "vote", "dna")
    walked, at = [], stages.COLLECT
    while at:
        walked.append(at)
        at = stages.following(at)
    assert walked == list(stages.STAGES)


@pytest.mark.parametrize(
    ("view", "stage", "voting", "scene"),
    [
        ("auto", "compare", "none", "compare"),  # the beamer follows the presenter
        ("auto", "dna", "closed", "dna"),
        ("auto", "clouds", "open", "clouds"),  # the presenter went back to the clouds
        ("auto", None, "none", "clouds"),  # no phase chosen: as before the presenter page
        ("auto", None, "open", "vote"),
        ("clouds", "vote", "open", "clouds"),  # a beamer fixed on the clouds stays there
        ("votes", "collect", "none", "vote"),
    ],
)
def test_what_a_beamer_shows(view, stage, voting, scene):
    assert stages.scene(view, stage, voting) == scene


@pytest.mark.parametrize(
    ("stored", "voting", "final", "values", "answers", "opens"),
    [
        ("compare", "open", (), 3, 40, "compare"),  # a stored phase wins
        (None, "none", (), 0, 0, "collect"),
        (None, "none", (), 0, 12, "clouds"),
        (None, "none", (), 4, 12, "values"),
        (None, "open", (), 4, 12, "vote"),
        (None, "closed", (), 4, 12, "vote"),  # closed, nothing chosen yet: still the vote
        (None, "closed", (2, 1), 4, 12, "dna"),
    ],
)
def test_the_presenter_opens_where_the_workshop_stands(
    stored, voting, final, values, answers, opens
):
    assert stages.suggested(stored, voting, final, values, answers) == opens


def test_an_unknown_phase_is_refused_with_a_code():
    for stage, show in (("pauze", None), ("clouds", "beide"), ("", None)):
        with pytest.raises(WorkshopError) as refused:
            stages.check_stage(stage, show)
        assert refused.value.code == "bad_stage"
    stages.check_stage("clouds", "desired")  # fine
