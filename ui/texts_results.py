"""UI text of the result pages shared by clouds, groups and comparison (team filter)."""

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
}
