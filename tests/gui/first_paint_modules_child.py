"""Child process of ``test_gui_import_budget.py``: start the app the way ``workstation --data-dir
DATA_DIR`` does and write (to OUT, as JSON) the modules imported when the window was first painted,
and again once the start-up's deferred work (the first task, the rules, the warm-up) is done.

Usage: ``first_paint_modules_child.py DATA_DIR OUT``. The child quits the app itself: at the
latest ``SETTLE_TIMEOUT_S`` after the first paint.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from workstation.cli import main
from workstation.gui import app as app_module
from workstation.gui.common.warm_up import GUI_MODULES

SETTLE_TIMEOUT_S = 6.0
POLL_MS = 20
WARMED_LAST = GUI_MODULES[-1]
"""The last module the warm-up imports: once it is there, the warm-up is done."""


class _PaintSeen(QObject):
    painted = False

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def _report(window: Any, painted: bool, at_paint: list[str], out: Path) -> None:
    """Wait (on the event loop) for the deferred work, then write what was seen and quit."""
    deadline = time.monotonic() + SETTLE_TIMEOUT_S

    def settled() -> bool:
        categories = window.prose.findings.categories.count()
        ready = window.session.task is not None and window.key_status.read
        return ready and WARMED_LAST in sys.modules and categories > 0

    def poll() -> None:
        if not settled() and time.monotonic() < deadline:
            QTimer.singleShot(POLL_MS, poll)
            return
        task = window.session.task
        result = {
            "painted": painted,
            "at_first_paint": at_paint,
            "settled": sorted(sys.modules),
            "first_task": task.id if task is not None else None,
            "categories_listed": window.prose.findings.categories.count(),
            "key_state_read": window.key_status.read,
        }
        out.write_text(json.dumps(result), encoding="utf-8")
        window.close()
        QApplication.quit()

    poll()


def main_child(data_dir: str, out: Path) -> int:
    real_after_first_paint = app_module.after_first_paint

    def watched(widget: QWidget, then: Callable[[], None]) -> None:
        seen = _PaintSeen(widget)
        widget.installEventFilter(seen)

        def at_first_paint() -> None:
            at_paint = sorted(sys.modules)  # before ``then`` opens the first task
            widget.removeEventFilter(seen)
            then()
            _report(widget, seen.painted, at_paint, out)

        real_after_first_paint(widget, at_first_paint)

    app_module.after_first_paint = watched
    return main(["--data-dir", data_dir])


if __name__ == "__main__":
    sys.exit(main_child(sys.argv[1], Path(sys.argv[2])))
