"""Current vs desired: what to keep, let go and develop, as a chart the room can read."""

import streamlit as st

from dna.analysis import compare
from dna.output import chart
from dna.records import CURRENT
from ui import access, compare_ui, edits, results, tags_ui, values_ui
from ui.texts import plain, t


def labels(subtitle: str) -> dict[str, str]:
    return {k: t(f"compare_chart_{k}") for k in chart.LABELS} | {"subtitle": subtitle}


st.title(t("compare_title"))
src, team = results.header()
edits.say_done()
st.caption(t("compare_intro"))

people = compare.participants(src.batch.answers, team)
rule = compare_ui.thresholds(people)
result = compare.compare(src.analysis(team), rule, people)
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

subtitle = t("compare_chart_subtitle", people=result.participants)
subtitle += "\n" + compare_ui.entropy_line(result.entropy[CURRENT])
figure = chart.diverging(result, labels(subtitle))
st.altair_chart(figure, width="stretch", theme=None, key="compare_chart")

compare_ui.lists(result)
tags_ui.editor(src, result.rows)
values_ui.make_from_rows(src.code, result)
compare_ui.entropy(src, team)

table = compare.to_csv(result, compare_ui.names(), t("compare_decimal"))
downloads = {
    "png": (access.made_for_facilitator(lambda: chart.chart_png(figure)), "image/png"),
    "csv": ("\ufeff" + table, "text/csv"),
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
