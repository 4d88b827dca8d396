"""All UI text, Dutch first, English second. Pages call ``t("key", **params)``.

The words live in one catalogue per language, ``ui/locales/<lang>.toml``: a translator edits only
those. This module reads them once, at import, and knows how to fill them in: ``{name}`` as
str.format does, and a count with its noun, ``{n:antwoord|antwoorden}``."""

from __future__ import annotations

import string
import tomllib
from pathlib import Path
from types import MappingProxyType

from dna.intake.ingest import MAX_ANSWER_CHARS, Import
from dna.records import CURRENT, DESIRED
from ui import state
from ui.plain import plain  # the one escape for user text in Markdown; pages import it from here

LOCALES = Path(__file__).resolve().parent / "locales"


def _catalogue(lang: str) -> MappingProxyType[str, str]:
    """One language's texts, read only: every session shares them."""
    return MappingProxyType(tomllib.loads((LOCALES / f"{lang}.toml").read_text(encoding="utf-8")))


LANGUAGES = MappingProxyType({lang: _catalogue(lang) for lang in ("nl", "en")})  # picker's order
NL, EN = LANGUAGES["nl"], LANGUAGES["en"]


class _Counting(string.Formatter):
    """`{people:deelnemer|deelnemers}` is "1 deelnemer" or "3 deelnemers": a count with the
    noun in its singular or plural form, written in the text itself (a translator's choice,
    not code's). Other fields format as str.format does."""

    def format_field(self, value: object, spec: str) -> str:
        if "|" in spec and str(value).isdigit():  # a warning's count comes as text
            one, other = spec.split("|", 1)
            return f"{value} {one if int(value) == 1 else other}"
        return super().format_field(value, spec)


_COUNTING = _Counting()


def t(key: str, **params: object) -> str:
    table = LANGUAGES.get(state.lang(), NL)
    text = table.get(key) or NL[key]
    return _COUNTING.format(text, **params) if params else text


def error(code: str, message: str, params: dict) -> str:
    """A clear message for a dna.intake.ingest error code, in the user's language."""
    key = f"err_{code}"
    if key not in NL:
        return t("err_other", message=plain(message))
    shown = {
        k: plain(", ".join(map(str, v)) if isinstance(v, list | tuple) else str(v))
        for k, v in params.items()
    }
    try:
        return t(key, **shown)
    except KeyError:
        return t("err_other", message=plain(message))


def warning(code_count: str) -> str:
    """A dna.intake.ingest warning ("answer_truncated:3") in the user's language."""
    code, _, count = code_count.partition(":")
    key = f"warn_{code}"
    if key not in NL:
        return t("warn_other", code=code, count=count)
    return t(key, count=count, max_chars=MAX_ANSWER_CHARS)


def describe(imported: Import) -> str:
    """One line on what was read: people, answers per question, and how the file was read."""
    n = imported.per_question()
    key = "detected" if imported.respondents else "detected_answers"  # pasted text: no people
    line = t(key, respondents=imported.respondents, current=n[CURRENT], desired=n[DESIRED])
    how = [t(f"fmt_{imported.format}")] if f"fmt_{imported.format}" in NL else []
    if imported.encoding:
        how.append(t("encoding", encoding=_ENCODINGS.get(imported.encoding, imported.encoding)))
    if imported.delimiter:
        how.append(
            t("delimiter", delimiter=_DELIMITERS.get(imported.delimiter, imported.delimiter))
        )
    return f"{line} ({', '.join(how)})" if how else line


_ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "cp1252": "Windows (Excel)",
    "utf-16": "UTF-16",
}
_DELIMITERS = {"\t": "tab"}


def problem(exc: Exception) -> str:
    """The message of a dna error (IngestError/WorkshopError) in the user's language."""
    return error(getattr(exc, "code", "other"), str(exc), getattr(exc, "params", {}))
