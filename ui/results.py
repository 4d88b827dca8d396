"""What the result pages show: the current workshop, else the uploaded file, else the sample;
and the team filter in the sidebar, which never shows a team below the anonymity threshold."""

from __future__ import annotations

import json

import streamlit as st

from dna.analysis.compare import ANONYMITY_MIN
from dna.analysis.grouping import Analysis
from dna.language.lemmatise import PROJECT_RULES
from dna.records import fingerprint
from ui import cache, state
from ui.texts import plain, t

TEAM = "team"  # the chosen team filter (None: all), also ?team= in the URL


def header() -> tuple[cache.Source, str | None]:
    """The source, the team chosen in the sidebar, and a banner saying what is shown. A team
    below the anonymity threshold stops the page with the reason."""
    src = source()
    sizes = src.batch.teams()
    team = _team_filter(sizes) if sizes else None
    if team is not None and sizes[team] < ANONYMITY_MIN:
        st.warning(
            t("team_withheld", team=plain(team), n=sizes[team], minimum=ANONYMITY_MIN),
            icon=":material/visibility_off:",
        )
        st.stop()
    people = sizes[team] if team else None
    answers = sum(a.team == team for a in src.batch.answers) if team else len(src.batch.answers)
    name = plain(src.name) + (f" · {t('team_label', team=plain(team))}" if team else "")
    if src.code:
        status = cache.store().status(src.code)
        people = status.participants if people is None else people
        st.success(
            t("workshop_note", title=name, people=people, n=answers), icon=":material/groups:"
        )
    elif src.key.startswith("fp:sample"):
        st.info(t("sample_note", source=name))
    else:
        st.success(t("source_note", source=name, n=answers), icon=":material/description:")
    return src, team


def source() -> cache.Source:
    code = state.workshop()
    with st.spinner(t("working")):  # the first visit after start-up loads the Dutch word lists
        if code:
            return cache.workshop_source(code, cache.store().status(code).revision)
        chosen = state.answers()
        if chosen is None:
            answers = cache.sample()
            return cache.file_source(f"sample:{fingerprint(answers)}", answers, cache.SAMPLE.name)
        answers, name, key = chosen
        return cache.file_source(key, answers, name)


def _team_filter(sizes: dict[str, int]) -> str | None:
    if TEAM not in st.session_state:  # a reload: the URL remembers the team
        st.session_state[TEAM] = st.query_params.get(TEAM)
    team = st.session_state[TEAM] if st.session_state[TEAM] in sizes else None
    st.session_state["nav_team"] = team

    def label(name: str) -> str:
        small = sizes[name] < ANONYMITY_MIN
        return t("team_option_small" if small else "team_option", team=name, n=sizes[name])

    with st.sidebar:
        st.selectbox(
            t("team_filter"),
            list(sizes),
            key="nav_team",
            format_func=label,
            placeholder=t("team_all"),
            on_change=lambda: st.session_state.update({TEAM: st.session_state["nav_team"]}),
        )
    state.keep_in_url(team=team)
    return team


def about(result: Analysis) -> None:
    """The technical part, folded away: how the answers were read, and the analysis as JSON."""
    with st.expander(t("about_analysis"), icon=":material/info:"):
        model = result.pipeline.removesuffix(PROJECT_RULES)
        rules = t("pipeline_rules") if model != result.pipeline else ""
        st.caption(t("pipeline", pipeline=model, rules=rules))
        st.download_button(
            t("download_json"),
            json.dumps(result.to_json(), ensure_ascii=False, indent=2),
            file_name="cultuur-dna-analyse.json",
            mime="application/json",
            icon=":material/download:",
            key="clouds_json",
        )
