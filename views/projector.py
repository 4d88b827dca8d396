"""The beamer: join code and QR while answering is open, live counts, and the two clouds."""

from html import escape

import streamlit as st

from dna.compare import split_teams
from dna.participation import join_url
from dna.records import QUESTIONS
from dna.voting import NONE
from dna.workshop import WorkshopError
from ui import access, ballot, cache, countdown, outage, pace, state
from ui.texts import t

REFRESH = 2  # seconds between redraws of the live part
TIMERS = (1, 2, 3, 5)  # minutes: the countdowns a facilitator starts from here
DARK = "#0e1117"
# Cloud canvas (width, height) by (clouds shown, join panel shown): the shape of the space a
# cloud has on a 1920x1080 beamer under the title and its question (~880 px high), so the
# screen is filled, not its top 80 %; at most 1460 wide, or st.image scales (and re-encodes)
# it on every refresh.
SHAPES = {
    (2, True): (1000, 1280),
    (2, False): (1400, 1330),
    (1, True): (1460, 930),
    (1, False): (1460, 700),
}

url = st.query_params  # the beamer's settings live in its URL, so F5 keeps them
code = url.get("code") or state.workshop()
workshop = cache.store().workshop(code) if code else None
if workshop is None:
    st.info(t("projector_pick"), icon=":material/tv:")
    st.page_link("views/workshops.py", label=t("page_workshops"), icon=":material/groups:")
    st.stop()


def start_timer(minutes: int | None) -> None:
    try:
        cache.store().set_timer(code, minutes)
    except WorkshopError:  # deleted meanwhile: the run that follows says so
        pass


def store_hidden() -> None:
    try:
        cache.store().set_results_hidden(code, bool(st.session_state.get("projector_hide")))
    except WorkshopError:  # deleted meanwhile: the run that follows says so
        pass


# The settings wait in a small button in a corner, near invisible until the mouse is on it:
# the room sees the workshop, not the controls.
with st.popover(
    t("projector_settings"), icon=":material/settings:", type="tertiary", key="projector_settings"
):
    cols = st.columns(4)
    layouts = ["both", *QUESTIONS]
    shown = cols[0].segmented_control(
        t("projector_show"),
        layouts,
        default=url.get("show") if url.get("show") in layouts else "both",
        key="projector_layout",
        format_func=lambda v: t("projector_both") if v == "both" else t(v),
        required=True,
    )
    dark = cols[1].toggle(t("projector_dark"), value=url.get("dark") == "1", key="projector_dark")
    # hiding the results is the workshop's (phones say so too), not this beamer's setting
    st.session_state["projector_hide"] = workshop.results_hidden
    cols[2].toggle(
        t("projector_hide"), key="projector_hide", on_change=access.guarded(store_hidden)
    )
    join = cols[3].toggle(t("projector_join"), value=url.get("qr") != "0", key="projector_join")
    views = ["auto", "clouds", "votes"]  # auto: the votes once voting has been opened
    view = st.segmented_control(
        t("vote_view"),
        views,
        default=url.get("view") if url.get("view") in views else "auto",
        key="projector_view",
        format_func=lambda v: t(f"vote_view_{v}"),
        required=True,
    )
    # a team's own clouds, only for teams big enough to stay anonymous (the beamer is public)
    sizes = cache.workshop_source(code, cache.store().status(code).revision).batch.teams()
    teams = [None, *split_teams(sizes)[0]]
    team = (
        st.selectbox(
            t("team_filter"),
            teams,
            index=teams.index(url.get("team")) if url.get("team") in teams else 0,
            format_func=lambda v: t("team_all") if v is None else v,
            key="projector_team",
        )
        if len(teams) > 1
        else None
    )
    timers = st.columns(len(TIMERS) + 1, vertical_alignment="bottom")
    for col, minutes in zip(timers, (*TIMERS, None), strict=True):
        col.button(
            t("projector_timer", n=minutes) if minutes else t("projector_timer_stop"),
            key=f"projector_timer_{minutes or 0}",
            on_click=access.guarded(start_timer),
            args=(minutes,),
            width="stretch",
        )
state.keep_in_url(
    team=team,
    code=code,
    show=None if shown == "both" else shown,
    dark="1" if dark else None,
    qr=None if join else "0",
    view=None if view == "auto" else view,
)
st.html(cache.projector_css(dark))


@st.fragment(run_every=REFRESH)
@outage.guarded("projector_retry")  # the database away: say so, keep refreshing
def live() -> None:
    access.live_check()  # a logout elsewhere ends the beamer too
    store = cache.store()
    status = store.status(code)
    if status is None:
        st.warning(t("projector_gone"))
        return
    workshop = store.workshop(code)
    if workshop.timer_ends:  # counts down in the browser, to the same end the phones have
        st.html(countdown.html(workshop.timer_ends, t("timer_done")), unsafe_allow_javascript=True)
    hidden = workshop.results_hidden  # as stored: another tab may have changed it
    votes = view == "votes" or (view == "auto" and workshop.voting != NONE)
    top = st.container()
    if not votes:
        top.html(
            f"<div class='dna-head'><span>{escape(workshop.title)}"
            f"{escape(f' · {team}' if team else '')}</span><span class='dna-count'>"
            f"{t('projector_counts', people=status.participants, n=status.answers)}</span></div>"
        )
    if (workshop.voting_open if votes else workshop.is_open) and join:
        link = join_url(state.public_base(), code)
        side, area = st.columns([1, 3], gap="large")
        side.html(f"<div class='dna-join'>{t('projector_join_at')}<b>{code}</b></div>")
        side.image(cache.qr_png(link), width="stretch", output_format="PNG")
        side.html(f"<div class='dna-link'>{escape(link.split('://', 1)[-1])}</div>")
        if votes:  # late joiners: the ballot comes to the phone by itself
            side.html(f"<div class='dna-hint'>{escape(t('vote_beamer_hint'))}</div>")
    else:
        area = st.container()
    if votes:
        ballot.beamer(workshop, team, dark, hidden, top, area)
        return
    if hidden:
        area.html(f"<div class='dna-hidden'>{t('projector_hidden')}</div>")
        return
    questions = QUESTIONS if shown == "both" else (shown,)
    size = SHAPES[len(questions), workshop.is_open and join]  # fill the screen, not half of it

    def clouds(revision: int) -> list[bytes | None]:
        result = cache.workshop_analysis(code, revision, team)
        freqs = [tuple(result.questions[q].frequencies().items()) for q in questions]
        return [
            f and cache.cloud_png(f, q, DARK if dark else "white", size)
            for f, q in zip(freqs, questions, strict=True)
        ]

    pngs = pace.drawn(f"{state.PACE}:{team}:{shown}:{size}", status.revision, clouds)
    for col, question, png in zip(area.columns(len(questions)), questions, pngs, strict=True):
        col.html(f"<div class='dna-q'>{escape(workshop.question(question))}</div>")
        if png:
            col.image(png, width="stretch", output_format="PNG")
        else:
            col.html(f"<div class='dna-hidden'>{t('projector_waiting')}</div>")


live()
