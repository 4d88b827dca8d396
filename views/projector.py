"""The beamer: join code and QR while answering is open, live counts, and the two clouds."""

from html import escape

import streamlit as st

from dna.records import QUESTIONS
from dna.services.participation import join_url
from dna.workshop import stages
from ui import access, ballot, beamer, cache, countdown, growing, outage, pace, scenes, state
from ui.texts import t

REFRESH = 2  # seconds between redraws of the live part
DARK = "#0e1117"
# Cloud canvas (width, height) by (clouds shown, join panel shown): the shape of the space a
# cloud has on a 1920x1080 beamer under the title and its question (~880 px high), so the
# screen is filled, not its top 80 %; at most 1460 wide, or st.image scales (and re-encodes)
# it on every refresh.
JOINING = (stages.COLLECT, stages.CLOUDS, stages.VOTE)  # phases with the join code beside them
SCENES = {  # the presenter's later phases, drawn by ui.scenes
    stages.COMPARE: scenes.comparison,
    stages.VALUES: lambda workshop, _team, area: scenes.values(workshop, area),
    stages.DNA: lambda workshop, _team, area: scenes.dna(workshop, area),
}
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


chosen = beamer.settings(workshop)  # in a corner button, near invisible to the room
dark, join, view, team = chosen.dark, chosen.join, chosen.view, chosen.team
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
    scene = stages.scene(view, workshop.stage, workshop.voting)  # the presenter's phase
    votes = scene == stages.VOTE
    top = st.container()
    if not votes:
        top.html(
            f"<div class='dna-head'><span>{escape(workshop.title)}"
            f"{escape(f' · {team}' if team else '')}</span><span class='dna-count'>"
            f"{t('projector_counts', people=status.participants, n=status.answers)}</span></div>"
        )
    if (workshop.voting_open if votes else workshop.is_open) and join and scene in JOINING:
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
    if scene in SCENES:
        SCENES[scene](workshop, team, area)
        return
    shown = workshop.stage_show if scene == stages.CLOUDS and view == "auto" else chosen.shown
    questions = QUESTIONS if shown == "both" else (shown,)
    size = SHAPES[len(questions), workshop.is_open and join]  # fill the screen, not half of it

    key = f"{state.PACE}:{team}:{shown}:{size}"

    def clouds(revision: int) -> list[growing.Grown | None]:
        result = cache.workshop_analysis(code, revision, team)
        freqs = [tuple(result.questions[q].frequencies().items()) for q in questions]
        return [
            growing.cloud_png(key, f, q, DARK if dark else "white", size) if f else None
            for f, q in zip(freqs, questions, strict=True)
        ]

    grown = pace.drawn(key, status.revision, clouds)
    for col, question, cloud in zip(area.columns(len(questions)), questions, grown, strict=True):
        col.html(f"<div class='dna-q'>{escape(workshop.question(question))}</div>")
        if cloud:
            box = col.container(key=f"projector_cloud_{question}")
            box.image(cloud.png, width="stretch", output_format="PNG")
            box.html(growing.style(f"projector_cloud_{question}", cloud))  # fade-in on a relayout
        else:
            col.html(f"<div class='dna-hidden'>{t('projector_waiting')}</div>")


live()
