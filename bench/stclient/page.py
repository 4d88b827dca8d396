"""The page a browser tab keeps: elements by delta path, pruned as the frontend prunes
them, and the WidgetStates a browser sends with a rerun (every widget as the page shows it)."""

from __future__ import annotations

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.stclient.model import (
    WIDGETS,
    Node,
    Run,
    Widget,
)


class PageModel:
    """The page model of one tab (StClient's half that does no I/O)."""

    def __init__(self) -> None:
        self.nodes: dict[tuple[int, ...], Node] = {}
        self.runs: list[Run] = []
        self._run: Run | None = None

    def page_states(self) -> list[WidgetState]:
        """What a browser sends with any rerun: the value of every widget outside a form, as
        the page shows it."""
        return [
            s
            for w in self.widgets()
            if not w.form_id and w.kind not in ("button", "download_button")
            for s in [_state(w, w.value)]
            if s is not None
        ]

    # -- the page ---------------------------------------------------------------------------
    def elements(self, kind: str | None = None) -> list[Node]:
        """The page's elements in page order (optionally of one kind)."""
        return [
            self.nodes[p] for p in sorted(self.nodes) if kind is None or self.nodes[p].kind == kind
        ]

    def widgets(self) -> list[Widget]:
        out = []
        for node in self.elements():
            if node.kind not in WIDGETS:
                continue
            p = node.proto
            out.append(Widget(p.id, node.kind, getattr(p, "form_id", ""), _shown(node.kind, p)))
        return out

    def texts(self) -> list[str]:
        """Headings, markdown, captions, alerts and html bodies, in page order."""
        out = []
        for n in self.elements():
            if n.kind in ("heading", "markdown", "alert", "html", "text"):
                out.append(n.proto.body)
        return out

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
        # What sat below this path came from an earlier run: this run sends its own children.
        n = len(path)
        for p in [p for p, node in self.nodes.items() if len(p) > n and p[:n] == path]:
            if self.nodes[p].run_id != run_id:
                del self.nodes[p]
        self.nodes[path] = Node(path, kind, proto, run_id, delta.fragment_id, now)

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
