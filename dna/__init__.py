"""Cultuur-DNA's domain: Dutch answers in, groups, clouds and (later) a value set out.

Never imports Streamlit: the UI lives in app.py, views/ and ui/.
"""

from dna.cloud import CloudStyle, render_png, render_svg
from dna.grouping import Analysis, Group, QuestionResult, analyse, bcubed, group_texts
from dna.ingest import Import, IngestError, from_text, load
from dna.lemmatise import Lemmatiser, load_pipeline, pipeline_label
from dna.records import CURRENT, DESIRED, QUESTIONS, Answer

__all__ = [
    "CURRENT",
    "DESIRED",
    "QUESTIONS",
    "Analysis",
    "Answer",
    "CloudStyle",
    "Group",
    "Import",
    "IngestError",
    "Lemmatiser",
    "QuestionResult",
    "analyse",
    "bcubed",
    "from_text",
    "group_texts",
    "load",
    "load_pipeline",
    "pipeline_label",
    "render_png",
    "render_svg",
]
