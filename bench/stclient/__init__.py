"""A small protocol-level Streamlit client (asyncio + websockets): the benches' beamer.

It speaks what a browser tab speaks over `/_stcore/stream` (see shared/STREAMLIT_LOAD.md):
binary protobuf frames, a `rerun_script` to run the page, one `delta` per element back. It keeps
a simple model of the page (elements by delta path, pruned like the frontend prunes stale
elements) and follows `auto_rerun` like the browser's timer (`@st.fragment(run_every=...)`),
sending every widget's value as the page shows it.

    async with StClient("http://127.0.0.1:8501", page="beamer", query="code=ABC123") as c:
        await c.run()                               # the first render
        c.texts()                                   # what the page shows, in page order

The socket is read all the time by a background task (a client that stops reading is dropped
by the server once 500 messages wait for it). Times are `time.monotonic()` seconds.

model.py holds the records, page.py the page model and what a browser sends, client.py the
connection.
"""

from bench.stclient.client import StClient
from bench.stclient.model import Node, Outcome, Run, StClientError, Widget

__all__ = ["Node", "Outcome", "Run", "StClient", "StClientError", "Widget"]
