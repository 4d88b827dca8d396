"""The participant's page (phone first): join with the code, give answers, change them later."""

import streamlit as st

from dna import participation
from dna.ingest import MAX_ANSWER_CHARS
from dna.records import QUESTIONS
from dna.voting import NONE
from dna.workshop import WorkshopError, new_token
from ui import ballot, cache, forged, pickers, state
from ui.texts import plain, problem, t, warning

if not state.is_facilitator():
    pickers.language_picker()
code, token = state.participant(new_token)

if not code:
    st.title(t("join_title"))
    with st.form("join_code_form"):
        typed = st.text_input(t("join_code"), max_chars=12, key="join_code_input")
        go = st.form_submit_button(t("join_go"), type="primary", width="stretch")
    if go:
        try:
            st.session_state[state.JOIN_CODE] = participation.find(
                cache.store(), typed, state.client()
            ).code
            st.rerun()
        except WorkshopError as e:
            st.error(problem(e), icon=":material/error:")
    st.stop()

try:
    workshop = participation.find(cache.store(), code, state.client(), token)
except WorkshopError as e:
    st.error(problem(e), icon=":material/error:")
    if st.button(t("join_other_code"), key="join_reset"):
        st.session_state[state.JOIN_CODE] = ""
        st.query_params.pop("code", None)
        st.rerun()
    st.stop()

st.title(plain(workshop.title), anchor=False)
if workshop.organisation:
    st.caption(plain(workshop.organisation))
before, team_before = cache.store().participant_answers(workshop.code, token)
if workshop.voting != NONE:  # voting is what the room does now: the ballot comes first
    ballot.participant(workshop, token)
if not workshop.is_open:
    if st.session_state.get("join_submit"):  # sent just after the facilitator closed
        st.error(t("join_not_saved"), icon=":material/error:")
    if workshop.voting == NONE:
        st.info(t("join_closed"), icon=":material/lock:")
        ballot.waiting(workshop.code)
    st.stop()
if workshop.voting != NONE:
    st.divider()
    st.header(t("vote_answers_heading"), anchor=False)

with st.form("join_form", enter_to_submit=False):
    team = None
    if workshop.teams:
        team = st.selectbox(
            t("join_team"),
            workshop.teams,
            index=workshop.teams.index(team_before) if team_before in workshop.teams else None,
            placeholder=t("join_team_none"),
            key="join_team",
        )
    typed = {}
    for question in QUESTIONS:
        st.subheader(plain(workshop.question(question)), anchor=False)
        old = before.get(question, [])
        typed[question] = [
            forged.text(  # a forged websocket value (a list, a number) is no answer
                st.text_input(
                    t("join_answer", n=i + 1),
                    value=old[i] if i < len(old) else "",
                    max_chars=MAX_ANSWER_CHARS,
                    key=f"join_{question}_{i}",
                    label_visibility="collapsed",
                    placeholder=t("join_answer", n=i + 1),
                )
            )
            for i in range(workshop.per_person)
        ]
    sent = st.form_submit_button(
        t("join_update" if before else "join_send"),
        type="primary",
        width="stretch",
        key="join_submit",  # a stable id: the label changes after the first submit
    )

answered = bool(before)
if sent:
    try:
        result = participation.send(
            cache.store(), workshop.code, token, typed, team, state.submission_id(new_token)
        )
    except WorkshopError as e:
        st.error(problem(e), icon=":material/error:")
    else:
        state.submission_id(new_token, rotate=True)
        st.success(t("join_saved", n=result.receipt.saved), icon=":material/check_circle:")
        for w in result.submission.warnings:
            st.warning(warning(w, typed=True))
        answered = True
elif before:
    st.caption(t("join_saved_before", n=sum(len(v) for v in before.values())))
if answered and workshop.voting == NONE:  # answered: the ballot appears here when voting opens
    ballot.waiting(workshop.code)
