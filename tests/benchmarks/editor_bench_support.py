"""Support for ``bench_editor.py``: figures, the machine, and a window opened in this process.

Times are milliseconds. The window is opened the way the app opens one: the data dir lock held,
settings in a temporary INI file, shown at a fixed size on the offscreen platform.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, QSettings, qVersion
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from workstation.core.files.datadir import DataDirLock
from workstation.gui.app import ensure_application, open_window
from workstation.gui.common.settings import AppSettings
from workstation.gui.writer.window import WriterWindow

REPO_ROOT = Path(__file__).resolve().parents[2]


# ----------------------------------------------------------------------------- figures
def summary(samples: list[float]) -> dict[str, float]:
    """p50, p95 (nearest rank), max and mean of millisecond samples, rounded to microseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, -(-95 * len(ordered) // 100) - 1))]
    return {
        "p50_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(p95, 3),
        "max_ms": round(ordered[-1], 3),
        "mean_ms": round(statistics.fmean(ordered), 3),
        "runs": len(ordered),
    }


def machine() -> dict[str, Any]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "qt": qVersion(),
        "platform": platform.platform(),
        "qpa": os.environ.get("QT_QPA_PLATFORM"),
        "load_average_1min": os.getloadavg()[0],
    }


def source_tree() -> dict[str, Any]:
    """Which code was measured: the commit, and how many files under workstation/ differ from it."""
    root = REPO_ROOT
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "workstation"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None}
    return {"commit": head, "workstation_files_changed_since_commit": len(changed)}


def elapsed_ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0


class PaintSeen(QObject):
    """Counts the paint events of the widget it is installed on (a pane's viewport)."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


# ----------------------------------------------------------------------------- a window in this process
FOCUS_TRIES = 20
"""How often place_cursor gives the rewrite pane the focus before it gives up."""


class BenchWindow:
    """A window opened the way the app opens one (lock held, settings in a temp INI), shown."""

    def __init__(self, data_dir: Path) -> None:
        self.app = ensure_application()
        self.lock = DataDirLock(data_dir)
        self.lock.acquire()
        settings = AppSettings(
            QSettings(str(data_dir.parent / f"{data_dir.name}.ini"), QSettings.Format.IniFormat)
        )
        self.window: WriterWindow = open_window(data_dir, settings=settings)
        self.window.resize(1400, 860)
        self.window.show()
        self.window.activateWindow()
        self.painted = 0
        self.window.editor.comparison_painted.connect(self._on_painted)
        self.settle()

    def _on_painted(self, _comparison: object) -> None:
        self.painted += 1

    def settle(self, rounds: int = 3) -> None:
        for _ in range(rounds):
            self.app.processEvents()

    def wait_painted(self, count: int, timeout_ms: int = 600_000) -> float:
        """Run the event loop until ``count`` comparisons have been painted in all.

        Polls (sleeping 0.5 ms between turns, which frees the GIL for the worker) rather than
        blocking, so the turn of the event loop that delivered the result can be timed on its
        own. Returns that turn plus the next one (the repaint), in milliseconds: the GUI-thread
        cost of receiving and painting an off-thread result. 0.0 if it was painted already.
        """
        clock = QElapsedTimer()
        clock.start()
        while self.painted < count:
            if clock.elapsed() > timeout_ms:
                raise TimeoutError("no comparison was painted in time")
            started = time.perf_counter()
            self.app.processEvents()
            if self.painted >= count:
                delivered_ms = elapsed_ms(started)
                started = time.perf_counter()
                self.app.processEvents()
                return delivered_ms + elapsed_ms(started)
            time.sleep(0.0005)
        return 0.0

    def close(self) -> None:
        self.window.context.wait_for_background()
        self.window.close()
        self.window.context.close()
        self.lock.release()
        # Really delete it now (processEvents alone leaves deferred deletes pending), so its thread
        # pool is joined while Python is fully alive rather than during interpreter shutdown.
        self.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.settle()


def place_cursor(bench: BenchWindow, position: int) -> QTextCursor:
    """Put the rewrite cursor at UTF-16 ``position`` and scroll to it, as a click would."""
    pane = bench.window.diff_view.rewrite_pane
    cursor = pane.textCursor()
    cursor.setPosition(position)
    pane.setTextCursor(cursor)
    pane.ensureCursorVisible()
    for _ in range(FOCUS_TRIES):  # as a click in the window would (an import's progress window
        bench.window.activateWindow()  # may have come up and taken the focus meanwhile)
        pane.setFocus()  # keys reach the pane through the window, as typing does (see press_key)
        bench.settle(2)
        if QApplication.focusWidget() is pane:
            break
    else:
        raise RuntimeError(f"the keyboard focus is not in the rewrite pane: {QApplication.focusWidget()!r}")
    return pane.textCursor()
