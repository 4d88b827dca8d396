"""UI text (being written)."""

NL: dict[str, str] = {}
EN: dict[str, str] = {}
