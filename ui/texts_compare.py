"""UI text of the comparison page: current vs desired (behouden / loslaten / ontwikkelen)."""

NL = {
    "compare_title": "Huidig en gewenst naast elkaar",
    "compare_intro": (
        "Wat willen we behouden, loslaten en ontwikkelen? Per groep: welk deel van de deelnemers "
        "het noemde voor de huidige en voor de gewenste cultuur."
    ),
    "compare_participants": "Deelnemers",
    "compare_groups": "Groepen: {question}",
    "compare_groups_help": "{answers:antwoord|antwoorden} van {people:deelnemer|deelnemers}",
    "compare_overlap": "Overlap",
    "compare_overlap_help": (
        "Deel van de antwoorden over de gewenste cultuur dat in een groep valt die ook in de "
        "huidige cultuur genoemd is."
    ),
    "compare_min_share": "Telt mee vanaf (% van de deelnemers)",
    "compare_lean": "Vooral in één vraag: minstens … keer zo vaak",
    "compare_min_people": "En door minstens … mensen genoemd",
    "compare_min_people_help": (
        "Zo zetten losse vermeldingen de lijsten niet vol. Vanzelf: 2, of 5 % van de zaal als "
        "dat meer is ({auto} bij {people:deelnemer|deelnemers})."
    ),
    "compare_thresholds": "Drempels: {min}% · {lean}× · {people:mens|mensen}",
    "compare_rule": (
        "Een thema telt mee in een vraag bij ≥ {min}% én ≥ {people:mens|mensen}. "
        "**Behouden**: geen beperkend thema, telt mee in beide, minder dan {lean}× verschil. "
        "**Loslaten**: een beperkend thema dat nu meetelt. **Ontwikkelen**: geen beperkend "
        "thema, gewenst ≥ {lean}× zo vaak als nu. **Sterk nu, minder genoemd**: een kracht die "
        "nu meetelt en gewenst minder genoemd wordt; die laten we niet los."
    ),
    "compare_keep": "Behouden",
    "compare_let_go": "Loslaten",
    "compare_develop": "Ontwikkelen",
    "compare_strength_less": "Sterk nu, minder genoemd",
    "compare_other": "Overig",
    "compare_strength_less_line": "**Sterk nu, minder genoemd** (krachten, niet loslaten): {items}",
    "compare_others_line": (
        "**Overige**: {n:ander thema|andere thema's}, door minder dan {people:mens|mensen} "
        "genoemd of zonder duidelijke plek (alle thema's staan in de CSV)."
    ),
    "col_tag": "Soort",
    "tag_kracht": "kracht",
    "tag_neutraal": "neutraal",
    "tag_beperkend": "beperkend",
    "compare_tags_title": "Kracht of beperkend? ({n:aangepast|aangepast})",
    "compare_tags_help": (
        "Elk thema krijgt een voorstel: **kracht**, **beperkend** of **neutraal**, uit een "
        'Nederlandse woordenlijst en de vorm van de antwoorden ("geen vertrouwen" is '
        'beperkend, "geen angst" niet). Bij twijfel blijft een thema neutraal. Alleen een '
        "beperkend thema komt onder Loslaten; pas het hier aan als het niet klopt."
    ),
    "compare_tags_pick": "Thema",
    "compare_tags_choice": "Soort",
    "compare_tags_save": "Opslaan",
    "compare_tags_undo": "Laatste markering ongedaan maken",
    "compare_tags_proposed": "voorstel: {tag}",
    "compare_tags_need_workshop": "Markeringen aanpassen kan in een workshop.",
    "compare_entropy": "Entropie",
    "compare_entropy_now": (
        "Entropie nu: {share} van de antwoorden ({limited} van {people:mens|mensen})"
    ),
    "compare_entropy_desired": (
        "Gewenst: {share} van de antwoorden ({limited} van {people:mens|mensen})"
    ),
    "compare_entropy_what": (
        "Entropie (naar Richard Barrett) is het deel van wat de zaal over de huidige cultuur "
        "schreef dat over beperkende thema's gaat: antwoorden in thema's gemarkeerd als "
        "beperkend, gedeeld door alle antwoorden; tussen haakjes de mensen met minstens één "
        "zo'n antwoord. Verborgen groepen tellen niet mee."
    ),
    "compare_entropy_short": (
        "het deel van de antwoorden over nu dat in beperkende thema's valt (naar Barrett)"
    ),
    "compare_entropy_desired_high": (
        "Ook {share} van de antwoorden over de gewenste cultuur valt in beperkende thema's: kijk "
        "of die thema's goed gemarkeerd zijn."
    ),
    "compare_entropy_teams": "Entropie per team (teams van minstens {minimum} mensen)",
    "compare_entropy_team": "Team",
    "compare_none_keep": (
        "Geen groepen bij deze drempels. Verlaag de ondergrens ({min}%) of verhoog de factor "
        "({lean}×) onder **Drempels**."
    ),
    "compare_none_let_go": (
        "Geen beperkende thema's bij deze drempels. Markeer een thema als beperkend onder "
        "**Kracht of beperkend?**, of verlaag de ondergrens ({min}%) onder **Drempels**."
    ),
    "compare_none_develop": (
        "Geen groepen bij deze drempels. Verlaag de ondergrens ({min}%) of de factor ({lean}×) "
        "onder **Drempels**."
    ),
    "compare_empty": "Nog geen antwoorden om te vergelijken.",
    "compare_chart_title": "Huidige en gewenste cultuur",
    "compare_chart_subtitle": "{people:deelnemer|deelnemers} · de grootste verschuiving bovenaan",
    "compare_chart_axis": "Deel van de deelnemers",
    "compare_chart_current": "Huidig",
    "compare_chart_desired": "Gewenst",
    "compare_chart_group": "Groep",
    "compare_chart_people": "deelnemers",
    "compare_chart_count": "antwoorden",
    "compare_chart_shift": "Verschuiving",
    "compare_chart_answers": "zo geschreven",
    "compare_chart_of": "van",
    "compare_chart_team": "Team",
    "compare_chart_tag": "Soort",
    "compare_chart_kracht": "kracht",
    "compare_chart_beperkend": "beperkend",
    "compare_download_png": "Grafiek (PNG)",
    "compare_download_csv": "Vergelijking (CSV)",
    "compare_decimal": ",",  # the decimal mark in the CSV, as the reader's spreadsheet expects
    "compare_teams_title": "Teams naast elkaar",
    "compare_teams_intro": "Dezelfde groepen per team, in dezelfde volgorde als hierboven.",
    "compare_teams_small": (
        "Percentages van kleine teams rusten op weinig mensen: in {team} "
        "({people:deelnemer|deelnemers}) "
        "is één persoon al {one}%. Wijs met de muis een balk aan voor de aantallen."
    ),
    "compare_teams_withheld": (
        "Niet apart getoond: {teams}. Teams met minder dan {minimum} deelnemers blijven "
        "samen met de anderen, zodat niemand herkenbaar is."
    ),
    "compare_col_label": "Groep",
    "compare_col_category": "Uitkomst",
    "compare_col_tag": "Soort",
    "compare_col_entropy": "Entropie",
    "compare_col_entropy_answers": "Antwoorden: %",
    "compare_col_entropy_people": "Mensen: %",
    "compare_col_limiting_answers": "Antwoorden in beperkende thema's",
    "compare_col_answers": "Antwoorden",
    "compare_col_limited_people": "Mensen met een beperkend thema",
    "compare_col_people": "Mensen",
    "compare_col_current_people": "Huidig: deelnemers",
    "compare_col_current_share": "Huidig: %",
    "compare_col_desired_people": "Gewenst: deelnemers",
    "compare_col_desired_share": "Gewenst: %",
    "compare_col_shift": "Verschuiving: %-punt",
    "compare_col_current_count": "Huidig: antwoorden",
    "compare_col_desired_count": "Gewenst: antwoorden",
    "compare_col_current_variants": "Huidig: zo geschreven",
    "compare_col_desired_variants": "Gewenst: zo geschreven",
    "compare_col_key": "Sleutel",
}

