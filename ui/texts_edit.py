"""UI text of the grouping editor."""

NL = {
    "page_groups": "Groepen bewerken",
    "page_compare": "Vergelijking",
    "section_dna": "DNA",
    "page_values": "Waarden",
    "page_voting": "Stemmen",
    "page_sheet": "DNA-sheet",
    "edit_title": "Groepen bewerken",
    "groups_intro": (
        "De automatische groepering is een voorstel; jij beslist. Kies hieronder groepen "
        "om ze samen te voegen, te hernoemen, te verbergen of een schrijfwijze te verplaatsen. "
        "Je wijzigingen gelden ook voor antwoorden die later binnenkomen."
    ),
    "groups_need_workshop": (
        "Kies links een workshop: wijzigingen aan de groepen worden per workshop bewaard. "
        "Een geüpload bestand voeg je toe aan een workshop op de pagina Antwoorden toevoegen."
    ),
    "groups_question": "Vraag",
    "groups_scope": "Alleen voor deze vraag",
    "groups_scope_help": "Anders geldt de wijziging voor de huidige én de gewenste cultuur.",
    "groups_undo": "Laatste wijziging ongedaan maken",
    "groups_nothing_to_undo": "Nog geen wijzigingen.",
    "groups_pick": "Groepen om te bewerken",
    "groups_select": "Kies of zoek één of meer groepen",
    "groups_merge_label": "Naam van de samengevoegde groep",
    "groups_merge_help": "Kies een van de namen, of kies “Een andere naam…” en typ die.",
    "groups_merge_other": "Een andere naam…",
    "groups_merge_new": "Nieuwe naam",
    "groups_merge_many": "Ja, voeg deze {n:groep|groepen} samen tot één",
    "groups_merge_many_help": (
        "Je hebt meer dan {max} groepen gekozen. Klopt dat? (Ongedaan maken kan daarna ook.)"
    ),
    "groups_merge": "Samenvoegen",
    "groups_rename_label": "Nieuwe naam",
    "groups_rename": "Hernoemen",
    "groups_hide_reason": "Reden om te verbergen (blijft bewaard)",
    "groups_hide": "Verbergen",
    "groups_show": "Weer tonen",
    "groups_variants": (
        "Zo geschreven in **{label}**. Een schrijfwijze verplaatsen neemt alle antwoorden mee "
        "die precies zo geschreven zijn, ook met andere hoofdletters of leestekens."
    ),
    "groups_move_variant": "Schrijfwijze",
    "groups_move_to": "Verplaatsen naar",
    "groups_own": "— een eigen groep —",
    "groups_move": "Verplaatsen",
    "groups_move_pick": "Kies een schrijfwijze",
    "groups_one_spelling": (
        "Iedereen schreef deze groep op dezelfde manier: er valt niets te verplaatsen."
    ),
    "groups_bad_label": "Geef een naam van 1 tot 60 tekens (zonder code of formule).",
    "groups_done": "Opgeslagen: {what}",
    "suggest_title": "Suggesties om samen te voegen ({n})",
    "suggest_none": "Geen suggesties: de automatische groepering twijfelde nergens over.",
    "suggest_help": (
        "Groepen die waarschijnlijk hetzelfde betekenen, uit beide vragen en alle teams. "
        "Samenvoegen geldt voor beide vragen; een afgewezen suggestie komt niet terug."
    ),
    "suggest_spelling": "bijna dezelfde spelling",
    "suggest_stem": "zelfde woordstam",
    "suggest_word": "gedeeld woord “{word}”",
    "suggest_phrase": "bijna dezelfde woorden",
    "suggest_accept": "Samenvoegen",
    "suggest_reject": "Nee",
    "history_title": "Wijzigingen ({n})",
    "edit_merge": "Samengevoegd: {labels} → {label}",
    "edit_move": "Verplaatst: “{variant}” van {source} naar {label}",
    "edit_rename": "Hernoemd: {old} → {label}",
    "edit_hide": "Verborgen: {labels}",
    "edit_show": "Weer getoond: {labels}",
    "edit_reject": "Suggestie afgewezen: {labels}",
    "edit_tag": "Gemarkeerd: {label} als {tag}",
    "edit_scope": " (alleen {question})",
    "col_people": "Deelnemers",
    "clouds_edit_link": "Groepen samenvoegen, hernoemen of verbergen",
    "col_reason": "Reden",
}

