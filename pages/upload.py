"""Add answers: upload a Forms/Excel export or paste text; check the detected columns."""

import streamlit as st

from dna import ingest
from dna.records import CURRENT, DESIRED
from ui import cache, state
from ui.texts import error, t, warning

st.title(t("upload_title"))
st.markdown(t("upload_intro"))


def read(
    data: bytes, name: str, **choice
) -> tuple[ingest.Import | None, ingest.IngestError | None]:
    try:
        return cache.read_upload(data, name, **choice), None
    except ingest.IngestError as exc:
        return None, exc


def offer(imported: ingest.Import, source: str) -> None:
    n = {q: sum(a.question == q for a in imported.answers) for q in (CURRENT, DESIRED)}
    who = "detected" if imported.respondents else "detected_answers"  # pasted text: no people
    st.info(t(who, respondents=imported.respondents, current=n[CURRENT], desired=n[DESIRED]))
    details = [t("detected_format", format=imported.format)]
    if imported.encoding:
        details.append(t("encoding", encoding=imported.encoding))
    if imported.delimiter:
        details.append(
            t("delimiter", delimiter={"\t": "tab"}.get(imported.delimiter, imported.delimiter))
        )
    st.caption(" · ".join(details))
    for w in imported.warnings:
        st.warning(warning(w))
    if st.button(t("use_answers"), type="primary", key=f"upload_use_{source}"):
        state.set_answers(imported.answers, source)
        st.success(t("used", n=len(imported.answers)))
        st.page_link("pages/clouds.py", label=t("to_clouds"), icon=":material/cloud:")


file_tab, paste_tab = st.tabs([t("tab_file"), t("tab_paste")])
with file_tab:
    upload = st.file_uploader(
        t("file_label", max_mb=ingest.MAX_FILE_BYTES // 2**20),
        # no type filter: a wrong file gets dna.ingest's clear message in the user's language
        key="upload_file",
    )
    if upload is not None:
        message = st.empty()  # errors show above the column choice
        data, fid = upload.getvalue(), upload.file_id
        sheet = st.session_state.get(f"upload_sheet_{fid}")
        auto, failure = read(data, upload.name, sheet=sheet)
        found = failure.params if failure else {}  # what the error saw: columns, sheets
        columns = auto.columns if auto else tuple(found.get("columns", ()))
        sheets = auto.sheets if auto else tuple(found.get("sheets", ()))
        imported = auto
        if columns and not (auto and auto.format == "long"):
            with st.expander(t("columns_title"), expanded=auto is None):
                st.caption(t("columns_help"))
                if sheets:
                    st.selectbox(t("sheet"), sheets, key=f"upload_sheet_{fid}")
                key = f"{fid}_{sheet}"
                cur = st.multiselect(
                    t("col_current"),
                    columns,
                    key=f"upload_current_{key}",
                    default=auto.current_columns if auto else (),
                )
                des = st.multiselect(
                    t("col_desired"),
                    columns,
                    key=f"upload_desired_{key}",
                    default=auto.desired_columns if auto else (),
                )
                teams = ("", *columns)
                team = st.selectbox(
                    t("col_team"),
                    teams,
                    key=f"upload_team_{key}",
                    index=teams.index(auto.team_column or "") if auto else 0,
                    format_func=lambda c: c or t("no_team"),
                )
            chosen = (tuple(cur), tuple(des), team)
            if (cur or des) and (
                not auto
                or chosen != (auto.current_columns, auto.desired_columns, auto.team_column or "")
            ):
                imported, failure = read(
                    data, upload.name, sheet=sheet, current=chosen[0], desired=chosen[1], team=team
                )
        if failure and not imported:
            message.error(error(failure.code, str(failure), failure.params))
        if imported:
            offer(imported, upload.name)
            st.caption(t("preview"))
            st.dataframe(imported.preview, hide_index=True, height=240)

with paste_tab:
    current = st.text_area(t("paste_current"), height=180, key="paste_current")
    desired = st.text_area(t("paste_desired"), height=180, key="paste_desired")
    if current.strip() or desired.strip():
        try:
            offer(ingest.from_text(current, desired), t("paste_source"))
        except ingest.IngestError as exc:
            st.error(error(exc.code, str(exc), exc.params))
    else:
        st.caption(t("nothing_pasted"))
