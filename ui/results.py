"""What the result pages show: the current workshop, else the uploaded file, else the sample;
and the team filter in the sidebar, which never shows a team below the anonymity threshold."""

from __future__ import annotations

import streamlit as st

from dna.compare import ANONYMITY_MIN, split_teams
from dna.records import fingerprint
from ui import cache, state
from ui.texts import plain, t

TEAM = "team"  # the chosen team filter (None: all), also ?team= in the URL


def source(note: bool = True) -> cache.Source:
    code = state.workshop()
    if code:
        status = cache.store().status(code)
        with st.spinner(t("working")):
            src = cache.workshop_source(code, status.revision)
        if note:
            st.success(
                t(
                    "workshop_note",
                    title=plain(src.name),
                    people=status.participants,
                    n=status.answers,
                ),
                icon=":material/groups:",
            )
        return src
    chosen = state.answers()
    if chosen is None:
        answers, name, key = cache.sample(), cache.SAMPLE.name, None
        if note:
            st.info(t("sample_note", source=name))
    else:
        answers, name, key = chosen
        if note:
            st.success(
                t("source_note", source=plain(name), n=len(answers)), icon=":material/description:"
            )
    with st.spinner(t("working")):  # the first visit after start-up loads the Dutch word lists
        return cache.file_source(key or fingerprint(answers), answers, name)


def team_filter(src: cache.Source) -> tuple[str | None, bool]:
    """The team to show (None: everyone) from the sidebar, and whether it may be shown."""
    sizes = src.batch.teams()
    if not sizes:
        return None, True
    if TEAM not in st.session_state:  # a reload: the URL remembers the team
        st.session_state[TEAM] = st.query_params.get(TEAM)
    team = st.session_state[TEAM] if st.session_state[TEAM] in sizes else None
    st.session_state["nav_team"] = team
    with st.sidebar:
        st.selectbox(
            t("team_filter"),
            list(sizes),
            key="nav_team",
            format_func=lambda name: f"{name} ({sizes[name]})",
            placeholder=t("team_all"),
            on_change=lambda: st.session_state.update({TEAM: st.session_state["nav_team"]}),
        )
    state.keep_in_url(team=team)
    if team is None:
        return None, True
    _, withheld = split_teams({team: sizes[team]}, ANONYMITY_MIN)
    if withheld:
        st.warning(
            t("team_withheld", team=plain(team), n=sizes[team], minimum=ANONYMITY_MIN),
            icon=":material/visibility_off:",
        )
        return team, False
    st.caption(t("team_note", team=plain(team), people=sizes[team]))
    return team, True
