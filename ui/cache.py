"""All Streamlit caching in one place: heavy things are resources, results are data."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import segno
import streamlit as st

from dna.analysis.grouping import Analysis, Keyed, build, keyed
from dna.analysis.overrides import Override
from dna.intake import ingest
from dna.language.lemmatise import Lemmatiser, shared
from dna.output import cloud, votechart
from dna.records import Answer, fingerprint
from dna.services import auth
from dna.store import Store
from dna.workshop.values import Value
from dna.workshop.voting import Tally, tally

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "voorbeeld-workshop.csv"


@st.cache_resource(show_spinner="Taalmodel laden…")
def lemmatiser() -> Lemmatiser:
    return shared()


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """One engine per process (and per database URL); the URL comes from the environment."""
    return Store()


def admin_password() -> str | None:
    """DNA_ADMIN_PASSWORD from the environment or .streamlit/secrets.toml (read as the login
    route reads it: web/ cannot ask st.secrets)."""
    return auth.configured_password()


@st.cache_data(max_entries=256, show_spinner=False)
def session_expires(token: str, revision: str) -> datetime | None:
    """When a facilitator session ends (None: it is not open), read once per revision of the
    sessions: every run checks its session without a query of its own."""
    return auth.session_expires(store(), token)


@st.cache_resource(show_spinner=False)
def first_start(url: str) -> None:
    """Once per process and database: without a configured password, make one and print it."""
    password = auth.ensure_password(store(), admin_password())
    if password:
        print(auth.banner(password), file=sys.stderr, flush=True)


@st.cache_resource(max_entries=16, show_spinner=False)
def _keyed(key: str, _answers: tuple[Answer, ...]) -> Keyed:
    """The lemmatiser's work, keyed by the answers' fingerprint: an edit does not redo it."""
    return keyed(_answers, lemmatiser())


@dataclass(frozen=True)
class Source:
    """What the result pages show: the current workshop, an uploaded file, or the sample."""

    key: str  # cache key: the workshop's revision or the answers' fingerprint
    code: str | None  # the workshop, when it is one (edits are stored per workshop)
    name: str  # the workshop's title or the file name
    batch: Keyed
    overrides: tuple[Override, ...] = ()

    def analysis(self, team: str | None = None) -> Analysis:
        return _built(self.key, self, team)


@st.cache_resource(max_entries=32, show_spinner=False)
def workshop_source(code: str, revision: int) -> Source:
    """A workshop's answers and edits at one revision (every write bumps it), so a projector
    refresh with no news costs a lookup."""
    s = store()
    answers = s.answers(code)
    title = s.workshop(code).title
    return Source(
        f"ws:{code}:{revision}",
        code,
        title,
        _keyed(fingerprint(answers), answers),
        tuple(s.overrides(code)),
    )


@st.cache_resource(max_entries=16, show_spinner=False)
def file_source(key: str, _answers: tuple[Answer, ...], name: str) -> Source:
    return Source(f"fp:{key}", None, name, _keyed(key, _answers))


@st.cache_resource(max_entries=64, show_spinner=False)
def _built(key: str, _source: Source, team: str | None) -> Analysis:
    """A resource (immutable, never copied): the analysis for everyone or one team."""
    return build(_source.batch, _source.overrides, team)


def workshop_analysis(code: str, revision: int, team: str | None = None) -> Analysis:
    return workshop_source(code, revision).analysis(team)


@st.cache_resource(max_entries=16, show_spinner=False)
def vote_count(
    code: str, revision: int
) -> tuple[list[Value], list[tuple[dict[int, int], str | None]], Tally]:
    """The candidate values, every ballot with its voter's team, and the count, as of
    `revision` (a value's change and every ballot bump it): read once per change, shared by
    every beamer and facilitator tab (a resource: never changed by its readers)."""
    s = store()
    values, ballots = s.values(code), s.ballots(code)
    return values, ballots, tally([b for b, _ in ballots], [v.id for v in values])


@st.cache_data(max_entries=32, show_spinner=False)
def vote_spec(
    code: str,
    revision: int,
    team: str | None,
    labels: tuple[tuple[str, str], ...],
    dark: bool,
    row: int,
) -> dict:
    """The beamer's vote chart as a Vega-Lite spec, built once per change: building and
    checking the Altair chart took ~45 ms of every 2 s refresh."""
    values, ballots, total = vote_count(code, revision)
    if team:
        total = votechart.by_team(ballots, [v.id for v in values], [team])[0][team]
    return votechart.results_chart(values, total, dict(labels), dark, row).to_dict()


@st.cache_data(max_entries=8, show_spinner=False)
def qr_png(url: str) -> bytes:
    """Dark modules on white with a quiet zone, also on the dark beamer: scanners expect it."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=12, border=3)
    return out.getvalue()


@st.cache_data(max_entries=8, show_spinner=False)
def read_upload(
    data: bytes,
    name: str,
    sheet: str | None = None,
    current: tuple[str, ...] | None = None,
    desired: tuple[str, ...] | None = None,
    team: str | None = None,
) -> ingest.Import:
    return ingest.load(data, name, sheet=sheet, current=current, desired=desired, team=team)


@st.cache_data(show_spinner=False)
def sample() -> tuple[Answer, ...]:
    return ingest.load(SAMPLE.read_bytes(), SAMPLE.name).answers


@st.cache_data(show_spinner=False)
def projector_css(dark: bool) -> str:
    """Full screen for the beamer: no header or sidebar, big high-contrast type."""
    fg, bg = ("#ffffff", "#0e1117") if dark else ("#111111", "#ffffff")
    return f"""<style>
header[data-testid="stHeader"], section[data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stStatusWidget"],
[data-testid="stToolbar"], [data-testid="stDecoration"] {{display: none;}}
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{background: {bg};
  color: {fg};}}
.block-container, [data-testid="stMainBlockContainer"] {{padding: 1rem 2rem; max-width: 100%;}}
[data-stale="true"] {{opacity: 1 !important; transition: none !important;}}
[data-testid="stSkeleton"] {{visibility: hidden;}}
.st-key-projector_settings {{position: fixed; right: 1rem; bottom: 1rem; z-index: 1000;
  opacity: .12; width: auto;}}
.st-key-projector_settings:hover, .st-key-projector_settings:focus-within {{opacity: 1;}}
.st-key-projector_settings button {{color: {fg};}}
.dna-timer {{position: fixed; top: .4rem; left: 50%; transform: translateX(-50%);
  font-size: 3.4rem; font-weight: 800; color: {fg}; font-variant-numeric: tabular-nums;
  z-index: 999;}}
.dna-timer:empty {{display: none;}}
.dna-head {{display: flex; justify-content: space-between; align-items: baseline;
  font-size: 2.8rem; font-weight: 700; color: {fg}; gap: 2rem;}}
.dna-count {{font-size: 2.4rem; font-weight: 600; white-space: nowrap;}}
.dna-join {{font-size: 2rem; color: {fg}; text-align: center; line-height: 1.2;}}
.dna-join b {{display: block; font-size: min(5rem, 4vw); letter-spacing: .3rem; white-space: nowrap;
  font-family: ui-monospace, monospace;}}
.dna-link {{font-size: min(1.9rem, 1.5vw); font-weight: 600; color: {fg}; text-align: center;
  overflow-wrap: anywhere; line-height: 1.25;}}
.dna-hint {{font-size: 1.5rem; color: {fg}; text-align: center; margin-top: .8rem;}}
.dna-q {{font-size: 2rem; font-weight: 600; color: {fg}; margin-bottom: .3rem;}}
.dna-final {{font-size: 2.8rem; font-weight: 800; color: {fg}; text-align: center;
  line-height: 1.25; margin: .5rem 0 1.5rem;}}
.dna-hidden {{font-size: 2.4rem; color: {fg}; opacity: .7; text-align: center;
  padding: 6rem 1rem;}}
.dna-lists {{display: grid; grid-template-columns: repeat(3, 1fr); gap: 2.5rem;
  margin-top: 1.5rem; color: {fg};}}
.dna-list h2 {{font-size: 2.6rem; font-weight: 800; color: {fg}; padding: 0 0 .6rem;
  border-bottom: .35rem solid currentColor;}}
.dna-keep h2 {{color: {"#93c5fd" if dark else "#1d4ed8"};}}
.dna-let_go h2 {{color: {"#fca5a5" if dark else "#b91c1c"};}}
.dna-develop h2 {{color: {"#6ee7b7" if dark else "#047857"};}}
.dna-list ul {{list-style: none; padding: 0; margin: 0;}}
.dna-list li {{font-size: 2.1rem; font-weight: 650; padding: .55rem 0; display: flex;
  justify-content: space-between; gap: 1rem; border-bottom: 1px solid {fg}33;}}
.dna-list li span {{font-weight: 500; opacity: .8; white-space: nowrap;
  font-variant-numeric: tabular-nums;}}
.dna-list li.dna-none {{opacity: .6; font-weight: 500;}}
.dna-note {{font-size: 1.4rem; color: {fg}; opacity: .75; margin-top: 1.5rem;}}
.dna-cards {{display: grid; gap: 1.6rem; margin-top: 1.2rem;
  grid-auto-rows: minmax(30vh, auto);}}
.dna-chosen {{grid-auto-rows: minmax(50vh, auto);}}
.dna-card {{border: .2rem solid {fg}44; border-radius: 1.2rem; padding: 1.6rem 2rem;
  color: {fg}; display: flex; flex-direction: column; justify-content: center; min-width: 0;}}
.dna-card b {{display: block; font-weight: 800; line-height: 1.1;}}
.dna-card p {{font-size: min(1.9rem, 1.6vw); margin: .8rem 0 0; line-height: 1.35;}}
.dna-card ul {{font-size: min(1.7rem, 1.4vw); margin: .8rem 0 0; padding-left: 1.4rem;
  line-height: 1.35;}}
.dna-chosen .dna-card {{border-color: {fg}; border-top: .8rem solid {fg};}}
.dna-final-head {{font-size: 4.2rem; font-weight: 800; color: {fg}; text-align: center;
  margin-top: 1rem;}}
.dna-tagline {{font-size: 2.6rem; font-style: italic; color: {fg}; text-align: center;
  margin: .4rem 0 1rem;}}
</style>"""


@st.cache_resource(max_entries=16, show_spinner=False)
def _suggestions(key: str, _source: Source) -> list:
    from dna.analysis import overrides, suggest

    analysis = _source.analysis()
    return suggest.suggest(analysis, overrides.rejected(_source.overrides), lemmatiser=lemmatiser())


def suggestions(src: Source) -> list:
    """Likely merges the automatic grouping was unsure about, minus the rejected ones."""
    return _suggestions(src.key, src)


@st.cache_resource(max_entries=16, show_spinner=False)
def _groups_by_key(key: str, _source: Source) -> dict:
    found = {}
    for result in _source.analysis().questions.values():
        for g in result.groups:
            if g.key not in found or g.count > found[g.key].count:
                found[g.key] = g
    return found


def groups_by_key(src: Source) -> dict:
    """Every group of both questions by key (the bigger of the two when a key is in both)."""
    return _groups_by_key(src.key, src)


# Clouds grown over the room's history, as the beamer grew them (dna.output.replay): the clouds
# page's picture and its PNG/SVG/GIF downloads, and the DNA sheet's clouds, on one canvas.
GROWN = (1440, 810)


def _grown_style(question: str) -> cloud.CloudStyle:
    return cloud.CloudStyle(width=GROWN[0], height=GROWN[1], palette=question)


@st.cache_resource(max_entries=16, show_spinner=False)
def _history(key: str, _source: Source, team: str | None):
    """Both questions' counts after every few answers, in today's groups (~1 s for 800
    answers): a resource, read by the layouts and the GIF, never changed."""
    from dna.output import replay

    answers = _source.batch.answers
    step = replay.step_for(len(answers))
    now = _source.analysis(team)
    return replay.history(answers, lemmatiser(), step, _source.overrides, team, now)


@st.cache_resource(max_entries=32, show_spinner=False)
def _grown(key: str, _source: Source, team: str | None, question: str):
    from dna.output import replay

    frames = _history(key, _source, team).frames[question]
    return replay.grown(frames, _grown_style(question))


@st.cache_data(max_entries=32, show_spinner=False)
def _grown_png(key: str, _source: Source, team: str | None, question: str) -> bytes:
    return cloud.draw_png(_grown(key, _source, team, question), _grown_style(question))


@st.cache_data(max_entries=16, show_spinner=False)
def _grown_svg(key: str, _source: Source, team: str | None, question: str) -> str:
    return cloud.draw_svg(_grown(key, _source, team, question), _grown_style(question))


@st.cache_data(max_entries=8, show_spinner=False)
def _grown_gif(key: str, _source: Source, team: str | None, question: str) -> bytes:
    from dna.output import replay

    frames = _history(key, _source, team).frames[question]
    return cloud.replay_gif(frames, _grown_style(question), replay.FRAME_MS, replay.HOLD_MS)


def grown_png(src: Source, question: str, team: str | None = None) -> bytes:
    """The cloud grown over the answers in stored order as the beamer grew it, ending on
    today's counts (edits and hidden groups included): the same history, the same bytes.
    Keyed by the source's revision (or fingerprint) and the team."""
    return _grown_png(src.key, src, team, question)


def grown_svg(src: Source, question: str, team: str | None = None) -> str:
    """The same cloud as grown_png, as SVG."""
    return _grown_svg(src.key, src, team, question)


def grown_gif(src: Source, question: str, team: str | None = None) -> bytes:
    """The cloud growing, frame by frame, ending on grown_png's picture (a few seconds)."""
    return _grown_gif(src.key, src, team, question)


@st.cache_data(max_entries=64, show_spinner=False)
def layout_png(placed: cloud.Layout, palette: str, background: str = "white") -> bytes:
    """A grown layout drawn (ui/growing.py): keyed by the boxes, so a beamer's refresh with no
    news, and a second beamer that grew the same cloud, draw nothing again."""
    style = cloud.CloudStyle(placed.width, placed.height, palette=palette, background=background)
    return cloud.draw_png(placed, style)


# The DNA sheet (dna.output.sheet): the clouds' growth for the sheet to grow again in its own boxes,
# and the PDF and its preview, made once per content and options (the options are no revision).
def grown_frames(src: Source, question: str, team: str | None = None) -> tuple:
    """The counts the beamer grew a cloud over (dna.output.replay.history's
    frames, today's groups)."""
    return tuple(_history(src.key, src, team).frames[question])


@st.cache_data(max_entries=8, show_spinner=False)
def sheet_made(data, options) -> tuple:
    """The sheet's PDF bytes and its measures (dna.output.sheet.rendered), keyed by its content."""
    from dna.output import sheet

    return sheet.rendered(data, options)


@st.cache_data(max_entries=8, show_spinner=False)
def sheet_png(pdf: bytes) -> bytes:
    """The PDF's first page as a PNG, for the preview."""
    from dna.output import sheet

    return sheet.preview_png(pdf)
