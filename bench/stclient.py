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
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

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
    "widget_key",
]

ERROR, WARNING, INFO, SUCCESS = 1, 2, 3, 4  # Alert.Format
FINISHED = ForwardMsg.FINISHED_SUCCESSFULLY
FINISHED_FRAGMENT = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
FINISHED_EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN
COMPILE_ERROR = ForwardMsg.FINISHED_WITH_COMPILE_ERROR
_WIDGETS = {
    "text_input",
    "text_area",
    "button",
    "selectbox",
    "button_group",
    "checkbox",
    "radio",
    "number_input",
    "multiselect",
    "slider",
    "file_uploader",
    "download_button",
}


class StClientError(Exception):
    """The connection closed, or the server did not answer in time."""


def widget_key(widget_id: str) -> str | None:
    """The user key inside a widget id (`$$ID-<hash>-<key>`), or None for a keyless widget."""
    if not widget_id.startswith("$$ID-"):
        return None
    _, sep, key = widget_id[5:].partition("-")
    return key if sep and key != "None" else None


@dataclass
class Node:
    """One element or block on the page, at its delta path."""

    path: tuple[int, ...]
    kind: str  # element type ("text_input", "alert", "html", ...) or "block"
    proto: object  # the element's own proto (TextInput, Alert, ...) or the Block
    run_id: str
    fragment_id: str
    received: float


@dataclass(frozen=True)
class Widget:
    id: str
    key: str | None
    kind: str
    label: str
    form_id: str
    value: object  # what the page shows now: typed by this client, else set by the server
    is_form_submitter: bool = False


@dataclass
class Run:
    """One script run as the server reported it: new_session ... script_finished."""

    run_id: str
    fragment_ids: tuple[str, ...]
    started: float
    finished: float | None = None
    status: int | None = None  # a ForwardMsg.ScriptFinishedStatus; None while running
    alerts: list[tuple[int, str, float]] = field(default_factory=list)  # format, body, time
    exceptions: list[str] = field(default_factory=list)
    deltas: int = 0

    @property
    def is_fragment(self) -> bool:
        return bool(self.fragment_ids)

    @property
    def done(self) -> bool:
        return self.status is not None

    @property
    def seconds(self) -> float | None:
        return None if self.finished is None else self.finished - self.started


@dataclass
class Outcome:
    """What one (possibly repeated) send brought: the runs it caused and what they showed."""

    sent: list[float]
    runs: list[Run]

    @property
    def final(self) -> Run:
        return self.runs[-1]

    @property
    def done_at(self) -> float:
        return self.final.finished

    def _alerts(self, fmt: int) -> list[tuple[str, float]]:
        return [(body, at) for r in self.runs for f, body, at in r.alerts if f == fmt]

    @property
    def successes(self) -> list[str]:
        return [b for b, _ in self._alerts(SUCCESS)]

    @property
    def errors(self) -> list[str]:
        return [b for b, _ in self._alerts(ERROR)] + [e for r in self.runs for e in r.exceptions]

    def first_alert_at(self, fmt: int = SUCCESS, startswith: str = "") -> float | None:
        """When the first alert of this kind (and text) reached the client, if any."""
        times = [at for b, at in self._alerts(fmt) if b.startswith(startswith)]
        return min(times) if times else None


