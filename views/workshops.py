"""Facilitator: create workshops, open or close answering, archive or delete, share the link."""

import streamlit as st

from dna.output.sheet import format_moment
from dna.services.participation import join_url
from dna.workshop.workshop import (
    DEFAULT_PER_PERSON,
    DEFAULT_QUESTIONS,
    MAX_PER_PERSON,
    OPEN,
    WorkshopError,
    split_teams,
)
from ui import cache, state
from ui.texts import plain, problem, t

store = cache.store()
st.title(t("workshops_title"))

with st.expander(t("new_workshop"), expanded=not store.workshops(), icon=":material/add:"):
    with st.form("workshops_new", enter_to_submit=False):  # no "Press Enter to submit form"
        title = st.text_input(t("ws_title"), max_chars=120, key="workshops_title")
        organisation = st.text_input(t("ws_organisation"), max_chars=120, key="workshops_org")
        questions = DEFAULT_QUESTIONS[state.lang()]
        q_current = st.text_input(t("ws_q_current"), value=questions[0], key="workshops_qc")
        q_desired = st.text_input(t("ws_q_desired"), value=questions[1], key="workshops_qd")
        per_person = st.number_input(
            t("ws_per_person"), 1, MAX_PER_PERSON, DEFAULT_PER_PERSON, key="workshops_n"
        )
        teams = st.text_area(t("ws_teams"), help=t("ws_teams_help"), key="workshops_teams")
        create = st.form_submit_button(t("ws_create"), type="primary")
    if create:
        try:
            made = store.new_workshop(
                title, organisation, (q_current, q_desired), int(per_person), split_teams(teams)
            )
        except WorkshopError as e:
            st.error(problem(e), icon=":material/error:")
        else:
            state.set_workshop(made.code)
            st.rerun()

code = state.workshop()
workshop = store.workshop(code) if code else None
if workshop is None:
    st.info(t("ws_pick"), icon=":material/arrow_back:")
else:
    status = store.status(workshop.code)
    st.header(plain(workshop.title), anchor=False)
    teams = [t("ws_teams_list", teams=" · ".join(workshop.teams))] if workshop.teams else []
    st.caption(plain(" — ".join(x for x in [workshop.organisation, *teams] if x)))
    link = join_url(state.public_base(), workshop.code)
    left, right = st.columns([2, 1])
    left.markdown(t("ws_code", code=workshop.code))
    left.code(link, language=None)
    if state.only_this_machine(link):
        left.warning(t("ws_localhost"), icon=":material/wifi_off:")
    left.markdown(t("ws_status_" + workshop.phase, people=status.participants, n=status.answers))
    right.image(cache.qr_png(link), width=180, output_format="PNG")
    act = st.columns(5)
    act[1].page_link(  # the second: the presenter page, which the beamer follows
        "views/regie.py", label=t("ws_regie"), icon=":material/play_circle:"
    )
    act[0].link_button(  # the first step: a new window, dragged onto the beamer (cookie goes along)
        t("ws_projector"),
        state.beamer_url(workshop.code),
        icon=":material/tv:",
        type="primary",
    )
    opening = workshop.phase != OPEN
    if act[2].button(t("ws_open" if opening else "ws_close"), key="workshops_phase"):
        store.set_phase(workshop.code, "open" if opening else "closed")
        st.rerun()
    if act[3].button(t("ws_archive"), key="workshops_archive", icon=":material/archive:"):
        store.set_archived(workshop.code, True)
        state.set_workshop(None)
        st.rerun()

    @st.dialog(t("ws_delete_title"))
    def confirm_delete() -> None:
        counts = {"n": status.answers, "values": len(store.values(workshop.code))}
        counts["ballots"] = len(store.ballots(workshop.code))
        st.warning(t("ws_delete_warning", title=plain(workshop.title), **counts))
        st.page_link("views/sheet.py", label=t("ws_delete_backup"), icon=":material/save:")
        no, yes = st.columns(2)
        if no.button(t("ws_delete_cancel"), key="workshops_delete_no", width="stretch"):
            st.rerun()
        if yes.button(
            t("ws_delete_confirm"),
            icon=":material/delete_forever:",
            key="workshops_delete_yes",
            width="stretch",
        ):
            store.delete_workshop(workshop.code)
            state.set_workshop(None)
            st.rerun()

    if act[4].button(t("ws_delete"), key="workshops_delete", icon=":material/delete:"):
        confirm_delete()

st.subheader(t("ws_all"))
rows = [
    {
        t("ws_col_title"): w.title,
        t("ws_col_organisation"): w.organisation,
        t("ws_col_code"): w.code,
        t("ws_col_status"): t("ws_archived") if w.archived else t("ws_phase_" + w.phase),
        t("ws_col_created"): format_moment(w.created.astimezone(), state.lang()),  # local time
    }
    for w in store.workshops()
]
if rows:
    st.dataframe(rows, hide_index=True)
else:
    st.caption(t("ws_none"))
archived = [w for w in store.workshops() if w.archived]
if archived:
    back = st.selectbox(
        t("ws_restore"), [w.code for w in archived], index=None, key="workshops_restore"
    )
    if back and st.button(t("ws_restore_go"), key="workshops_restore_go"):
        store.set_archived(back, False)
        state.set_workshop(back)
        st.rerun()
