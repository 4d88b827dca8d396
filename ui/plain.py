"""User text shown as text: a title, question, team, value, group label, answer or tagline never
becomes Markdown, a link, an image, an icon or HTML where Streamlit renders Markdown (st.markdown,
titles and headers, captions, alerts, toasts, widget labels and help, button, expander and
segmented-control labels). Selectbox and multiselect options, dataframe cells, st.html (with
html.escape) and st.text show text as it is: give them the text itself, not plain(text).

Streamlit renders Markdown with react-markdown, remark-gfm, remark-math, remark-directive,
remark-emoji and plugins of its own (static/js/StreamlitMarkdown.*.js). Two layers to defeat:

1. Syntax. CommonMark lets a backslash escape any ASCII punctuation, and every Markdown construct
   starts with one (``#`` ``>`` ``-`` ``+`` ``*`` ``_`` ``1.`` ``[`` ``!`` ``<`` ``&`` ``|``, and
   Streamlit's ``:red[...]`` directives and ``$math$``), so all of it is escaped.
2. Text. Some plugins rewrite the text *after* the escapes are resolved, so a backslash does not
   stop them: remark-gfm's autolink transform (``https?://``, ``www.``, ``name@host.tld``),
   ``:material/icon:`` and ``:streamlit:`` icons, ``:emoji:`` shortcodes, and the arrows and dashes
   (``->`` ``<-`` ``--`` ``>=`` ``<=`` ``~=``). An invisible word joiner (U+2060) inside each breaks
   the pattern. It is only in what is shown, never in what is stored.
"""

from __future__ import annotations

import re

JOINER = "\u2060"  # WORD JOINER: zero width, and no line break either

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # all of ASCII's punctuation
_PATTERNS = re.compile(
    r"(?<=www)(?=\.)"  # www.example.org: a link
    r"|(?=://)"  # http://, https://: a link
    r"|(?=@)"  # name@example.org: a mailto: link
    r"|(?<=:)(?=[\w+-])"  # :material/home:, :streamlit:, :smile:, :+1:
    r"|(?<=[-<>~])(?=[->=])",  # -- -> <- <-> >= <= ~= : dashes and arrows
    re.IGNORECASE,
)


def plain(text: str) -> str:
    """`text` to put into Markdown so that it shows exactly as typed. Each line loses its outer
    white space (four spaces in front would make it a code block; a browser shows none of it)."""
    lines = (line.strip() for line in str(text).splitlines())
    return "\n".join(_PUNCTUATION.sub(r"\\\1", _PATTERNS.sub(JOINER, line)) for line in lines)
