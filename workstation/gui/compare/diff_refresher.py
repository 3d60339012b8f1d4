"""Recomputes the analysis (diff, lint, metrics) after the writer pauses, on or off the GUI thread.

Small texts are analysed at once on the GUI thread (well under a frame); large ones go to the
background runner. A generation counter drops stale results: if the text changed while a worker
was busy, its answer is thrown away and only the newest one is painted.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from workstation.core.analysis.analyser import Analysis
from workstation.core.analysis.comparison import Comparison, compare
from workstation.gui.common import sizes
from workstation.gui.common.background import BackgroundRunner, report_unexpected

TextSource = Callable[[], tuple[str, str]]
WORKER_HEAD_START_S = 0.006  # seconds; a repaint of the edited paragraph takes ~4 ms
Compute = Callable[[str, str, Comparison | None], Analysis]


class DiffRefresher(QObject):
    analysis_ready = Signal(object)  # Analysis
    # Off the GUI thread the word diff is delivered first, then the prose analysis: the diff and
    # edit metrics show without waiting for lint and spelling. Emitted from the worker thread.
    comparison_ready = Signal(object, int)  # Comparison, generation
    diff_ready = Signal(object)  # Comparison, on the GUI thread, current generation only

    def __init__(
        self, runner: BackgroundRunner, texts: TextSource, compute: Compute, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._texts = texts
        self._compute = compute
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(sizes.DIFF_DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh_now)
        self.comparison_ready.connect(self._deliver_comparison)
        self.off_thread_threshold = sizes.OFF_THREAD_DIFF_CHARS
        self.sync_diff_threshold = sizes.SYNC_DIFF_ON_OPEN_CHARS
        self.early_diff_threshold = sizes.EARLY_DIFF_CHARS
        self.in_flight = 0
        self._rerun = False  # the text changed while a worker was busy: analyse once more after it
        self._closed = False

    def shutdown(self) -> None:
        self._closed = True
        self._timer.stop()
        self._generation += 1  # anything still on a worker arrives stale and is dropped

    def schedule(self) -> None:
        """Text changed: recompute after a short pause in typing."""
        self._generation += 1
        self._timer.start()

    def refresh_now(self, *, diff_first: bool = False) -> None:
        """Analyse the current texts now.

        ``diff_first`` (a task was just opened): for a pair up to ``sync_diff_threshold``
        characters the word diff is computed here and painted at once, and only lint and spelling
        go to the worker — the writer sees the changes without waiting for the prose analysis.
        """
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        original, rewrite = self._texts()
        size = len(original) + len(rewrite)
        if size <= self.off_thread_threshold:
            self.analysis_ready.emit(self._compute(original, rewrite, None))
            return
        known: Comparison | None = None
        if diff_first and size <= self.sync_diff_threshold:
            known = compare(original, rewrite)
            self.diff_ready.emit(known)
        if self.in_flight:
            self._rerun = True  # one job at a time; never a queue of stale analyses
            return
        self.in_flight += 1

        def work(_context: object) -> Analysis:
            # Let the GUI thread repaint first (the keystroke, or the task just opened): the
            # highlighter runs Python, and a worker computing at once would make it queue for
            # the interpreter.
            time.sleep(WORKER_HEAD_START_S)
            comparison = known
            if comparison is None:
                comparison = compare(original, rewrite)
                if size > self.early_diff_threshold:  # lint and spelling will take a while yet
                    self.comparison_ready.emit(comparison, generation)
            return self._compute(original, rewrite, comparison)

        self._runner.submit(
            work,
            on_done=lambda result: self._deliver(generation, result),
            on_error=self._failed,
        )

    def _failed(self, error: Exception) -> None:
        self._done()
        report_unexpected(error)

    def _done(self) -> None:
        self.in_flight -= 1
        if self._rerun and not self._closed:
            self._rerun = False
            self.refresh_now()

    def _deliver_comparison(self, comparison: Comparison, generation: int) -> None:
        if generation == self._generation:
            self.diff_ready.emit(comparison)

    def _deliver(self, generation: int, analysis: Analysis) -> None:
        if generation == self._generation:
            self.analysis_ready.emit(analysis)
        self._done()
