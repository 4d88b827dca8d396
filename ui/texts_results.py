"""UI text of the result pages shared by clouds, groups and comparison (team filter), and the
clouds page's growing cloud."""

NL = {
    "team_filter": "Team",
    "team_all": "Alle teams",
    "team_withheld": (
        "{team} heeft {n:deelnemer|deelnemers}; resultaten van teams met minder dan {minimum} "
        "deelnemers "
        "worden niet apart getoond, zodat niemand herkenbaar is."
    ),
    "team_label": "team {team}",
    "team_option": "{team} ({n})",
    "team_option_small": "{team} ({n}, te klein om apart te tonen)",
    "clouds_gif": "Download de groeiende wolk (GIF)",
    "download_gif": (
        "{question}: de wolk groeit zoals op de beamer, antwoord na antwoord in de volgorde "
        "waarin ze binnenkwamen, en eindigt op de wolk hierboven"
    ),
}

EN = {
    "team_filter": "Team",
    "team_all": "All teams",
    "team_withheld": (
        "{team} has {n:participant|participants}; results of teams with fewer than {minimum} "
        "participants "
        "are not shown apart, so that nobody can be recognised."
    ),
    "team_label": "team {team}",
    "team_option": "{team} ({n})",
    "team_option_small": "{team} ({n}, too small to show apart)",
    "clouds_gif": "Download the growing cloud (GIF)",
    "download_gif": (
        "{question}: the cloud grows as it did on the beamer, answer by answer in the order "
        "they came in, and ends on the cloud above"
    ),
}
