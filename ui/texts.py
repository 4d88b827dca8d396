"""All UI text, Dutch first, English second. Pages call ``t("key", **params)``."""

from __future__ import annotations

import string

from dna.intake.ingest import MAX_ANSWER_CHARS, Import
from dna.records import CURRENT, DESIRED
from ui import (
    state,
    texts_compare,
    texts_edit,
    texts_faults,
    texts_live,
    texts_results,
    texts_sheet,
    texts_sheet_design,
    texts_stage,
    texts_values,
    texts_voting,
)
from ui.plain import plain  # the one escape for user text in Markdown; pages import it from here

NL = {
    "language": "Taal",
    "section_workshop": "Workshop",
    "section_results": "Resultaten",
    "page_upload": "Antwoorden toevoegen",
    "page_clouds": "Woordwolken",
    # upload page
    "upload_title": "Antwoorden toevoegen",
    "upload_intro": (
        "Upload een export van Google Forms, Microsoft Forms of Excel, of plak de antwoorden. "
        "Per deelnemer: vier woorden of korte zinnen over de **huidige** en de **gewenste** "
        "cultuur."
    ),
    "tab_file": "Bestand",
    "tab_paste": "Plakken",
    "file_label": "Kies een export van Google Forms, Microsoft Forms of Excel (CSV, XLSX, TXT)",
    "in_use": "In gebruik: {source} ({n:antwoord|antwoorden}).",
    "back_to_sample": "Terug naar de voorbeeldworkshop",
    "choose": "Kies kolommen",
    "fmt_csv": "CSV-bestand",
    "fmt_xlsx": "Excel-bestand",
    "fmt_long": "tabel met één antwoord per rij",
    "fmt_text": "geplakte tekst",
    "detected": (
        "{respondents} deelnemers, {current} antwoorden huidige cultuur, "
        "{desired} antwoorden gewenste cultuur."
    ),
    "detected_answers": (
        "{current} antwoorden huidige cultuur, {desired} antwoorden gewenste cultuur."
    ),
    "encoding": "tekenset {encoding}",
    "delimiter": "scheidingsteken “{delimiter}”",
    "sheet": "Tabblad",
    "columns_title": "Kolommen",
    "columns_help": "Automatisch herkend; pas aan als het niet klopt.",
    "col_current": "Huidige cultuur",
    "col_desired": "Gewenste cultuur",
    "pick_team_column": "Team of afdeling (optioneel)",
    "no_team": "— geen —",
    "preview": "Voorbeeld van het bestand",
    "use_answers": "Gebruik deze antwoorden",
    "used": "{n:antwoord|antwoorden} staan klaar. Bekijk ze bij **Woordwolken**.",
    "to_clouds": "Naar de woordwolken",
    "paste_current": "Huidige cultuur: één antwoord per regel (of gescheiden door , ; /)",
    "paste_desired": "Gewenste cultuur: één antwoord per regel (of gescheiden door , ; /)",
    "paste_source": "geplakte tekst",
    "nothing_pasted": "Plak eerst antwoorden in minstens één van de vakken.",
    # clouds page
    "clouds_title": "Woordwolken",
    "sample_note": (
        "Dit is een **voorbeeldworkshop** ({source}). Voeg je eigen antwoorden toe bij "
        "**Antwoorden toevoegen**."
    ),
    "source_note": "Bron: {source} ({n:antwoord|antwoorden})",
    "working": "Antwoorden groeperen…",
    "drawing": "Woordwolk tekenen…",
    "current": "Huidige cultuur",
    "desired": "Gewenste cultuur",
    "counts": "{answers:antwoord|antwoorden} in {groups:woord|woorden}",
    "empty_cloud": "Nog geen antwoorden voor deze vraag.",
    "groups_title": "Groepen en de antwoorden erachter",
    "col_word": "Woord",
    "col_count": "Aantal",
    "col_share": "Aandeel deelnemers",
    "col_variants": "Zo geschreven",
    "pipeline": "Taalverwerking: {pipeline}{rules}",
    "pipeline_rules": ", met de woordlijsten en regels van dit project",
    "about_analysis": "Over deze analyse",
    "download_png": "Download {question} (PNG)",
    "download_svg": "Download {question} (SVG)",
    "download_json": "Download analyse (JSON)",
    # import errors and warnings (codes from dna.intake.ingest)
    "err_empty": "Het bestand is leeg: er staan geen antwoorden in.",
    "err_empty_text": "Er staan geen antwoorden in de geplakte tekst.",
    "err_empty_columns": "De gekozen kolommen ({chosen}) bevatten geen antwoorden.",
    "err_too_large": "Het bestand is {size_mb} MB; het maximum is {max_mb} MB.",
    "err_not_a_table": (
        "Dit bestand is geen tabel die we kunnen lezen. Sla het op als .xlsx of .csv en probeer "
        "het opnieuw."
    ),
    "err_no_answer_columns": (
        "Geen kolommen met antwoorden gevonden. Gevonden kolommen: {columns}. "
        "Verwacht: een kop met "
        "‘huidig’/‘nu’ en een kop met ‘gewenst’/‘toekomst’. Kies de kolommen hieronder zelf."
    ),
    "err_undecided_question": (
        "We vonden maar één van de twee vragen. Kolom “{column}” kan de andere zijn, maar de kop "
        "zegt het niet duidelijk. Kies de kolommen hieronder zelf."
    ),
    "err_unknown_column": "Kolom “{column}” bestaat niet. Wel: {columns}.",
    "err_unknown_sheet": "Tabblad “{sheet}” bestaat niet. Wel: {sheets}.",
    "err_too_many_rows": "Te veel rijen ({rows}); het maximum is {max_rows}.",
    "err_too_many_answers_total": (
        "Er staan meer dan {max_answers} antwoorden in; het maximum is {max_answers}. Splits "
        "het bestand, of kies alleen de kolommen met antwoorden."
    ),
    "err_other": "Dit bestand kunnen we niet lezen: {message}",
    "warn_answer_truncated": (
        "{count:lang antwoord is|lange antwoorden zijn} ingekort tot {max_chars} tekens."
    ),
    "warn_formula_stripped": (
        "{count:cel begon|cellen begonnen} met een formuleteken (= + @); dat is verwijderd."
    ),
    "warn_formula_dropped": (
        "{count:cel met een spreadsheetformule is|cellen met een spreadsheetformule zijn} "
        "overgeslagen."
    ),
    "warn_markup_removed": (
        "{count:antwoord bevatte|antwoorden bevatten} HTML-code; die is verwijderd."
    ),
    "warn_unknown_question": (
        "{count:rij zegt niet bij welke vraag hij hoort|rijen zeggen niet bij welke vraag ze "
        "horen}; overgeslagen."
    ),
    "warn_other": "Let op: {code} ({count}×)",
}

