"""Security, items 7 and 8: what people type is shown as text, and a forged widget value is
"no value", never a traceback.

7. Titles, questions, teams, values, group labels, answers and taglines went into Markdown as
   typed: an image in a workshop question made every phone fetch it from an outside address, and
   bare URLs became links on the facilitator's pages. `ui.plain.plain` escapes them; these tests
   render every page with such text and read what Streamlit would render as Markdown. (The
   phones' page is no longer Streamlit's: phone/ and its own tests.)
8. A widget value of the wrong type (a forged websocket message; AppTest's session state stands
   in for it) raised on the facilitator's voting page, showing a traceback with server paths, on
   every rerun.
"""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from dna.records import CURRENT, DESIRED, Answer
from dna.store import Store, database_url
from dna.workshop.values import Value
from dna.workshop.voting import CLOSED, OPEN, Rules
from tests.test_app_live import facilitator
from ui.plain import JOINER, plain

ROOT = Path(__file__).resolve().parent.parent
IMAGE = "![x](http://evil.example/x.png)"
PIECES = (IMAGE, "**bold**", "<b>x</b>", "http://evil.example", "www.evil.example")
EVIL = " ".join(PIECES)  # 86 characters: fits a title, a question, a team, a meaning
MAIL = "mail@evil.example"
ICON = ":material/bolt:"
# Each of these in rendered Markdown means an image, bold, HTML, a link or an icon got through
# (the escaped forms read "\!\[", "\*\*bold", "\<b\>", "http⁠\:", "www⁠\.", "mail⁠\@", "\:⁠mat").
UNESCAPED = ("![", "](", "**bold**", "<b>", "http://evil", "www.evil", "mail@", ":material/bolt")


# -- the helper -----------------------------------------------------------------------------------
COMMONMARK = MarkdownIt("commonmark").enable(["table", "strikethrough"])  # HTML on, as GFM
# What Streamlit's renderer rewrites in the *text* once escapes are resolved (copied from
# static/js/StreamlitMarkdown.*.js: remark-gfm's autolink transform, its icon and arrow plugins,
# remark-emoji), as ASCII regexes as in JavaScript: none may match what plain() gives.
REWRITES = [
    re.compile(r"(https?://|www(?=\.))[-.\w]+", re.I | re.A),  # a link
    re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.A),  # a mailto: link
    re.compile(r":material_\w+:|:streamlit:", re.A),  # an icon (":material/" is made "_" first)
    re.compile(r":\+1:|:-1:|:[\w-]+:", re.A),  # an emoji
    re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)"),  # an arrow or a dash
]
FRAGMENTS = [
    IMAGE, "[a](b)", "<http://x.nl>", "**", "__", "*", "_", "~~", "`", "```", "<b>", "</b>",
    "<!-- x -->", "&amp;", "&#35;", "\\", "http://", "https://", "www.", "WWW.", "@", MAIL, ICON,
    ":material/", ":streamlit:", ":smile:", ":+1:", ":red[x]", ":small[x]", "$x$", "$$", "#",
    "> ", "- ", "+ ", "1. ", "2) ", "|", "| - |", "===", "---", "[^1]", "--", "->", "<-", "<->",
    ">=", "<=", "~=", "    ", "\t", ":", "10:30", "a",
]  # fmt: skip
ONE_LINE = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))
TEXT = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(ONE_LINE, max_size=4)), max_size=12
).map("".join)


def parsed(markdown: str) -> tuple[list[str], list[str], str]:
    """Block token types, inline token types and the text a CommonMark renderer shows."""
    tokens = COMMONMARK.parse(markdown)
    inline = [c for t in tokens if t.type == "inline" for c in t.children or ()]
    text = "".join(c.content if c.type == "text" else "\n" for c in inline)
    return [t.type for t in tokens], [c.type for c in inline], text


@settings(max_examples=400, deadline=None)
@given(text=TEXT)
@example(text=EVIL)
@example(text=f"{MAIL} {ICON} :red[x] $x$ a -- b -> c")
@example(text="    indented code")
@example(text="# heading")
@example(text="1. list")
def test_plain_text_renders_as_one_paragraph_of_the_same_text(text):
    """Markdown injection: whatever is typed comes out as one paragraph of exactly that text,
    with no link, image, emphasis, code, HTML, heading, list or table; and none of the text that
    Streamlit's renderer turns into a link, icon, emoji or arrow."""
    shown = plain(text)
    blocks, inline, rendered = parsed(shown)
    if not text.strip():
        assert blocks == []
        return
    assert blocks == ["paragraph_open", "inline", "paragraph_close"], (text, blocks)
    assert set(inline) == {"text"}, (text, inline)
    assert rendered.replace(JOINER, "") == text.strip()
    assert not [r.pattern for r in REWRITES if r.search(rendered)], rendered
    assert ":material/" not in shown  # Streamlit rewrites the source before parsing
    assert "$" not in re.sub(r"\\[\\$`]", "_", shown)  # its test whether to load remark-math


