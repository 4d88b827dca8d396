"""py-spy on the server while the phones act: where its CPU goes (`--profile FOLDER`)."""

from __future__ import annotations

import contextlib
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


def start_profiler(pid: int, folder: str | None, name: str) -> Callable[[], None] | None:
    """Record process `pid` into FOLDER/scenario-NAME.speedscope.json until the returned
    function is called (None: no folder asked for, or no py-spy)."""
    if not folder:
        return None
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).exists():
        print("py-spy not found: .venv/bin/pip install py-spy", file=sys.stderr)
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    out = Path(folder) / f"scenario-{name}.speedscope.json"
    cmd = [spy, "record", "-p", str(pid), "-o", str(out), "-f", "speedscope", "-r", "100"]
    cmd.append("--gil")  # only the thread holding the GIL: where the server's CPU goes
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(folder) / f"scenario-{name}.py-spy.log", "wb"),  # noqa: SIM115
    )

    def stop() -> None:
        proc.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(30)

    return stop
