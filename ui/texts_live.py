"""UI text of the live workshop (facilitator, beamer; the phone's are in phone/texts.toml); merged
into ui.texts."""

NL = {
    "page_login": "Inloggen",
    "page_logout": "Uitloggen",
    "page_workshops": "Workshops",
    "page_moderate": "Moderatie",
    "page_projector": "Beamer",
    "section_account": "Account",
    "current_workshop": "Huidige workshop",
    "no_workshop": "Kies een workshop",
    # login
    "login_title": "Inloggen als facilitator",
    "login_refused": "Deze pagina is alleen voor de facilitator. Log in met het wachtwoord.",
    "login_submit": "Inloggen",
    "login_hint": (
        "Het wachtwoord staat in DNA_ADMIN_PASSWORD, of werd bij de eerste start in de console "
        "getoond."
    ),
    "login_to_join": "Deelnemer? Naar de deelnemerspagina",
    "login_done": "Je bent ingelogd als facilitator.",
    "logout": "Uitloggen",
    "logout_all": "Overal uitloggen",
    "logout_all_help": (
        "Overal uitloggen beëindigt elke facilitatorsessie: op de beamer, op andere laptops en "
        "in vergeten tabbladen. Een nieuw wachtwoord doet dat ook."
    ),
    # workshop errors (codes from dna.workshop.workshop)
    "err_unknown_code": "Er is geen workshop (meer) met deze code.",
    "err_title_missing": "Geef de workshop een titel.",
    "err_title_too_long": "De titel mag maximaal {limit} tekens hebben.",
    "err_question_missing": "Beide vragen hebben een tekst nodig.",
    "err_per_person_range": "Kies 1 tot {limit} antwoorden per persoon.",
    "err_too_many_teams": "Maximaal {limit} teams.",
    "err_schema_newer": "De database is van een nieuwere versie van de app (schema {version}).",
    # upload into a workshop
    "upload_into": "Antwoorden worden toegevoegd aan workshop {code}.",
    "add_to_workshop": "Toevoegen aan de workshop",
    "added": "{n:antwoord|antwoorden} toegevoegd aan de workshop.",
    "added_before": "Deze antwoorden zijn al eerder toegevoegd; er is niets dubbel opgeslagen.",
    "workshop_note": "{title}: {people:deelnemer|deelnemers}, {n:antwoord|antwoorden}.",
    "col_hidden": "Verborgen",
    # workshops
    "workshops_title": "Workshops",
    "new_workshop": "Nieuwe workshop",
    "ws_title": "Titel",
    "ws_organisation": "Organisatie",
    "ws_q_current": "Vraag over de huidige cultuur",
    "ws_q_desired": "Vraag over de gewenste cultuur",
    "ws_per_person": "Antwoorden per persoon",
    "ws_teams": "Teams (optioneel, één per regel)",
    "ws_teams_help": (
        "Eén per regel of gescheiden door komma's. Deelnemers kiezen hun team; teams met minder "
        "dan 5 deelnemers worden nooit apart getoond."
    ),
    "ws_create": "Workshop aanmaken",
    "ws_pick": "Kies links een workshop, of maak er een aan op de pagina Workshops.",
    "ws_code": "Code: **{code}** · deelnemers openen deze link of scannen de QR-code:",
    "ws_localhost": (
        "Deze link werkt alleen op deze computer. Open de app via het netwerkadres "
        "(bijv. http://192.168.1.20:8501) of zet DNA_PUBLIC_URL."
    ),
    "ws_status_open": (
        "Antwoorden is **open** · {people:deelnemer|deelnemers} · {n:antwoord|antwoorden}"
    ),
    "ws_status_closed": (
        "Antwoorden is **gesloten** · {people:deelnemer|deelnemers} · {n:antwoord|antwoorden}"
    ),
    "ws_open": "Antwoorden openen",
    "ws_close": "Antwoorden sluiten",
    "ws_projector": "Open de beamer",
    "ws_archive": "Archiveren",
    "ws_delete": "Verwijderen",
    "ws_delete_title": "Workshop verwijderen?",
    "ws_delete_warning": (
        "'{title}' wordt verwijderd met {n:antwoord|antwoorden}, {values:waarde|waarden} en "
        "{ballots:stembiljet|stembiljetten}. Dit kan niet ongedaan worden. Archiveren bewaart "
        "alles; een back-up (JSON) kun je later terugzetten."
    ),
    "ws_delete_backup": "Eerst een back-up downloaden (DNA-sheet)",
    "ws_delete_cancel": "Annuleren",
    "login_next": "Verder naar je workshops",
    "ws_teams_list": "teams: {teams}",
    "ws_delete_confirm": "Definitief verwijderen",
    "ws_all": "Alle workshops",
    "ws_col_title": "Titel",
    "ws_col_organisation": "Organisatie",
    "ws_col_code": "Code",
    "ws_col_status": "Status",
    "ws_col_created": "Aangemaakt",
    "ws_archived": "gearchiveerd",
    "ws_phase_open": "open",
    "ws_phase_closed": "gesloten",
    "ws_none": "Nog geen workshops.",
    "ws_restore": "Gearchiveerde workshop terugzetten",
    "ws_restore_go": "Terugzetten",
    # moderation
    "moderate_title": "Moderatie",
    "col_question": "Vraag",
    "col_answer": "Antwoord",
    "col_team": "Team",
    "col_state": "Status",
    "hidden_review": "wacht op beoordeling",
    "hidden_facilitator": "verborgen",
    "shown": "zichtbaar",
    "review_title": "Te beoordelen ({n})",
    "review_help": (
        "Het scheldwoordenfilter hield deze antwoorden tegen. Selecteer en kies: tonen of "
        "verborgen houden."
    ),
    "review_show": "Tonen",
    "review_hide": "Verborgen houden",
    "review_none": "Niets te beoordelen.",
    "answers_title": "Alle antwoorden ({n})",
    "answers_filter": "Zoeken",
    "answers_hide": "Verbergen",
    "answers_show": "Weer tonen",
    "groups_hide_moved": "Groepen verbergen of samenvoegen: Groepen bewerken",
    # projector
    "projector_settings": "Beamer-instellingen",
    "projector_pick": (
        "Open de beamer vanaf de pagina Workshops: kies een workshop en klik op Open de beamer."
    ),
    "projector_show": "Toon",
    "projector_both": "Beide",
    "projector_dark": "Donker thema",
    "projector_hide": "Resultaten verbergen",
    "projector_join": "Code en QR tonen",
    "projector_timer": "{n} min",
    "projector_timer_stop": "Aftellen stoppen",
    "timer_done": "De tijd is om",
    "projector_gone": "Deze workshop bestaat niet meer.",
    "projector_counts": "{people:deelnemer|deelnemers} · {n:antwoord|antwoorden}",
    "projector_join_at": "Doe mee met code",
    "projector_hidden": "De resultaten zijn nog even verborgen.",
    "projector_waiting": "Wachten op de eerste antwoorden…",
}

