"""The import's progress window: a real percentage, the stage in words, and a Cancel that works.

It appears :data:`~workstation.gui.common.sizes.PROGRESS_SHOW_AFTER_MS` after the import starts
(an import that finishes sooner never flashes a window), and it is not modal and does not take the
keyboard: the import runs on the store thread and the writer may go on writing meanwhile. Cancel
(or Escape in the window, or closing it) asks the import to stop; the window stays up, saying so,
until the import has rolled back. Once every record is in and the import commits, Cancel is
disabled: that step cannot be undone half-way, and a button that would do nothing must not look
as if it could.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QProgressBar, QPushButton, QVBoxLayout, QWidget

from workstation.core.store import ImportProgress, ImportStage
from workstation.gui.common import sizes
from workstation.gui.common.plain_text import plain_label, shown_line, tooltip

FILE_NAME_CHARS = 60
"""The most of a file's name the label shows."""


def stage_sentence(progress: ImportProgress) -> str:
    """What the import is doing, in words, for the label above the bar."""
    name = shown_line(Path(progress.path).name, FILE_NAME_CHARS)
    if progress.stage is ImportStage.READING:
        return f"Reading {name}…"
    if progress.stage is ImportStage.WRITING:
        return f"Importing {name}: {progress.records:,} tasks read…"
    if progress.stage is ImportStage.INDEXING:
        return f"Indexing the {progress.records:,} tasks of {name} for search…"
    return f"Saving the {progress.records:,} tasks of {name}…"


class ImportProgressDialog(QDialog):
    """Shows one import's progress; ``cancel_requested`` fires once when the writer cancels."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import")
        self.setWindowModality(Qt.WindowModality.NonModal)
        # It comes up a moment after the start, when the writer may be typing again: taking the
        # keyboard then would send the next space to Cancel.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.label = plain_label("Starting the import…")
        self.label.setMinimumWidth(sizes.PROGRESS_LABEL_WIDTH)  # the window keeps its size
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.bar.setFormat("%p%")
        self.bar.setTextVisible(True)
        self.bar.setAccessibleName("Import progress")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert button is not None
        self.cancel_button: QPushButton = button
        self.cancel_button.clicked.connect(self.request_cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(buttons)
        self._cancelled = False
        self._done = False
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(sizes.PROGRESS_SHOW_AFTER_MS)
        self._show_timer.timeout.connect(self.show)
        self._shown: ImportProgress | None = None
        self._latest: ImportProgress | None = None
        self._repaint_timer = QTimer(self)
        self._repaint_timer.setSingleShot(True)
        self._repaint_timer.setInterval(sizes.PROGRESS_REPAINT_MS)
        self._repaint_timer.timeout.connect(self._show_latest)

    @property
    def percent(self) -> int:
        return self.bar.value()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def show_soon(self) -> None:
        """Appear after the short delay, unless the import finished first."""
        self._show_timer.start()

    def show_progress(self, progress: ImportProgress) -> None:
        """Move the bar (never backwards) and say what the import is doing: a new stage at once,
        the rest at most every :data:`~workstation.gui.common.sizes.PROGRESS_REPAINT_MS`."""
        self._latest = progress
        new_stage = self._shown is None or progress.stage is not self._shown.stage
        if new_stage or not self._repaint_timer.isActive():
            self._show_latest()

    def _show_latest(self) -> None:
        progress = self._latest
        if progress is None or progress is self._shown:
            return
        self._shown = progress
        self._repaint_timer.start()  # what comes meanwhile waits for it
        if progress.percent > self.bar.value():
            self.bar.setValue(progress.percent)
        if self._cancelled:
            return
        self.label.setText(stage_sentence(progress))
        cancellable = progress.stage.cancellable
        self.cancel_button.setEnabled(cancellable)
        self.cancel_button.setToolTip(
            tooltip("" if cancellable else "The tasks are being saved; this step cannot be cancelled.")
        )

    def request_cancel(self) -> None:
        """The writer pressed Cancel: ask once, and say that nothing of the file will be added."""
        if self._cancelled or not self.cancel_button.isEnabled():
            return
        self._cancelled = True
        self.cancel_button.setEnabled(False)
        self.label.setText("Cancelling… nothing from this file will be added.")
        self.cancel_requested.emit()

    def finish(self) -> None:
        """The import ended (done, cancelled or failed): close for good."""
        self._done = True
        self._show_timer.stop()
        self._repaint_timer.stop()
        self.close()
        self.deleteLater()

    def reject(self) -> None:
        """Escape or the title bar's close button: a cancel, not a way to hide a running import."""
        if self._done:
            super().reject()
        else:
            self.request_cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._done:
            event.accept()
        else:
            event.ignore()
            self.request_cancel()
