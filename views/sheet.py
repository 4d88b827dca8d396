"""Facilitator: the DNA sheet and every export of the workshop; a backup restored."""

import streamlit as st

from dna.analysis import compare
from dna.output import chart, export
from dna.output import sheet as dna_sheet
from dna.records import CURRENT, DESIRED, QUESTIONS
from dna.services import backup
from dna.workshop import voting
from ui import access, cache, compare_ui, restore, sheet_ui, state
from ui.texts import plain, t

st.title(t("sheet_title"))
code = state.workshop()
if not code:
    st.info(t("sheet_need_workshop"), icon=":material/arrow_back:")
    restore.form()
    st.stop()

store, lang = cache.store(), state.lang()
ws, status = store.workshop(code), store.status(code)
src = cache.workshop_source(code, status.revision)
analysis = src.analysis()
values = store.values(code)
ballots = [dots for dots, _ in store.ballots(code)]
votes = voting.tally(ballots, [v.id for v in values])
people = compare.participants(src.batch.answers)
rule = compare_ui.rule()  # the comparison page's rule: the same lists, the same entropy
preview = export.sheet_data(ws, analysis, values, votes, language=lang, participants=people)
if preview.values:  # with the comparison and the clouds: what the PDF shows
    preview = sheet_ui.data(src, ws, values, votes, people, rule, lang)
st.caption(t("sheet_intro"))

if not values:
    st.warning(t("sheet_no_values"), icon=":material/diamond:")
    st.page_link("views/values.py", label=t("sheet_to_values"), icon=":material/diamond:")
elif not ws.final:
    what = t("sheet_no_final_votes" if votes.ballots else "sheet_no_final_first")
    st.warning(t("sheet_no_final", what=what), icon=":material/how_to_vote:")
    st.page_link("views/voting.py", label=t("sheet_to_voting"), icon=":material/how_to_vote:")
unready = [v.name for v in values if v.id in ws.final and not v.complete]
if unready:  # the sheet would print empty lines for them
    names = ", ".join(plain(n) for n in unready)
    st.warning(t("sheet_incomplete", names=names), icon=":material/edit_note:")
    st.page_link("views/values.py", label=t("sheet_to_values"), icon=":material/diamond:")

with st.container(border=True, key="sheet_preview"):
    st.caption(t("sheet_preview"))
    st.subheader(plain(ws.title))
    when = dna_sheet.format_date(preview.date, lang)
    st.caption(" · ".join(plain(x) for x in (ws.organisation, when) if x))
    if ws.tagline:
        st.markdown(f"#### {plain(ws.tagline)}")
    numbers = st.columns(3)
    numbers[0].metric(t("sheet_participants"), preview.participants)
    numbers[1].metric(t("sheet_answers"), preview.answers)
    numbers[2].metric(t("sheet_voters"), preview.voters)
    sheet_ui.values_preview(preview)

pdf = b""
with st.container(border=True, key="sheet_design"):
    st.subheader(t("sheet_design"))
    settings, shown = st.columns([3, 2], gap="large")
    with settings:
        options = sheet_ui.design(code)
    if preview.values:
        with shown:
            pdf, measures = sheet_ui.made(preview, options)
            sheet_ui.preview(pdf, measures)


def cloud(question: str) -> bytes | None:  # grown as the beamer grew it, as on the clouds page
    return cache.grown_png(src, question) if analysis.questions[question].frequencies() else None


# decided while the page runs: a download's data is made outside it (no session, no language)
chart_labels = {k: t(f"compare_chart_{k}") for k in chart.LABELS}
chart_labels["subtitle"] = t("compare_chart_subtitle", people=people)


def comparison_png() -> bytes:
    result = compare.compare(analysis, rule, people)
    return chart.chart_png(chart.diverging(result, chart_labels))


def tables() -> dict:  # private: small teams merged, hidden answers only when ticked
    rows, teams = store.answer_rows(code), src.batch.teams()
    return export.tables(
        analysis, rows, src.overrides, values, ballots, ws.final, lang,
        teams=teams, include_hidden=include_hidden,
    )  # fmt: skip


has = {q: bool(analysis.questions[q].frequencies()) for q in QUESTIONS}
name = f"cultuur-dna-{code}"
downloads = [  # key, data (made only when clicked), file name, mime, enabled
    ("pdf", lambda: pdf, f"{name}-{options.layout}.pdf", "application/pdf", bool(pdf)),
    ("current", lambda: cloud(CURRENT), f"{name}-huidig.png", "image/png", has[CURRENT]),
    ("desired", lambda: cloud(DESIRED), f"{name}-gewenst.png", "image/png", has[DESIRED]),
    ("chart", comparison_png, f"{name}-vergelijking.png", "image/png", any(has.values())),
    ("xlsx", lambda: export.workbook(tables()), f"{name}.xlsx", "application/vnd.openxmlformats-"
     "officedocument.spreadsheetml.sheet", True),
    ("csv", lambda: export.csv_zip(tables()), f"{name}-csv.zip", "application/zip", True),
    ("json", lambda: backup.dumps(backup.backup(store, code, with_tokens)), f"{name}-backup.json",
     "application/json", True),
]  # fmt: skip
st.subheader(t("sheet_downloads"))
include_hidden = st.checkbox(
    t("sheet_include_hidden"),
    key="sheet_include_hidden",
    help=t("sheet_include_hidden_help", min=compare.ANONYMITY_MIN),
)
slots = [st.container(), *st.columns(3), *st.columns(3)]
with_tokens = restore.backup_kind(slots[-1])  # above the backup's button: archive or move
for slot, (key, data, file_name, mime, enabled) in zip(slots, downloads, strict=True):
    slot.download_button(
        t(f"sheet_dl_{key}"),
        access.made_for_facilitator(data),  # made on the click: only while still logged in
        file_name=file_name,
        mime=mime,
        on_click="ignore",
        disabled=not enabled,
        help=t("sheet_json_help") if key == "json" else t("sheet_dl_help"),
        icon=":material/download:",
        type="primary" if key == "pdf" else "secondary",
        width="stretch",
        key=f"sheet_dl_{key}",
    )

st.divider()
restore.form()