@settings(max_examples=200, deadline=None)
@given(text=st.lists(TEXT, min_size=2, max_size=4).map("\n".join))
def test_plain_lines_stay_paragraph_text(text):
    """Markdown injection over several lines (a meaning, a list of behaviours): no line starts a
    heading, list, quote, table or code block."""
    blocks, inline, rendered = parsed(plain(text))
    assert set(blocks) <= {"paragraph_open", "inline", "paragraph_close"}, (text, blocks)
    assert set(inline) <= {"text", "softbreak"}, (text, inline)
    assert not [r.pattern for r in REWRITES if r.search(rendered)], rendered


@given(text=TEXT)
def test_plain_escapes_every_markdown_character(text):
    """Markdown injection through a construct a renderer knows and CommonMark does not
    (a :directive[], $math$): every ASCII punctuation character comes escaped."""
    shown, i = plain(text), 0
    while i < len(shown):
        if shown[i] == "\\":
            assert shown[i + 1] in string.punctuation, shown
            i += 2
        else:
            assert shown[i] not in string.punctuation, shown
            i += 1


def test_texts_plain_is_the_same_helper():
    """Markdown injection through the older, weaker plain() of ui.texts (it let URLs autolink)."""
    from ui import texts

    assert texts.plain("http://evil.example") == plain("http://evil.example")


# -- the pages -------------------------------------------------------------------------------------
@pytest.fixture
def store(app_db) -> Store:
    s = Store(database_url())
    yield s
    s.engine.dispose()


def seed(store: Store, questions: tuple[str, str] = (EVIL, EVIL)) -> tuple[str, list[int]]:
    """A workshop with user text everywhere: title, organisation, questions, teams (one too
    small to show apart), answers, group edits, values, ballots, the final choice and tagline."""
    ws = store.new_workshop(EVIL, EVIL, questions, 4, ["Zorg", EVIL])
    rows = []
    for i in range(6):  # Zorg is big enough to be shown; the other team is not
        team = EVIL if i == 0 else "Zorg"
        rows += [Answer(CURRENT, text, team, f"r{i}") for text in (*PIECES[:3], MAIL)]
        rows += [Answer(DESIRED, text, team, f"r{i}") for text in (*PIECES[3:], ICON, "samen")]
    store.add_import(ws.code, "seed", EVIL, rows)
    store.add_override(ws.code, "rename", {"key": "samen", "label": EVIL, "old": IMAGE}, DESIRED)
    behaviours = (IMAGE, "**bold**", ICON)
    ids = [
        store.add_value(ws.code, Value(name, EVIL, behaviours, (MAIL,), ("www.evil.example",)))
        for name in (IMAGE, "**bold** <b>x</b>", "www.evil.example", ICON)
    ]
    store.set_voting(ws.code, OPEN, Rules(3, 2))
    store.cast(ws.code, "t1", {ids[0]: 2, ids[1]: 1}, "s1")
    return ws.code, ids


def rendered(at: AppTest) -> list[str]:
    """Every string on the page that Streamlit renders as Markdown: bodies of markdown, captions,
    headings, alerts and toasts; labels and help of widgets, links, expanders, tabs, popovers and
    dialogs; the options of segmented controls and radios. Not: st.html, st.code, st.text,
    dataframes, selectbox and multiselect options (shown as they are)."""
    found: list[str] = []

    def visit(node) -> None:
        proto = getattr(node, "proto", None)
        if isinstance(node, Block):  # its proto: a Block, or the part (Expandable, Tab) itself
            parts = ("expandable", "tab", "popover", "dialog")
            have = proto.DESCRIPTOR.fields_by_name if proto is not None else {}
            for part in (p for p in parts if p in have and proto.HasField(p)):
                found.extend(_fields(getattr(proto, part), ("label", "title", "help")))
            if proto is not None and not set(have) & set(parts):
                found.extend(_fields(proto, ("label", "title", "help")))
            for child in node.children.values():
                visit(child)
        elif proto is not None and node.type not in {"html", "code", "text", "json"}:
            found.extend(_fields(proto, ("body", "label", "help")))
            if node.type == "button_group":
                found.extend(o.content for o in proto.options)
            if node.type == "radio":
                found.extend(proto.options)

    visit(at.main.root)
    return found