EN = {
    "page_groups": "Edit groups",
    "page_compare": "Comparison",
    "section_dna": "DNA",
    "page_values": "Values",
    "page_voting": "Voting",
    "page_sheet": "DNA sheet",
    "edit_title": "Edit groups",
    "groups_intro": (
        "The automatic grouping is a proposal; you decide. Choose groups below to merge, "
        "rename or hide them, or to move a spelling. Your changes also apply to answers that "
        "arrive later."
    ),
    "groups_need_workshop": (
        "Choose a workshop on the left: changes to the groups are kept per workshop. Add an "
        "uploaded file to a workshop on the Add answers page."
    ),
    "groups_question": "Question",
    "groups_scope": "Only for this question",
    "groups_scope_help": "Otherwise the change applies to both the current and desired culture.",
    "groups_undo": "Undo the last change",
    "groups_nothing_to_undo": "No changes yet.",
    "groups_pick": "Groups to edit",
    "groups_select": "Choose or search one or more groups",
    "groups_merge_label": "Name of the merged group",
    "groups_merge_help": "Pick one of the names, or pick “Another name…” and type it.",
    "groups_merge_other": "Another name…",
    "groups_merge_new": "New name",
    "groups_merge_many": "Yes, merge these {n:group|groups} into one",
    "groups_merge_many_help": (
        "You picked more than {max} groups. Is that right? (You can undo it afterwards too.)"
    ),
    "groups_merge": "Merge",
    "groups_rename_label": "New name",
    "groups_rename": "Rename",
    "groups_hide_reason": "Reason for hiding (kept)",
    "groups_hide": "Hide",
    "groups_show": "Show again",
    "groups_variants": (
        "Written like this in **{label}**. Moving a spelling takes every answer written exactly "
        "so, also with other capitals or punctuation."
    ),
    "groups_move_variant": "Spelling",
    "groups_move_to": "Move to",
    "groups_own": "— a group of its own —",
    "groups_move": "Move",
    "groups_move_pick": "Choose a spelling",
    "groups_one_spelling": "Everyone wrote this group the same way: there is nothing to move.",
    "groups_bad_label": "Give a name of 1 to 60 characters (no code or formula).",
    "groups_done": "Saved: {what}",
    "suggest_title": "Suggested merges ({n})",
    "suggest_none": "No suggestions: the automatic grouping had no doubts.",
    "suggest_help": (
        "Groups that probably mean the same, from both questions and all teams. A merge applies "
        "to both questions; a rejected suggestion does not come back."
    ),
    "suggest_spelling": "nearly the same spelling",
    "suggest_stem": "same word stem",
    "suggest_word": "shared word “{word}”",
    "suggest_phrase": "nearly the same words",
    "suggest_accept": "Merge",
    "suggest_reject": "No",
    "history_title": "Changes ({n})",
    "edit_merge": "Merged: {labels} → {label}",
    "edit_move": "Moved: “{variant}” from {source} to {label}",
    "edit_rename": "Renamed: {old} → {label}",
    "edit_hide": "Hidden: {labels}",
    "edit_show": "Shown again: {labels}",
    "edit_reject": "Suggestion rejected: {labels}",
    "edit_tag": "Tagged: {label} as {tag}",
    "edit_scope": " (only {question})",
    "col_people": "Participants",
    "clouds_edit_link": "Merge, rename or hide groups",
    "col_reason": "Reason",
}
