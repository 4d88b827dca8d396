"""The DNA sheet's fixed texts in Dutch and English, and how it writes dates and counts.

Domain text, not UI text: the command line prints the sheet without the app.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

_TEXT_ROWS = (  # key, Dutch, English; counted nouns as "singular plural"
    ("values", "Onze waarden", "Our values"),
    ("behaviours", "Dit zie je aan", "You can tell by"),
    ("do", "We doen wel", "We do"),
    ("dont", "We doen niet", "We don’t"),
    ("current", "Huidige cultuur", "Current culture"),
    ("desired", "Gewenste cultuur", "Desired culture"),
    ("votes", "Stemmen", "Votes"),
    ("participants", "deelnemer deelnemers", "participant participants"),
    ("answers", "antwoord antwoorden", "answer answers"),
    ("voters", "stemmer stemmers", "voter voters"),
    ("dots", "stip stippen", "dot dots"),
    ("empty", "geen antwoorden", "no answers"),
    ("others", "+ {n} andere, samen {dots}", "+ {n} others, {dots} together"),
    ("page", "pagina {n} van {nb}", "page {n} of {nb}"),
    ("months", "januari februari maart april mei juni juli augustus september oktober "
     "november december", "January February March April May June July August September "
     "October November December"),
    ("aim_keep", "behoudt een kracht", "keeps a strength"),
    ("aim_let_go", "laat een beperkend thema los", "lets go of a limiting theme"),
    ("aim_develop", "ontwikkelt iets nieuws", "develops something new"),
    ("summary", "Behouden, loslaten, ontwikkelen", "Keep, let go, develop"),
    ("keep", "Behouden", "Keep"),
    ("let_go", "Loslaten", "Let go"),
    ("develop", "Ontwikkelen", "Develop"),
    ("strength_less", "Sterk nu, minder genoemd:", "Strong now, named less:"),
    ("none", "niets dat genoeg mensen noemden", "nothing enough people named"),
    ("more", "+{n} meer", "+{n} more"),
    ("entropy", "Cultuurentropie {share}: {limiting} van de {answers} antwoorden over de "
     "huidige cultuur ({limited} van de {people} deelnemers) vallen in beperkende thema’s, "
     "energie die nu opgaat aan wrijving; in de gewenste cultuur {desired}.",
     "Cultural entropy {share}: {limiting} of the {answers} answers about the current "
     "culture ({limited} of the {people} participants) fall in limiting themes, energy now "
     "spent on friction; in the desired culture {desired}."),
    ("entropy_high", "Cultuurentropie {share}: {limiting} van de {answers} antwoorden over de "
     "huidige cultuur ({limited} van de {people} deelnemers) vallen in beperkende thema’s; "
     "ook de gewenste cultuur noemt er nog {desired}: bespreek wat daar schuurt.",
     "Cultural entropy {share}: {limiting} of the {answers} answers about the current "
     "culture ({limited} of the {people} participants) fall in limiting themes; the desired "
     "culture still names {desired}: talk about what chafes there."),
)  # fmt: skip
LANGS = ("nl", "en")
TEXTS = MappingProxyType(
    {lang: MappingProxyType({k: r[i] for k, *r in _TEXT_ROWS}) for i, lang in enumerate(LANGS)}
)
HIGH_DESIRED = 0.10  # a desired culture with this share of limiting answers is worth a word


def format_date(date: dt.date, language: str = "nl") -> str:
    """'29 november 2026' / '29 November 2026'."""
    return f"{date.day} {TEXTS[language]['months'].split()[date.month - 1]} {date.year}"


def format_moment(moment: dt.datetime, language: str = "nl") -> str:
    """'6 december 2026, 14:05' in the moment's own time zone: every page writes dates alike."""
    return f"{format_date(moment.date(), language)}, {moment:%H:%M}"


def count(n: int, forms: str) -> str:
    """'1 stem', '7 stemmen' from the forms 'stem stemmen'."""
    return f"{n} {forms.split()[0 if n == 1 else 1]}"


def percent(share: float, language: str = "nl") -> str:
    """'18 %' (Dutch) / '18%' (English): whole percents."""
    return f"{round(share * 100)}{' %' if language == 'nl' else '%'}"


def entropy_sentence(current, desired, language: str = "nl") -> str:
    """One sentence on the entropy (dna.analysis.entropy.Entropy of the current and desired
    answers): what it is, with the numbers behind it; "" when the current culture has no answers."""
    if not current.answers:
        return ""
    key = "entropy_high" if desired.answer_share >= HIGH_DESIRED else "entropy"
    return TEXTS[language][key].format(
        share=percent(current.answer_share, language),
        limiting=current.limiting,
        answers=current.answers,
        limited=current.limited,
        people=current.people,
        desired=percent(desired.answer_share, language),
    )