EN = {
    "compare_title": "Current and desired side by side",
    "compare_intro": (
        "What do we keep, let go and develop? Per group: the share of participants who named it "
        "for the current and for the desired culture."
    ),
    "compare_participants": "Participants",
    "compare_groups": "Groups: {question}",
    "compare_groups_help": "{answers:answer|answers} from {people:participant|participants}",
    "compare_overlap": "Overlap",
    "compare_overlap_help": (
        "Share of the answers about the desired culture that fall in a group also named for the "
        "current culture."
    ),
    "compare_min_share": "Counts from (% of participants)",
    "compare_lean": "Mostly in one question: at least … times as often",
    "compare_min_people": "And named by at least … people",
    "compare_min_people_help": (
        "So that single mentions do not fill the lists. By default: 2, or 5 % of the room when "
        "that is more ({auto} with {people:participant|participants})."
    ),
    "compare_thresholds": "Thresholds: {min}% · {lean}× · {people:person|people}",
    "compare_rule": (
        "A theme counts in a question at ≥ {min}% and ≥ {people:person|people}. **Keep**: not "
        "a limiting theme, counts in both, less than {lean}× apart. **Let go**: a limiting "
        "theme that counts now. **Develop**: not a limiting theme, desired ≥ {lean}× as often as "
        "now. **Strong now, named less**: a strength that counts now and is named less for the "
        "desired culture; we do not let it go."
    ),
    "compare_keep": "Keep",
    "compare_let_go": "Let go",
    "compare_develop": "Develop",
    "compare_strength_less": "Strong now, named less",
    "compare_other": "Other",
    "compare_strength_less_line": "**Strong now, named less** (strengths, not to let go): {items}",
    "compare_others_line": (
        "**Other**: {n:other theme|other themes}, named by fewer than {people:person|people} or "
        "with no clear place (every theme is in the CSV)."
    ),
    "col_tag": "Kind",
    "tag_kracht": "strength",
    "tag_neutraal": "neutral",
    "tag_beperkend": "limiting",
    "compare_tags_title": "Strength or limiting? ({n:changed|changed})",
    "compare_tags_help": (
        "Every theme gets a proposal: **strength**, **limiting** or **neutral**, from a Dutch "
        'word list and the form of the answers ("geen vertrouwen", no trust, is limiting; '
        '"geen angst", no fear, is not). When in doubt a theme stays neutral. Only a limiting '
        "theme goes under Let go; change it here when it is wrong."
    ),
    "compare_tags_pick": "Theme",
    "compare_tags_choice": "Kind",
    "compare_tags_save": "Save",
    "compare_tags_undo": "Undo the last tag",
    "compare_tags_proposed": "proposed: {tag}",
    "compare_tags_need_workshop": "Tags can be changed in a workshop.",
    "compare_entropy": "Entropy",
    "compare_entropy_now": (
        "Entropy now: {share} of the answers ({limited} of {people:person|people})"
    ),
    "compare_entropy_desired": (
        "Desired: {share} of the answers ({limited} of {people:person|people})"
    ),
    "compare_entropy_what": (
        "Entropy (after Richard Barrett) is the part of what the room wrote about the current "
        "culture that is about limiting themes: answers in themes tagged limiting, divided by "
        "all answers; in brackets the people with at least one such answer. Hidden groups do "
        "not count."
    ),
    "compare_entropy_short": (
        "the part of the answers about now that falls in limiting themes (after Barrett)"
    ),
    "compare_entropy_desired_high": (
        "{share} of the answers about the desired culture fall in limiting themes too: check "
        "whether those themes are tagged right."
    ),
    "compare_entropy_teams": "Entropy per team (teams of at least {minimum} people)",
    "compare_entropy_team": "Team",
    "compare_none_keep": (
        "No groups at these thresholds. Lower the minimum ({min}%) or raise the factor ({lean}×) "
        "under **Thresholds**."
    ),
    "compare_none_let_go": (
        "No limiting themes at these thresholds. Tag a theme limiting under **Strength or "
        "limiting?**, or lower the minimum ({min}%) under **Thresholds**."
    ),
    "compare_none_develop": (
        "No groups at these thresholds. Lower the minimum ({min}%) or the factor ({lean}×) "
        "under **Thresholds**."
    ),
    "compare_empty": "No answers to compare yet.",
    "compare_chart_title": "Current and desired culture",
    "compare_chart_subtitle": "{people:participant|participants} · biggest shift on top",
    "compare_chart_axis": "Share of participants",
    "compare_chart_current": "Current",
    "compare_chart_desired": "Desired",
    "compare_chart_group": "Group",
    "compare_chart_people": "participants",
    "compare_chart_count": "answers",
    "compare_chart_shift": "Shift",
    "compare_chart_answers": "as written",
    "compare_chart_of": "of",
    "compare_chart_team": "Team",
    "compare_chart_tag": "Kind",
    "compare_chart_kracht": "strength",
    "compare_chart_beperkend": "limiting",
    "compare_download_png": "Chart (PNG)",
    "compare_download_csv": "Comparison (CSV)",
    "compare_decimal": ".",
    "compare_teams_title": "Teams side by side",
    "compare_teams_intro": "The same groups for every team, in the same order as above.",
    "compare_teams_small": (
        "Shares of small teams rest on few people: in {team} ({people:participant|participants}) "
        "one person "
        "is already {one}%. Point at a bar for the counts."
    ),
    "compare_teams_withheld": (
        "Not shown apart: {teams}. Teams with fewer than {minimum} participants stay together "
        "with the others, so that nobody can be recognised."
    ),
    "compare_col_label": "Group",
    "compare_col_category": "Outcome",
    "compare_col_tag": "Kind",
    "compare_col_entropy": "Entropy",
    "compare_col_entropy_answers": "Answers: %",
    "compare_col_entropy_people": "People: %",
    "compare_col_limiting_answers": "Answers in limiting themes",
    "compare_col_answers": "Answers",
    "compare_col_limited_people": "People with a limiting theme",
    "compare_col_people": "People",
    "compare_col_current_people": "Current: participants",
    "compare_col_current_share": "Current: %",
    "compare_col_desired_people": "Desired: participants",
    "compare_col_desired_share": "Desired: %",
    "compare_col_shift": "Shift: % points",
    "compare_col_current_count": "Current: answers",
    "compare_col_desired_count": "Desired: answers",
    "compare_col_current_variants": "Current: as written",
    "compare_col_desired_variants": "Desired: as written",
    "compare_col_key": "Key",
}
