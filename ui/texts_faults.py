"""UI text for outages and refused uploads (issue 6)."""

NL: dict[str, str] = {
    "fault_db_down": (
        "De database is even niet bereikbaar: probeer het zo opnieuw. Wat al was opgeslagen, "
        "blijft bewaard."
    ),
    "fault_db_busy": (
        "De database is even te druk: probeer het zo opnieuw. Wat al was opgeslagen, blijft "
        "bewaard."
    ),
    "fault_retry": "Opnieuw proberen",
    "err_unpacked_too_large": (
        "Dit Excel-bestand is uitgepakt {size_mb} MB; het maximum is {max_mb} MB. Bewaar alleen "
        "het tabblad met de antwoorden, of sla het op als CSV."
    ),
    "err_too_many_columns": (
        "De tabel heeft {columns} kolommen; het maximum is {max_columns}. Verwijder de lege of "
        "overbodige kolommen."
    ),
    "err_too_many_cells": (
        "De tabel is te groot: {rows} rijen van {columns} kolommen; het maximum is {max_cells} "
        "cellen. Bewaar alleen de kolommen met antwoorden."
    ),
}
EN: dict[str, str] = {
    "fault_db_down": (
        "The database cannot be reached right now: try again in a moment. What was saved "
        "stays saved."
    ),
    "fault_db_busy": (
        "The database is too busy right now: try again in a moment. What was saved stays saved."
    ),
    "fault_retry": "Try again",
    "err_unpacked_too_large": (
        "This Excel file unpacks to {size_mb} MB; the limit is {max_mb} MB. Keep only the sheet "
        "with the answers, or save it as CSV."
    ),
    "err_too_many_columns": (
        "The table has {columns} columns; the limit is {max_columns}. Remove the empty or "
        "unneeded columns."
    ),
    "err_too_many_cells": (
        "The table is too large: {rows} rows of {columns} columns; the limit is {max_cells} "
        "cells. Keep only the columns with answers."
    ),
}
