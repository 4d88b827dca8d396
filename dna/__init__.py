"""Cultuur-DNA's domain: Dutch answers in; groups, clouds, a value set and the DNA sheet out.

Never imports Streamlit: the UI lives in app.py, views/ and ui/. The packages, from the ground
up (each imports only from those before it): language, intake, analysis, workshop, store,
services, output, cli; records.py and cells.py are the ground floor all of them share. This
module is the public face: the records and entry points a caller needs, re-exported. Modules
whose name is their main function (compare, suggest) are imported as modules:
``from dna.analysis import compare``.
"""

from dna.analysis.compare import Comparison, Thresholds
from dna.analysis.entropy import Entropy
from dna.analysis.grouping import (
    Analysis,
    Group,
    Keyed,
    QuestionResult,
    analyse,
    bcubed,
    build,
    group_texts,
    keyed,
)
from dna.analysis.overrides import Override
from dna.analysis.suggest import Suggestion
from dna.intake.ingest import Import, IngestError, from_text, load
from dna.language.lemmatise import Lemmatiser, load_pipeline, pipeline_label
from dna.output.cloud import CloudStyle, render_png, render_svg
from dna.output.sheet import SheetData, SheetValue
from dna.records import CURRENT, DESIRED, QUESTIONS, Answer
from dna.workshop.values import Value
from dna.workshop.voting import Rules, Tally

__all__ = [
    "CURRENT",
    "DESIRED",
    "QUESTIONS",
    "Analysis",
    "Answer",
    "CloudStyle",
    "Comparison",
    "Entropy",
    "Group",
    "Import",
    "IngestError",
    "Keyed",
    "Lemmatiser",
    "Override",
    "QuestionResult",
    "Rules",
    "SheetData",
    "SheetValue",
    "Suggestion",
    "Tally",
    "Thresholds",
    "Value",
    "analyse",
    "bcubed",
    "build",
    "from_text",
    "group_texts",
    "keyed",
    "load",
    "load_pipeline",
    "pipeline_label",
    "render_png",
    "render_svg",
]
