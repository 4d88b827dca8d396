"""JSON backups on the DNA-sheet page: which kind to download, and restoring one as a workshop
of this installation."""

import streamlit as st

from dna.services import backup
from dna.workshop.workshop import WorkshopError
from ui import cache, state
from ui.texts import NL, error, plain, t

KINDS = ("archive", "move")  # the archive first: it is the default


def backup_kind(where) -> bool:
    """The kind of backup the download makes: an archive, or a move that keeps the participants'
    tokens (True), each said in one sentence."""
    kind = where.radio(
        t("sheet_backup_kind"),
        KINDS,
        format_func=lambda k: t(f"sheet_backup_{k}"),
        captions=[t(f"sheet_backup_{k}_help") for k in KINDS],
        key="sheet_backup_kind",
    )
    return kind == "move"


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
        st.error(_problem(exc), icon=":material/error:")
        return
    title = cache.store().workshop(code).title
    st.success(t("sheet_restored", title=plain(title), code=code), icon=":material/check:")
    st.button(t("sheet_open_restored"), on_click=state.set_workshop, args=(code,), key="sheet_open")


def _problem(exc: WorkshopError) -> str:
    """Why a restore was refused: this page's own words, else the domain's err_<code>."""
    if f"sheet_err_{exc.code}" in NL:
        try:
            return t(f"sheet_err_{exc.code}", **{k: plain(str(v)) for k, v in exc.params.items()})
        except KeyError:
            pass
    elif f"err_{exc.code}" in NL:
        return error(exc.code, str(exc), exc.params)
    return t("sheet_err_other", message=plain(str(exc)))
