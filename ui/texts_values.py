"""UI text of the candidate-values editor (and its "make it a value" button on other pages)."""

NL = {
    "values_title": "Waarden",
    "values_intro": (
        "Maak kandidaat-waarden uit de groepen of met de hand. Een waarde heeft een naam "
        "(1–3 woorden), een betekenis in één zin en 2–4 gedragingen waaraan je haar ziet. "
        "Elke waarde onthoudt uit welke groepen ze komt."
    ),
    "values_need_workshop": (
        "Kies links een workshop: waarden worden per workshop bewaard. Een geüpload bestand "
        "voeg je toe aan een workshop op de pagina Antwoorden toevoegen."
    ),
    "values_list": "Kandidaat-waarden ({n})",
    "values_empty": (
        "Nog geen waarden. Begin met de voorgestelde startset, of maak hieronder een waarde "
        "uit groepen of met de hand."
    ),
    "values_see": "Dit zie je aan:",
    "values_do": "We doen wel",
    "values_dont": "We doen niet",
    "values_badge_meaning": "betekenis ontbreekt",
    "values_badge_behaviours": "nog {low}–{high} gedragingen nodig",
    "values_badge_complete": "klaar voor de DNA-sheet",
    "values_aim_keep": "behoudt een kracht",
    "values_aim_let_go": "laat een beperking los",
    "values_aim_develop": "ontwikkelt iets nieuws",
    "values_where": ("Waar komt dit vandaan? ({groups} · {current} huidig · {desired} gewenst)"),
    "values_where_hand": "Waar komt dit vandaan? (met de hand gemaakt)",
    "values_groups_1": "1 groep",
    "values_groups_n": "{n:groep|groepen}",
    "values_by_hand": (
        "Met de hand gemaakt: niet gekoppeld aan groepen. Koppel groepen via Bewerken, "
        "dan is te zien uit welke antwoorden deze waarde komt."
    ),
    "values_gone": "{label} (niet meer gevonden)",
    "values_gone_note": (
        "Een groep zonder antwoorden is samengevoegd of verborgen in Groepen bewerken; "
        "koppel zo nodig de nieuwe groep via Bewerken."
    ),
    "values_col_group": "Groep",
    "values_col_current": "Huidig (antwoorden)",
    "values_col_desired": "Gewenst (antwoorden)",
    "values_col_people": "Deelnemers (huidig → gewenst)",
    "values_col_answers": "Zo geschreven",
    "values_up": "Omhoog",
    "values_down": "Omlaag",
    "values_edit": "Bewerken",
    "values_delete": "Verwijderen",
    "values_name": "Naam (1–3 woorden)",
    "values_meaning": "Betekenis (één zin)",
    "values_behaviours": "Dit zie je aan (2–4 gedragingen, één per regel)",
    "values_behaviours_placeholder": (
        "We bellen de klant binnen een dag terug\nWe vragen door tot we het begrijpen"
    ),
    "values_do_label": "We doen wel (optioneel, één per regel)",
    "values_dont_label": "We doen niet (optioneel, één per regel)",
    "values_sources": "Komt uit de groepen",
    "values_save": "Opslaan",
    "values_cancel": "Annuleren",
    "values_saved": "Waarde «{name}» opgeslagen.",
    "values_added": "Waarde «{name}» toegevoegd.",
    "values_exists": "Er is al een waarde «{name}». Kies een andere naam of bewerk die waarde.",
    "values_deleted": (
        "«{name}» verwijderd. Terugzetten kan met Ongedaan maken of uit de Prullenbak."
    ),
    "values_restored": "«{name}» teruggezet.",
    "values_undo": "Verwijderen van «{name}» ongedaan maken",
    "values_trash": "Prullenbak ({n})",
    "values_trash_empty": "De prullenbak is leeg.",
    "values_restore": "Terugzetten",
    "values_new": "Nieuwe waarde",
    "values_tab_groups": "Uit groepen",
    "values_tab_hand": "Met de hand",
    "values_create": "Toevoegen",
    "values_groups_pick": "Groepen (uit beide vragen)",
    "values_groups_select": "Kies of zoek één of meer groepen",
    "values_groups_name": "Naam (optioneel; anders die van de grootste groep)",
    "values_groups_none": "Kies minstens één groep.",
    "values_option": "{label} · huidig {current} · gewenst {desired}",
    "values_start": "Startset voorstellen",
    "values_start_intro": (
        "Groepen die horen bij behouden en ontwikkelen, de meest gewenste eerst (regel zoals "
        "op de pagina Vergelijking: minstens {min}% van de deelnemers, {lean}×). Voeg ze toe "
        "en bewerk ze daarna vrij; wat er al staat, wordt niet nog eens toegevoegd."
    ),
    "values_start_row": "{name} · huidig {current}% → gewenst {desired}% · {category}",
    "values_start_there": "staat er al",
    "values_start_add": "Toevoegen ({n} nieuw)",
    "values_start_added": "{n:waarde|waarden} uit de startset toegevoegd.",
    "values_start_none_added": "Niets toegevoegd: alle voorgestelde waarden staan er al.",
    "values_start_empty": (
        "Geen voorstel: geen groep is sterk genoeg in behouden of ontwikkelen. Verlaag de "
        "drempel op de pagina Vergelijking, of maak waarden uit groepen of met de hand."
    ),
    "values_make": "Maak er een waarde van",
    "values_make_help": (
        "Maakt een kandidaat-waarde met deze groep(en) als bron. Werk hem uit op de pagina Waarden."
    ),
    "values_make_pick": "Groepen voor een waarde",
    "values_made": "Waarde «{name}» gemaakt. Werk hem uit op de pagina Waarden.",
    "values_hint_cliche": (
        "«{name}» noemt bijna elke organisatie. Zou een organisatie bewust het tegendeel "
        "kiezen? Maak het eigen: wat doen wíj hierin anders?"
    ),
    "values_hint_behaviour": (
        "Beschrijf wat je iemand ziet doen: «{line}» zegt nog niet wat iemand doet."
    ),
    "values_saved_hints": "Waarde «{name}» opgeslagen, met {n:tip|tips} eronder.",
    "values_added_hints": "Waarde «{name}» toegevoegd, met {n:tip|tips} eronder.",
    "err_value_name_empty": "Geef de waarde een naam.",
    "err_value_name_long": (
        "Een naam is 1 tot {words} woorden en hoogstens {chars} tekens. Kort hem in: "
        "de uitleg past in de betekenis."
    ),
    "err_value_meaning_long": "De betekenis is één zin van hoogstens {chars} tekens.",
    "err_value_behaviours": "Hoogstens {most} gedragingen: houd de duidelijkste.",
    "err_value_do": "Hoogstens {most} regels bij ‘We doen wel’.",
    "err_value_dont": "Hoogstens {most} regels bij ‘We doen niet’.",
}

