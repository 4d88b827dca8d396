"""The ingest tests' files (tests/data/ingest/, data/samples/) and how they read them
(tests/test_ingest*.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dna.intake import ingest
from dna.intake.ingest import IngestError, load

DATA = Path(__file__).resolve().parent / "data" / "ingest"
SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
GOOGLE_CURRENT = "Beschrijf onze huidige cultuur in vier woorden"
GOOGLE_DESIRED = "Beschrijf onze gewenste cultuur in vier woorden"


def read(name: str) -> ingest.Import:
    return load((DATA / name).read_bytes(), name)


def texts(imported: ingest.Import, question: str) -> list[str]:
    return [a.text for a in imported.answers if a.question == question]


def fails(data: bytes, name: str, **kwargs) -> IngestError:
    with pytest.raises(IngestError) as caught:
        load(data, name, **kwargs)
    return caught.value
