"""ui.server: a reconnected session follows server.fileWatcherType as a new one does."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit import config
from streamlit.runtime.app_session import AppSession

from ui import server


@pytest.fixture
def made(monkeypatch) -> list[object]:
    """Streamlit's own register_file_watchers, replaced by one that records its sessions."""
    made: list[object] = []
    monkeypatch.setattr(AppSession, "register_file_watchers", lambda self: made.append(self))
    server.respect_watcher_type()
    server.respect_watcher_type()  # twice: still one wrapper around Streamlit's
    return made


@pytest.fixture
def watcher_type():
    before = config.get_option("server.fileWatcherType")
    yield lambda kind: config.set_option("server.fileWatcherType", kind)
    config.set_option("server.fileWatcherType", before)


def test_a_reconnect_gets_no_source_watcher_when_watching_is_off(made, watcher_type):
    watcher_type("none")
    session = SimpleNamespace()  # stands in for the session the manager resumes on a reconnect
    AppSession.register_file_watchers(session)
    assert made == []


@pytest.mark.parametrize("kind", ["auto", "poll", "watchdog"])
def test_with_watching_on_a_reconnect_still_watches(made, watcher_type, kind):
    watcher_type(kind)
    session = SimpleNamespace()
    AppSession.register_file_watchers(session)
    assert made == [session]


def test_the_project_turns_watching_off():
    config.get_config_options(force_reparse=True)
    assert config.get_option("server.fileWatcherType") == "none"
