"""Child process for the SIGKILL test: opens the app on a data dir and types like a writer.

It types a first burst, waits past the autosave debounce and prints ``PAUSED <text>``, then
``SECOND <UTC time>`` as it starts a second burst, and ``TYPING`` while keys are still arriving;
the parent kills it. After every save the store confirmed it prints ``SAVED <json>``: the task's
work sessions as the store holds them then, so the parent can tell which save was the last.
"""

from __future__ import annotations

import json
import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QTextCursor

from workstation.core.clock import now_iso
from workstation.core.files.datadir import DataDirLock
from workstation.core.models import Rewrite
from workstation.gui.app import ensure_application, open_window
from workstation.gui.common.settings import AppSettings

FIRST = "The first burst of typing. "
SECOND = "A second burst that the kill interrupts"


def main() -> None:
    data_dir = Path(sys.argv[1])
    app = ensure_application()
    lock = DataDirLock(data_dir)
    lock.acquire()
    settings = AppSettings(QSettings(str(data_dir / "child.ini"), QSettings.Format.IniFormat))
    window = open_window(data_dir, settings=settings)
    window.show()
    window.open_first_task()
    store = window.context.store

    def report_saved(rewrite: Rewrite) -> None:
        sessions = [s.model_dump(mode="json") for s in store.work_sessions.for_task(rewrite.task_id)]
        print(
            "SAVED", json.dumps({"active_seconds": rewrite.active_seconds, "sessions": sessions}), flush=True
        )

    window.session.saved.connect(report_saved)
    pane = window.diff_view.rewrite_pane
    cursor = pane.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    pane.setTextCursor(cursor)
    queue = list(FIRST)

    def type_next() -> None:
        if queue:
            pane.textCursor().insertText(queue.pop(0))
            QTimer.singleShot(5, type_next)
        else:
            QTimer.singleShot(1200, report_pause)

    def report_pause() -> None:
        print("PAUSED", pane.text()[:200].replace("\n", "\\n"), flush=True)
        print("SECOND", now_iso(), flush=True)
        queue.extend(SECOND)
        type_more()

    def type_more() -> None:
        if queue:
            pane.textCursor().insertText(queue.pop(0))
            if len(queue) == len(SECOND) - 5:
                print("TYPING", flush=True)
            QTimer.singleShot(20, type_more)

    QTimer.singleShot(0, type_next)
    app.exec()


if __name__ == "__main__":
    main()
