"""The vote on screen: the results on the beamer, and the facilitator's tables and final choice.
The rules and the count live in dna.workshop.voting/votechart; the participant's ballot is the phone
page's (phone/)."""

from __future__ import annotations

from html import escape

import pandas as pd
import streamlit as st

from dna.analysis.compare import ANONYMITY_MIN
from dna.output import votechart
from dna.workshop.values import Value
from dna.workshop.voting import CLOSED, NONE, Tally
from dna.workshop.workshop import Workshop
from ui import cache
from ui.texts import plain, t


def labels(voters: int) -> dict[str, str]:
    """The chart's words in the user's language."""
    return {
        "title": t("vote_chart_title"),
        "subtitle": t("vote_chart_subtitle", n=voters),
        "value": t("vote_col_value"),
        "dots": t("vote_word_dots"),
        "dot": t("vote_word_dot"),
        "voters": t("vote_col_voters"),
        "share": t("vote_col_share"),
        "of_voters": t("vote_word_of_voters"),
    }


# -- the beamer ----------------------------------------------------------------------------------
def beamer(workshop: Workshop, team: str | None, dark: bool, hide: bool, head, area) -> None:
    """The results, big: everyone's, or one team's when it has enough voters to stay anonymous.
    `head` takes the title line, `area` the chart (beside the join panel, when shown)."""
    values, ballots, total = cache.vote_count(workshop.code, workshop.revision)
    shown: Tally | None = total
    voters = total.ballots
    if team:
        teams, withheld = votechart.by_team(ballots, [v.id for v in values], [team])
        shown = teams.get(team)
        voters = shown.ballots if shown else withheld[team]
    state_text = t("vote_state_open" if workshop.voting_open else "vote_state_closed")
    head.html(
        f"<div class='dna-head'><span>{escape(workshop.title)}"
        f"{escape(f' · {team}' if team else '')}</span><span class='dna-count'>"
        f"{escape(state_text)} · {escape(t('vote_voters', n=voters))}</span></div>"
    )
    if shown is None:
        area.html(f"<div class='dna-hidden'>{t('vote_team_hidden', min=ANONYMITY_MIN)}</div>")
    elif hide:
        area.html(f"<div class='dna-hidden'>{t('projector_hidden')}</div>")
    elif not shown.ballots:
        area.html(f"<div class='dna-hidden'>{t('vote_waiting')}</div>")
    else:
        final = _final_line(workshop, values)
        if final:  # the moment of the day: above the chart, in big type
            area.html(f"<div class='dna-final'>{escape(final)}</div>")
        words = tuple(labels(shown.ballots).items())
        row = votechart.fit_rows(len(values))
        spec = cache.vote_spec(workshop.code, workshop.revision, team, words, dark, row)
        area.vega_lite_chart(spec=spec, width="stretch", theme=None, key="projector_votes")


def _final_line(workshop: Workshop, values: list[Value]) -> str:
    names = {v.id: v.name for v in values}
    chosen = [names[i] for i in workshop.final if i in names]
    if workshop.voting != CLOSED or not chosen:
        return ""
    line = t("vote_final_line", values=" · ".join(chosen))
    return f"{line} — {workshop.tagline}" if workshop.tagline else line


# -- the facilitator -----------------------------------------------------------------------------
def table(values: list[Value], total: Tally) -> pd.DataFrame:
    rows = votechart.results(values, total)
    return pd.DataFrame(
        {
            t("vote_col_value"): [r.name for r in rows],
            t("vote_col_dots"): [r.dots for r in rows],
            t("vote_col_voters"): [r.voters for r in rows],
            t("vote_col_share"): [round(r.share * 100) for r in rows],
        }
    )


def teams(workshop: Workshop, values: list[Value], ballots, total: Tally) -> None:
    """Share of voters per value in each team big enough to stay anonymous; why the rest is not."""
    if not workshop.teams:
        return
    shown, withheld = votechart.by_team(ballots, [v.id for v in values], workshop.teams)
    st.subheader(t("vote_teams_title"), anchor=False)
    if shown:
        rows = votechart.results(values, total)
        frame = {t("vote_col_value"): [r.name for r in rows]}
        for team, tally_ in shown.items():
            frame[f"{team} ({tally_.ballots})"] = [
                round(tally_.share(r.value_id) * 100) for r in rows
            ]
        config = {c: st.column_config.NumberColumn(format="%d%%") for c in list(frame)[1:]}
        st.dataframe(pd.DataFrame(frame), hide_index=True, column_config=config)
        st.caption(t("vote_teams_caption"))
    if withheld:
        listed = ", ".join(f"{plain(team)} ({n})" for team, n in withheld.items())
        st.caption(t("vote_teams_withheld", teams=listed, min=ANONYMITY_MIN))


def _move_up(key: str, i: int) -> None:
    order = list(st.session_state[key])
    order[i - 1], order[i] = order[i], order[i - 1]
    st.session_state[key] = order


def order(key: str, names: dict[int, str]) -> None:
    """The picked values as a numbered list, each with a button to move it up one place."""
    for i, vid in enumerate(st.session_state[key]):
        name, up = st.columns([8, 1], vertical_alignment="center")
        name.markdown(f"**{i + 1}.** {plain(names[vid])}")
        up.button(
            "",
            icon=":material/arrow_upward:",
            help=t("vote_move_up"),
            key=f"vote_up_{vid}",
            disabled=i == 0,
            on_click=_move_up,
            args=(key, i),
        )


def voting_state(workshop: Workshop) -> str:
    if workshop.voting == NONE:
        return t("vote_status_none")
    key = "vote_status_open" if workshop.voting_open else "vote_status_closed"
    return t(key, dots=workshop.dots, cap=workshop.cap)
