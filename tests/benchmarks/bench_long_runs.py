"""Benchmark opening a task whose texts hold one long unbroken run (a hex dump): prints JSON.

Run: ``.venv/bin/python tests/benchmarks/bench_long_runs.py`` (``--sizes 100000,200000`` to pick
sizes in characters, ``--deadline-s`` to give up on a size). Each size runs in a fresh child
process on its own data folder; the task's original, its rewrite and its prompt each hold the run.
All times are milliseconds:

- ``open_ms``: ``editor.open_task()`` itself (panes, context, side panel filled; GUI thread);
- ``settled_ms``: from the call until the task's analysis (diff, lint, spelling) is painted;
- ``longest_stall_ms``: the longest the event loop went without running a 10 ms heartbeat timer
  from the call until settled (what a writer feels: typing and scrolling wait this long);
- ``keystroke_ms``: once settled, one character typed into the middle of the rewrite's run and
  the event loop turned (relayout, highlighting, repaint on the GUI thread);
- ``anywhere``: whether the panes wrap the run anywhere (see ``gui/common/linear_wrap.py``).

A size that does not settle within the deadline is reported with ``settled: false``; one whose
``open_task()`` does not even return is reported as ``frozen_for_more_than_s``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_SIZES = (100_000, 200_000, 1_000_000)
DEFAULT_DEADLINE_S = 120.0
CHILD_GRACE_S = 120.0
"""Beyond the deadline, how long a child may take to set up and report before it counts as frozen."""


def _child(size: int, deadline_s: float) -> dict[str, Any]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
    from PySide6.QtGui import QTextOption

    from workstation.core.files.datadir import DataDirLock
    from workstation.core.store import Store
    from workstation.gui.app import ensure_application, open_window
    from workstation.gui.common.settings import AppSettings

    root = Path(tempfile.mkdtemp(prefix="long-runs-"))
    run = secrets.token_hex(size // 2)
    source = root / "tasks.jsonl"
    records = [
        {"id": "short", "prompt": "Say hi.", "response": "Hello there."},
        {"id": "long", "prompt": f"Explain {run}", "response": f"The dump: {run} ends here."},
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    data_dir = root / "data"
    with Store(data_dir) as store:
        assert store.import_file(source, project="Bench").ok
    app = ensure_application()
    lock = DataDirLock(data_dir)
    lock.acquire()
    settings = AppSettings(QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat))
    settings.set_start_from_original(True)
    window = open_window(data_dir, settings=settings)
    window.resize(1400, 860)
    window.show()
    window.editor.open_task("short")
    window.context.wait_for_background()
    app.processEvents()

    clock = QElapsedTimer()
    ticks: list[int] = []
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: ticks.append(clock.elapsed()))
    painted: list[int] = []
    window.editor.analysis_painted.connect(
        lambda analysis: painted.append(clock.elapsed()) if len(analysis.original_text) > size else None
    )
    clock.start()
    heartbeat.start()
    ticks.append(0)
    window.editor.open_task("long")
    open_ms = clock.elapsed()
    ticks.append(open_ms)
    while not painted and clock.elapsed() < deadline_s * 1000:
        app.processEvents()
        time.sleep(0.002)
    settled = bool(painted)
    end = painted[0] if settled else clock.elapsed()
    app.processEvents()
    ticks.append(clock.elapsed())
    gaps = [b - a for a, b in itertools.pairwise(ticks) if a <= end]
    anywhere = window.diff_view.original_pane.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    result = {
        "chars": size,
        "open_ms": open_ms,
        "settled": settled,
        "settled_ms": end,
        "longest_stall_ms": max(gaps),
        "anywhere": anywhere,
    }
    if not settled:  # the analysis thread may hold the store for minutes: do not wait for it
        print(json.dumps(result), flush=True)
        os._exit(0)
    pane = window.diff_view.rewrite_pane
    cursor = pane.textCursor()
    cursor.setPosition(pane.document().characterCount() // 2)
    pane.setTextCursor(cursor)
    app.processEvents()
    started = clock.elapsed()
    pane.textCursor().insertText("x")
    app.processEvents()
    result["keystroke_ms"] = clock.elapsed() - started
    window.close()
    window.context.close()
    lock.release()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument("--deadline-s", type=float, default=DEFAULT_DEADLINE_S)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.deadline_s)), flush=True)
        return
    runs = []
    for size in (int(s) for s in args.sizes.split(",")):
        command = [sys.executable, __file__, "--child", str(size), "--deadline-s", str(args.deadline_s)]
        limit_s = args.deadline_s + CHILD_GRACE_S
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=limit_s, check=True)
        except subprocess.TimeoutExpired:  # open_task itself never returned: the window froze
            runs.append({"chars": size, "settled": False, "frozen_for_more_than_s": limit_s})
            continue
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    machine = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count()}
    print(json.dumps({"benchmark": "long_runs", "machine": machine, "runs": runs}))


if __name__ == "__main__":
    main()
