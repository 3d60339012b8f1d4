"""Child process of ``bench_editor.py``: start the app on a data dir the way a writer does.

Usage: ``editor_cold_start_child.py MODE DATA_DIR SETTINGS_INI`` where MODE is

- ``cold``: import, build and show the window on a demo data dir, open the first task the way
  the app does (after the window's first paint), and print ``READY`` from the next turn of the
  event loop; then ``DONE {json}`` with the time each step took (milliseconds) and the resident
  memory.
- ``cold-project``: the same on a project's data dir (not a demo: a big store).
- ``queue``: the same start on a project, then time ``reload_queue()``, scrolling the queue to the
  bottom, and the GUI thread's share of searching, filtering and reloading the queue
  (``editor_queue_ops.py``); report resident memory (``VmRSS``) and its peak (``VmHWM``) in MB.

The parent measures wall time from spawn to ``READY``; the child cannot see its own interpreter
start, so it reports the wall clock of its first line for the parent to subtract.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()
STARTED_WALL = time.time()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

QUEUE_RELOADS = 3
FIRST_PAINT_WAIT_MS = 1000


def memory_mb() -> dict[str, float]:
    """Resident set size now and at its peak, from /proc/self/status (MB = 10^6 bytes)."""
    values: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = round(int(rest.split()[0]) * 1024 / 1e6, 1)
    return {"rss_mb": values.get("VmRSS", 0.0), "peak_rss_mb": values.get("VmHWM", 0.0)}


def since(start: float) -> float:
    return round((time.perf_counter() - start) * 1000.0, 2)


def main() -> None:
    mode, data_dir, ini = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    report: dict[str, Any] = {"started_wall": STARTED_WALL, "child_preamble_ms": since(STARTED)}
    step = time.perf_counter()
    from PySide6 import QtCore, QtGui, QtWidgets  # noqa: F401 - timing the import itself

    report["import_pyside6_ms"] = since(step)
    step = time.perf_counter()
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer

    from workstation.core.files.datadir import DataDirLock
    from workstation.gui import app as app_module
    from workstation.gui.app import ensure_application, open_window
    from workstation.gui.common.settings import AppSettings
    from workstation.gui.common.theme import apply_theme

    report["import_workstation_ms"] = since(step)
    report["memory_after_imports"] = memory_mb()
    report["heavy_modules_loaded"] = sorted(m for m in ("pandas", "numpy", "pyarrow") if m in sys.modules)

    step = time.perf_counter()
    app = ensure_application()
    settings = AppSettings(QSettings(ini, QSettings.Format.IniFormat))
    apply_theme(app, settings.theme())
    report["application_ms"] = since(step)

    step = time.perf_counter()
    lock = DataDirLock(data_dir)
    lock.acquire()
    window = open_window(data_dir, settings=settings, demo=(mode == "cold"))
    # The app opens the first task once the window is painted; a tree from before that did it
    # from a zero timer after show().
    after_first_paint = getattr(app_module, "after_first_paint", lambda _w, then: QTimer.singleShot(0, then))
    report["window_construction_ms"] = since(step)

    class FirstPaint(QObject):
        at: float | None = None

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.at is None:
                self.at = time.perf_counter()
            return False

    first_paint = FirstPaint()
    window.diff_view.rewrite_pane.viewport().installEventFilter(first_paint)

    step = time.perf_counter()
    window.show()
    report["show_ms"] = since(step)
    ready_step = time.perf_counter()

    def finish() -> None:
        report["first_paint_of_rewrite_ms"] = (
            round((first_paint.at - STARTED) * 1000.0, 2) if first_paint.at is not None else None
        )
        if mode == "queue":
            report.update(measure_queue(window, app))
        report["memory_at_end"] = memory_mb()
        print("DONE " + json.dumps(report), flush=True)
        window.close()
        window.context.close()
        lock.release()
        app.quit()

    def ready() -> None:
        report["until_event_loop_ms"] = since(ready_step)
        report["child_total_ms"] = since(STARTED)
        print("READY", flush=True)
        report["memory_at_ready"] = memory_mb()
        waited = time.perf_counter()
        while first_paint.at is None and since(waited) < FIRST_PAINT_WAIT_MS:
            app.processEvents()
        finish()

    def first_task() -> None:
        report["first_task_started_ms"] = since(STARTED)
        step = time.perf_counter()
        window.open_first_task()
        report["first_task_ms"] = since(step)
        QTimer.singleShot(0, ready)

    after_first_paint(window, first_task)
    app.exec()


def measure_queue(window: Any, app: Any) -> dict[str, Any]:
    """Queue figures once the first task is shown: reload and scroll times (ms), memory (MB)."""
    from editor_queue_ops import measure_queue_ops

    app.processEvents()
    result: dict[str, Any] = {
        "queue_rows": window.queue_model.rowCount(),
        "memory_first_task_shown": memory_mb(),
    }
    reloads: list[float] = []
    for _ in range(QUEUE_RELOADS):
        step = time.perf_counter()
        window.reload_queue()
        app.processEvents()
        reloads.append(since(step))
    result["reload_queue_ms"] = reloads
    view = window.queue_panel.list_view
    step = time.perf_counter()
    view.scrollToBottom()
    app.processEvents()
    result["scroll_to_bottom_ms"] = since(step)
    step = time.perf_counter()
    view.scrollToTop()
    app.processEvents()
    result["scroll_to_top_ms"] = since(step)
    result["memory_after_scrolling"] = memory_mb()
    result["gui_thread"] = measure_queue_ops(window, app)
    return result


if __name__ == "__main__":
    main()
