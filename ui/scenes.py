"""What the beamer shows in the presenter's later phases (dna.workshop.stages): the comparison as
three lists, the candidate values, and the final DNA. Big type on the beamer's own colours; the
clouds and the vote keep their own modules (views/projector, ui/ballot)."""

from __future__ import annotations

from html import escape

from dna.analysis import compare
from dna.records import CURRENT
from dna.workshop.values import Value
from dna.workshop.voting import CLOSED
from dna.workshop.workshop import Workshop
from ui import cache, compare_ui
from ui.texts import t

LISTED = (compare.KEEP, compare.LET_GO, compare.DEVELOP)
PER_LIST = 6  # themes per list on the beamer: readable from the back of the room
PER_SCREEN = 8  # candidate values on one screen
NAME_MAX_REM = 4.6  # a value's name on its card, at most
CARD_SHARE = 76  # vw of the screen's width the cards' text spans together (gaps and padding off)
GLYPH = 0.62  # a bold letter's width, in em (Source Sans bold, with margin)


def comparison(workshop: Workshop, team: str | None, area) -> None:
    """Keep, let go, develop: the strongest themes of each, with their shares now → wanted;
    below them the entropy now and the strengths named less (never under let go)."""
    src = cache.workshop_source(workshop.code, workshop.revision)
    result = compare.compare(
        src.analysis(team), compare.Thresholds(), compare.participants(src.batch.answers, team)
    )
    if not result.rows:
        area.html(f"<div class='dna-hidden'>{escape(t('projector_waiting'))}</div>")
        return
    columns = []
    for category in LISTED:
        rows = result.of(category)[:PER_LIST]
        items = (
            "".join(
                f"<li>{escape(r.label)}"
                f"<span>{r.current_share:.0%} → {r.desired_share:.0%}</span></li>"
                for r in rows
            )
            or f"<li class='dna-none'>{escape(t('stage_none'))}</li>"
        )
        columns.append(
            f"<div class='dna-list dna-{category}'><h2>{escape(t(f'compare_{category}'))}</h2>"
            f"<ul>{items}</ul></div>"
        )
    area.html(f"<div class='dna-lists'>{''.join(columns)}</div>")
    notes = [t("stage_compare_note")]
    if less := result.of(compare.STRENGTH_LESS)[:PER_LIST]:
        names = ", ".join(r.label for r in less)
        notes.insert(0, f"{t('compare_strength_less')}: {names}")
    notes.insert(0, compare_ui.entropy_note(result.entropy[CURRENT]))
    area.html("".join(f"<div class='dna-note'>{escape(note)}</div>" for note in notes))


def values(workshop: Workshop, area) -> None:
    """The candidate values: name and meaning, as cards."""
    found = cache.vote_count(workshop.code, workshop.revision)[0][:PER_SCREEN]
    if not found:
        area.html(f"<div class='dna-hidden'>{escape(t('stage_values_waiting'))}</div>")
        return
    area.html(
        f"<div class='dna-cards' style='{_grid(len(found))}'>"
        f"{''.join(_card(v, _size(found)) for v in found)}</div>"
    )


def dna(workshop: Workshop, area) -> None:
    """Ons DNA: the chosen values large, with the tagline; until then, that it is being chosen."""
    found = {v.id: v for v in cache.vote_count(workshop.code, workshop.revision)[0]}
    chosen = [found[i] for i in workshop.final if i in found]
    if workshop.voting != CLOSED or not chosen:
        area.html(f"<div class='dna-hidden'>{escape(t('stage_dna_waiting'))}</div>")
        return
    tagline = f"<p class='dna-tagline'>{escape(workshop.tagline)}</p>" if workshop.tagline else ""
    area.html(
        f"<div class='dna-final-head'>{escape(t('stage_dna_title'))}</div>{tagline}"
        f"<div class='dna-cards dna-chosen' style='{_grid(len(chosen))}'>"
        f"{''.join(_card(v, _size(chosen), behaviours=True) for v in chosen)}</div>"
    )


def _columns(n: int) -> int:
    """Cards filling the screen: one row up to four, else two rows."""
    return n if n <= 4 else -(-n // 2)


def _grid(n: int) -> str:
    return f"grid-template-columns: repeat({_columns(n)}, minmax(0, 1fr))"


def _size(shown: list[Value]) -> str:
    """One size for the names on the screen: as large as the longest word fits its card's
    width (a word is never broken: "Eigenaarschap" stays on one line)."""
    longest = max((len(w) for v in shown for w in v.name.split()), default=1)
    columns = _columns(len(shown))
    return f"font-size: min({NAME_MAX_REM}rem, {CARD_SHARE / columns / (GLYPH * longest):.2f}vw)"


def _card(value: Value, size: str, behaviours: bool = False) -> str:
    meaning = f"<p>{escape(value.meaning)}</p>" if value.meaning else ""
    seen = "".join(f"<li>{escape(b)}</li>" for b in value.behaviours) if behaviours else ""
    return (
        f"<div class='dna-card'><b style='{size}'>{escape(value.name)}</b>{meaning}"
        f"{f'<ul>{seen}</ul>' if seen else ''}</div>"
    )