EN = {
    "values_title": "Values",
    "values_intro": (
        "Make candidate values from the groups or by hand. A value has a name (1–3 words), "
        "a one-sentence meaning and 2–4 behaviours that show it. Every value remembers the "
        "groups it came from."
    ),
    "values_need_workshop": (
        "Choose a workshop on the left: values are kept per workshop. Add an uploaded file to "
        "a workshop on the Add answers page."
    ),
    "values_list": "Candidate values ({n})",
    "values_empty": (
        "No values yet. Start with the suggested starting set, or make a value below from "
        "groups or by hand."
    ),
    "values_see": "You can see it when:",
    "values_do": "We do",
    "values_dont": "We don't",
    "values_badge_meaning": "meaning missing",
    "values_badge_behaviours": "{low}–{high} more behaviours needed",
    "values_badge_complete": "ready for the DNA sheet",
    "values_aim_keep": "keeps a strength",
    "values_aim_let_go": "lets go of a limiting theme",
    "values_aim_develop": "develops something new",
    "values_where": (
        "Where did this come from? ({groups} · {current} current · {desired} desired)"
    ),
    "values_where_hand": "Where did this come from? (made by hand)",
    "values_groups_1": "1 group",
    "values_groups_n": "{n:group|groups}",
    "values_by_hand": (
        "Made by hand: not linked to groups. Link groups via Edit to show which answers this "
        "value comes from."
    ),
    "values_gone": "{label} (no longer found)",
    "values_gone_note": (
        "A group without answers was merged or hidden in Edit groups; link the new group via "
        "Edit if needed."
    ),
    "values_col_group": "Group",
    "values_col_current": "Current (answers)",
    "values_col_desired": "Desired (answers)",
    "values_col_people": "Participants (current → desired)",
    "values_col_answers": "Written as",
    "values_up": "Move up",
    "values_down": "Move down",
    "values_edit": "Edit",
    "values_delete": "Delete",
    "values_name": "Name (1–3 words)",
    "values_meaning": "Meaning (one sentence)",
    "values_behaviours": "You can see it when (2–4 behaviours, one per line)",
    "values_behaviours_placeholder": (
        "We call the customer back within a day\nWe ask until we understand"
    ),
    "values_do_label": "We do (optional, one per line)",
    "values_dont_label": "We don't (optional, one per line)",
    "values_sources": "Comes from the groups",
    "values_save": "Save",
    "values_cancel": "Cancel",
    "values_saved": "Value “{name}” saved.",
    "values_added": "Value “{name}” added.",
    "values_exists": "There is a value “{name}” already. Choose another name or edit that value.",
    "values_deleted": "“{name}” deleted. Bring it back with Undo or from the Bin.",
    "values_restored": "“{name}” restored.",
    "values_undo": "Undo deleting “{name}”",
    "values_trash": "Bin ({n})",
    "values_trash_empty": "The bin is empty.",
    "values_restore": "Restore",
    "values_new": "New value",
    "values_tab_groups": "From groups",
    "values_tab_hand": "By hand",
    "values_create": "Add",
    "values_groups_pick": "Groups (of both questions)",
    "values_groups_select": "Choose or search one or more groups",
    "values_groups_name": "Name (optional; else that of the biggest group)",
    "values_groups_none": "Choose at least one group.",
    "values_option": "{label} · current {current} · desired {desired}",
    "values_start": "Suggest a starting set",
    "values_start_intro": (
        "Groups that belong to keep and develop, the most desired first (rule as on the "
        "Comparison page: at least {min}% of participants, {lean}×). Add them, then edit "
        "freely; what is there already is not added again."
    ),
    "values_start_row": "{name} · current {current}% → desired {desired}% · {category}",
    "values_start_there": "already there",
    "values_start_add": "Add ({n} new)",
    "values_start_added": "{n:value|values} of the starting set added.",
    "values_start_none_added": "Nothing added: all suggested values are there already.",
    "values_start_empty": (
        "No suggestion: no group is strong enough in keep or develop. Lower the threshold on "
        "the Comparison page, or make values from groups or by hand."
    ),
    "values_make": "Make it a value",
    "values_make_help": (
        "Makes a candidate value with these group(s) as its source. Work it out on the Values page."
    ),
    "values_make_pick": "Groups for a value",
    "values_made": "Value “{name}” made. Work it out on the Values page.",
    "values_hint_cliche": (
        "Nearly every organisation names “{name}”. Would any organisation deliberately choose "
        "the opposite? Make it yours: what do *we* do differently here?"
    ),
    "values_hint_behaviour": (
        "Describe what you see someone do: “{line}” does not say yet what someone does."
    ),
    "values_saved_hints": "Value “{name}” saved, with {n:tip|tips} below it.",
    "values_added_hints": "Value “{name}” added, with {n:tip|tips} below it.",
    "err_value_name_empty": "Give the value a name.",
    "err_value_name_long": (
        "A name is 1 to {words} words and at most {chars} characters. Shorten it: the "
        "explanation fits in the meaning."
    ),
    "err_value_meaning_long": "The meaning is one sentence of at most {chars} characters.",
    "err_value_behaviours": "At most {most} behaviours: keep the clearest.",
    "err_value_do": "At most {most} lines under “We do”.",
    "err_value_dont": "At most {most} lines under “We don't”.",
}