class StClient:
    """One browser tab on one page of a running Streamlit server."""

    def __init__(
        self,
        base_url: str,
        page: str = "",
        query: str = "",
        cookie: str | None = None,
        timeout: float = 60.0,
        follow_auto_rerun: bool = True,
        locale: str = "nl-NL",
        on_message: Callable[[StClient, ForwardMsg, float], None] | None = None,
    ):
        parts = urlsplit(base_url)
        self.base_url = base_url.rstrip("/")
        self.ws_url = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"
        self.ws_url += f"{parts.path.rstrip('/')}/_stcore/stream"
        self.page = page.strip("/")
        self.query = query.lstrip("?")
        self.cookie = cookie
        self.timeout = timeout
        self.follow_auto_rerun = follow_auto_rerun
        self.locale = locale
        self.on_message = on_message

        self.session_id: str | None = None
        self.page_script_hash = ""  # the page the server ran last (from `navigation`)
        self.nodes: dict[tuple[int, ...], Node] = {}
        self.runs: list[Run] = []
        self.typed: dict[str, object] = {}  # widget id -> value this client entered
        self.auto_reruns: dict[str, float] = {}  # fragment id -> interval (s)
        self.auto_rerun_sent = 0
        self.messages = 0
        self.bytes_in = 0
        self.connected_at: float | None = None
        self.page_not_found = 0  # times the server said the page asked for does not exist
        self.closed_reason: str | None = None

        self._ws = None
        self._reader: asyncio.Task | None = None
        self._timers: dict[str, asyncio.Task] = {}
        self._changed = asyncio.Condition()
        self._run: Run | None = None

    # -- connection -----------------------------------------------------------------------
    async def __aenter__(self) -> StClient:
        await self.connect()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def connect(self, session_id: str | None = None) -> None:
        """Open the websocket (to an earlier session if `session_id` is given)."""
        protocols = ["streamlit", "PLACEHOLDER_AUTH_TOKEN"]
        if session_id:
            protocols.append(session_id)
        headers = {"Cookie": self.cookie} if self.cookie else None
        try:
            self._ws = await websockets.connect(
                self.ws_url,
                subprotocols=protocols,
                additional_headers=headers,
                max_size=None,
                open_timeout=self.timeout,
                close_timeout=2,
            )
        except (TimeoutError, OSError, websockets.WebSocketException) as e:
            raise StClientError(f"connect failed: {e!r}") from e
        self.connected_at = time.monotonic()
        self.closed_reason = None
        self._reader = asyncio.create_task(self._read(self._ws), name="stclient-reader")

    async def close(self) -> None:
        """Close the tab: stop the timers and the reader, close the socket."""
        self._stop_timers()
        ws, self._ws = self._ws, None
        if ws is not None:
            with contextlib.suppress(Exception):
                await ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
            self._reader = None

    async def drop(self) -> None:
        """Lose the connection without a goodbye (a phone going into a tunnel)."""
        self._stop_timers()
        ws, self._ws = self._ws, None
        if ws is not None and ws.transport is not None:
            ws.transport.abort()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
            self._reader = None

    async def reconnect(self, same_session: bool = True, keep_state: bool = False) -> Outcome:
        """Connect again (to the same server session if it is still there) and rerun. With
        `keep_state` the rerun carries the page's widget values, as a browser tab's does."""
        await self.drop()
        await self.connect(self.session_id if same_session else None)
        return await self.run(self.page_states() if keep_state else ())

    @property
    def is_open(self) -> bool:
        return self._ws is not None and self.closed_reason is None

    # -- sending --------------------------------------------------------------------------
    def client_state(
        self,
        widget_states: Iterable[WidgetState] = (),
        fragment_id: str = "",
        is_auto_rerun: bool = False,
    ) -> ClientState:
        state = ClientState(
            query_string=self.query,
            page_script_hash=self.page_script_hash,
            page_name="" if self.page_script_hash else self.page,
            fragment_id=fragment_id,
            is_auto_rerun=is_auto_rerun,
        )
        state.widget_states.widgets.extend(widget_states)
        info = state.context_info
        info.timezone = "Europe/Amsterdam"
        info.timezone_offset = -60
        info.locale = self.locale
        info.url = self.url
        info.is_embedded = False
        info.color_scheme = "light"
        return state

    @property
    def url(self) -> str:
        """The address bar of this tab."""
        url = f"{self.base_url}/{self.page}" if self.page else f"{self.base_url}/"
        return f"{url}?{self.query}" if self.query else url

    async def send_rerun(
        self,
        widget_states: Iterable[WidgetState] = (),
        fragment_id: str = "",
        is_auto_rerun: bool = False,
    ) -> float:
        """Send one rerun_script; returns when it left (monotonic time)."""
        if self._ws is None:
            raise StClientError("not connected")
        msg = BackMsg()
        msg.rerun_script.CopyFrom(self.client_state(widget_states, fragment_id, is_auto_rerun))
        sent = time.monotonic()
        try:
            await self._ws.send(msg.SerializeToString())
        except websockets.WebSocketException as e:
            raise StClientError(f"send failed: {e!r}") from e
        return sent

    async def run(
        self,
        widget_states: Iterable[WidgetState] = (),
        fragment_id: str = "",
        timeout: float | None = None,
    ) -> Outcome:
        """Rerun the page (or one fragment) with these widget states and wait for it to end."""
        states = list(widget_states)
        sent = await self.send_rerun(states, fragment_id)
        return await self.settle([sent], fragment=bool(fragment_id), timeout=timeout)

    async def settle(
        self, sent: list[float], fragment: bool = False, timeout: float | None = None
    ) -> Outcome:
        """Wait for the run that answers the last send: the first run that started after it
        and ended other than "stopped early for a rerun". Every run since the first send is
        in the outcome (a run interrupted by a second tap is there, with what it showed)."""
        first, last = sent[0], sent[-1]

        def answered() -> bool:
            return any(
                r.started >= last and r.done and r.status != FINISHED_EARLY
                for r in self.runs
                if r.is_fragment == fragment
            )

        await self.wait_for(answered, timeout)
        runs = [r for r in self.runs if r.started >= first and r.is_fragment == fragment]
        end = next(
            i
            for i, r in enumerate(runs)
            if r.started >= last and r.done and r.status != FINISHED_EARLY
        )
        return Outcome(sent, runs[: end + 1])

    async def wait_for(self, predicate: Callable[[], bool], timeout: float | None = None) -> None:
        """Wait until `predicate()` holds (checked after every message), or raise."""
        limit = self.timeout if timeout is None else timeout
        async with self._changed:
            try:
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: predicate() or self.closed_reason), limit
                )
            except TimeoutError:
                raise StClientError(f"no answer within {limit:.0f} s") from None
        if not predicate():
            raise StClientError(f"connection closed: {self.closed_reason}")

    # -- forms ----------------------------------------------------------------------------
    def set_value(self, key_or_id: str, value: object) -> None:
        """Type into a widget (sent with the next rerun, as a browser would)."""
        self.typed[self.widget(key_or_id).id] = value

    def form_states(self, form_id: str, values: dict[str, object] | None = None) -> list:
        """The WidgetStates a browser sends for a form: every field of it, typed or not."""
        for key, value in (values or {}).items():
            self.set_value(key, value)
        return [
            state
            for w in self.widgets()
            if w.form_id == form_id and not w.is_form_submitter
            for state in [_state(w, w.value)]
            if state is not None
        ]

    def submit_states(
        self, values: dict[str, object] | None = None, button: str | None = None
    ) -> list[WidgetState]:
        """What a form submit sends: every field of the form plus the button's trigger."""
        submitter = self._submitter(button)
        states = self.form_states(submitter.form_id, values)
        states.append(WidgetState(id=submitter.id, trigger_value=True))
        return states

    async def submit(
        self,
        values: dict[str, object] | None = None,
        button: str | None = None,
        repeat_after: float | None = None,
        timeout: float | None = None,
    ) -> Outcome:
        """Fill in a form and press its submit button (key, label or id; default: the only
        form submitter). With `repeat_after` (s) the button is pressed a second time."""
        return await self._send(self.submit_states(values, button), repeat_after, timeout)

    async def _send(
        self,
        states: list[WidgetState],
        repeat_after: float | None,
        timeout: float | None,
        fragment_id: str = "",
    ) -> Outcome:
        sent = [await self.send_rerun(states, fragment_id)]
        if repeat_after is not None:
            await asyncio.sleep(repeat_after)
            sent.append(await self.send_rerun(states, fragment_id))
        return await self.settle(sent, fragment=bool(fragment_id), timeout=timeout)

    async def click(self, button: str, timeout: float | None = None) -> Outcome:
        """Press a button outside a form (only its trigger is sent; see `press`)."""
        widget = self.widget(button)
        states = [WidgetState(id=widget.id, trigger_value=True)]
        return await self.run(states, fragment_id=self.fragment_of(button), timeout=timeout)

    def page_states(self, values: dict[str, object] | None = None) -> list[WidgetState]:
        """What a browser sends with any rerun: the value of every widget outside a form
        (typed by this client, else as the page shows it), after setting `values`."""
        for key, value in (values or {}).items():
            self.set_value(key, value)
        return [
            s
            for w in self.widgets()
            if not w.form_id and w.kind not in ("button", "download_button")
            for s in [_state(w, w.value)]
            if s is not None
        ]

    def press_states(
        self, button: str, values: dict[str, object] | None = None
    ) -> list[WidgetState]:
        """What pressing a button outside a form sends: `page_states` plus its trigger."""
        states = self.page_states(values)
        states.append(WidgetState(id=self.widget(button).id, trigger_value=True))
        return states

    async def press(
        self,
        button: str,
        values: dict[str, object] | None = None,
        repeat_after: float | None = None,
        timeout: float | None = None,
    ) -> Outcome:
        """Set widgets outside forms (`values`: key -> value) and press a button outside a
        form, in ONE rerun, as a browser does (of its fragment only, when the button is in
        one); `repeat_after` (s) presses it a second time."""
        states = self.press_states(button, values)
        return await self._send(states, repeat_after, timeout, self.fragment_of(button))

    def fragment_of(self, key_or_label: str) -> str:
        """The fragment a widget is drawn in ("" for none): a browser reruns only that
        fragment when one of its widgets changes."""
        return self._node(self.widget(key_or_label).id).fragment_id

    def options(self, key_or_label: str) -> list[str]:
        """The option labels of a segmented control / pills (what its value is made of)."""
        node = self._node(self.widget(key_or_label).id)
        if node.kind != "button_group":
            raise StClientError(f"{key_or_label!r} is a {node.kind}, not a button group")
        return [o.content for o in node.proto.options]

    def _node(self, widget_id: str) -> Node:
        for node in self.nodes.values():
            if node.kind in _WIDGETS and node.proto.id == widget_id:
                return node
        raise StClientError(f"no widget {widget_id!r}")

    def _submitter(self, button: str | None) -> Widget:
        if button is not None:
            return self.widget(button)
        found = [w for w in self.widgets() if w.is_form_submitter]
        if len(found) != 1:
            raise StClientError(f"{len(found)} form submit buttons on the page: name one")
        return found[0]

    # -- the page ---------------------------------------------------------------------------
    def elements(self, kind: str | None = None) -> list[Node]:
        """The page's elements in page order (optionally of one kind)."""
        return [
            self.nodes[p] for p in sorted(self.nodes) if kind is None or self.nodes[p].kind == kind
        ]

    def widgets(self) -> list[Widget]:
        out = []
        for node in self.elements():
            if node.kind not in _WIDGETS:
                continue
            p = node.proto
            wid = p.id
            out.append(
                Widget(
                    id=wid,
                    key=widget_key(wid),
                    kind=node.kind,
                    label=getattr(p, "label", ""),
                    form_id=getattr(p, "form_id", ""),
                    value=self.typed[wid] if wid in self.typed else _shown(node.kind, p),
                    is_form_submitter=getattr(p, "is_form_submitter", False),
                )
            )
        return out

    def widget(self, key_or_label: str) -> Widget:
        """A widget by its user key, its id, or (if unique) its label."""
        ws = self.widgets()
        for w in ws:
            if key_or_label in (w.key, w.id):
                return w
        by_label = [w for w in ws if w.label == key_or_label]
        if len(by_label) == 1:
            return by_label[0]
        raise StClientError(f"no widget {key_or_label!r} (or more than one by that label)")

    def text_inputs(self) -> dict[str, Widget]:
        """Text inputs by key (or by id when they have no key)."""
        return {w.key or w.id: w for w in self.widgets() if w.kind == "text_input"}

    def text_input(self, key_or_label: str) -> Widget:
        return self.widget(key_or_label)

    def alerts(self, fmt: int | None = None) -> list[str]:
        return [
            n.proto.body for n in self.elements("alert") if fmt is None or n.proto.format == fmt
        ]

    @property
    def successes(self) -> list[str]:
        return self.alerts(SUCCESS)

    @property
    def errors(self) -> list[str]:
        return self.alerts(ERROR) + [n.proto.message for n in self.elements("exception")]

    def html(self) -> list[str]:
        return [n.proto.body for n in self.elements("html")]

    def texts(self) -> list[str]:
        """Headings, markdown, captions, alerts and html bodies, in page order."""
        out = []
        for n in self.elements():
            if n.kind in ("heading", "markdown", "alert", "html", "text"):
                out.append(n.proto.body)
        return out

    @property
    def last_run(self) -> Run | None:
        return self.runs[-1] if self.runs else None

    # -- receiving --------------------------------------------------------------------------
    async def _read(self, ws) -> None:
        try:
            async for data in ws:
                now = time.monotonic()
                msg = ForwardMsg()
                msg.ParseFromString(data)
                self.messages += 1
                self.bytes_in += len(data)
                self._handle(msg, now)
                if self.on_message is not None:
                    self.on_message(self, msg, now)
                async with self._changed:
                    self._changed.notify_all()
            reason = f"closed by server ({ws.close_code})"
        except websockets.ConnectionClosed as e:
            reason = f"closed ({e.rcvd.code if e.rcvd else 'no close frame'})"
        except asyncio.CancelledError:
            reason = "closed by client"
            raise
        except Exception as e:  # a bug in the model must not hang the waiters
            reason = f"reader failed: {e!r}"
        finally:
            if self._ws is ws or self._ws is None:
                self.closed_reason = locals().get("reason") or "closed"
                self._stop_timers()
            async with self._changed:
                self._changed.notify_all()

    def _handle(self, msg: ForwardMsg, now: float) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            ns = msg.new_session
            if ns.HasField("initialize") and ns.initialize.session_id:
                self.session_id = ns.initialize.session_id
            if self._run is not None and not self._run.done:
                # a run replaced by the next one may never report its end (its ScriptRunner is
                # no longer the session's): it ended early, for this rerun
                self._run.status, self._run.finished = FINISHED_EARLY, now
            run = Run(
                run_id=msg.metadata.run.script_run_id,
                fragment_ids=tuple(msg.metadata.run.fragment_ids),
                started=now,
            )
            self.runs.append(run)
            self._run = run
            if not run.is_fragment:  # the frontend drops its timers on a full run
                self._stop_timers()
        elif kind == "delta":
            self._delta(msg, now)
        elif kind == "script_finished":
            run = self._run
            if run is not None and run.status is None:
                run.status = msg.script_finished
                run.finished = now
                if run.status in (FINISHED, FINISHED_FRAGMENT):
                    self._prune(run)
        elif kind == "navigation":
            if msg.navigation.page_script_hash:
                self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_not_found":
            self.page_not_found += 1
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            if self.follow_auto_rerun:
                self._start_timer(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            self._stop_timers()

    def _delta(self, msg: ForwardMsg, now: float) -> None:
        delta = msg.delta
        path = tuple(msg.metadata.delta_path)
        which = delta.WhichOneof("type")
        if which == "new_element":
            kind = delta.new_element.WhichOneof("type")
            proto = getattr(delta.new_element, kind) if kind else None
        elif which == "add_block":
            kind, proto = "block", delta.add_block
        else:  # transient elements (toasts, spinners) are not part of the page model
            return
        run = self._run
        run_id = run.run_id if run else ""
        if run is not None:
            run.deltas += 1
            if kind == "alert":
                run.alerts.append((proto.format, proto.body, now))
            elif kind == "exception":
                run.exceptions.append(f"{proto.type}: {proto.message}")
        # What sat below this path came from an earlier run: this run sends its own children.
        n = len(path)
        for p in [p for p, node in self.nodes.items() if len(p) > n and p[:n] == path]:
            if self.nodes[p].run_id != run_id:
                del self.nodes[p]
        self.nodes[path] = Node(path, kind, proto, run_id, delta.fragment_id, now)
        if kind in _WIDGETS and getattr(proto, "set_value", False):
            self.typed.pop(proto.id, None)  # the script set this value: the page shows it

    def _prune(self, run: Run) -> None:
        """After a run ends, the elements it did not send again are gone (frontend rule)."""
        if run.is_fragment:
            stale = [
                p
                for p, n in self.nodes.items()
                if n.fragment_id in run.fragment_ids and n.run_id != run.run_id
            ]
        else:
            stale = [p for p, n in self.nodes.items() if n.run_id != run.run_id]
        for p in stale:
            del self.nodes[p]
        live = {n.proto.id for n in self.nodes.values() if n.kind in _WIDGETS}
        for wid in [w for w in self.typed if w not in live]:
            del self.typed[wid]

    # -- auto rerun (run_every) -------------------------------------------------------------
    def _start_timer(self, fragment_id: str, interval: float) -> None:
        if fragment_id in self._timers and self.auto_reruns.get(fragment_id) == interval:
            return
        self._cancel_timer(fragment_id)
        self.auto_reruns[fragment_id] = interval
        self._timers[fragment_id] = asyncio.create_task(
            self._tick(fragment_id, interval), name=f"stclient-auto-rerun-{fragment_id}"
        )

    async def _tick(self, fragment_id: str, interval: float) -> None:
        """The browser's setInterval: a fragment rerun every `interval`, whatever happens."""
        with contextlib.suppress(StClientError, asyncio.CancelledError):
            next_at = time.monotonic() + interval
            while True:
                await asyncio.sleep(max(0.0, next_at - time.monotonic()))
                next_at += interval
                states = self.page_states()
                await self.send_rerun(states, fragment_id=fragment_id, is_auto_rerun=True)
                self.auto_rerun_sent += 1

    def _cancel_timer(self, fragment_id: str) -> None:
        task = self._timers.pop(fragment_id, None)
        if task is not None:
            task.cancel()

    def _stop_timers(self) -> None:
        for fragment_id in list(self._timers):
            self._cancel_timer(fragment_id)
        self.auto_reruns.clear()


def _shown(kind: str, p) -> object:
    """The value a widget shows when the user has not touched it."""
    if kind in ("text_input", "text_area"):
        return p.value if p.set_value else p.default
    if kind == "checkbox":
        return p.value if p.set_value else p.default
    if kind == "selectbox":
        return p.raw_value if p.set_value else None
    if kind == "button_group":  # segmented_control, pills: the selected option labels
        if p.set_value:
            return list(p.raw_values)
        return [p.options[i].content for i in p.default if i < len(p.options)]
    return None


def _state(widget: Widget, value: object) -> WidgetState | None:
    """The WidgetState a browser sends for a field holding `value` (None: nothing to send)."""
    if widget.kind in ("text_input", "text_area") and value is not None:
        return WidgetState(id=widget.id, string_value=str(value))
    if widget.kind == "checkbox" and value is not None:
        return WidgetState(id=widget.id, bool_value=bool(value))
    if widget.kind == "selectbox" and value is not None:
        return WidgetState(id=widget.id, string_value=str(value))
    if widget.kind == "button_group" and value is not None:
        # the wire value is the list of selected option labels (formatted, as shown)
        state = WidgetState(id=widget.id)
        state.string_array_value.data.extend([value] if isinstance(value, str) else value)
        return state
    return None


async def load_page_assets(url: str, parallel: int = 6, timeout: float = 60.0) -> tuple[int, int]:
    """What a fresh browser fetches before it opens the websocket: the page, the scripts and
    styles it names, health and host-config. Returns (requests, bytes). The lazily loaded
    chunks the JS asks for later are not included: this is a lower bound."""
    import re
    from urllib.parse import urljoin

    import httpx

    async with httpx.AsyncClient(
        timeout=timeout, limits=httpx.Limits(max_connections=parallel)
    ) as h:
        page = await h.get(url)
        page.raise_for_status()
        refs = re.findall(r'(?:src|href)="(\./static/[^"]+)"', page.text)
        base = url.split("?", 1)[0].rsplit("/", 1)[0] + "/"
        root = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}/"
        urls = [urljoin(base, r) for r in dict.fromkeys(refs)]
        urls += [root + "_stcore/health", root + "_stcore/host-config"]
        sem = asyncio.Semaphore(parallel)

        async def get(u: str) -> int:
            async with sem:
                try:
                    r = await h.get(u, headers={"Accept-Encoding": "gzip"})
                except (httpx.RemoteProtocolError, httpx.ReadError):
                    # a keep-alive connection the server closed meanwhile: a browser retries
                    r = await h.get(u, headers={"Accept-Encoding": "gzip"})
                r.raise_for_status()
                return len(r.content)

        sizes = await asyncio.gather(*(get(u) for u in urls))
    return 1 + len(urls), len(page.content) + sum(sizes)
