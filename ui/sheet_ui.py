"""The DNA-sheet page's parts: what goes on the sheet, its design (layout, paper, house colour,
logo, what it shows), and the PDF with a preview of its first page.

The design is stored with the workshop (Store.set_sheet) as each widget changes, so every
facilitator tab, the command line and a backup make the same sheet.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from dna.analysis import compare
from dna.colour import contrast
from dna.intake.tables import IngestError
from dna.output import export
from dna.output import sheet as dna_sheet
from dna.records import QUESTIONS
from dna.workshop import sheetoptions
from dna.workshop.sheetlogo import LOGO_MAX_BYTES
from dna.workshop.sheetoptions import DEFAULT_COLOUR, LAYOUTS, PAPERS, POSTER, SHOWS, SheetOptions
from ui import cache
from ui.texts import error, plain, t

FIELDS = ("sheet_layout", "sheet_paper", "sheet_colour", *(f"sheet_show_{n}" for n in SHOWS))
REFUSED = "sheet_design_refused"  # a refused logo or colour, shown on the next run
OWNER = "sheet_design_code"  # the workshop the design widgets show


def values_preview(preview: dna_sheet.SheetData) -> None:
    """The sheet's values as text: name, votes, what it does, meaning, behaviours."""
    for n, value in enumerate(preview.values, 1):
        left, right = st.columns([2, 3])
        dots = f" · {t('sheet_votes', n=value.votes)}" if value.votes is not None else ""
        aim = f" · _{t(f'values_aim_{value.aim}')}_" if value.aim else ""
        left.markdown(f"**{n}. {plain(value.name)}**{dots}{aim}")
        left.markdown(plain(value.meaning) if value.meaning else t("sheet_no_meaning"))
        items = "\n".join(f"- {plain(b)}" for b in value.behaviours)
        right.markdown(f"{t('sheet_behaviours')}:\n{items}" if items else "")
        for key, lines in (("sheet_do", value.do), ("sheet_dont", value.dont)):
            if lines:
                right.markdown(f"**{t(key)}:** " + " · ".join(map(plain, lines)))


def data(src: cache.Source, ws, values, votes, people: int, rule, lang: str):
    """What the sheet shows, with the comparison under the page's rule and the clouds as the
    beamer grew them (the sheet grows them again for its own boxes)."""
    analysis = src.analysis()
    comparison = compare.compare(analysis, rule, people)
    clouds = tuple(
        dna_sheet.Grown(cache.grown_frames(src, q)) if analysis.questions[q].frequencies() else None
        for q in QUESTIONS
    )
    return export.sheet_data(
        ws, analysis, values, votes, clouds, lang, participants=people, comparison=comparison
    )


def design(code: str) -> SheetOptions:
    """The design panel; returns the options as stored (after this run's changes)."""
    options = cache.store().sheet(code)
    if st.session_state.get(OWNER) != code:  # another workshop: its own choices
        for key in FIELDS:
            st.session_state.pop(key, None)
        st.session_state[OWNER] = code
    poster = options.layout == POSTER
    save = {"on_change": _save, "args": (code,)}
    left, right = st.columns([3, 2])
    left.radio(
        t("sheet_layout"), LAYOUTS, index=LAYOUTS.index(options.layout), horizontal=True,
        format_func=lambda k: t(f"sheet_layout_{k}"), help=t("sheet_layout_help"),
        key="sheet_layout", **save,
    )  # fmt: skip
    if poster:
        left.radio(
            t("sheet_paper"), PAPERS[::-1], index=PAPERS[::-1].index(options.paper),
            horizontal=True, format_func=lambda k: t(f"sheet_paper_{k}"), key="sheet_paper",
            **save,
        )  # fmt: skip
    picked = options.colour or DEFAULT_COLOUR
    right.color_picker(
        t("sheet_colour"), picked, help=t("sheet_colour_help"), key="sheet_colour", **save
    )
    ink, darker = sheetoptions.ink(picked)
    if darker:
        ratio = f"{contrast(_rgb(picked), sheetoptions.WHITE):.1f}"
        right.caption(t("sheet_colour_darker", ratio=ratio, ink=ink))
    st.caption(t("sheet_poster_shows") if poster else t("sheet_show"))
    for column, name in zip(st.columns(2) * 2, SHOWS, strict=True):
        column.checkbox(
            t(f"sheet_show_{name}"), getattr(options, name), key=f"sheet_show_{name}",
            disabled=poster and name != "desired_cloud", **save,
        )  # fmt: skip
    _logo(code, options)
    if refused := st.session_state.pop(REFUSED, None):
        st.error(error(*refused), icon=":material/error:")
    return cache.store().sheet(code)


def made(sheet_data, options: SheetOptions) -> tuple[bytes, dna_sheet.Measures]:
    """The PDF and its measures, made once per content and options."""
    with st.spinner(t("sheet_rendering")):
        return cache.sheet_made(sheet_data, options)


def preview(pdf: bytes, measures: dna_sheet.Measures) -> None:
    """The first page as a picture, how many pages and how small the type came out."""
    st.image(cache.sheet_png(pdf), caption=t("sheet_preview_image"), width="stretch")
    pt = f"{measures.min_pt:.0f}"
    if measures.cloud_min_pt:
        cloud = f"≥ {measures.cloud_min_pt:.0f} pt"
        st.caption(t("sheet_pages", n=measures.pages, pt=pt, cloud=cloud))
    else:
        st.caption(t("sheet_pages_no_cloud", n=measures.pages, pt=pt))
    if measures.left_off:
        st.caption(t(f"sheet_left_off_{measures.left_off[-1]}"))


def _logo(code: str, options: SheetOptions) -> None:
    st.file_uploader(
        t("sheet_logo", max_kb=LOGO_MAX_BYTES // 1024), type=["png", "svg"], max_upload_size=1,
        key="sheet_logo_file", on_change=_upload, args=(code,),
    )  # fmt: skip
    if options.logo_kind:
        kb = f"{len(options.logo) / 1024:.0f}"
        st.caption(t("sheet_logo_in_use", kind=options.logo_kind.upper(), kb=kb))
        st.button(
            t("sheet_logo_remove"), key="sheet_logo_remove", icon=":material/delete:",
            on_click=_set_logo, args=(code, None),
        )  # fmt: skip


def _upload(code: str) -> None:
    upload = st.session_state.get("sheet_logo_file")
    if upload is not None:
        _set_logo(code, upload.getvalue())


def _set_logo(code: str, data: bytes | None) -> None:
    store = cache.store()
    try:
        store.set_sheet(code, store.sheet(code).with_logo(data))
    except IngestError as exc:
        st.session_state[REFUSED] = (exc.code, str(exc), exc.params)


def _save(code: str) -> None:
    """The widgets' choices into the stored options (a refused colour is said, not stored)."""
    store, s = cache.store(), st.session_state
    options = store.sheet(code)
    shows = {n: bool(s.get(f"sheet_show_{n}", getattr(options, n))) for n in SHOWS}
    try:
        colour = sheetoptions.colour(s.get("sheet_colour") or options.colour or DEFAULT_COLOUR)
        chosen = replace(
            options, layout=s.get("sheet_layout", options.layout),
            paper=s.get("sheet_paper", options.paper), colour=colour, **shows,
        )  # fmt: skip
    except IngestError as exc:
        s[REFUSED] = (exc.code, str(exc), exc.params)
        return
    store.set_sheet(code, chosen)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