EN = {
    "page_login": "Log in",
    "page_logout": "Log out",
    "page_workshops": "Workshops",
    "page_moderate": "Moderation",
    "page_projector": "Projector",
    "section_account": "Account",
    "current_workshop": "Current workshop",
    "no_workshop": "Choose a workshop",
    "login_title": "Facilitator login",
    "login_refused": "This page is for the facilitator only. Log in with the password.",
    "login_submit": "Log in",
    "login_hint": (
        "The password is in DNA_ADMIN_PASSWORD, or was printed to the console at first start."
    ),
    "login_to_join": "Participant? Go to the participant page",
    "login_done": "You are logged in as facilitator.",
    "logout": "Log out",
    "logout_all": "Log out everywhere",
    "logout_all_help": (
        "Logging out everywhere ends every facilitator session: on the beamer, on other laptops "
        "and in forgotten tabs. A new password does that too."
    ),
    "err_unknown_code": "There is no workshop with this code (any more).",
    "err_title_missing": "Give the workshop a title.",
    "err_title_too_long": "The title can have at most {limit} characters.",
    "err_question_missing": "Both questions need a text.",
    "err_per_person_range": "Choose 1 to {limit} answers per person.",
    "err_too_many_teams": "At most {limit} teams.",
    "err_schema_newer": "The database belongs to a newer version of the app (schema {version}).",
    "upload_into": "Answers are added to workshop {code}.",
    "add_to_workshop": "Add to the workshop",
    "added": "{n:answer|answers} added to the workshop.",
    "added_before": "These answers were added before; nothing was stored twice.",
    "workshop_note": "{title}: {people:participant|participants}, {n:answer|answers}.",
    "col_hidden": "Hidden",
    "workshops_title": "Workshops",
    "new_workshop": "New workshop",
    "ws_title": "Title",
    "ws_organisation": "Organisation",
    "ws_q_current": "Question on the current culture",
    "ws_q_desired": "Question on the desired culture",
    "ws_per_person": "Answers per person",
    "ws_teams": "Teams (optional, one per line)",
    "ws_teams_help": (
        "One per line or separated by commas. Participants choose their team; teams with fewer "
        "than 5 participants are never shown apart."
    ),
    "ws_create": "Create workshop",
    "ws_pick": "Choose a workshop on the left, or create one on the Workshops page.",
    "ws_code": "Code: **{code}** · participants open this link or scan the QR code:",
    "ws_localhost": (
        "This link only works on this computer. Open the app by its network address "
        "(e.g. http://192.168.1.20:8501) or set DNA_PUBLIC_URL."
    ),
    "ws_status_open": (
        "Answering is **open** · {people:participant|participants} · {n:answer|answers}"
    ),
    "ws_status_closed": (
        "Answering is **closed** · {people:participant|participants} · {n:answer|answers}"
    ),
    "ws_open": "Open answering",
    "ws_close": "Close answering",
    "ws_projector": "Open the projector",
    "ws_archive": "Archive",
    "ws_delete": "Delete",
    "ws_delete_title": "Delete workshop?",
    "ws_delete_warning": (
        "'{title}' will be deleted with {n:answer|answers}, {values:value|values} and "
        "{ballots:ballot|ballots}. "
        "This cannot be undone. Archiving keeps everything; a backup (JSON) can be restored later."
    ),
    "ws_delete_backup": "Download a backup first (DNA sheet)",
    "ws_delete_cancel": "Cancel",
    "login_next": "On to your workshops",
    "ws_teams_list": "teams: {teams}",
    "ws_delete_confirm": "Delete for good",
    "ws_all": "All workshops",
    "ws_col_title": "Title",
    "ws_col_organisation": "Organisation",
    "ws_col_code": "Code",
    "ws_col_status": "Status",
    "ws_col_created": "Created",
    "ws_archived": "archived",
    "ws_phase_open": "open",
    "ws_phase_closed": "closed",
    "ws_none": "No workshops yet.",
    "ws_restore": "Restore an archived workshop",
    "ws_restore_go": "Restore",
    "moderate_title": "Moderation",
    "col_question": "Question",
    "col_answer": "Answer",
    "col_team": "Team",
    "col_state": "State",
    "hidden_review": "waiting for review",
    "hidden_facilitator": "hidden",
    "shown": "shown",
    "review_title": "To review ({n})",
    "review_help": (
        "The profanity filter held these answers back. Select them and choose: show or keep hidden."
    ),
    "review_show": "Show",
    "review_hide": "Keep hidden",
    "review_none": "Nothing to review.",
    "answers_title": "All answers ({n})",
    "answers_filter": "Search",
    "answers_hide": "Hide",
    "answers_show": "Show again",
    "groups_hide_moved": "Hide or merge groups: Edit groups",
    "projector_settings": "Projector settings",
    "projector_pick": (
        "Open the projector from the Workshops page: choose a workshop, then Open the projector."
    ),
    "projector_show": "Show",
    "projector_both": "Both",
    "projector_dark": "Dark theme",
    "projector_hide": "Hide results",
    "projector_join": "Show code and QR",
    "projector_timer": "{n} min",
    "projector_timer_stop": "Stop the countdown",
    "timer_done": "Time is up",
    "projector_gone": "This workshop no longer exists.",
    "projector_counts": "{people:participant|participants} · {n:answer|answers}",
    "projector_join_at": "Join with code",
    "projector_hidden": "The results are hidden for a moment.",
    "projector_waiting": "Waiting for the first answers…",
}
