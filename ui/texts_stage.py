"""UI text of the presenter page (Regie) and the beamer's later phases; merged into ui.texts."""

NL = {
    "page_regie": "Regie",
    "ws_regie": "Start de regie",
    "stage_title": "Regie",
    "stage_title_of": "Regie · {title}",
    "stage_label": "Fase (de beamer volgt)",
    "stage_collect": "Verzamelen",
    "stage_clouds": "Wolken",
    "stage_compare": "Vergelijken",
    "stage_values": "Waarden",
    "stage_vote": "Stemmen",
    "stage_dna": "Ons DNA",
    "stage_next": "Volgende fase: {stage}",
    "stage_people": "Deelnemers",
    "stage_answers": "Antwoorden",
    "stage_voters": "Stemmers",
    "stage_on_beamer": "Nu op de beamer",
    "stage_none": "Nog niets",
    "stage_timer_stop": "Stop",
    "stage_dots": "{n:stip|stippen}",
    "stage_review": "{n:antwoord wacht|antwoorden wachten} op moderatie.",
    "stage_collect_hint": (
        "Laat de zaal de code scannen en vier woorden of zinnen geven over de huidige en de "
        "gewenste cultuur. Start eventueel een aftelling."
    ),
    "stage_clouds_hint": (
        "Bespreek de wolken: wat valt op? Schoon de groepen op waar woorden bij elkaar horen."
    ),
    "stage_compare_hint": (
        "Wat behouden we, wat laten we los, wat ontwikkelen we? De beamer toont de drie lijsten."
    ),
    "stage_values_hint": (
        "Schrijf de kandidaat-waarden: oude en nieuwe elementen samen. De beamer toont ze."
    ),
    "stage_vote_hint": (
        "Iedereen verdeelt stippen over de waarden, op de telefoon. De telling is live."
    ),
    "stage_dna_hint": "Leg de gekozen waarden vast en toon ons DNA aan de zaal.",
    "stage_compare_note": (
        "Aandeel van de deelnemers dat het thema noemt: nu → gewenst. Details op de "
        "vergelijkingspagina."
    ),
    "stage_values_add": "Voorgestelde waarden toevoegen ({n} nieuw)",
    "stage_values_waiting": "De waarden worden nog geschreven…",
    "stage_dna_waiting": "Ons DNA wordt gekozen…",
    "stage_dna_title": "Ons DNA",
    "stage_dna_close_first": "Sluit eerst het stemmen; daarna kies je de waarden.",
    "stage_dna_proposal": "Voorstel uit de telling: **{values}**",
    "stage_dna_keep": "Dit voorstel vastleggen",
    "stage_dna_saved": "Vastgelegd: {values}. De beamer toont ons DNA.",
    "stage_link_workshops": "Workshop-instellingen",
    "stage_link_moderate": "Moderatie",
    "stage_link_groups": "Groepen opschonen",
    "stage_link_compare": "Vergelijking in detail",
    "stage_link_values": "Waarden schrijven",
    "stage_link_voting": "Stemregels en eigen keuze",
    "stage_link_sheet": "DNA-sheet (PDF)",
    "err_bad_stage": "Deze fase bestaat niet.",
}

EN = {
    "page_regie": "Run the room",
    "ws_regie": "Run the room",
    "stage_title": "Run the room",
    "stage_title_of": "Run the room · {title}",
    "stage_label": "Phase (the projector follows)",
    "stage_collect": "Collect",
    "stage_clouds": "Clouds",
    "stage_compare": "Compare",
    "stage_values": "Values",
    "stage_vote": "Vote",
    "stage_dna": "Our DNA",
    "stage_next": "Next phase: {stage}",
    "stage_people": "Participants",
    "stage_answers": "Answers",
    "stage_voters": "Voters",
    "stage_on_beamer": "On the projector now",
    "stage_none": "Nothing yet",
    "stage_timer_stop": "Stop",
    "stage_dots": "{n:dot|dots}",
    "stage_review": "{n:answer waits|answers wait} for moderation.",
    "stage_collect_hint": (
        "Let the room scan the code and give four words or sentences on the current and the "
        "desired culture. Start a countdown if you like."
    ),
    "stage_clouds_hint": (
        "Discuss the clouds: what stands out? Tidy the groups where words belong together."
    ),
    "stage_compare_hint": (
        "What do we keep, let go and develop? The projector shows the three lists."
    ),
    "stage_values_hint": (
        "Write the candidate values: old and new elements together. The projector shows them."
    ),
    "stage_vote_hint": "Everyone spreads dots over the values on their phone. The count is live.",
    "stage_dna_hint": "Save the chosen values and show our DNA to the room.",
    "stage_compare_note": (
        "Share of participants naming the theme: now → desired. Details on the comparison page."
    ),
    "stage_values_add": "Add the suggested values ({n} new)",
    "stage_values_waiting": "The values are still being written…",
    "stage_dna_waiting": "Our DNA is being chosen…",
    "stage_dna_title": "Our DNA",
    "stage_dna_close_first": "Close voting first; then choose the values.",
    "stage_dna_proposal": "Proposal from the count: **{values}**",
    "stage_dna_keep": "Save this proposal",
    "stage_dna_saved": "Saved: {values}. The projector shows our DNA.",
    "stage_link_workshops": "Workshop settings",
    "stage_link_moderate": "Moderation",
    "stage_link_groups": "Tidy the groups",
    "stage_link_compare": "Comparison in detail",
    "stage_link_values": "Write values",
    "stage_link_voting": "Voting rules and own choice",
    "stage_link_sheet": "DNA sheet (PDF)",
    "err_bad_stage": "This phase does not exist.",
}
