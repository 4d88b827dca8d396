"""The records of the protocol client: what a page is made of and what a send brought.

Alert formats, a run's end states, the elements and widgets of the page model (`Node`,
`Widget`), one script run (`Run`) and what one send caused (`Outcome`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ERROR, WARNING, INFO, SUCCESS = 1, 2, 3, 4  # Alert.Format
FINISHED = ForwardMsg.FINISHED_SUCCESSFULLY
FINISHED_FRAGMENT = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
FINISHED_EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN
COMPILE_ERROR = ForwardMsg.FINISHED_WITH_COMPILE_ERROR
WIDGETS = {
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
