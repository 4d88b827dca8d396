"""The beamer's countdown: the facilitator's timer (`Workshop.timer_ends`), ticking every second
in the browser (a 2 s refresh would make it jump), big at the top of the screen. The phones
count down to the same end (phone/static/phone.js)."""

from __future__ import annotations

from datetime import datetime
from html import escape

_SCRIPT = """<script>
(() => {
  const box = document.currentScript.previousElementSibling;
  const ends = Number(box.dataset.ends), done = box.dataset.done;
  const tick = () => {
    const left = Math.max(0, Math.round((ends - Date.now()) / 1000));
    box.textContent = left ? Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0')
      : done;
    if (left) setTimeout(tick, 1000 - (Date.now() % 1000));
  };
  tick();
})();
</script>"""


def html(ends: datetime, done: str) -> str:
    """The countdown element and its script; `done` is shown once time is up."""
    ms = int(ends.timestamp() * 1000)
    return (
        f"<div class='dna-timer' role='timer' data-ends='{ms}' data-done='{escape(done)}'>"
        f"</div>{_SCRIPT}"
    )
