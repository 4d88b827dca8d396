"""The beamer's settings: what it shows (both clouds or one, dark, the join panel, clouds or
votes, one team), whether results are hidden, and the facilitator's countdown. They wait in a
small corner button, near invisible until the mouse is on it: the room sees the workshop, not
the controls. The view settings live in the beamer's URL, so F5 keeps them."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dna.analysis.compare import split_teams
from dna.records import QUESTIONS
from dna.workshop.workshop import Workshop, WorkshopError
from ui import access, cache, state
from ui.texts import t

TIMERS = (1, 2, 3, 5)  # minutes: the countdowns a facilitator starts from here
LAYOUTS = ("both", *QUESTIONS)
VIEWS = ("auto", "clouds", "votes")  # auto: the votes once voting has been opened


@dataclass(frozen=True)
class View:
    shown: str  # "both" or one question
    dark: bool
    join: bool  # the join code, QR and link while answering or voting is open
    view: str  # one of VIEWS
    team: str | None


def _store(change) -> None:
    try:
        change()
    except WorkshopError:  # deleted meanwhile: the run that follows says so
        pass


def settings(workshop: Workshop) -> View:
    code, url = workshop.code, st.query_params
    with st.popover(
        t("projector_settings"),
        icon=":material/settings:",
        type="tertiary",
        key="projector_settings",
    ):
        cols = st.columns(4)
        shown = cols[0].segmented_control(
            t("projector_show"),
            LAYOUTS,
            default=url.get("show") if url.get("show") in LAYOUTS else "both",
            key="projector_layout",
            format_func=lambda v: t("projector_both") if v == "both" else t(v),
            required=True,
        )
        dark = cols[1].toggle(
            t("projector_dark"), value=url.get("dark") != "0", key="projector_dark"
        )
        # hiding the results is the workshop's (phones say so too), not this beamer's setting
        st.session_state["projector_hide"] = workshop.results_hidden
        cols[2].toggle(
            t("projector_hide"),
            key="projector_hide",
            on_change=access.guarded(_store),
            args=(
                lambda: cache.store().set_results_hidden(
                    code, bool(st.session_state.get("projector_hide"))
                ),
            ),
        )
        join = cols[3].toggle(t("projector_join"), value=url.get("qr") != "0", key="projector_join")
        view = st.segmented_control(
            t("vote_view"),
            VIEWS,
            default=url.get("view") if url.get("view") in VIEWS else "auto",
            key="projector_view",
            format_func=lambda v: t(f"vote_view_{v}"),
            required=True,
        )
        team = _team(code, url.get("team"))
        timer_buttons(code, "projector_timer", t("projector_timer_stop"), _store)
    state.keep_in_url(
        team=team,
        code=code,
        show=None if shown == "both" else shown,
        dark=None if dark else "0",  # dark unless asked: see state.beamer_url
        qr=None if join else "0",
        view=None if view == "auto" else view,
    )
    return View(shown, dark, join, view, team)


def timer_buttons(code: str, key: str, stop: str, run) -> None:
    """Countdowns of TIMERS minutes and a stop, in a row (keys `<key>_<minutes>`, `<key>_0`);
    `run(change)` makes the change and says a refusal its own way."""
    cols = st.columns(len(TIMERS) + 1, vertical_alignment="bottom")
    for col, minutes in zip(cols, (*TIMERS, None), strict=True):
        col.button(
            t("projector_timer", n=minutes) if minutes else stop,
            key=f"{key}_{minutes or 0}",
            on_click=access.guarded(run),
            args=(lambda m=minutes: cache.store().set_timer(code, m),),
            width="stretch",
        )


def _team(code: str, asked: str | None) -> str | None:
    """A team's own clouds, only for teams big enough to stay anonymous (the beamer is public)."""
    sizes = cache.workshop_source(code, cache.store().status(code).revision).batch.teams()
    teams = [None, *split_teams(sizes)[0]]
    if len(teams) == 1:
        return None
    return st.selectbox(
        t("team_filter"),
        teams,
        index=teams.index(asked) if asked in teams else 0,
        format_func=lambda v: t("team_all") if v is None else v,
        key="projector_team",
    )
