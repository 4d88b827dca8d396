"""The comparison page's parts: the thresholds, the lists (behouden / loslaten / ontwikkelen, the
strengths named less and the rest on one line) and the entropy, in words the room reads. The
beamer (ui.scenes) and the presenter's copy (ui.regie) say the entropy the same way."""

from __future__ import annotations

import streamlit as st

from dna.analysis import compare
from dna.analysis.entropy import Entropy, Report
from dna.analysis.tags import TAGS
from dna.records import CURRENT, DESIRED, QUESTIONS
from ui import cache
from ui.texts import plain, t

LISTED = (compare.KEEP, compare.LET_GO, compare.DEVELOP)  # the three columns
DESIRED_NOTICE = 0.05  # the desired culture's entropy is said out loud above this share


def remembered(where, key: str, default: float, **options) -> float:
    """A slider whose value survives a visit to another page (widget keys do not)."""
    st.session_state.setdefault(key, default)
    st.session_state[f"{key}_widget"] = st.session_state[key]
    copy = lambda: st.session_state.update({key: st.session_state[f"{key}_widget"]})  # noqa: E731
    return where.slider(t(key), key=f"{key}_widget", on_change=copy, **options)


def rule() -> compare.Thresholds:
    """The rule the facilitator set on this page (its defaults when not visited), for the pages
    that follow it: values, Regie, the DNA sheet."""
    share = st.session_state.get("compare_min_share", 10)
    lean = round(st.session_state.get("compare_lean", 2.0), 1)
    people = st.session_state.get("compare_min_people") or None
    return compare.Thresholds(share / 100, lean, people)


def thresholds(participants: int) -> compare.Thresholds:
    """The facilitator's rule, in an expander that names it."""
    auto = compare.Thresholds().people(participants)
    people = st.session_state.get("compare_min_people") or auto
    values = {"min": st.session_state.get("compare_min_share", 10), "people": people}
    values["lean"] = f"{st.session_state.get('compare_lean', 2.0):g}"
    with st.expander(t("compare_thresholds", **values), key="compare_thresholds"):
        left, mid, right = st.columns(3)
        share = remembered(left, "compare_min_share", 10, min_value=1, max_value=50, format="%d%%")
        lean = remembered(
            mid, "compare_lean", 2.0, min_value=1.1, max_value=5.0, step=0.1, format="%.1f×"
        )
        st.session_state["compare_min_people_widget"] = people  # follows the room until set
        people = right.number_input(
            t("compare_min_people"),
            min_value=1,
            max_value=1000,
            step=1,
            help=t("compare_min_people_help", auto=auto, people=participants),
            key="compare_min_people_widget",
            on_change=lambda: st.session_state.update(
                compare_min_people=st.session_state["compare_min_people_widget"]
            ),
        )
    st.caption(t("compare_rule", min=share, lean=f"{lean:g}", people=int(people)))
    return compare.Thresholds(share / 100, round(lean, 1), int(people))


def lists(result: compare.Comparison, listed: tuple[str, ...] = LISTED) -> None:
    """Keep, let go, develop in three columns; below them the strengths named less and the
    count of the rest."""
    rule = result.thresholds
    values = {"min": round(100 * rule.min_share), "lean": f"{rule.lean:g}"}
    for col, category in zip(st.columns(len(listed)), listed, strict=True):
        col.subheader(t(f"compare_{category}"))
        items = [
            f"- {plain(r.label)} · {r.current_share:.0%} → {r.desired_share:.0%}"
            for r in result.of(category)
        ]
        col.markdown("\n".join(items) or t(f"compare_none_{category}", **values))
    less = result.of(compare.STRENGTH_LESS)
    if less:
        items = ", ".join(
            f"{plain(r.label)} ({r.current_share:.0%} → {r.desired_share:.0%})" for r in less
        )
        st.markdown(t("compare_strength_less_line", items=items))
    if result.others:
        st.caption(t("compare_others_line", n=result.others, people=result.min_people))


def entropy_line(e: Entropy, question: str = CURRENT) -> str:
    """ "Entropie nu: 23% van de antwoorden (4 van 10 mensen)"."""
    key = "compare_entropy_now" if question == CURRENT else "compare_entropy_desired"
    return t(key, share=f"{e.answer_share:.0%}", limited=e.limited, people=e.people)


def entropy_note(e: Entropy) -> str:
    """The entropy now with what it is, for the beamer and the presenter's copy of it."""
    return f"{entropy_line(e)}: {t('compare_entropy_short')}"


def desired_high(e: Entropy) -> str | None:
    """The sentence for a desired culture whose answers are not near free of limiting themes."""
    if e.answer_share > DESIRED_NOTICE:
        return t("compare_entropy_desired_high", share=f"{e.answer_share:.0%}")
    return None


def names() -> dict[str, str]:
    """The CSV's column names, categories, tags and questions in the reader's language."""
    out = {c: t(f"compare_col_{c}") for c in compare.COLUMNS + compare.ENTROPY_COLUMNS}
    out |= {c: t(f"compare_{c}") for c in compare.CATEGORIES}
    out |= {tag: t(f"tag_{tag}") for tag in TAGS}
    return out | {q: t(q) for q in QUESTIONS}


def report_of(src: cache.Source, team: str | None) -> Report:
    """The entropy of the room (or the chosen team), and of every team big enough to show."""
    sizes = src.batch.teams() if team is None else {}
    shown, _ = compare.split_teams(sizes)
    return compare.entropy_report(src.analysis(team), {n: src.analysis(n) for n in shown}, sizes)


def entropy(src: cache.Source, team: str | None) -> None:
    """The entropy now and desired, what it means, and per team when teams are shown."""
    report = report_of(src, team)
    st.subheader(t("compare_entropy"))
    now, wanted = report.room.get(CURRENT, Entropy()), report.room.get(DESIRED, Entropy())
    st.markdown(f"**{entropy_line(now)}** · {entropy_line(wanted, DESIRED)}")
    st.caption(t("compare_entropy_what"))
    if warning := desired_high(wanted):
        st.warning(warning, icon=":material/info:")
    if report.teams:
        st.markdown(t("compare_entropy_teams", minimum=compare.ANONYMITY_MIN))
        st.dataframe(
            [
                {
                    t("compare_entropy_team"): team,
                    t("compare_chart_current"): entropy_line(by_q.get(CURRENT, Entropy())),
                    t("compare_chart_desired"): entropy_line(by_q.get(DESIRED, Entropy()), DESIRED),
                }
                for team, by_q in report.teams.items()
            ],
            hide_index=True,
            key="compare_entropy_teams",
        )
