"""The presenter page's parts: the phase stepper, a small copy of what the beamer shows, and the
one or two controls each phase needs. The phase is stored (Store.set_stage), so every beamer of
the workshop follows it; the rules live in dna.workshop.stages, dna.workshop.voting and
dna.output.votechart."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dna.analysis import compare
from dna.output import votechart
from dna.records import CURRENT, QUESTIONS
from dna.workshop import stages
from dna.workshop import values as dv
from dna.workshop.voting import CLOSED, NONE, OPEN, Rules
from dna.workshop.workshop import Workshop, WorkshopError
from ui import access, ballot, beamer, cache, compare_ui, countdown, growing, scenes, values_ui
from ui.texts import plain, problem, t

PREVIEW = (640, 400)  # a cloud in the beamer's copy on the presenter page
LINKS = {  # the detail pages each phase leads to, for deep work
    stages.COLLECT: ("views/workshops.py", "views/moderate.py"),
    stages.CLOUDS: ("views/groups.py", "views/moderate.py"),
    stages.COMPARE: ("views/compare.py",),
    stages.VALUES: ("views/values.py",),
    stages.VOTE: ("views/voting.py",),
    stages.DNA: ("views/voting.py", "views/sheet.py"),
}
ICONS = {
    "views/workshops.py": ":material/groups:",
    "views/moderate.py": ":material/shield:",
    "views/groups.py": ":material/category:",
    "views/compare.py": ":material/compare_arrows:",
    "views/values.py": ":material/diamond:",
    "views/voting.py": ":material/how_to_vote:",
    "views/sheet.py": ":material/description:",
}
CSS = """<style>
.dna-timer {font-size: 2.2rem; font-weight: 800; font-variant-numeric: tabular-nums;}
.dna-timer:empty {display: none;}
</style>"""


def _do(change: Callable[[], object]) -> None:
    """A control's change; a refusal is said on the page, never raised."""
    try:
        change()
    except WorkshopError as e:
        st.session_state["regie_problem"] = problem(e)


def label(stage: str) -> str:
    return f"{stages.STAGES.index(stage) + 1} · {t(f'stage_{stage}')}"


def stepper(workshop: Workshop, status) -> str:
    """The phases in order; choosing one puts it on every beamer. The phase shown."""
    values = len(cache.vote_count(workshop.code, workshop.revision)[0])
    now = stages.suggested(workshop.stage, workshop.voting, workshop.final, values, status.answers)
    if workshop.stage is None:  # the presenter takes the beamer over where the room stands
        _do(lambda: cache.store().set_stage(workshop.code, now))
    st.session_state["regie_stage"] = now  # as stored: another tab may have moved on
    st.segmented_control(
        t("stage_label"),
        stages.STAGES,
        format_func=label,
        required=True,
        key="regie_stage",
        on_change=access.guarded(_do),
        args=(lambda: cache.store().set_stage(workshop.code, st.session_state["regie_stage"]),),
    )
    if st.session_state.get("regie_problem"):
        st.error(st.session_state.pop("regie_problem"), icon=":material/error:")
    return now


def next_button(workshop: Workshop, stage: str) -> None:
    after = stages.following(stage)
    if after is None:
        return
    st.button(
        t("stage_next", stage=t(f"stage_{after}")),
        icon=":material/arrow_forward:",
        type="primary",
        key="regie_next",
        on_click=access.guarded(_do),
        args=(lambda: cache.store().set_stage(workshop.code, after),),
    )


def links(stage: str) -> None:
    for page in LINKS[stage]:
        st.page_link(page, label=t(f"stage_link_{page[6:-3]}"), icon=ICONS[page])


# -- the controls of each phase ------------------------------------------------------------------
def controls(workshop: Workshop, stage: str, status) -> None:
    code, store = workshop.code, cache.store()
    st.caption(t(f"stage_{stage}_hint"))
    if stage == stages.COLLECT:
        opening = not workshop.is_open
        st.button(
            t("ws_open" if opening else "ws_close"),
            icon=":material/lock_open:" if opening else ":material/lock:",
            type="primary" if opening else "secondary",
            key="regie_answers",
            on_click=access.guarded(_do),
            args=(lambda: store.set_phase(code, OPEN if opening else CLOSED),),
        )
        timers(code)
    elif stage == stages.CLOUDS:
        st.session_state["regie_show"] = workshop.stage_show
        st.segmented_control(
            t("projector_show"),
            stages.SHOWS,
            format_func=lambda v: t("projector_both") if v == stages.BOTH else t(v),
            required=True,
            key="regie_show",
            on_change=access.guarded(_do),
            args=(lambda: store.set_stage(code, stages.CLOUDS, st.session_state["regie_show"]),),
        )
        if status.review:
            st.warning(t("stage_review", n=status.review), icon=":material/shield:")
    elif stage == stages.VALUES:
        _starting_set(workshop, status)
    elif stage == stages.VOTE:
        _voting(workshop)
        timers(code)
    elif stage == stages.DNA:
        _final(workshop)
    hide(workshop)


def hide(workshop: Workshop) -> None:
    st.session_state["regie_hide"] = workshop.results_hidden
    st.toggle(
        t("projector_hide"),
        key="regie_hide",
        on_change=access.guarded(_do),
        args=(
            lambda: cache.store().set_results_hidden(
                workshop.code, bool(st.session_state.get("regie_hide"))
            ),
        ),
    )


