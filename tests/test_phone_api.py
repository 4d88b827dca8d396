"""The phone's page and JSON API (phone/API.md) through Starlette's TestClient: every message a
phone can get, idempotent sends and ballots, rate and body limits, security headers."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

import phone
import web
from dna.services import auth
from dna.workshop.values import Value
from dna.workshop.voting import CLOSED, OPEN, Rules
from phone import limits
from web.shared import store

QUESTIONS = ("Hoe is het nu?", "Hoe willen we het?")


@pytest.fixture(autouse=True)
def fresh_limits():
    """The rate-limit windows live in the process: each test starts with empty ones."""
    for window in (limits.PER_PHONE, limits.PER_ADDRESS):
        window._counts.clear()


@pytest.fixture
def app():
    return Starlette(routes=[*phone.routes, *web.routes], middleware=web.middleware)


def new_phone(app, **kw) -> TestClient:
    return TestClient(app, base_url="http://cultuur.test", follow_redirects=False, **kw)


@pytest.fixture
def ws():
    return store().new_workshop("Heidag", "Gemeente", QUESTIONS, 4, ["Zorg", "ICT"])


def joined(app, code: str, **kw) -> TestClient:
    c = new_phone(app, **kw)
    assert c.post("/api/join", json={"code": code}).status_code == 200
    return c


def send(c: TestClient, code: str, current, desired=(), team=None, sid="send-0001"):
    body = {"answers": {"current": list(current), "desired": list(desired)}, "team": team}
    return c.post(f"/api/w/{code}/answers", json={**body, "submission": sid})


def boot(page_html: str) -> dict:
    found = re.search(r'<script type="application/json" id="boot">(.*?)</script>', page_html, re.S)
    return json.loads(found.group(1))


def with_values(code: str, names=("Eerlijk", "Samen", "Moed")) -> list[int]:
    return [store().add_value(code, Value(n, f"{n} in ons werk")) for n in names]


# -- the page ------------------------------------------------------------------------------------
def test_a_printed_qr_link_lands_on_the_page_with_the_workshop(app, ws):
    c = new_phone(app)
    page = c.get(f"/?code={ws.code.lower()}")
    assert page.status_code == 200
    data = boot(page.text)
    assert data["code"] == ws.code and data["state"]["title"] == "Heidag"
    assert data["state"]["questions"]["current"] == QUESTIONS[0]
    assert data["mine"] == {"answers": {"current": [], "desired": []}, "team": None, "ballot": {}}
    assert c.cookies.get(f"dna_p_{ws.code}")  # the token, set by the server
    assert f"dna_p_{ws.code}" not in page.text and c.cookies[f"dna_p_{ws.code}"] not in page.text
    assert 'lang="nl"' in page.text


def test_the_page_has_no_inline_script_and_strict_headers(app, ws):
    page = new_phone(app).get(f"/?code={ws.code}")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "same-origin"
    assert page.headers["cache-control"] == "no-store"
    for tag in re.findall(r"<script[^>]*>", page.text):  # scripts by src, or data only
        assert "src=" in tag or 'type="application/json"' in tag
    assert "style=" not in page.text and "<style" not in page.text


@pytest.mark.parametrize("title", ["Test <!--<script> titel", "Heidag </script><b>x</b> & co"])
def test_a_title_with_markup_cannot_break_the_start_data(app, title):
    code = store().new_workshop(title, "Org", QUESTIONS, 4).code
    page = new_phone(app).get(f"/?code={code}").text
    block = re.search(r'id="boot">(.*?)</script>', page, re.S).group(1)
    assert not set("<>&") & set(block)
    assert boot(page)["state"]["title"] == title


def test_an_unknown_code_on_the_page_says_so(app, ws):
    data = boot(new_phone(app).get("/?code=ZZZZZZ").text)
    assert data["state"] is None and data["error"]["error"] == "unknown_code"
    assert "geen workshop met deze code" in data["texts"]["err_unknown_code"]


def test_english_is_asked_once_and_remembered(app, ws):
    c = new_phone(app)
    page = c.get(f"/?code={ws.code}&lang=en")
    assert 'lang="en"' in page.text and boot(page.text)["texts"]["join_send"] == "Send"
    assert 'lang="en"' in c.get(f"/?code={ws.code}").text  # the cookie keeps it


def test_the_texts_carry_the_server_limits(app, ws):
    texts = boot(new_phone(app).get("/").text)["texts"]
    assert "120" in texts["join_too_long"] and "{max_chars}" not in json.dumps(texts)


def test_a_logged_in_facilitator_on_the_root_goes_to_the_workshops(app):
    token = auth.open_session(store(), datetime.now(UTC))
    c = new_phone(app, cookies={auth.COOKIE: token})
    assert c.get("/").headers["location"] == "/workshops"
    assert c.get("/?ws=ABCDEF&lang=en").headers["location"] == "/workshops?ws=ABCDEF&lang=en"
    assert c.get("/?code=ABCDEF").status_code == 200  # a code: the phone page, also for them


def test_static_files_are_cached_for_a_year_and_compressed(app):
    c = new_phone(app)
    page = c.get("/").text
    js = re.search(r'src="(/phone/phone\.js\?v=\w+)"', page).group(1)
    got = c.get(js, headers={"accept-encoding": "gzip"})
    assert got.status_code == 200 and got.headers["content-encoding"] == "gzip"
    assert "immutable" in got.headers["cache-control"]
    assert got.headers["content-type"].startswith("text/javascript")
    assert c.get("/phone/phone.js?v=old").headers["cache-control"] == "no-cache"
    assert c.get("/phone/secret.py").status_code == 404


# -- joining -------------------------------------------------------------------------------------
def test_join_by_typed_code_sets_an_httponly_token(app, ws):
    c = new_phone(app)
    r = c.post("/api/join", json={"code": f" {ws.code[:3]}-{ws.code[3:].lower()} "})
    assert r.status_code == 200 and r.json()["code"] == ws.code
    cookie = r.headers["set-cookie"]
    assert f"dna_p_{ws.code}=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert r.json()["state"]["answering"] == "open"


def test_a_reload_or_new_tab_keeps_the_token_and_the_answers(app, ws):
    c = joined(app, ws.code)
    assert send(c, ws.code, ["traag"], ["snel"]).status_code == 200
    again = c.get(f"/api/w/{ws.code}").json()  # the same browser: the same cookie
    assert again["mine"]["answers"] == {"current": ["traag"], "desired": ["snel"]}
    assert boot(c.get(f"/?code={ws.code}").text)["mine"]["answers"]["current"] == ["traag"]
    other = joined(app, ws.code)  # another phone sees its own, empty, form
    assert other.get(f"/api/w/{ws.code}").json()["mine"]["answers"]["current"] == []


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"code": "ZZZZZZ"}, 404, "unknown_code"),
        ({"code": 12}, 400, "bad_request"),
        ({"code": "A" * 40}, 400, "bad_request"),
        ({"code": "ABC", "extra": 1}, 400, "bad_request"),
        ([], 400, "bad_request"),
    ],
)
def test_join_refusals(app, ws, body, status, code):
    r = new_phone(app).post("/api/join", json=body)
    assert (r.status_code, r.json()["error"]) == (status, code)


def test_an_archived_workshop_is_unknown(app, ws):
    store().set_archived(ws.code, True)
    assert new_phone(app).post("/api/join", json={"code": ws.code}).status_code == 404
    assert new_phone(app).get(f"/api/w/{ws.code}").json()["error"] == "unknown_code"


def test_guessed_codes_are_stopped_per_browser_but_the_room_gets_in(app, ws):
    from dna.services.participation import MAX_UNKNOWN

    guesser = new_phone(app)
    guesser.get("/")  # the page gives the browser its id
    for i in range(MAX_UNKNOWN):
        assert guesser.post("/api/join", json={"code": f"ZZZ{i:03d}"}).status_code == 404
    stopped = guesser.post("/api/join", json={"code": ws.code})
    assert stopped.status_code == 429 and stopped.json()["error"] == "too_many_codes"
    neighbour = new_phone(app)  # the same address (the room's NAT), another browser
    neighbour.get("/")
    assert neighbour.post("/api/join", json={"code": ws.code}).status_code == 200


# -- bodies and origins --------------------------------------------------------------------------
def test_a_foreign_origin_is_refused(app, ws):
    c = joined(app, ws.code)
    r = c.post(
        f"/api/w/{ws.code}/answers",
        json={"answers": {"current": ["x"]}, "team": None, "submission": "abcdefgh"},
        headers={"origin": "https://evil.example"},
    )
    assert (r.status_code, r.json()["error"]) == (403, "foreign")
    assert store().participant_answers(ws.code, c.cookies[f"dna_p_{ws.code}"])[0] == {}


def test_a_large_body_is_refused_unread(app, ws):
    c = joined(app, ws.code)
    big = {"answers": {"current": ["x" * 900] * 10}, "team": None, "submission": "abcdefgh"}
    big["answers"]["desired"] = ["y" * 900] * 10
    r = c.post(f"/api/w/{ws.code}/answers", json=big)
    assert (r.status_code, r.json()["error"]) == (413, "too_large")


def test_a_form_post_is_not_json(app, ws):
    c = joined(app, ws.code)
    r = c.post(f"/api/w/{ws.code}/answers", data={"answers": "x"})
    assert (r.status_code, r.json()["error"]) == (400, "bad_request")


@pytest.mark.parametrize(
    "body",
    [
        {"answers": {"current": "traag"}, "team": None, "submission": "abcdefgh"},
        {"answers": {"current": [1]}, "team": None, "submission": "abcdefgh"},
        {"answers": {"later": ["x"]}, "team": None, "submission": "abcdefgh"},
        {"answers": {"current": ["x"] * 11}, "team": None, "submission": "abcdefgh"},
        {"answers": {"current": ["x"]}, "team": 3, "submission": "abcdefgh"},
        {"answers": {"current": ["x"]}, "team": None, "submission": "short"},
        {"answers": {"current": ["x"]}, "team": None, "submission": "bad id with spaces"},
        {"answers": {"current": ["x"]}, "submission": "abcdefgh"},
        {"answers": {"current": ["x"]}, "team": None, "submission": "abcdefgh", "more": 1},
    ],
)
def test_answers_json_is_checked_strictly(app, ws, body):
    c = joined(app, ws.code)
    r = c.post(f"/api/w/{ws.code}/answers", json=body)
    assert (r.status_code, r.json()["error"]) == (400, "bad_request")


# -- answers -------------------------------------------------------------------------------------
def test_answers_are_stored_and_every_change_is_said(app, ws):
    c = joined(app, ws.code)
    long = "we werken hard maar " * 8  # 160 characters, pasted
    r = send(c, ws.code, ["traag", "Traag", "<b>druk</b>"], [long, "=SUM(A1)+open"], "Zorg")
    assert r.status_code == 200
    said = {w["code"]: w["n"] for w in r.json()["warnings"]}
    assert said["duplicate"] == 1 and said["answer_truncated"] == 1
    assert said["markup_removed"] == 1 and said["formula_dropped"] == 1
    mine = r.json()["mine"]
    assert mine["answers"]["current"] == ["traag", "druk"]
    assert len(mine["answers"]["desired"][0]) <= 120 and mine["answers"]["desired"][0]
    assert mine["team"] == "Zorg"
    token = c.cookies[f"dna_p_{ws.code}"]
    assert store().participant_answers(ws.code, token)[0]["current"] == ["traag", "druk"]


@pytest.mark.parametrize(
    ("current", "team", "error"),
    [
        ([], None, "empty_submission"),
        (["  ", ""], None, "empty_submission"),
        (["a", "b", "c", "d", "e"], None, "too_many_answers"),
        (["open"], "Marketing", "unknown_team"),
        (["x" * 1001], None, "answer_too_long"),
    ],
)
def test_answer_rules_are_said(app, ws, current, team, error):
    c = joined(app, ws.code)
    r = send(c, ws.code, current, team=team)
    assert (r.status_code, r.json()["error"]) == (422, error)
    assert store().answer_rows(ws.code) == []


def test_a_double_tap_or_a_resend_stores_once(app, ws):
    c = joined(app, ws.code)
    first = send(c, ws.code, ["traag"], sid="tap-000001")
    second = send(c, ws.code, ["traag"], sid="tap-000001")
    assert first.json()["duplicate"] is False and second.json()["duplicate"] is True
    assert len(store().answer_rows(ws.code)) == 1
    changed = send(c, ws.code, ["traag", "druk"], sid="tap-000002")  # a change: a new id
    assert changed.json()["saved"] == 2 and len(store().answer_rows(ws.code)) == 2


def test_answers_sent_just_after_closing_are_refused_and_nothing_is_lost(app, ws):
    c = joined(app, ws.code)
    send(c, ws.code, ["traag"], sid="first-0001")
    store().set_phase(ws.code, CLOSED)
    r = send(c, ws.code, ["traag", "nieuw"], sid="later-0001")
    assert (r.status_code, r.json()["error"]) == (409, "closed")
    token = c.cookies[f"dna_p_{ws.code}"]
    assert store().participant_answers(ws.code, token)[0]["current"] == ["traag"]


def test_a_phone_without_its_cookie_gets_a_new_token(app, ws):
    c = new_phone(app)  # never joined: the send itself gives it a token
    r = send(c, ws.code, ["open"])
    assert r.status_code == 200 and f"dna_p_{ws.code}" in r.headers["set-cookie"]


def test_one_phone_is_rate_limited_the_room_behind_its_address_is_not(app, ws):
    c = joined(app, ws.code)
    for i in range(limits.PER_PHONE.limit):
        assert send(c, ws.code, [f"woord {i}"], sid=f"rate-{i:04d}").status_code == 200
    slowed = send(c, ws.code, ["nog eens"], sid="rate-9999")
    assert (slowed.status_code, slowed.json()["error"]) == (429, "too_many_requests")
    assert int(slowed.headers["retry-after"]) >= 1 and slowed.json()["params"]["seconds"] >= 1
    for i in range(60):  # the rest of the room, one address
        assert send(joined(app, ws.code), ws.code, [f"ander {i}"]).status_code == 200


# -- the ballot ----------------------------------------------------------------------------------
def test_a_ballot_before_voting_opens_is_refused(app, ws):
    ids = with_values(ws.code)
    r = joined(app, ws.code).post(
        f"/api/w/{ws.code}/ballot", json={"dots": {str(ids[0]): 1}, "submission": "vote-0001"}
    )
    assert (r.status_code, r.json()["error"]) == (409, "voting_closed")


def test_voting_shows_the_values_and_stores_the_ballot_once(app, ws):
    ids = with_values(ws.code)
    store().set_voting(ws.code, OPEN, Rules(3, 2))
    c = joined(app, ws.code)
    state = c.get(f"/api/w/{ws.code}").json()["state"]
    assert state["voting"] == "open" and [v["name"] for v in state["values"]] == [
        "Eerlijk",
        "Samen",
        "Moed",
    ]
    dots = {str(ids[0]): 2, str(ids[2]): 1}
    first = c.post(f"/api/w/{ws.code}/ballot", json={"dots": dots, "submission": "vote-0001"})
    again = c.post(f"/api/w/{ws.code}/ballot", json={"dots": dots, "submission": "vote-0001"})
    assert first.json()["saved"] is True and again.json()["saved"] is False
    assert first.json()["mine"]["ballot"] == dots
    assert len(store().ballots(ws.code)) == 1


@pytest.mark.parametrize(
    ("dots", "error"),
    [
        ({0: 3}, "over_cap"),
        ({0: 2, 1: 2}, "too_many_dots"),
        ({}, "empty_ballot"),
        ({"999999": 1}, "unknown_value"),
        ({0: True}, "bad_ballot"),
        ({0: -1}, "bad_ballot"),
        ({0: 1.5}, "bad_ballot"),
        ({"x": 1}, "bad_ballot"),
    ],
)
def test_ballot_rules_are_said(app, ws, dots, error):
    ids = with_values(ws.code)
    store().set_voting(ws.code, OPEN, Rules(3, 2))
    body = {(str(ids[k]) if isinstance(k, int) else k): n for k, n in dots.items()}
    r = joined(app, ws.code).post(
        f"/api/w/{ws.code}/ballot", json={"dots": body, "submission": "vote-0001"}
    )
    assert (r.status_code, r.json()["error"]) == (422, error)
    assert store().ballots(ws.code) == []


def test_after_voting_the_phone_shows_the_dna_or_waits_for_the_reveal(app, ws):
    ids = with_values(ws.code)
    store().set_voting(ws.code, CLOSED)
    c = joined(app, ws.code)
    assert c.get(f"/api/w/{ws.code}").json()["state"]["result"] == {"values": [], "tagline": ""}
    store().set_final(ws.code, [ids[1], ids[0]], "Samen maken we het")
    result = c.get(f"/api/w/{ws.code}").json()["state"]["result"]
    assert result == {"values": ["Samen", "Eerlijk"], "tagline": "Samen maken we het"}
    store().set_results_hidden(ws.code, True)
    assert c.get(f"/api/w/{ws.code}").json()["state"]["result"] == {"hidden": True}


def test_a_countdown_reaches_the_phones_and_ends(app, ws):
    """The facilitator's timer: its end in the pushed state, gone once it has passed."""
    from datetime import timedelta

    from dna.services import participation

    assert participation.public(store(), ws.code)["timer_ends"] is None
    ends = store().set_timer(ws.code, 2)
    state = boot(new_phone(app).get(f"/?code={ws.code}").text)["state"]
    assert state["timer_ends"] == int(ends.timestamp() * 1000)
    clock = store().clock
    store().clock = lambda: ends + timedelta(seconds=1)
    try:
        assert participation.public(store(), ws.code)["timer_ends"] is None
    finally:
        store().clock = clock
