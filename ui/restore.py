"""Restoring a JSON backup as a workshop of this installation (the DNA-sheet page)."""

import streamlit as st

from dna import backup
from dna.workshop import WorkshopError
from ui import cache, state
from ui.texts import plain, t


def form() -> None:
    """A backup file in, a workshop (with its own code) out, in this store."""
    st.subheader(t("sheet_restore_title"))
    max_mb = backup.MAX_BYTES // 2**20
    st.caption(t("sheet_restore_intro", max_mb=max_mb))
    upload = st.file_uploader(
        t("sheet_restore_file"), type=["json"], key="sheet_restore_file", max_upload_size=max_mb
    )
    clicked = st.button(
        t("sheet_restore"), key="sheet_restore", icon=":material/restore:", disabled=not upload
    )
    if upload is None or not clicked:
        return
    try:
        code = backup.restore(cache.store(), backup.loads(upload.getvalue()))
    except WorkshopError as exc:
        shown = {k: plain(str(v)) for k, v in exc.params.items()}
        try:
            st.error(t(f"sheet_err_{exc.code}", **shown), icon=":material/error:")
        except KeyError:
            st.error(t("sheet_err_other", message=plain(str(exc))), icon=":material/error:")
        return
    title = cache.store().workshop(code).title
    st.success(t("sheet_restored", title=plain(title), code=code), icon=":material/check:")
    st.button(t("sheet_open_restored"), on_click=state.set_workshop, args=(code,), key="sheet_open")
