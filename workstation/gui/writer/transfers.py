"""Running imports and exports in the background with a progress dialog that can cancel.

Each job opens its own SQLite connection (DESIGN.md: one writer connection on the GUI thread,
background work gets its own); the window pauses autosave while an import holds the write lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from workstation.core.formats.export import write_export
from workstation.core.store import ImportResult, Store
from workstation.gui.common.background import BackgroundRunner, JobContext, JobHandle
from workstation.gui.dialogs.transfer_dialogs import ExportOptions, ImportOptions


@dataclass(frozen=True)
class ImportOutcome:
    results: tuple[ImportResult, ...]
    cancelled: bool

    def summary(self) -> str:
        lines = []
        for result in self.results:
            name = Path(result.path).name
            if result.ok:
                lines.append(f"{name}: {result.added} added, {result.already_present} already present")
            elif result.cancelled:
                lines.append(f"{name}: cancelled; nothing from this file was added")
            else:
                lines.append(f"{name}: not imported, {result.error_count} problem(s); nothing was added")
        return "\n".join(lines)

    def details(self) -> str:
        return "\n".join(error for result in self.results for error in result.errors)


def run_import_job(data_dir: Path, options: ImportOptions, context: JobContext) -> ImportOutcome:
    """Import every file of ``options``; each file is its own all-or-nothing transaction."""
    results: list[ImportResult] = []
    with Store(data_dir) as store:
        for path in options.paths:
            if context.cancelled:
                break
            results.append(
                store.import_file(
                    path,
                    project=options.project,
                    fmt=options.fmt,
                    on_progress=context.progress,
                    should_cancel=lambda: context.cancelled,
                )
            )
    return ImportOutcome(tuple(results), context.cancelled)


def run_export_job(data_dir: Path, options: ExportOptions, _context: JobContext) -> int:
    with Store(data_dir) as store:
        pairs = store.rewrites.pairs(statuses=options.statuses, project=options.project)
        return write_export(pairs, options.fmt, options.out)


class TransferRunner(QObject):
    """Starts jobs and shows their progress. Emits when an import starts and ends."""

    import_started = Signal()
    import_finished = Signal(object)  # ImportOutcome
    import_failed = Signal(str)
    export_finished = Signal(object, int)  # ExportOptions, count
    export_failed = Signal(str)

    def __init__(self, runner: BackgroundRunner, data_dir: Path, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._runner = runner
        self._data_dir = data_dir
        self._parent = parent_widget
        self.busy = False
        self._import_handle: JobHandle | None = None

    def start_import(self, options: ImportOptions) -> None:
        self.busy = True
        self.import_started.emit()
        progress = QProgressDialog("Importing tasks…", "Cancel", 0, 0, self._parent)
        progress.setWindowTitle("Import")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        handle = self._runner.submit(
            lambda context: run_import_job(self._data_dir, options, context),
            on_done=lambda outcome: self._import_done(progress, outcome),
            on_error=lambda message, _tb: self._import_error(progress, message),
            on_progress=lambda count: progress.setLabelText(f"Importing tasks… {count:,} read"),
        )
        progress.canceled.connect(handle.cancel)
        self._import_handle = handle

    def _import_done(self, progress: QProgressDialog, outcome: ImportOutcome) -> None:
        progress.reset()
        self.busy = False
        self.import_finished.emit(outcome)

    def _import_error(self, progress: QProgressDialog, message: str) -> None:
        progress.reset()
        self.busy = False
        self.import_failed.emit(message)

    def cancel_import(self) -> None:
        if self._import_handle is not None:
            self._import_handle.cancel()

    def start_export(self, options: ExportOptions) -> None:
        self._runner.submit(
            lambda context: run_export_job(self._data_dir, options, context),
            on_done=lambda count: self.export_finished.emit(options, count),
            on_error=lambda message, _tb: self.export_failed.emit(message),
        )
