"""One browser tab over `/_stcore/stream`: the websocket, its reader, reruns sent and
settled, and the `run_every` timers (see bench/stclient/__init__.py)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.stclient.model import (
    FINISHED,
    FINISHED_EARLY,
    FINISHED_FRAGMENT,
    Outcome,
    Run,
    StClientError,
)
from bench.stclient.page import PageModel


class StClient(PageModel):
    """One browser tab on one page of a running Streamlit server."""

    def __init__(
        self,
        base_url: str,
        page: str = "",
        query: str = "",
        cookie: str | None = None,
        timeout: float = 60.0,
        on_message: Callable[[StClient, ForwardMsg, float], None] | None = None,
    ):
        super().__init__()
        parts = urlsplit(base_url)
        self.base_url = base_url.rstrip("/")
        self.ws_url = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"
        self.ws_url += f"{parts.path.rstrip('/')}/_stcore/stream"
        self.page = page.strip("/")
        self.query = query.lstrip("?")
        self.cookie = cookie
        self.timeout = timeout
        self.on_message = on_message

        self.session_id: str | None = None
        self.page_script_hash = ""  # the page the server ran last (from `navigation`)
        self.auto_reruns: dict[str, float] = {}  # fragment id -> interval (s)
        self.closed_reason: str | None = None

        self._ws = None
        self._reader: asyncio.Task | None = None
        self._timers: dict[str, asyncio.Task] = {}
        self._changed = asyncio.Condition()

    # -- connection -----------------------------------------------------------------------
    async def __aenter__(self) -> StClient:
        await self.connect()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def connect(self) -> None:
        """Open the websocket."""
        protocols = ["streamlit", "PLACEHOLDER_AUTH_TOKEN"]
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
        info.locale = "nl-NL"
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

    # -- receiving --------------------------------------------------------------------------
    async def _read(self, ws) -> None:
        try:
            async for data in ws:
                now = time.monotonic()
                msg = ForwardMsg()
                msg.ParseFromString(data)
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
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            self._start_timer(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            self._stop_timers()

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

    def _cancel_timer(self, fragment_id: str) -> None:
        task = self._timers.pop(fragment_id, None)
        if task is not None:
            task.cancel()

    def _stop_timers(self) -> None:
        for fragment_id in list(self._timers):
            self._cancel_timer(fragment_id)
        self.auto_reruns.clear()
