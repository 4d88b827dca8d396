"""AppTest: clouds that grow in place. The clouds page shows the cloud grown over the stored
answers and offers it as PNG, SVG and a growing GIF; the DNA sheet has the same cloud; a
beamer grows its own cloud answer by answer (ui/growing.py) and fades a relayout in."""

from __future__ import annotations

import io

from PIL import Image
from streamlit.testing.v1 import AppTest

from dna.records import CURRENT, DESIRED
from tests.test_app_live import on_page, send, store, workshop  # noqa: F401
from tests.test_app_sheet import recorded_downloads

PEOPLE = (
    (["open", "traag", "hiërarchisch"], ["vertrouwen", "snel"]),
    (["Open!", "log", "traag"], ["vertrouwen", "lef"]),
    (["veel regels", "traag", "open"], ["samen", "snel", "eerlijk"]),
)


def test_the_clouds_page_offers_the_growing_cloud_as_a_gif(store, workshop, monkeypatch):  # noqa: F811
    for i, (now, later) in enumerate(PEOPLE):
        send(store, workshop.code, now, later, token=f"phone{i}")
    made = recorded_downloads(monkeypatch)  # each download made as its click would make it
    at = on_page("views/clouds.py", workshop.code)
    buttons = {b.key: b for b in at.get("download_button")}
    for q in (CURRENT, DESIRED):
        assert {f"clouds_{k}_{q}" for k in ("png", "svg", "gif")} <= set(buttons)
        assert buttons[f"clouds_gif_{q}"].proto.label == "Download de groeiende wolk (GIF)"
        gif = Image.open(io.BytesIO(made[f"clouds_gif_{q}"]))
        assert gif.format == "GIF" and gif.n_frames >= 2  # it grows
        assert made[f"clouds_svg_{q}"].startswith("<svg")
    png = made[f"clouds_png_{CURRENT}"]
    assert at.image[0].proto.imgs[0].url  # the page shows the picture it offers
    sheet = on_page("views/sheet.py", workshop.code)
    assert not sheet.exception
    assert made["sheet_dl_current"] == png  # the DNA sheet's cloud is the same grown cloud
    at.session_state["lang"] = "en"
    at.run()
    labels = {b.key: b.proto.label for b in at.get("download_button")}
    assert labels[f"clouds_gif_{CURRENT}"] == "Download the growing cloud (GIF)"


def _beamer() -> None:
    """One beamer's cloud of the counts in session state, as the projector's refresh asks."""
    import streamlit as st

    from ui import growing

    grown = growing.cloud_png("beamer", st.session_state["counts"], "current", "white", (640, 360))
    st.session_state["grown"] = grown
    st.html(growing.style("projector_cloud_current", grown))


def test_a_beamer_grows_its_cloud_in_place_and_fades_only_a_relayout():
    from ui import state

    at = AppTest.from_function(_beamer)
    counts = {"vertrouwen": 2, "open": 1}
    boxes = {}
    seen = []
    for word in ["lef", "samen", "snel", "eerlijk", "trots", "plezier", "ruimte voor fouten"] * 3:
        counts[word] = counts.get(word, 0) + 1
        at.session_state["counts"] = tuple(counts.items())
        at.run()
        assert not at.exception, at.exception
        grown = at.session_state["grown"]
        placed = at.session_state[state.GROWING]["beamer:current"][1]
        if grown.fade:  # a relayout: shown once with the fade-in
            assert placed.generation == len(seen) + 1
            seen.append(word)
        else:  # a word that kept its count stays, unless a bigger word that grew needs room
            biggest = counts[word]
            for p in placed.words:
                old = boxes.get(p.label)
                assert old is None or old == p or old.count != p.count or p.count < biggest, p
        boxes = placed.boxes()
        assert Image.open(io.BytesIO(grown.png)).size == (640, 360)
    assert len(seen) <= 2
    at.run()  # the next refresh, no news: the same picture, no second fade
    again = at.session_state["grown"]
    assert again.png == grown.png and not again.fade and again.generation == len(seen)
