"""File ▸ Import verdicts…: a reviewer's verdict bundles into the writer's store, as an operation.

The import writes to the store, so it runs on the store thread (``context.ops``), each file in
its own transaction; the window then shows the verdicts on their tasks and the reopened tasks in
the queue (``Changes.reviewed`` and ``Changes.tasks``). The report is plain text: reviewer names,
reasons and file names come from outside.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from workstation.gui.common.plain_text import message_box, show_message
from workstation.gui.context import AppContext
from workstation.gui.operations import Changes, OperationFailed

if TYPE_CHECKING:  # verifying verdict bundles brings pydantic's models and cryptography
    from workstation.core.verdicts.files import VerdictFilesOutcome

FILE_FILTER = "Verdict bundles (*.zip);;All files (*)"


def _changes(outcome: VerdictFilesOutcome) -> Changes:
    return Changes(tasks=bool(outcome.reopened), reviewed=outcome.reviewed_tasks | set(outcome.reopened))


class VerdictImporter(QObject):
    """Asks for verdict bundle files and imports them; ``finished`` carries the outcome."""

    finished = Signal(object)  # VerdictFilesOutcome

    def __init__(self, context: AppContext, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._context = context
        self._parent = parent_widget
        self.last_message: QMessageBox | None = None  # the latest report (kept for tests)

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self._parent, "Import verdicts", str(Path.home()), FILE_FILTER
        )
        if names:
            self.start([Path(name) for name in names])

    def start(self, paths: list[Path]) -> None:
        from workstation.core.verdicts.files import import_verdict_files  # warmed after the paint

        self._context.ops.run(
            "import verdicts",
            lambda store: import_verdict_files(store, paths),
            changes=_changes,
            on_done=self._done,
            on_failed=self._failed,
        )

    def _done(self, outcome: VerdictFilesOutcome) -> None:
        details = outcome.details()
        box = message_box(
            self._parent,
            QMessageBox.Icon.Warning if outcome.refused or details else QMessageBox.Icon.NoIcon,
            "Verdicts imported" if outcome.imports else "No verdicts imported",
            outcome.summary() or "Nothing was imported.",
        )
        if details:
            box.setDetailedText(details)  # a plain-text box behind "Show Details…"
        box.open()
        self.last_message = box
        if outcome.reopened:
            count = len(outcome.reopened)
            self._context.show_message(f"{count} task(s) are back in your queue with revisions requested")
        self.finished.emit(outcome)

    def _failed(self, error: OperationFailed) -> None:
        if error.expected:
            self.last_message = show_message(
                self._parent,
                QMessageBox.Icon.Warning,
                "Import failed",
                f"Verdicts not imported: {error.message}",
            )
