"""Add answers: upload a Forms/Excel export or paste text; check the detected columns."""

import streamlit as st

from dna.intake import ingest
from dna.language import moderate
from dna.records import fingerprint
from ui import cache, state
from ui.texts import describe, error, plain, t, warning

st.title(t("upload_title"))
st.markdown(t("upload_intro"))
in_use = state.answers()
if state.workshop():
    st.info(t("upload_into", code=state.workshop()), icon=":material/groups:")
elif in_use:
    st.caption(t("in_use", source=plain(in_use[1]), n=len(in_use[0])))
    if st.button(t("back_to_sample"), key="upload_reset", icon=":material/undo:"):
        state.clear_answers()
        st.rerun()


def read(data: bytes, name: str, **choice) -> tuple[ingest.Import | None, Exception | None]:
    try:
        return cache.read_upload(data, name, **choice), None
    except ingest.IngestError as exc:
        return None, exc


def offer(imported: ingest.Import, source: str) -> None:
    st.info(describe(imported))
    for w in imported.warnings:
        st.warning(warning(w))
    code = state.workshop()
    if code:  # into the facilitator's current workshop, once per distinct set of answers
        if st.button(t("add_to_workshop"), type="primary", key=f"upload_add_{source}"):
            key = fingerprint(imported.answers)
            added = cache.store().add_import(
                code, key, source, imported.answers, flagged=moderate.flagged
            )
            if added is None:
                st.info(t("added_before"))
            else:
                st.success(t("added", n=added))
            st.page_link("views/clouds.py", label=t("to_clouds"), icon=":material/cloud:")
    elif st.button(t("use_answers"), type="primary", key=f"upload_use_{source}"):
        state.set_answers(imported.answers, source)
        st.success(t("used", n=len(imported.answers)))
        st.page_link("views/clouds.py", label=t("to_clouds"), icon=":material/cloud:")


def choose_columns(auto: ingest.Import | None, found: dict, key: str) -> dict | None:
    """The column widgets; the facilitator's choice when it differs from the detection."""
    columns = auto.columns if auto else tuple(found.get("columns", ()))
    with st.expander(t("columns_title"), expanded=auto is None):
        if auto:
            st.caption(t("columns_help"))
        pick = {
            q: tuple(
                st.multiselect(
                    t(f"col_{q}"),
                    columns,
                    default=getattr(auto, f"{q}_columns", ()),
                    key=f"upload_{q}_{key}",
                    placeholder=t("choose"),
                )
            )
            for q in ("current", "desired")
        }
        teams = ("", *columns)
        pick["team"] = st.selectbox(
            t("pick_team_column"),
            teams,
            key=f"upload_team_{key}",
            index=teams.index(auto.team_column or "") if auto else 0,
            format_func=lambda c: c or t("no_team"),
        )
    detected = auto and pick == {
        "current": auto.current_columns,
        "desired": auto.desired_columns,
        "team": auto.team_column or "",
    }
    return None if detected or not (pick["current"] or pick["desired"]) else pick


file_tab, paste_tab = st.tabs([t("tab_file"), t("tab_paste")])
with file_tab:
    # no type filter: a wrong file gets dna.intake.ingest's clear message in the user's language
    upload = st.file_uploader(
        t("file_label"), key="upload_file", max_upload_size=ingest.MAX_FILE_BYTES // 2**20
    )
    if upload is not None:
        message = st.empty()  # errors show above the column choice
        fid = upload.file_id
        sheet = st.session_state.get(f"upload_sheet_{fid}")
        imported, failure = read(upload.getvalue(), upload.name, sheet=sheet)
        found = getattr(failure, "params", {})  # what a failure saw: columns, sheets
        sheets = imported.sheets if imported else tuple(found.get("sheets", ()))
        read_sheet = imported.sheet if imported else sheet  # detection may pick a later sheet
        if sheets:
            st.selectbox(
                t("sheet"),
                sheets,
                key=f"upload_sheet_{fid}",
                index=sheets.index(read_sheet) if read_sheet in sheets else 0,
            )
        if (imported or found.get("columns")) and getattr(imported, "format", "") != "long":
            choice = choose_columns(imported, found, f"{fid}_{read_sheet}")
            if choice:
                imported, failure = read(upload.getvalue(), upload.name, sheet=read_sheet, **choice)
        if failure and not imported:
            message.error(error(failure.code, str(failure), failure.params))
        if imported:
            offer(imported, upload.name)
            st.caption(t("preview"))
            st.dataframe(
                imported.used_preview(),
                hide_index=True,
                height="auto",
            )

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
