"""Child process of ``bench_editor.py``'s cold start floor: the least a Qt program does to show
what the app shows first, the first task's original and rewrite side by side.

Usage: ``editor_floor_child.py DATA_DIR``. Imports PySide6's widgets (not the app), reads the
first task's texts from the data dir's SQLite file with the standard library, shows them in two
plain text editors at the benchmark window's size and prints ``READY`` from the event loop's turn
after the first paint; the parent times spawn → READY.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QSplitter

WINDOW_SIZE = (1400, 860)


def first_task(data_dir: Path) -> tuple[str, str]:
    uri = f"file:{data_dir / 'workstation.sqlite3'}?mode=ro"
    with sqlite3.connect(uri, uri=True) as conn:
        row = conn.execute(
            "SELECT t.original, coalesce(r.text, t.original) FROM tasks t "
            "LEFT JOIN rewrites r ON r.task_id = t.id ORDER BY t.seq LIMIT 1"
        ).fetchone()
    return (str(row[0]), str(row[1])) if row else ("", "")


class FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, ready)
        return False


def ready() -> None:
    print("READY", flush=True)
    QApplication.quit()


def main() -> int:
    original, rewrite = first_task(Path(sys.argv[1]))
    app = QApplication(sys.argv[:1])
    window = QSplitter(Qt.Orientation.Horizontal)
    panes = [QPlainTextEdit(original), QPlainTextEdit(rewrite)]
    for pane in panes:
        window.addWidget(pane)
    painted = FirstPaint()
    panes[1].viewport().installEventFilter(painted)
    window.resize(*WINDOW_SIZE)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
