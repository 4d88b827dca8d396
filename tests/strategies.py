"""What the property tests (tests/test_properties*.py) share: hypothesis' settings, and words as
facilitators' files hold them."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SETTINGS = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
    max_examples=int(os.environ.get("DNA_PROPERTY_EXAMPLES", "60")),  # more for a deep run
)
WORDS = [
    "open",
    "Open",
    "openheid",
    "betrokken",
    "betrokkenheid",
    "hiërarchisch",
    "hierarchisch",
    "traag",
    "snel",
    "ICT",
    "Agile",
    "collegiaal",
    "veilig",
    "veiligheid",
    "klantgericht",
    "klantgerichtheid",
    "wendbaar",
    "eilandjes",
    "samenwerken",
    "samenwerking",
    "vertrouwen",
    "geen vertrouwen",
    "niet open",
    "transparant",
    "Transparantie",
    "bureaucratisch",
    "gezellig",
]
