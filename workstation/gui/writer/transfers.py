"""Imports and exports with a progress dialog that can cancel.

An import writes to the store, so it is an operation on the store thread (each file its own
all-or-nothing transaction); autosaves queued meanwhile run right after it, in order. Its
progress window (:mod:`~workstation.gui.dialogs.import_progress`) shows the share of the files'
bytes imported so far; Cancel stops the file being imported and rolls it back. An export only
reads: it runs on the background runner with its own read-only connection.
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from workstation.core.files.inputs import TASK_FILE, InputRefused, check_input_file
from workstation.core.store import ImportProgress, ImportStage, Store, StoreError
from workstation.core.text.counts import counted
from workstation.core.text.safe_text import one_line
from workstation.gui.common.background import report_unexpected
from workstation.gui.common.plain_text import shown_list
from workstation.gui.context import AppContext
from workstation.gui.dialogs.import_progress import ImportProgressDialog
from workstation.gui.operations import Changes, OperationFailed

if TYPE_CHECKING:  # the task file formats are imported when an import or export runs
    from workstation.core.formats.export import ExportResult
    from workstation.core.store import ImportResult
    from workstation.gui.dialogs.transfer_dialogs import ExportOptions, ImportOptions

EXPORT_FAILURES = (OSError, StoreError, ValueError)
IMPORT_FAILURES = (OSError, StoreError, sqlite3.Error, InputRefused)
"""What stops an import part-way: the machine (full disk, unreadable file), not a bad record."""
"""A full disk, an unwritable path, a damaged store: told in words."""


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did, file by file. ``failure`` names the file the machine stopped at (a full
    disk, an unreadable file) and says why; the files before it are in the store."""

    results: tuple[ImportResult, ...]
    cancelled: bool
    failure: tuple[Path, str] | None = None

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
        if self.failure is not None:
            path, reason = self.failure
            lines.append(f"{one_line(path.name)}: not imported: {reason}")
        return "\n".join(lines)

    def details(self) -> str:
        return "\n".join(error for result in self.results for error in result.errors)

    @property
    def added(self) -> int:
        return sum(result.added for result in self.results)

    def done_sentence(self) -> str:
        """A good import in one short line, for the status bar: "Imported 4,000 tasks from
        batch.jsonl (12 already there)"; several files are counted, not named."""
        files = self.results
        source = one_line(Path(files[0].path).name) if len(files) == 1 else counted(len(files), "file")
        present = sum(result.already_present for result in files)
        there = f" ({present:,} already there)" if present else ""
        return f"Imported {counted(self.added, 'task')} from {source}{there}"

    @property
    def went_in_whole(self) -> bool:
        """Every file was imported whole (its tasks added or found there already): nothing to
        look into."""
        return (
            bool(self.results)
            and not self.cancelled
            and self.failure is None
            and all(result.ok for result in self.results)
        )


def import_files(
    store: Store,
    options: ImportOptions,
    cancel: threading.Event,
    progress: Callable[[ImportProgress], None] | None = None,
    pace: Callable[[], object] | None = None,
) -> ImportOutcome:
    """Import every file of ``options`` into ``store``; each file is its own all-or-nothing
    transaction. ``progress`` hears how far the import got (on the store thread), its fraction
    over all the files by size; ``pace`` is called between records on the reading thread (it
    waits while the writer types). A cancel stops the file being imported and rolls it back."""
    results: list[ImportResult] = []
    overall = _OverallProgress(options.paths, progress)
    for index, path in enumerate(options.paths):
        if cancel.is_set():
            break
        try:
            check_input_file(path, TASK_FILE)  # a FIFO or device would block or never end
            result = store.import_file(
                path,
                project=options.project,
                fmt=options.fmt,
                on_progress=overall.for_file(index),
                should_cancel=cancel.is_set,
                pace=pace,
            )
        except IMPORT_FAILURES as exc:  # this file is rolled back; the ones before it stay
            return ImportOutcome(tuple(results), _stopped(results, cancel), (path, one_line(str(exc))))
        results.append(result)
    return ImportOutcome(tuple(results), _stopped(results, cancel, len(options.paths)))


def _stopped(results: list[ImportResult], cancel: threading.Event, planned: int | None = None) -> bool:
    """Whether a cancel stopped something: a file rolled back, or files never started. A cancel
    that came too late (the last file was already committing) stopped nothing."""
    if any(result.cancelled for result in results):
        return True
    return cancel.is_set() and planned is not None and len(results) < planned


