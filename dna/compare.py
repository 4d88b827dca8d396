"""Current vs desired: what do we keep, let go and develop ("behouden / loslaten / ontwikkelen")."""

from __future__ import annotations

from collections.abc import Mapping

ANONYMITY_MIN = 5  # a team with fewer participants is not shown apart (anonymity)


def split_teams(
    sizes: Mapping[str, int], minimum: int = ANONYMITY_MIN
) -> tuple[list[str], list[str]]:
    """(teams shown, teams withheld because they have fewer than `minimum` participants)."""
    shown = [team for team, n in sizes.items() if n >= minimum]
    return shown, [team for team in sizes if team not in shown]
