"""All Streamlit caching in one place: heavy things are resources, results are data."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dna import cloud, ingest
from dna.grouping import Analysis, analyse
from dna.lemmatise import Lemmatiser, load_pipeline
from dna.records import Answer

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "voorbeeld-workshop.csv"


@st.cache_resource(show_spinner="Taalmodel laden…")
def lemmatiser() -> Lemmatiser:
    return Lemmatiser(load_pipeline())


@st.cache_data(max_entries=16, show_spinner=False)
def analysis(key: str, _answers: tuple[Answer, ...]) -> Analysis:
    """Keyed by the answers' fingerprint: hashing 100,000 answers on every rerun takes seconds."""
    return analyse(_answers, lemmatiser())


@st.cache_data(max_entries=64, show_spinner=False)
def cloud_png(frequencies: tuple[tuple[str, int], ...], palette: str) -> bytes:
    return cloud.render_png(dict(frequencies), cloud.CloudStyle(palette=palette))


@st.cache_data(max_entries=64, show_spinner=False)
def cloud_svg(frequencies: tuple[tuple[str, int], ...], palette: str) -> str:
    return cloud.render_svg(dict(frequencies), cloud.CloudStyle(palette=palette))


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
