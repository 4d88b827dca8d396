"""The beamer: join code and QR while answering is open, live counts, and the two clouds."""

from html import escape

import streamlit as st

from dna.participation import join_url
from dna.records import QUESTIONS
from ui import cache, state
from ui.texts import t

REFRESH = 2  # seconds; only this page refreshes by itself (participant pages never do)
DARK = "#0e1117"

code = st.query_params.get("code") or state.workshop()  # a beamer tab has the code in its URL
if not code or cache.store().workshop(code) is None:
    st.info(t("ws_pick"), icon=":material/arrow_back:")
    st.stop()
st.query_params["code"] = code

with st.expander(t("projector_settings"), icon=":material/settings:"):
    cols = st.columns(4)
    shown = cols[0].segmented_control(
        t("projector_show"),
        ["both", *QUESTIONS],
        default="both",
        key="projector_layout",
        format_func=lambda v: t("projector_both") if v == "both" else t(v),
        required=True,
    )
    dark = cols[1].toggle(t("projector_dark"), key="projector_dark")
    hide = cols[2].toggle(t("projector_hide"), key="projector_hide")
    join = cols[3].toggle(t("projector_join"), value=True, key="projector_join")
st.html(cache.projector_css(dark))


@st.fragment(run_every=REFRESH)
def live() -> None:
    store = cache.store()
    status = store.status(code)
    if status is None:
        st.warning(t("projector_gone"))
        return
    workshop = store.workshop(code)
    st.html(
        f"<div class='dna-head'><span>{escape(workshop.title)}</span><span class='dna-count'>"
        f"{t('projector_counts', people=status.participants, n=status.answers)}</span></div>"
    )
    if workshop.is_open and join:
        link = join_url(state.public_base(), code)
        side, area = st.columns([1, 3], gap="large")
        side.html(f"<div class='dna-join'>{t('projector_join_at')}<b>{code}</b></div>")
        side.image(cache.qr_png(link, dark), width="stretch")
        side.caption(link)
    else:
        area = st.container()
    if hide:
        area.html(f"<div class='dna-hidden'>{t('projector_hidden')}</div>")
        return
    result = cache.workshop_analysis(code, status.revision)
    questions = QUESTIONS if shown == "both" else (shown,)
    for col, question in zip(area.columns(len(questions)), questions, strict=True):
        col.html(f"<div class='dna-q'>{escape(workshop.question(question))}</div>")
        freqs = tuple(result.questions[question].frequencies().items())
        if freqs:
            col.image(cache.cloud_png(freqs, question, DARK if dark else "white"), width="stretch")
        else:
            col.html(f"<div class='dna-hidden'>{t('projector_waiting')}</div>")


live()