EN = {
    "language": "Language",
    "section_workshop": "Workshop",
    "section_results": "Results",
    "page_upload": "Add answers",
    "page_clouds": "Word clouds",
    "upload_title": "Add answers",
    "upload_intro": (
        "Upload an export from Google Forms, Microsoft Forms or Excel, or paste the answers. "
        "Per participant: four words or short phrases about the **current** and the **desired** "
        "culture."
    ),
    "tab_file": "File",
    "tab_paste": "Paste",
    "file_label": "Choose an export from Google Forms, Microsoft Forms or Excel (CSV, XLSX, TXT)",
    "in_use": "In use: {source} ({n:answer|answers}).",
    "back_to_sample": "Back to the sample workshop",
    "choose": "Choose columns",
    "fmt_csv": "CSV file",
    "fmt_xlsx": "Excel file",
    "fmt_long": "table with one answer per row",
    "fmt_text": "pasted text",
    "detected": (
        "{respondents} participants, {current} answers on the current culture, "
        "{desired} on the desired culture."
    ),
    "detected_answers": "{current} answers on the current culture, {desired} on the desired one.",
    "encoding": "encoding {encoding}",
    "delimiter": "delimiter “{delimiter}”",
    "sheet": "Sheet",
    "columns_title": "Columns",
    "columns_help": "Detected automatically; change them if they are wrong.",
    "col_current": "Current culture",
    "col_desired": "Desired culture",
    "pick_team_column": "Team or department (optional)",
    "no_team": "— none —",
    "preview": "File preview",
    "use_answers": "Use these answers",
    "used": "{n:answer|answers} are ready. See them under **Word clouds**.",
    "to_clouds": "To the word clouds",
    "paste_current": "Current culture: one answer per line (or separated by , ; /)",
    "paste_desired": "Desired culture: one answer per line (or separated by , ; /)",
    "paste_source": "pasted text",
    "nothing_pasted": "Paste answers into at least one of the boxes first.",
    "clouds_title": "Word clouds",
    "sample_note": (
        "This is a **sample workshop** ({source}). Add your own answers under **Add answers**."
    ),
    "source_note": "Source: {source} ({n:answer|answers})",
    "working": "Grouping the answers…",
    "drawing": "Drawing the word cloud…",
    "current": "Current culture",
    "desired": "Desired culture",
    "counts": "{answers:answer|answers} in {groups:word|words}",
    "empty_cloud": "No answers for this question yet.",
    "groups_title": "Groups and the answers behind them",
    "col_word": "Word",
    "col_count": "Count",
    "col_share": "Share of participants",
    "col_variants": "Written as",
    "pipeline": "Language processing: {pipeline}{rules}",
    "pipeline_rules": ", with this project's word lists and rules",
    "about_analysis": "About this analysis",
    "download_png": "Download {question} (PNG)",
    "download_svg": "Download {question} (SVG)",
    "download_json": "Download analysis (JSON)",
    "err_empty": "The file is empty: it holds no answers.",
    "err_empty_text": "The pasted text holds no answers.",
    "err_empty_columns": "The chosen columns ({chosen}) hold no answers.",
    "err_too_large": "The file is {size_mb} MB; the limit is {max_mb} MB.",
    "err_not_a_table": (
        "This file is not a table we can read. Save it as .xlsx or .csv and try again."
    ),
    "err_no_answer_columns": (
        "No answer columns found. Columns found: {columns}. Expected: a header with "
        "‘current’/‘now’ and one with ‘desired’/‘future’. Choose the columns below."
    ),
    "err_undecided_question": (
        "We found only one of the two questions. Column “{column}” may be the other one, but its "
        "header does not say so clearly. Choose the columns below."
    ),
    "err_unknown_column": "Column “{column}” does not exist. There are: {columns}.",
    "err_unknown_sheet": "Sheet “{sheet}” does not exist. There are: {sheets}.",
    "err_too_many_rows": "Too many rows ({rows}); the limit is {max_rows}.",
    "err_too_many_answers_total": (
        "The input holds more than {max_answers} answers; the limit is {max_answers}. Split "
        "the file, or choose only the columns with answers."
    ),
    "err_other": "We cannot read this file: {message}",
    "warn_answer_truncated": (
        "{count:long answer was|long answers were} cut to {max_chars} characters."
    ),
    "warn_formula_stripped": (
        "{count:cell started|cells started} with a formula sign (= + @); it was removed."
    ),
    "warn_formula_dropped": (
        "{count:cell held a spreadsheet formula and was|cells held a spreadsheet formula and "
        "were} skipped."
    ),
    "warn_markup_removed": "{count:answer held|answers held} HTML code; it was removed.",
    "warn_unknown_question": (
        "{count:row does not say which question it answers|rows do not say which question "
        "they answer}; skipped."
    ),
    "warn_other": "Note: {code} ({count}×)",
}

for _module in (
    texts_live,
    texts_results,
    texts_edit,
    texts_compare,
    texts_values,
    texts_voting,
    texts_sheet,
    texts_sheet_design,
    texts_stage,
    texts_faults,
):
    NL |= _module.NL
    EN |= _module.EN
LANGUAGES = {"nl": NL, "en": EN}


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
