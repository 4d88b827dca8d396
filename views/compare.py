"""Current vs desired: what to keep, let go and develop, as a chart the room can read."""

import streamlit as st

from dna import chart, compare
from ui import access, results, values_ui
from ui.texts import plain, t

LISTED = (compare.KEEP, compare.LET_GO, compare.DEVELOP)  # "other" is only in the CSV


def remembered(where, key: str, default: float, **options) -> float:
    """A slider whose value survives a visit to another page (widget keys do not)."""
    st.session_state.setdefault(key, default)
    st.session_state[f"{key}_widget"] = st.session_state[key]
    copy = lambda: st.session_state.update({key: st.session_state[f"{key}_widget"]})  # noqa: E731
    return where.slider(t(key), key=f"{key}_widget", on_change=copy, **options)


def labels(subtitle: str) -> dict[str, str]:
    return {k: t(f"compare_chart_{k}") for k in chart.LABELS} | {"subtitle": subtitle}


st.title(t("compare_title"))
src, team = results.header()
st.caption(t("compare_intro"))

values = {"min": st.session_state.get("compare_min_share", 10)}
values["lean"] = f"{st.session_state.get('compare_lean', 2.0):g}"
with st.expander(t("compare_thresholds", **values), key="compare_thresholds"):
    left, right = st.columns(2)
    min_share = remembered(left, "compare_min_share", 10, min_value=1, max_value=50, format="%d%%")
    lean = remembered(
        right, "compare_lean", 2.0, min_value=1.1, max_value=5.0, step=0.1, format="%.1f×"
    )
values = {"min": min_share, "lean": f"{lean:g}"}
st.caption(t("compare_rule", **values))
rule = compare.Thresholds(min_share / 100, round(lean, 1))
result = compare.compare(src.analysis(team), rule, compare.participants(src.batch.answers, team))
if not result.rows:
    st.info(t("compare_empty"))
    st.stop()

metrics = st.columns(4)
metrics[0].metric(t("compare_participants"), result.participants)
for col, (question, figures) in zip(metrics[1:3], result.questions.items(), strict=True):
    col.metric(
        t("compare_groups", question=t(question)),
        figures.groups,
        help=t("compare_groups_help", answers=figures.answers, people=figures.people),
    )
metrics[3].metric(t("compare_overlap"), f"{result.overlap:.0%}", help=t("compare_overlap_help"))

figure = chart.diverging(result, labels(t("compare_chart_subtitle", people=result.participants)))
st.altair_chart(figure, width="stretch", theme=None, key="compare_chart")

for col, category in zip(st.columns(3), LISTED, strict=True):
    col.subheader(t(f"compare_{category}"))
    items = [
        f"- {plain(r.label)} · {r.current_share:.0%} → {r.desired_share:.0%}"
        for r in result.of(category)
    ]
    col.markdown("\n".join(items) or t(f"compare_none_{category}", **values))
values_ui.make_from_rows(src.code, result)

names = {c: t(f"compare_col_{c}") for c in compare.COLUMNS}
names |= {c: t(f"compare_{c}") for c in compare.CATEGORIES}
downloads = {
    "png": (access.made_for_facilitator(lambda: chart.chart_png(figure)), "image/png"),
    "csv": ("\ufeff" + compare.to_csv(result, names, t("compare_decimal")), "text/csv"),
}
for col, (ext, (data, mime)) in zip(st.columns(2), downloads.items(), strict=True):
    col.download_button(
        t(f"compare_download_{ext}"),
        data,
        file_name=f"vergelijking.{ext}",
        mime=mime,
        on_click="ignore",
        icon=":material/download:",
        key=f"compare_{ext}",
    )

sizes = src.batch.teams()
if team is None and sizes:
    st.subheader(t("compare_teams_title"))
    teams = compare.compare_teams({name: src.analysis(name) for name in sizes}, sizes, rule)
    if teams.shown:
        smallest = min(teams.shown, key=lambda name: teams.shown[name].participants)
        people = teams.shown[smallest].participants
        st.caption(
            t("compare_teams_small", team=plain(smallest), people=people, one=round(100 / people))
        )
        panels = chart.teams_chart(teams.shown, result.rows, labels(t("compare_teams_intro")))
        st.altair_chart(panels, theme=None, key="compare_teams_chart")
    if teams.withheld:
        st.info(
            t(
                "compare_teams_withheld",
                teams=", ".join(map(plain, teams.withheld)),
                minimum=compare.ANONYMITY_MIN,
            ),
            icon=":material/visibility_off:",
        )
