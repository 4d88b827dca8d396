"""UI text of the DNA-sheet page: the sheet, the downloads and restoring a backup."""

from __future__ import annotations

NL: dict[str, str] = {
    "sheet_title": "DNA-sheet",
    "sheet_intro": (
        "Het resultaat van de workshop op één A4: de gekozen waarden met wat je ervan ziet, de "
        "kernzin en de woordwolken. Hieronder staat wat erop komt, en alle downloads."
    ),
    "sheet_need_workshop": (
        "Kies eerst een workshop in de zijbalk (of maak er een onder **Workshops**). Een "
        "back-up terugzetten kan hieronder ook zonder."
    ),
    "sheet_no_final": (
        "Er zijn nog geen definitieve waarden gekozen. Het sheet toont nu "
        "{what}. Kies de waarden en de kernzin op de stempagina."
    ),
    "sheet_no_final_votes": "de waarden met de meeste stemmen (hoogstens vijf)",
    "sheet_no_final_first": "de eerste vijf kandidaat-waarden",
    "sheet_no_values": "Er zijn nog geen kandidaat-waarden: het sheet heeft nog niets te tonen.",
    "sheet_to_voting": "Naar stemmen en kiezen",
    "sheet_to_values": "Naar de waarden",
    "sheet_preview": "Wat er op het sheet komt",
    "sheet_participants": "Deelnemers",
    "sheet_answers": "Antwoorden",
    "sheet_voters": "Stemmers",
    "sheet_votes": "{n:stip|stippen}",
    "sheet_incomplete": (
        "Nog niet af voor de sheet: {names}. Geef elke gekozen waarde een betekenis en 2–4 "
        "gedragingen."
    ),
    "sheet_vote": "{n} stip",
    "sheet_do": "We doen wel",
    "sheet_dont": "We doen niet",
    "sheet_behaviours": "Dit zie je aan",
    "sheet_no_meaning": "_Nog geen betekenis._",
    "sheet_downloads": "Downloads",
    "sheet_dl_pdf": "DNA-sheet (PDF)",
    "sheet_dl_current": "Woordwolk huidige cultuur (PNG)",
    "sheet_dl_desired": "Woordwolk gewenste cultuur (PNG)",
    "sheet_dl_chart": "Vergelijkingsgrafiek (PNG)",
    "sheet_dl_xlsx": "Alle tabellen (Excel)",
    "sheet_dl_csv": "Alle tabellen (CSV, zip)",
    "sheet_dl_json": "Back-up van de workshop (JSON)",
    "sheet_dl_help": "Wordt gemaakt zodra je klikt; dat kan een paar seconden duren.",
    "sheet_include_hidden": "Inclusief verborgen antwoorden",
    "sheet_include_hidden_help": (
        "Voor de Excel- en CSV-bestanden. Zonder vinkje blijven antwoorden die ter beoordeling "
        "staan of die verborgen zijn eruit. Teams met minder dan {min} deelnemers staan er "
        "altijd samen in, als “kleine teams”, en de antwoorden staan door elkaar."
    ),
    "sheet_json_help": (
        "De hele workshop in één bestand: antwoorden, wijzigingen, waarden en stemmen. Zet het "
        "terug op deze of een andere server met **Back-up terugzetten**."
    ),
    "sheet_restore_title": "Back-up terugzetten",
    "sheet_restore_intro": (
        "Zet een back-up (.json, hoogstens {max_mb} MB) terug als workshop op deze server, met "
        "dezelfde code. Een workshop die hier al bestaat, wordt niet overschreven."
    ),
    "sheet_restore_file": "Back-up (.json)",
    "sheet_restore": "Terugzetten",
    "sheet_restored": "Workshop “{title}” ({code}) is teruggezet.",
    "sheet_open_restored": "Open deze workshop",
    "sheet_err_not_a_backup": (
        "Dit bestand is geen back-up van Cultuur-DNA (of het is beschadigd). Kies een "
        ".json-bestand dat je hier met **Back-up van de workshop** hebt gedownload."
    ),
    "sheet_err_backup_version": (
        "Deze back-up komt uit een nieuwere versie van de app (formaat {version}; deze app leest "
        "tot {supported}). Werk de app bij en probeer het opnieuw."
    ),
    "sheet_err_workshop_exists": (
        "Er is hier al een workshop met code {workshop}. Er is niets veranderd."
    ),
    "sheet_err_backup_too_large": (
        "Het bestand is {size_mb} MB; een back-up mag hoogstens {max_mb} MB zijn."
    ),
    "sheet_err_other": "Deze back-up kon niet worden teruggezet: {message}",
    "sheet_backup_kind": "Soort back-up",
    "sheet_backup_archive": "Archief",
    "sheet_backup_archive_help": (
        "Zonder deelnemerssleutels: om te bewaren; teruggezet kan niemand meer als een "
        "deelnemer antwoorden of stemmen veranderen."
    ),
    "sheet_backup_move": "Verhuizen",
    "sheet_backup_move_help": (
        "Met deelnemerssleutels: alleen om een lopende workshop naar een andere server te "
        "verhuizen; wie dit bestand heeft kan antwoorden van deelnemers overschrijven."
    ),
    "err_backup_invalid": (
        "Deze back-up kan niet worden teruggezet: {field} klopt niet (zo maakt de app het "
        "nooit). Er is niets veranderd."
    ),
}

