"""Regie: run the workshop from one page, phase by phase; every beamer follows the phase."""

import streamlit as st

from ui import access, cache, outage, regie, state
from ui.texts import plain, t

REFRESH = 3  # seconds between updates of the counts and the beamer's copy

code = state.workshop()
workshop = cache.store().workshop(code) if code else None
if workshop is None:
    st.title(t("stage_title"))
    st.info(t("projector_pick"), icon=":material/tv:")
    st.page_link("views/workshops.py", label=t("page_workshops"), icon=":material/groups:")
    st.stop()

head, beam = st.columns([3, 1], vertical_alignment="bottom")
head.title(t("stage_title_of", title=plain(workshop.title)), anchor=False)
beam.link_button(  # a new window, dragged onto the beamer: it follows this page by itself
    t("ws_projector"),
    state.beamer_url(code),
    icon=":material/tv:",
    width="stretch",
)
stage = regie.stepper(workshop, cache.store().status(code))


@st.fragment(run_every=REFRESH)
@outage.guarded("regie_retry")  # the database away: say so, keep refreshing
def live() -> None:
    access.live_check()  # a logout elsewhere stops the live page
    now, status = cache.store().workshop(code), cache.store().status(code)
    if now is None or status is None:
        st.warning(t("projector_gone"))
        return
    counts = st.columns(3)
    counts[0].metric(t("stage_people"), status.participants)
    counts[1].metric(t("stage_answers"), status.answers)
    counts[2].metric(t("stage_voters"), cache.vote_count(code, now.revision)[2].ballots)
    with st.container(border=True):
        st.caption(t("stage_on_beamer"))
        regie.preview(now, stage, status)


left, right = st.columns([3, 2], gap="large")
with left:
    live()
with right:
    status = cache.store().status(code)
    st.subheader(regie.label(stage), anchor=False)
    regie.controls(workshop, stage, status)
    regie.links(stage)
    regie.next_button(workshop, stage)
