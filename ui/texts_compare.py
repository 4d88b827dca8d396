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
    "compare_thresholds": "Drempels: {min}% · {lean}×",
    "compare_rule": (
        "**Behouden**: in beide ≥ {min}%, minder dan {lean}× verschil. **Loslaten**: nu ≥ {min}% "
        "en ≥ {lean}× zo vaak als gewenst. **Ontwikkelen**: gewenst ≥ {min}% en ≥ {lean}× zo vaak "
        "als nu."
    ),
    "compare_keep": "Behouden",
    "compare_let_go": "Loslaten",
    "compare_develop": "Ontwikkelen",
    "compare_other": "Overig",
    "compare_none_keep": (
        "Geen groepen bij deze drempels. Verlaag de ondergrens ({min}%) of verhoog de factor "
        "({lean}×) onder **Drempels**."
    ),
    "compare_none_let_go": (
        "Geen groepen bij deze drempels. Verlaag de ondergrens ({min}%) of de factor ({lean}×) "
        "onder **Drempels**."
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
    "compare_thresholds": "Thresholds: {min}% · {lean}×",
    "compare_rule": (
        "**Keep**: ≥ {min}% in both, less than {lean}× apart. **Let go**: ≥ {min}% now and "
        "≥ {lean}× as often as desired. **Develop**: ≥ {min}% desired and ≥ {lean}× as often "
        "as now."
    ),
    "compare_keep": "Keep",
    "compare_let_go": "Let go",
    "compare_develop": "Develop",
    "compare_other": "Other",
    "compare_none_keep": (
        "No groups at these thresholds. Lower the minimum ({min}%) or raise the factor ({lean}×) "
        "under **Thresholds**."
    ),
    "compare_none_let_go": (
        "No groups at these thresholds. Lower the minimum ({min}%) or the factor ({lean}×) "
        "under **Thresholds**."
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