def _fields(proto, names: tuple[str, ...]) -> list[str]:
    have = proto.DESCRIPTOR.fields_by_name
    return [getattr(proto, n) for n in names if n in have and isinstance(getattr(proto, n), str)]


def assert_shown_as_text(at: AppTest) -> None:
    assert not at.exception, at.exception
    shown = rendered(at)
    assert any("evil" in s for s in shown), shown  # the user text is there, escaped
    leaks = [s for s in shown if any(u in s for u in UNESCAPED)]
    assert not leaks, leaks


FACILITATOR_PAGES = [
    "views/workshops.py",
    "views/clouds.py",
    "views/groups.py",
    "views/compare.py",
    "views/values.py",
    "views/voting.py",
    "views/sheet.py",
]  # moderation shows answers in tables only; the beamer escapes for st.html


@pytest.mark.parametrize("page", FACILITATOR_PAGES)
@pytest.mark.parametrize("voting", [OPEN, CLOSED])
def test_facilitator_pages_show_user_text_as_text(store, page, voting):
    """Markdown injection and autolinks: an image, bold, HTML, a URL, an e-mail address and an
    icon in every kind of user text stay text on each facilitator page (voting open: the live
    count; closed: the final choice and tagline)."""
    code, ids = seed(store)
    if voting == CLOSED:
        store.set_voting(code, CLOSED)
        store.set_final(code, ids[:3], f"{IMAGE} www.evil.example")
    at = facilitator()
    at.session_state["workshop"] = code
    if page == "views/groups.py":  # one group picked: its spellings, the move and merge forms
        at.session_state["groups_pick_desired"] = ["samen"]
    at.switch_page(page).run()
    if page == "views/groups.py":
        at.segmented_control(key="groups_question").set_value(DESIRED).run()
        assert at.text_input(key="groups_rename_label").value == EVIL
    assert_shown_as_text(at)


def test_upload_page_shows_the_file_name_as_text():
    """Markdown injection through the name of an uploaded file, shown as the answers' source."""
    at = facilitator()
    at.session_state["answers"] = (Answer(CURRENT, "open", None, "r1"),)
    at.session_state["source"] = EVIL
    at.switch_page("views/upload.py").run()
    assert_shown_as_text(at)


# -- forged widget values ------------------------------------------------------------------------
FORGED = ["x", [1], None, 10**30, -1, 1.5, True, {"a": 1}]


@pytest.mark.parametrize("bad", FORGED, ids=repr)
def test_a_forged_final_choice_is_refused(store, bad):
    """Forged value on the facilitator's voting page: a final pick with an item that is no value
    id (True passed for id 1 and stayed in the pick, beside it) is cut to the ids of the values."""
    code, ids = seed(store, questions=("Nu?", "Straks?"))
    store.set_voting(code, CLOSED)
    at = facilitator()
    at.session_state["workshop"] = code
    at.session_state["vote_final"] = [bad, ids[0]]
    at.switch_page("views/voting.py").run()
    assert not at.exception, at.exception
    assert at.session_state["vote_final"] == [ids[0]]
    at.button(key="vote_final_save").click().run()
    assert not at.exception, at.exception
    assert store.workshop(code).final == (ids[0],)


@pytest.mark.parametrize("bad", FORGED, ids=repr)
def test_forged_voting_rules_are_refused(store, bad):
    """Forged websocket value on the facilitator's voting page: dots or a cap of the wrong type
    or out of range raised (a traceback with server paths); now the stored rules are kept."""
    ws = store.new_workshop("Heidag", "", ("Nu?", "Straks?"), 4, [])
    for name in ("Eigenaarschap", "Vertrouwen"):
        store.add_value(ws.code, Value(name))
    at = facilitator()
    at.session_state["workshop"] = ws.code
    at.session_state["vote_rule_dots"] = bad
    at.session_state["vote_rule_cap"] = bad
    at.session_state["vote_close_answers"] = bad
    at.switch_page("views/voting.py").run()
    assert not at.exception, at.exception
    at.button(key="vote_open").click().run()
    assert not at.exception, at.exception
    opened = store.workshop(ws.code)
    assert opened.voting == OPEN and 1 <= opened.cap <= opened.dots


# -- error details -------------------------------------------------------------------------------
def test_browsers_get_no_error_details():
    """Information leak: an uncaught exception showed every participant a traceback with the
    server's paths; with showErrorDetails "none" it stays in the server log."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