EN: dict[str, str] = {
    "sheet_title": "DNA sheet",
    "sheet_intro": (
        "The workshop's result on one A4 page: the chosen values with how you can tell, the "
        "tagline and the word clouds. Below: what goes on it, and every download."
    ),
    "sheet_need_workshop": (
        "Choose a workshop in the sidebar first (or create one under **Workshops**). You can "
        "restore a backup below without one."
    ),
    "sheet_no_final": (
        "No final values have been chosen yet. The sheet now shows {what}. Choose the values "
        "and the tagline on the voting page."
    ),
    "sheet_no_final_votes": "the values with the most votes (at most five)",
    "sheet_no_final_first": "the first five candidate values",
    "sheet_no_values": "There are no candidate values yet: the sheet has nothing to show.",
    "sheet_to_voting": "To voting and choosing",
    "sheet_to_values": "To the values",
    "sheet_preview": "What goes on the sheet",
    "sheet_participants": "Participants",
    "sheet_answers": "Answers",
    "sheet_voters": "Voters",
    "sheet_votes": "{n:dot|dots}",
    "sheet_incomplete": (
        "Not ready for the sheet: {names}. Give every chosen value a meaning and 2–4 behaviours."
    ),
    "sheet_vote": "{n} dot",
    "sheet_do": "We do",
    "sheet_dont": "We don’t",
    "sheet_behaviours": "You can tell by",
    "sheet_no_meaning": "_No meaning yet._",
    "sheet_downloads": "Downloads",
    "sheet_dl_pdf": "DNA sheet (PDF)",
    "sheet_dl_current": "Word cloud current culture (PNG)",
    "sheet_dl_desired": "Word cloud desired culture (PNG)",
    "sheet_dl_chart": "Comparison chart (PNG)",
    "sheet_dl_xlsx": "All tables (Excel)",
    "sheet_dl_csv": "All tables (CSV, zip)",
    "sheet_dl_json": "Workshop backup (JSON)",
    "sheet_dl_help": "Made when you click; that can take a few seconds.",
    "sheet_include_hidden": "Include hidden answers",
    "sheet_include_hidden_help": (
        "For the Excel and CSV files. Unticked, answers awaiting review or hidden stay out. "
        "Teams with fewer than {min} participants are always together, as “small teams”, and "
        "the answers are mixed up."
    ),
    "sheet_json_help": (
        "The whole workshop in one file: answers, edits, values and votes. Put it back on this "
        "or another server with **Restore a backup**."
    ),
    "sheet_restore_title": "Restore a backup",
    "sheet_restore_intro": (
        "Restore a backup (.json, at most {max_mb} MB) as a workshop on this server, with the "
        "same code. A workshop that exists here already is never overwritten."
    ),
    "sheet_restore_file": "Backup (.json)",
    "sheet_restore": "Restore",
    "sheet_restored": "Workshop “{title}” ({code}) has been restored.",
    "sheet_open_restored": "Open this workshop",
    "sheet_err_not_a_backup": (
        "This file is not a Cultuur-DNA backup (or it is damaged). Choose a .json file you "
        "downloaded here with **Workshop backup**."
    ),
    "sheet_err_backup_version": (
        "This backup comes from a newer version of the app (format {version}; this app reads "
        "up to {supported}). Update the app and try again."
    ),
    "sheet_err_workshop_exists": "There is a workshop with code {workshop} here already. "
    "Nothing was changed.",
    "sheet_err_backup_too_large": "The file is {size_mb} MB; a backup may be {max_mb} MB at most.",
    "sheet_err_other": "This backup could not be restored: {message}",
    "sheet_backup_kind": "Kind of backup",
    "sheet_backup_archive": "Archive",
    "sheet_backup_archive_help": (
        "Without participant keys: to keep; once restored, nobody can change answers or votes "
        "as a participant any more."
    ),
    "sheet_backup_move": "Move",
    "sheet_backup_move_help": (
        "With participant keys: only to move a running workshop to another server; whoever has "
        "this file can overwrite participants' answers."
    ),
    "err_backup_invalid": (
        "This backup cannot be restored: {field} is not valid (the app never makes it so). "
        "Nothing was changed."
    ),
}
