"""The figures pass in the app: received items get their figures in the background, batch by batch.

Receiving stores items without the reviewer's figures (``core.review.figures_pass``), so a big
import is in the queue at once; this then runs the pass as a chain of small operations on the
store thread, each computing :data:`BATCH_ITEMS` items (about 0.15 s), so a verdict the reviewer
gives meanwhile waits at most one batch to be written. The queue is read again once, when the
pass has finished (reading a big inbox costs seconds; doing it after each batch would freeze the
window). The status bar shows how far it got.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from workstation.core.review.figures_pass import fill_figures
from workstation.core.store import Store
from workstation.core.text.counts import counted
from workstation.gui.context import AppContext
from workstation.gui.operations import Changes, OperationFailed

BATCH_ITEMS = 50
PROGRESS_SHOWN_FROM = 500
"""Passes over fewer items than this finish too quickly to be worth a status line."""


class FiguresFiller(QObject):
    """Emits ``progressed(done, total)`` after each batch and ``finished(done)`` at the end."""

    progressed = Signal(int, int)
    finished = Signal(int)

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.running = False
        self._stopped = False
        self._done = 0
        self._total = 0

    def start(self) -> bool:
        """Start a pass if any item waits for its figures (and none runs); whether one started."""
        if self.running or self._stopped:
            return False
        self._total = self._context.store.inbox.count_without_figures()
        if not self._total:
            return False
        self.running, self._done = True, 0
        self._next_batch()
        return True

    def stop(self) -> None:
        """Stop after the batch under way (the window is closing); the rest waits for the next
        time the window opens, which starts the pass again."""
        self._stopped = True

    def _next_batch(self) -> None:
        def work(store: Store) -> int:
            return fill_figures(store, batch_items=BATCH_ITEMS, max_items=BATCH_ITEMS)

        self._context.ops.run(
            "compute review figures",
            work,
            changes=lambda done: Changes(inbox=True) if done < BATCH_ITEMS else Changes(),
            on_done=self._batch_done,
            on_failed=self._failed,
        )

    def _batch_done(self, done: int) -> None:
        self._done += done
        if self._total >= PROGRESS_SHOWN_FROM:
            self._context.show_message(
                f"Computing edit rates and lint densities: {self._done:,} of {self._total:,} rewrites…", 0
            )
        self.progressed.emit(self._done, max(self._total, self._done))
        if done == BATCH_ITEMS and not self._stopped:
            QTimer.singleShot(0, self._next_batch)
            return
        self._finish()

    def _failed(self, error: OperationFailed) -> None:
        self._context.show_message(f"Figures not computed: {error.message}", 10_000)
        self._finish()

    def _finish(self) -> None:
        self.running = False
        if self._total >= PROGRESS_SHOWN_FROM:
            self._context.show_message(f"Computed the figures of {counted(self._done, 'rewrite')}.", 6000)
        self.finished.emit(self._done)
