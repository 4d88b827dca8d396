"""A small protocol-level Streamlit client (asyncio + websockets), for benchmarks and tests.

It speaks what a browser tab speaks over `/_stcore/stream` (see shared/STREAMLIT_LOAD.md):
binary protobuf frames, a `rerun_script` to run the page, one `delta` per element back. It keeps
a simple model of the page (elements by delta path, pruned like the frontend prunes stale
elements), types into text inputs, submits forms, follows `auto_rerun` like the browser's timer
(`@st.fragment(run_every=...)`), and reconnects to its old session like a phone that dropped.

    async with StClient("http://127.0.0.1:8501", page="doe-mee", query="code=ABC123") as c:
        await c.run()                               # the first render
        c.text_input("join_current_0").id           # widget ids come from the deltas
        out = await c.submit({"join_current_0": "vertrouwen"}, button="join_submit")
        out.successes                               # texts of st.success shown by that submit

Widgets outside forms (a `segmented_control`, say) are set with `set_value` and sent, with all
the page's other widget values, by `press` (a button outside a form) or `run(page_states())`:

        c.set_value("vote_dots_3_2", c.options("vote_dots_3_2")[2])   # the label of option 2
        out = await c.press("vote_submit")          # every widget's value + the button's trigger

The socket is read all the time by a background task (a client that stops reading is dropped
by the server once 500 messages wait for it). Times are `time.monotonic()` seconds.

model.py holds the records, page.py the page model and what a browser sends, client.py the
connection, assets.py what a fresh browser downloads first.
"""

from bench.stclient.assets import load_page_assets
from bench.stclient.client import StClient
from bench.stclient.model import (
    ERROR,
    INFO,
    SUCCESS,
    WARNING,
    Node,
    Outcome,
    Run,
    StClientError,
    Widget,
    widget_key,
)

__all__ = [
    "ERROR",
    "INFO",
    "SUCCESS",
    "WARNING",
    "Node",
    "Outcome",
    "Run",
    "StClient",
    "StClientError",
    "Widget",
    "load_page_assets",
    "widget_key",
]
