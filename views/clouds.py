"""Word clouds: current and desired culture side by side, and the answers behind every word."""

import streamlit as st

from dna.grouping import QuestionResult
from dna.records import QUESTIONS
from ui import cache, edits, results, state
from ui.texts import t

st.title(t("clouds_title"))
src, team = results.header()
result = src.analysis(team)


def show_cloud(question: str, res: QuestionResult) -> None:
    st.subheader(t(question))
    freqs = tuple(res.frequencies().items())
    if not freqs:
        st.info(t("empty_cloud"))
        return
    with st.spinner(t("drawing")):
        st.image(cache.cloud_png(freqs, question), width="stretch", output_format="PNG")
    st.caption(t("counts", answers=res.answers, groups=len(res.groups)))
    files = {"png": (cache.cloud_png, "image/png"), "svg": (cache.cloud_svg, "image/svg+xml")}
    for col, (ext, (render, mime)) in zip(st.columns(2), files.items(), strict=True):
        col.download_button(
            ext.upper(),
            render(freqs, question),
            help=t(f"download_{ext}", question=t(question)),
            icon=":material/download:",
            file_name=f"{question}.{ext}",
            mime=mime,
            key=f"clouds_{ext}_{question}",
        )


for column, question in zip(st.columns(2, gap="large"), QUESTIONS, strict=True):
    with column:
        show_cloud(question, result.questions[question])

st.subheader(t("groups_title"))
for tab, question in zip(st.tabs([t(q) for q in QUESTIONS]), QUESTIONS, strict=True):
    with tab:
        res = result.questions[question]
        edits.table(res.groups, res.people, key=f"clouds_table_{question}", rows=15)
if state.workshop():
    st.page_link("views/groups.py", label=t("clouds_edit_link"), icon=":material/category:")
results.about(result)  # the pipeline and the JSON download, folded away
