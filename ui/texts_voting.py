"""UI text of dot voting (beamer, facilitator; the phone's are in phone/texts.toml); merged into
ui.texts."""

NL = {
    # rules errors (codes from dna.workshop.voting)
    "err_bad_dots": "Kies 1 tot {maximum} stippen per persoon.",
    "err_bad_cap": "Het maximum per waarde is 1 tot {dots} (het aantal stippen).",
    # beamer
    "vote_beamer_hint": "Stem op je telefoon: je stemkaart verschijnt vanzelf.",
    "vote_state_open": "Stemmen open",
    "vote_state_closed": "Stemmen gesloten",
    "vote_voters": "{n:stemmer|stemmers}",
    "vote_waiting": "Nog geen stemmen. Stem op je telefoon!",
    "vote_team_hidden": "Dit team heeft nog geen {min} stemmers; de uitslag blijft anoniem.",
    "vote_final_line": "Ons DNA: {values}",
    "vote_close_answers": "Antwoorden tegelijk sluiten (telefoons tonen dan alleen de stemming)",
    "vote_view": "Beeld",
    "vote_view_auto": "Volgt de regie",
    "vote_view_clouds": "Woordwolken",
    "vote_view_votes": "Stemmen",
    # chart and tables
    "vote_chart_title": "Stemmen op de waarden",
    "vote_chart_subtitle": (
        "{n:stemmer|stemmers} · % = deel van de stemmers met een stip op de waarde"
    ),
    "vote_col_value": "Waarde",
    "vote_col_dots": "Stippen",
    "vote_col_voters": "Stemmers",
    "vote_col_share": "Deel van de stemmers",
    "vote_word_dots": "stippen",
    "vote_word_dot": "stip",
    "vote_word_of_voters": "van de stemmers",
    # facilitator
    "vote_page_title": "Stemmen",
    "vote_need_workshop": "Kies eerst een workshop in de zijbalk (of maak er een bij Workshops).",
    "vote_need_values": (
        "Stemmen kan vanaf 2 kandidaat-waarden; deze workshop heeft er {n}. "
        "Voeg ze toe bij Waarden."
    ),
    "vote_status_none": "Het stemmen is nog niet geopend.",
    "vote_status_open": (
        "Het stemmen is open: {dots} stippen per deelnemer, maximaal {cap} per waarde. "
        "Deelnemers stemmen op hun telefoon met dezelfde code."
    ),
    "vote_status_closed": (
        "Het stemmen is gesloten ({dots} stippen per deelnemer, maximaal {cap} per waarde). "
        "Alle stemmen zijn bewaard."
    ),
    "vote_rule_dots": "Stippen per deelnemer",
    "vote_rule_cap": "Maximaal per waarde",
    "vote_rules_help": "De regels liggen vast zodra de eerste stem binnen is.",
    "vote_open": "Stemmen openen",
    "vote_close": "Stemmen sluiten",
    "vote_reopen": "Stemmen heropenen",
    "vote_results_title": "Uitslag · {n:stemmer|stemmers}",
    "vote_none_yet": "Nog geen stemmen.",
    "vote_teams_title": "Per team",
    "vote_teams_caption": "Deel van de stemmers in het team met een stip op de waarde.",
    "vote_teams_withheld": (
        "Niet getoond, want minder dan {min} stemmers (zo blijft elke stem anoniem): {teams}."
    ),
    "vote_final_title": "Het DNA: kies de waarden",
    "vote_final_pick": "Gekozen waarden (3 tot 5, op volgorde)",
    "vote_final_placeholder": "Kies waarden",
    "vote_final_proposed": (
        "Voorgesteld: de waarden met duidelijk meer stippen dan de rest (de lijst is afgekapt "
        "waar het aantal stippen het sterkst daalt, bij 3 tot 5 waarden)."
    ),
    "vote_move_up": "Eén plaats omhoog",
    "vote_final_count": "Je hebt {n:waarde|waarden} gekozen; een DNA heeft er {lo} tot {hi}.",
    "vote_tagline": "Slogan (optioneel, één regel)",
    "vote_tagline_placeholder": "Bijvoorbeeld: Samen maken we het verschil",
    "vote_final_save": "Keuze opslaan",
    "vote_final_saved": "Opgeslagen: {n:waarde|waarden}.",
}

EN = {
    "err_bad_dots": "Choose 1 to {maximum} dots per person.",
    "err_bad_cap": "The limit per value is 1 to {dots} (the number of dots).",
    "vote_beamer_hint": "Vote on your phone: your ballot appears by itself.",
    "vote_state_open": "Voting open",
    "vote_state_closed": "Voting closed",
    "vote_voters": "{n:voter|voters}",
    "vote_waiting": "No votes yet. Vote on your phone!",
    "vote_team_hidden": "This team has fewer than {min} voters; its result stays anonymous.",
    "vote_final_line": "Our DNA: {values}",
    "vote_close_answers": "Close answering at the same time (phones then show only the ballot)",
    "vote_view": "View",
    "vote_view_auto": "Follows the presenter",
    "vote_view_clouds": "Word clouds",
    "vote_view_votes": "Votes",
    "vote_chart_title": "Votes on the values",
    "vote_chart_subtitle": "{n:voter|voters} · % = share of voters with a dot on the value",
    "vote_col_value": "Value",
    "vote_col_dots": "Dots",
    "vote_col_voters": "Voters",
    "vote_col_share": "Share of voters",
    "vote_word_dots": "dots",
    "vote_word_dot": "dot",
    "vote_word_of_voters": "of voters",
    "vote_page_title": "Voting",
    "vote_need_workshop": "Choose a workshop in the sidebar first (or create one under Workshops).",
    "vote_need_values": (
        "Voting needs at least 2 candidate values; this workshop has {n}. Add them under Values."
    ),
    "vote_status_none": "Voting has not been opened yet.",
    "vote_status_open": (
        "Voting is open: {dots} dots per participant, at most {cap} per value. "
        "Participants vote on their phones with the same code."
    ),
    "vote_status_closed": (
        "Voting is closed ({dots} dots per participant, at most {cap} per value). "
        "Every vote is kept."
    ),
    "vote_rule_dots": "Dots per participant",
    "vote_rule_cap": "At most per value",
    "vote_rules_help": "The rules are fixed once the first vote is in.",
    "vote_open": "Open voting",
    "vote_close": "Close voting",
    "vote_reopen": "Reopen voting",
    "vote_results_title": "Result · {n:voter|voters}",
    "vote_none_yet": "No votes yet.",
    "vote_teams_title": "Per team",
    "vote_teams_caption": "Share of the team's voters with a dot on the value.",
    "vote_teams_withheld": (
        "Not shown, as they have fewer than {min} voters (so every vote stays anonymous): {teams}."
    ),
    "vote_final_title": "The DNA: choose the values",
    "vote_final_pick": "Chosen values (3 to 5, in order)",
    "vote_final_placeholder": "Choose values",
    "vote_final_proposed": (
        "Proposed: the values with clearly more dots than the rest (the list is cut where the "
        "number of dots drops most, at 3 to 5 values)."
    ),
    "vote_move_up": "Up one place",
    "vote_final_count": "You chose {n:value|values}; a DNA has {lo} to {hi}.",
    "vote_tagline": "Tagline (optional, one line)",
    "vote_tagline_placeholder": "For example: Together we make the difference",
    "vote_final_save": "Save the choice",
    "vote_final_saved": "Saved: {n:value|values}.",
}