class _OverallProgress:
    """Turns each file's progress into progress over all files, weighted by their sizes."""

    def __init__(self, paths: tuple[Path, ...], report: Callable[[ImportProgress], None] | None) -> None:
        self._report = report
        self._sizes = [_size(path) for path in paths]
        self._total = sum(self._sizes) or 1

    def for_file(self, index: int) -> Callable[[ImportProgress], None] | None:
        report = self._report
        if report is None:
            return None
        before = sum(self._sizes[:index])
        size = self._sizes[index]
        last = index == len(self._sizes) - 1

        def forward(progress: ImportProgress) -> None:
            fraction = min(1.0, (before + progress.fraction * size) / self._total)
            stage = progress.stage
            if stage is ImportStage.DONE and not last:
                stage = ImportStage.FINISHING  # one file is in; the whole import is not done
            report(dataclasses.replace(progress, stage=stage, fraction=fraction))

        return forward


def _size(path: Path) -> int:
    try:
        return max(os.stat(path).st_size, 1)
    except OSError:
        return 1  # reported by the import itself


def _import_changes(outcome: ImportOutcome) -> Changes:
    return Changes(tasks=outcome.added > 0, projects=True)


def run_export_job(data_dir: Path, options: ExportOptions) -> ExportResult:
    from workstation.core.formats.export import write_export  # the formats: not needed to paint

    with Store(data_dir, readonly=True) as store:
        pairs = store.rewrites.pairs(statuses=options.statuses, project=options.project)
        unconfirmed = store.rewrites.count_unconfirmed(statuses=options.statuses, project=options.project)
        return dataclasses.replace(write_export(pairs, options.fmt, options.out), unconfirmed=unconfirmed)


class TransferRunner(QObject):
    """Starts imports and exports and shows their progress."""

    import_finished = Signal(object)  # ImportOutcome
    import_failed = Signal(object)  # OperationFailed
    export_finished = Signal(object, object)  # ExportOptions, ExportResult
    export_failed = Signal(str)
    _progress = Signal(object)  # ImportProgress, emitted on the store thread

    def __init__(self, context: AppContext, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._context = context
        self._parent = parent_widget
        self.busy = False
        self._cancel = threading.Event()
        self._dialog: ImportProgressDialog | None = None
        self._progress.connect(self._show_progress)

    def start_import(self, options: ImportOptions) -> None:
        self.busy = True
        self._cancel = cancel = threading.Event()
        dialog = ImportProgressDialog(self._parent)
        dialog.cancel_requested.connect(cancel.set)
        dialog.show_soon()
        self._dialog = dialog
        signal, pace = self._progress, self._context.activity.pacer()
        self._context.ops.run(
            "import tasks",
            lambda store: import_files(store, options, cancel, signal.emit, pace),
            changes=_import_changes,
            on_done=self._import_done,
            on_failed=self._import_error,
        )

    @property
    def progress_dialog(self) -> ImportProgressDialog | None:
        """The running import's progress window (shown or about to be), None between imports."""
        return self._dialog

    def _show_progress(self, progress: ImportProgress) -> None:
        if self._dialog is not None:
            self._dialog.show_progress(progress)

    def _finish(self) -> None:
        if self._dialog is not None:
            self._dialog.finish()
            self._dialog = None
        self.busy = False

    def _import_done(self, outcome: ImportOutcome) -> None:
        self._finish()
        self.import_finished.emit(outcome)

    def _import_error(self, error: OperationFailed) -> None:
        self._finish()
        self.import_failed.emit(error)

    def cancel_import(self) -> None:
        """Stop the running import, as its Cancel button does (the window says so)."""
        if self._dialog is not None:
            self._dialog.request_cancel()
        self._cancel.set()

    def start_export(self, options: ExportOptions) -> None:
        data_dir = self._context.data_dir
        self._context.runner.submit(
            lambda _job: run_export_job(data_dir, options),
            on_done=lambda result: self.export_finished.emit(options, result),
            on_error=self._export_error,
        )

    def _export_error(self, error: Exception) -> None:
        from workstation.core.formats.export import NothingExported

        if isinstance(error, NothingExported):
            self.export_failed.emit(
                f"Nothing was exported: {counted(len(error.refused), 'rewrite')} could not be written "
                f"as JSON:\n\n{shown_list(error.refused, 'rewrite')}\n\nAny earlier file there "
                "was left as it was."
            )
        elif isinstance(error, EXPORT_FAILURES):
            self.export_failed.emit(str(error))
        else:
            report_unexpected(error)
