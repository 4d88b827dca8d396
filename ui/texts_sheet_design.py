"""UI text of the DNA sheet's design panel: layout, paper, house colour, logo, what it shows,
the preview; and why a logo or a colour is refused."""

from __future__ import annotations

NL: dict[str, str] = {
    "sheet_design": "Vormgeving",
    "sheet_layout": "Opmaak",
    "sheet_layout_handout": "Handout (A4 staand)",
    "sheet_layout_poster": "Poster (liggend)",
    "sheet_layout_help": (
        "De handout is voor de leidinggevenden: alles op één A4, met wat we behouden, loslaten "
        "en ontwikkelen. De poster is voor aan de muur: de kernzin en de waarden groot, het "
        "gedrag leesbaar op twee meter."
    ),
    "sheet_paper": "Papier",
    "sheet_paper_a3": "A3",
    "sheet_paper_a4": "A4",
    "sheet_colour": "Huiskleur",
    "sheet_colour_help": "Voor de nummers, de kopjes en de kernzin.",
    "sheet_colour_darker": (
        "Deze kleur is op wit te licht voor tekst (contrast {ratio}:1; nodig is 4,5:1). Het "
        "sheet gebruikt daarom de donkerdere tint {ink}."
    ),
    "sheet_show": "Op het sheet",
    "sheet_show_current_cloud": "Woordwolk huidige cultuur",
    "sheet_show_desired_cloud": "Woordwolk gewenste cultuur",
    "sheet_show_votes": "Stemmen",
    "sheet_show_entropy": "Cultuurentropie",
    "sheet_poster_shows": (
        "De poster toont alleen de kernzin, de waarden met hun gedrag en, als je dat aanvinkt, "
        "de woordwolk van de gewenste cultuur."
    ),
    "sheet_logo": "Logo (PNG of SVG, hoogstens {max_kb} kB)",
    "sheet_logo_in_use": "Logo in gebruik: {kind}, {kb} kB.",
    "sheet_logo_remove": "Logo verwijderen",
    "sheet_preview_image": "Voorbeeld van de eerste pagina",
    "sheet_pages": (
        "{n:pagina|pagina’s}; tekst op zijn kleinst {pt} pt, woorden in de wolken {cloud}."
    ),
    "sheet_pages_no_cloud": "{n:pagina|pagina’s}; tekst op zijn kleinst {pt} pt.",
    "sheet_left_off_lines": (
        "Op de poster passen niet alle regels: de regels ‘we doen wel / niet’ staan alleen op "
        "de handout."
    ),
    "sheet_left_off_meanings": (
        "Op de poster passen niet alle regels: de betekenissen en de regels ‘we doen wel / "
        "niet’ staan alleen op de handout."
    ),
    "sheet_rendering": "Sheet opmaken…",
    "err_logo_too_large": "Dit logo is {size_kb} kB; een logo mag hoogstens {max_kb} kB zijn.",
    "err_logo_too_wide": (
        "Dit logo is {width} × {height} pixels; een logo mag hoogstens {max_px} pixels breed en "
        "hoog zijn. Verklein het en probeer het opnieuw."
    ),
    "err_logo_format": "Een logo is een PNG- of SVG-bestand. Dit bestand is geen van beide.",
    "err_logo_svg_unsafe": (
        "Dit SVG-logo bevat {what}: iets dat code kan uitvoeren of iets van buiten het bestand "
        "laadt. Dat komt niet op het sheet. Sla het logo op als PNG, of als eenvoudige SVG "
        "zonder scripts en zonder verwijzingen naar andere bestanden."
    ),
    "err_logo_svg_broken": (
        "Dit SVG-logo kan niet worden getekend (het heeft bijvoorbeeld geen afmetingen). Sla "
        "het op als PNG en probeer het opnieuw."
    ),
    "err_colour_invalid": "“{colour}” is geen kleur; kies er een met de kleurkiezer.",
    "err_sheet_invalid": "De instellingen van het sheet kloppen niet ({field}).",
}

EN: dict[str, str] = {
    "sheet_design": "Design",
    "sheet_layout": "Layout",
    "sheet_layout_handout": "Handout (A4 portrait)",
    "sheet_layout_poster": "Poster (landscape)",
    "sheet_layout_help": (
        "The handout is for the leaders: everything on one A4 page, with what we keep, let go "
        "of and develop. The poster is for the wall: the tagline and the values large, the "
        "behaviours readable from two metres."
    ),
    "sheet_paper": "Paper",
    "sheet_paper_a3": "A3",
    "sheet_paper_a4": "A4",
    "sheet_colour": "House colour",
    "sheet_colour_help": "For the numbers, the headings and the tagline.",
    "sheet_colour_darker": (
        "This colour is too light for text on white (contrast {ratio}:1; 4.5:1 is needed). The "
        "sheet therefore uses the darker shade {ink}."
    ),
    "sheet_show": "On the sheet",
    "sheet_show_current_cloud": "Word cloud current culture",
    "sheet_show_desired_cloud": "Word cloud desired culture",
    "sheet_show_votes": "Votes",
    "sheet_show_entropy": "Cultural entropy",
    "sheet_poster_shows": (
        "The poster shows only the tagline, the values with their behaviours and, when ticked, "
        "the word cloud of the desired culture."
    ),
    "sheet_logo": "Logo (PNG or SVG, at most {max_kb} kB)",
    "sheet_logo_in_use": "Logo in use: {kind}, {kb} kB.",
    "sheet_logo_remove": "Remove the logo",
    "sheet_preview_image": "Preview of the first page",
    "sheet_pages": "{n:page|pages}; smallest text {pt} pt, cloud words {cloud}.",
    "sheet_pages_no_cloud": "{n:page|pages}; smallest text {pt} pt.",
    "sheet_left_off_lines": (
        "Not every line fits the poster: the ‘we do / we don’t’ lines are on the handout only."
    ),
    "sheet_left_off_meanings": (
        "Not every line fits the poster: the meanings and the ‘we do / we don’t’ lines are on "
        "the handout only."
    ),
    "sheet_rendering": "Laying out the sheet…",
    "err_logo_too_large": "This logo is {size_kb} kB; a logo may be {max_kb} kB at most.",
    "err_logo_too_wide": (
        "This logo is {width} × {height} pixels; a logo may be {max_px} pixels wide and high at "
        "most. Make it smaller and try again."
    ),
    "err_logo_format": "A logo is a PNG or an SVG file. This file is neither.",
    "err_logo_svg_unsafe": (
        "This SVG logo holds {what}: something that can run code or load something from "
        "outside the file. That does not go on the sheet. Save the logo as a PNG, or as a plain "
        "SVG without scripts and without references to other files."
    ),
    "err_logo_svg_broken": (
        "This SVG logo cannot be drawn (it has no size, for example). Save it as a PNG and try "
        "again."
    ),
    "err_colour_invalid": "“{colour}” is not a colour; choose one with the colour picker.",
    "err_sheet_invalid": "The sheet's settings are not valid ({field}).",
}
