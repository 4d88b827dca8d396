"""Word clouds: current and desired culture side by side, and the answers behind every word."""

import streamlit as st

from dna.analysis.grouping import QuestionResult
from dna.records import QUESTIONS
from ui import access, cache, edits, results, state
from ui.texts import t

st.title(t("clouds_title"))
src, team = results.header()
result = src.analysis(team)


def show_cloud(question: str, res: QuestionResult) -> None:
    st.subheader(t(question))
    if not res.frequencies():
        st.info(t("empty_cloud"))
        return
    with st.spinner(
        t("drawing")
    ):  # grown over the answers as the beamer grew it (dna.output.replay)
        png = cache.grown_png(src, question, team)
    st.image(png, width="stretch", output_format="PNG")
    st.caption(t("counts", answers=res.answers, groups=len(res.groups)))
    files = {  # the SVG and the GIF are made when clicked
        "png": (lambda: png, "png", "image/png"),
        "svg": (lambda: cache.grown_svg(src, question, team), "svg", "image/svg+xml"),
        "gif": (lambda: cache.grown_gif(src, question, team), "gif", "image/gif"),
    }
    slots = [*st.columns(2), st.container()]  # PNG and SVG side by side, the GIF below
    for slot, (key, (make, ext, mime)) in zip(slots, files.items(), strict=True):
        slot.download_button(
            t("clouds_gif") if key == "gif" else ext.upper(),
            access.made_for_facilitator(make),
            help=t(f"download_{key}", question=t(question)),
            icon=":material/animation:" if key == "gif" else ":material/download:",
            file_name=f"{question}.{ext}",
            mime=mime,
            on_click="ignore",
            key=f"clouds_{key}_{question}",
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
