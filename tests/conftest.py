from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dna.lemmatise import Lemmatiser, load_pipeline  # noqa: E402


@pytest.fixture(scope="session")
def lemmatiser() -> Lemmatiser:
    """The Dutch pipeline as users without the trained model get it (tests never need the model)."""
    return Lemmatiser(load_pipeline(model="__no_such_model__"))


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """Streamlit caches are process-wide: clear them so AppTests do not leak into each other."""
    yield
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