def timers(code: str) -> None:
    beamer.timer_buttons(code, "regie_timer", t("stage_timer_stop"), _do)


def _voting(workshop: Workshop) -> None:
    code, store = workshop.code, cache.store()
    values = cache.vote_count(code, workshop.revision)[0]
    if workshop.voting == NONE and len(values) < 2:
        st.info(t("vote_need_values", n=len(values)), icon=":material/diamond:")
        return

    def open_voting() -> None:
        store.set_voting(code, OPEN, Rules(workshop.dots, workshop.cap))
        store.set_phase(code, CLOSED)  # phones then show only the ballot

    to, key = {
        NONE: (open_voting, "vote_open"),
        OPEN: (lambda: store.set_voting(code, CLOSED), "vote_close"),
        CLOSED: (lambda: store.set_voting(code, OPEN), "vote_reopen"),
    }[workshop.voting]
    st.button(
        t(key),
        type="primary" if workshop.voting != CLOSED else "secondary",
        icon=":material/how_to_vote:",
        key="regie_voting",
        on_click=access.guarded(_do),
        args=(to,),
    )
    st.caption(ballot.voting_state(workshop))


def _starting_set(workshop: Workshop, status) -> None:
    """The values the comparison suggests (as on the values page), added in one click."""
    src = cache.workshop_source(workshop.code, status.revision)
    comparison = compare.compare(
        src.analysis(), compare_ui.rule(), compare.participants(src.batch.answers)
    )
    shown = cache.vote_count(workshop.code, workshop.revision)[0]
    new = dv.new_ones(shown, dv.starting_set(comparison))
    if new:
        st.button(
            t("stage_values_add", n=len(new)),
            type="primary",
            icon=":material/auto_awesome:",
            key="regie_values_add",
            on_click=access.guarded(_do),
            args=(lambda: values_ui.add(workshop.code, new),),
        )


def _final(workshop: Workshop) -> None:
    """The chosen values: the proposal of the count, to keep in one click, or the saved ones."""
    code = workshop.code
    values, _, total = cache.vote_count(code, workshop.revision)
    names = {v.id: v.name for v in values}
    if workshop.voting != CLOSED:
        st.info(t("stage_dna_close_first"), icon=":material/how_to_vote:")
        return
    saved = [i for i in workshop.final if i in names]
    if saved:
        st.success(t("stage_dna_saved", values=plain(" · ".join(names[i] for i in saved))))
        return
    proposal = votechart.default_final(total, [v.id for v in values])
    st.markdown(t("stage_dna_proposal", values=plain(" · ".join(names[i] for i in proposal))))
    st.button(
        t("stage_dna_keep"),
        type="primary",
        icon=":material/check:",
        key="regie_final",
        on_click=access.guarded(_do),
        args=(lambda: cache.store().set_final(code, proposal, workshop.tagline),),
    )


# -- the beamer's copy ---------------------------------------------------------------------------
def preview(workshop: Workshop, stage: str, status) -> None:
    """A small copy of the beamer: what the room sees now."""
    st.html(CSS)
    if workshop.timer_ends:
        st.html(countdown.html(workshop.timer_ends, t("timer_done")), unsafe_allow_javascript=True)
    if workshop.results_hidden:
        st.info(t("projector_hidden"), icon=":material/visibility_off:")
        return
    if stage in (stages.COLLECT, stages.CLOUDS):
        shown = workshop.stage_show if stage == stages.CLOUDS else stages.BOTH
        questions = QUESTIONS if shown == stages.BOTH else (shown,)
        result = cache.workshop_analysis(workshop.code, status.revision)
        for col, q in zip(st.columns(len(questions)), questions, strict=True):
            col.caption(plain(workshop.question(q)))
            freqs = tuple(result.questions[q].frequencies().items())
            if freqs:
                grown = growing.cloud_png(f"regie:{workshop.code}", freqs, q, "white", PREVIEW)
                col.image(grown.png, output_format="PNG")
            else:
                col.caption(t("projector_waiting"))
    elif stage == stages.COMPARE:
        src = cache.workshop_source(workshop.code, status.revision)
        result = compare.compare(
            src.analysis(), compare.Thresholds(), compare.participants(src.batch.answers)
        )
        for col, category in zip(st.columns(3), scenes.LISTED, strict=True):
            col.markdown(f"**{t(f'compare_{category}')}**")
            rows = result.of(category)[: scenes.PER_LIST]
            col.markdown("\n".join(f"- {plain(r.label)}" for r in rows) or t("stage_none"))
        if less := result.of(compare.STRENGTH_LESS)[: scenes.PER_LIST]:
            names = ", ".join(plain(r.label) for r in less)
            st.caption(f"{t('compare_strength_less')}: {names}")
        st.caption(compare_ui.entropy_note(result.entropy[CURRENT]))
    elif stage in (stages.VALUES, stages.VOTE, stages.DNA):
        values, _, total = cache.vote_count(workshop.code, workshop.revision)
        chosen = set(workshop.final) if stage == stages.DNA else set()
        lines = [
            f"- {'**' if v.id in chosen else ''}{plain(v.name)}{'**' if v.id in chosen else ''}"
            + (f" · {t('stage_dots', n=total.dots.get(v.id, 0))}" if stage != stages.VALUES else "")
            for v in values
        ]
        st.markdown("\n".join(lines) or t("stage_values_waiting"))
