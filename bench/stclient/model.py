"""The records of the protocol client: what a page is made of and what a send brought.

A run's end states, the elements and widgets of the page model (`Node`,
`Widget`), one script run (`Run`) and what one send caused (`Outcome`).
"""

from __future__ import annotations

from dataclasses import dataclass

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

FINISHED = ForwardMsg.FINISHED_SUCCESSFULLY
FINISHED_FRAGMENT = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
FINISHED_EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN
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
    kind: str
    form_id: str
    value: object  # what the page shows now (as the server set it, or its default)


@dataclass
class Run:
    """One script run as the server reported it: new_session ... script_finished."""

    run_id: str
    fragment_ids: tuple[str, ...]
    started: float
    finished: float | None = None
    status: int | None = None  # a ForwardMsg.ScriptFinishedStatus; None while running
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
