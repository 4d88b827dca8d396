"""One fix to the Streamlit server this app runs in (applied once per process from app.py).

With `server.fileWatcherType = "none"` Streamlit makes no source watcher for a new session, but
it does make one when a phone reconnects to its old session (`register_file_watchers` in
`websocket_session_manager`, Streamlit 1.67). Every such watcher resolves the real path of
every loaded module (~2,500, ~85 ms, on the event loop) after each script run that follows a
new import, and polls the app's files. In a room where phones drop and come back this stalled
the whole server for ~20 s when voting opened (vote p95 15 s in the Streamlit-phone bench, since
retired).
"""

from __future__ import annotations

from streamlit import config
from streamlit.runtime.app_session import AppSession

_MARK = "_dna_respects_watcher_type"


def respect_watcher_type() -> None:
    """Make a reconnected session follow `server.fileWatcherType` as a new one does."""
    original = AppSession.register_file_watchers
    if getattr(original, _MARK, False):
        return

    def register_file_watchers(self: AppSession) -> None:
        if config.get_option("server.fileWatcherType") != "none":
            original(self)

    setattr(register_file_watchers, _MARK, True)
    AppSession.register_file_watchers = register_file_watchers
