"""UI text for outages and refused uploads (issue 6)."""

NL: dict[str, str] = {}
EN: dict[str, str] = {}
