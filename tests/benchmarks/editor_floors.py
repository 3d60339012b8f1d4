"""Floors for the editor benchmark: what Qt alone costs for the same job, measured in the same run.

Each figure of ``bench_editor.py`` is printed beside the time a bare Qt program takes for the
same visible result, so a reader can tell the app's own share from the machine's and the load's:

- cold start: a fresh Python process that imports PySide6's widgets, shows a window of two plain
  text editors holding the demo's first task and prints ``READY`` from the event loop's turn
  after the first paint (``editor_floor_child.py``); it takes turns with the app's cold starts;
- keystroke: one key typed into a bare ``QPlainTextEdit`` beside another, both holding the same
  texts as the app's panes (no diff, no lint, no metrics), until its viewport is painted again;
- next task: both bare editors given the next task's texts until the viewport is painted.

All times are milliseconds.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from editor_bench_data import TextPair
from editor_bench_support import PaintSeen, elapsed_ms, summary
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QSplitter

FLOOR_CHILD = Path(__file__).resolve().parent / "editor_floor_child.py"
WINDOW_SIZE = (1400, 860)
"""The size the benchmark's app window is shown at (``BenchWindow``)."""


def floor_cold_start(data_dir: Path) -> float:
    """One bare Qt start (``editor_floor_child.py``) on ``data_dir``'s first task: spawn → READY."""
    spawned = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(FLOOR_CHILD), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    ready_ms: float | None = None
    for line in child.stdout:
        if line.startswith("READY") and ready_ms is None:
            ready_ms = elapsed_ms(spawned)
    if child.wait() != 0 or ready_ms is None:
        raise RuntimeError(f"floor child failed (exit {child.returncode})")
    return ready_ms


class BarePanes:
    """Two plain text editors side by side in a splitter, shown at the app window's size."""

    def __init__(self, pair: TextPair) -> None:
        self.app = QApplication.instance() or QApplication([])
        self.window = QSplitter(Qt.Orientation.Horizontal)
        self.original = QPlainTextEdit()
        self.original.setReadOnly(True)
        self.rewrite = QPlainTextEdit()
        for pane in (self.original, self.rewrite):
            self.window.addWidget(pane)
        self.seen = PaintSeen()
        self.rewrite.viewport().installEventFilter(self.seen)
        self.window.resize(*WINDOW_SIZE)
        self.set_texts(pair)
        self.window.show()
        self.settle()

    def set_texts(self, pair: TextPair) -> None:
        self.original.setPlainText(pair.original)
        self.rewrite.setPlainText(pair.rewrite)

    def settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()

    def until_painted(self, before: int) -> None:
        while self.seen.paints <= before:
            self.app.processEvents()

    def keystrokes(self, strokes: int) -> dict[str, float]:
        """Key press → repainted, clicking elsewhere every fifth key as the app's benchmark does."""
        rng = random.Random(11)
        samples: list[float] = []
        for step in range(strokes):
            if step % 5 == 0:
                cursor = self.rewrite.textCursor()
                cursor.setPosition(rng.randrange(self.rewrite.document().characterCount() - 1))
                self.rewrite.setTextCursor(cursor)
                self.rewrite.ensureCursorVisible()
                self.settle()
            character = "abcdefghij"[step % 10]
            before = self.seen.paints
            started = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, character)
                QApplication.sendEvent(self.rewrite, event)
            self.until_painted(before)
            samples.append(elapsed_ms(started))
        return summary(samples)

    def next_tasks(self, pairs: Sequence[TextPair]) -> dict[str, float]:
        """Both editors given each next pair of texts → the rewrite's viewport painted."""
        samples: list[float] = []
        for pair in pairs:
            before = self.seen.paints
            started = time.perf_counter()
            self.set_texts(pair)
            self.rewrite.moveCursor(QTextCursor.MoveOperation.Start)
            self.until_painted(before)
            samples.append(elapsed_ms(started))
            self.settle()
        return summary(samples)

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        self.settle()


def keystroke_floor(pair: TextPair, strokes: int) -> dict[str, float]:
    panes = BarePanes(pair)
    try:
        return panes.keystrokes(strokes)
    finally:
        panes.close()


def next_task_floor(pairs: Sequence[TextPair]) -> dict[str, float]:
    panes = BarePanes(pairs[0])
    try:
        return panes.next_tasks(pairs[1:])
    finally:
        panes.close()


def vs_floor(value_ms: float, floor_ms: float) -> dict[str, float]:
    """``value_ms`` beside its floor (the same kind of figure of the bare program) and the ratio."""
    ratio = round(value_ms / floor_ms, 2)
    return {"value_ms": round(value_ms, 2), "floor_ms": round(floor_ms, 2), "ratio": ratio}
