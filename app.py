"""Cultuur-DNA: the router. Run with ./dev run (see README)."""

import streamlit as st

from ui import access, cache, outage, pickers, server, state
from ui.texts import t

st.set_page_config(page_title="Cultuur-DNA", page_icon="🧬", layout="wide")
server.respect_watcher_type()  # a phone that reconnects gets no source watcher (see ui/server)
state.init()
with outage.guard():  # the database down or locked: a clear message and a retry button
    cache.first_start(cache.store().url)
    access.restore()
facilitator = state.is_facilitator()
beaming = state.on_beamer()  # the beamer: no sidebar at all, its style from the first paint
if beaming:
    st.html(cache.projector_css(st.query_params.get("dark") != "0"))

# The participant's page is not Streamlit's: "/" is the phone route (phone/, through serve.py).
login = st.Page(
    "views/login.py",
    title=t("page_logout" if facilitator else "page_login"),
    icon=":material/logout:" if facilitator else ":material/key:",
    url_path="login" if not facilitator else "uitloggen",
    default=not facilitator,  # only where the phone route is absent (AppTest, `run app.py`)
)
workshop_pages = [
    st.Page(
        "views/workshops.py",
        title=t("page_workshops"),
        icon=":material/groups:",
        url_path="workshops",
    ),
    st.Page(
        "views/regie.py", title=t("page_regie"), icon=":material/play_circle:", url_path="regie"
    ),
    st.Page(
        "views/upload.py",
        title=t("page_upload"),
        icon=":material/upload_file:",
        url_path="antwoorden",
    ),
]
result_pages = [
    st.Page("views/clouds.py", title=t("page_clouds"), icon=":material/cloud:", url_path="wolken"),
    st.Page(
        "views/groups.py", title=t("page_groups"), icon=":material/category:", url_path="groepen"
    ),
    st.Page(
        "views/compare.py",
        title=t("page_compare"),
        icon=":material/compare_arrows:",
        url_path="vergelijking",
    ),
    st.Page(
        "views/moderate.py",
        title=t("page_moderate"),
        icon=":material/shield:",
        url_path="moderatie",
    ),
    st.Page(
        "views/projector.py", title=t("page_projector"), icon=":material/tv:", url_path="beamer"
    ),
]
dna_pages = [
    st.Page(
        "views/values.py", title=t("page_values"), icon=":material/diamond:", url_path="waarden"
    ),
    st.Page(
        "views/voting.py", title=t("page_voting"), icon=":material/how_to_vote:", url_path="stemmen"
    ),
    st.Page(
        "views/sheet.py", title=t("page_sheet"), icon=":material/description:", url_path="dna-sheet"
    ),
]
if facilitator:  # "/" opens the workshops, which keep their own address (/workshops)
    home = st.Page(
        lambda: st.switch_page(workshop_pages[0], query_params=st.query_params.to_dict()),
        title=t("page_workshops"),  # else the tab reads "<lambda>" until the switch
        url_path="start",
        default=True,
        visibility="hidden",
    )
    page = st.navigation(
        {
            t("section_workshop"): [home, *workshop_pages],
            t("section_results"): result_pages,
            t("section_dna"): dna_pages,
            t("section_account"): [login],
        },
        position="hidden" if beaming else "sidebar",
    )
    if not beaming:
        with outage.guard(), st.sidebar:  # the message in the main area, not the sidebar
            pickers.language_picker()
            pickers.workshop_picker(cache.store().workshops())
else:  # no session: the login; the other pages are here to refuse, not to list
    page = st.navigation([login, *workshop_pages, *result_pages, *dna_pages], position="hidden")
state.keep_lang_in_url()

guarded = {p.url_path for p in (*workshop_pages, *result_pages, *dna_pages)}
with outage.guard():
    if page.url_path in guarded and not facilitator:
        access.login_form(refused=True, page=page.url_path)
    else:
        page.run()
