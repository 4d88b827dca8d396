"""The page a browser tab keeps: elements by delta path, pruned as the frontend prunes
them, the values typed into widgets, and the WidgetStates a browser sends for a rerun."""

from __future__ import annotations

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.stclient.model import (
    ERROR,
    SUCCESS,
    WIDGETS,
    Node,
    Run,
    StClientError,
    Widget,
    widget_key,
)


class PageModel:
    """The page model of one tab (StClient's half that does no I/O)."""

    def __init__(self) -> None:
        self.nodes: dict[tuple[int, ...], Node] = {}
        self.runs: list[Run] = []
        self.typed: dict[str, object] = {}  # widget id -> value this client entered
        self._run: Run | None = None

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
            if node.kind in WIDGETS and node.proto.id == widget_id:
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
            if node.kind not in WIDGETS:
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
        if kind in WIDGETS and getattr(proto, "set_value", False):
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
        live = {n.proto.id for n in self.nodes.values() if n.kind in WIDGETS}
        for wid in [w for w in self.typed if w not in live]:
            del self.typed[wid]


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
