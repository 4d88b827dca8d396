"""Facilitator: open dot voting on the candidate values, follow the count, pick the DNA."""

import streamlit as st

from dna.output import votechart
from dna.workshop import values as dv
from dna.workshop.voting import CLOSED, MAX_DOTS, NONE, OPEN, Rules
from dna.workshop.workshop import WorkshopError
from ui import access, ballot, cache, forged, outage, state
from ui.texts import problem, t

REFRESH = 3  # seconds between updates of the live count while voting is open

st.title(t("vote_page_title"))
code = state.workshop()
workshop = cache.store().workshop(code) if code else None
if workshop is None:
    st.info(t("vote_need_workshop"), icon=":material/arrow_back:")
    st.stop()
store = cache.store()
values, ballots, total = cache.vote_count(code, workshop.revision)
st.caption(ballot.voting_state(workshop))

if workshop.voting == NONE and len(values) < 2:
    st.info(t("vote_need_values", n=len(values)), icon=":material/diamond:")
    st.page_link("views/values.py", label=t("page_values"), icon=":material/diamond:")
    st.stop()


def switch(to: str, rules: Rules | None = None) -> None:
    try:
        store.set_voting(code, to, rules)
    except WorkshopError as e:
        st.session_state["vote_problem"] = problem(e)


if workshop.voting == OPEN:
    st.button(
        t("vote_close"),
        icon=":material/lock:",
        type="primary",
        key="vote_close",
        on_click=access.guarded(switch),
        args=(CLOSED,),
    )
elif not ballots:  # the rules can change until someone voted
    with st.container(border=True):
        left, right = st.columns(2)
        # a value these inputs could not have sent (forged: text, out of range) is refused
        forged.settle_number("vote_rule_dots", 1, MAX_DOTS, workshop.dots)
        dots = left.number_input(
            t("vote_rule_dots"), 1, MAX_DOTS, workshop.dots, key="vote_rule_dots"
        )
        forged.settle_number("vote_rule_cap", 1, int(dots), min(workshop.cap, int(dots)))
        cap = right.number_input(
            t("vote_rule_cap"), 1, int(dots), min(workshop.cap, int(dots)), key="vote_rule_cap"
        )
        st.caption(t("vote_rules_help"))
        forged.settle("vote_close_answers", lambda v: v if type(v) is bool else True, True)
        stop_answers = workshop.is_open and st.checkbox(
            t("vote_close_answers"), value=True, key="vote_close_answers"
        )
        opened = st.button(
            t("vote_open"), icon=":material/how_to_vote:", type="primary", key="vote_open"
        )
    if opened:
        try:
            switch(OPEN, Rules(int(dots), int(cap)))
            if stop_answers:  # phones then show only the ballot
                store.set_phase(code, "closed")
        except WorkshopError as e:
            st.error(problem(e), icon=":material/error:")
        else:
            st.rerun()
else:
    st.button(
        t("vote_reopen"),
        icon=":material/lock_open:",
        key="vote_reopen",
        on_click=access.guarded(switch),
        args=(OPEN,),
    )
if st.session_state.get("vote_problem"):
    st.error(st.session_state.pop("vote_problem"), icon=":material/error:")


def results() -> None:
    """The count (live while voting is open): chart, table, and per team."""
    access.live_check()  # a logout elsewhere stops the live results
    now = store.workshop(code)
    values, ballots, total = cache.vote_count(code, now.revision)
    st.subheader(t("vote_results_title", n=total.ballots), anchor=False)
    if not total.ballots:
        st.caption(t("vote_none_yet"))
        return
    chart = votechart.results_chart(values, total, ballot.labels(total.ballots), compact=True)
    st.altair_chart(chart, width="stretch", theme=None, key="vote_chart")
    st.dataframe(
        ballot.table(values, total),
        hide_index=True,
        column_config={t("vote_col_share"): st.column_config.NumberColumn(format="%d%%")},
    )
    ballot.teams(now, values, ballots, total)


if workshop.voting != NONE:
    live = outage.guarded("vote_retry")(results)  # a live fragment: its own outage guard
    st.fragment(live, run_every=REFRESH if workshop.voting == OPEN else None)()

if workshop.voting == CLOSED:
    st.divider()
    st.subheader(t("vote_final_title"), anchor=False)
    names = {v.id: v.name for v in values}
    saved = [i for i in workshop.final if i in names]
    if "vote_final" not in st.session_state:  # the saved choice, or the ranking's top
        start = saved or votechart.default_final(total, [v.id for v in values])
        st.session_state["vote_final"] = start
    forged.settle("vote_final", lambda v: forged.picks(v, names), saved)  # ids of these values
    if not saved:
        st.caption(t("vote_final_proposed"))
    st.multiselect(
        t("vote_final_pick"),
        list(names),
        format_func=names.get,  # options show text as it is: no plain() (no Markdown there)
        select_all=False,  # Streamlit says "Select all" in English
        key="vote_final",
        placeholder=t("vote_final_placeholder"),
    )
    picked = st.session_state["vote_final"]
    ballot.order("vote_final", names)
    if not dv.FINAL_MIN <= len(picked) <= dv.FINAL_MAX:
        st.warning(
            t("vote_final_count", n=len(picked), lo=dv.FINAL_MIN, hi=dv.FINAL_MAX),
            icon=":material/warning:",
        )
    tagline = st.text_input(
        t("vote_tagline"),
        value=workshop.tagline,
        max_chars=dv.TAGLINE_MAX,
        placeholder=t("vote_tagline_placeholder"),
        key="vote_tagline",
    )
    if st.button(t("vote_final_save"), type="primary", key="vote_final_save", disabled=not picked):
        store.set_final(code, picked, dv.clean_tagline(forged.text(tagline)))
        st.success(t("vote_final_saved", n=len(picked)), icon=":material/check_circle:")
