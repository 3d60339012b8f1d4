"""File ▸ Import and Export past their dialogs, for GUI tests: the import runs as an operation on
the store thread, the export on the background runner. Reached as ``WriterDriver.transfers``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot, SignalBlocker

from workstation.core.formats.export import ExportResult
from workstation.gui.dialogs.import_progress import ImportProgressDialog
from workstation.gui.dialogs.transfer_dialogs import ExportOptions, ImportOptions
from workstation.gui.writer.transfers import ImportOutcome
from workstation.gui.writer.window import WriterWindow

TRANSFER_MS = 10_000
"""How long an import or export of a few thousand tasks may take on a loaded machine."""


class TransferDriver:
    def __init__(self, window: WriterWindow, qtbot: QtBot) -> None:
        self._window = window
        self._runner = window.transfers
        self._qtbot = qtbot

    # ----- import
    def start_import(self, paths: Iterable[Path], project: str = "Imported", fmt: str | None = None) -> None:
        """Import ``paths`` into ``project`` (``fmt`` None: detected), without waiting."""
        self._runner.start_import(ImportOptions(tuple(paths), project, fmt))

    def cancel_import(self) -> None:
        """Press Cancel in the import's progress dialog."""
        self._runner.cancel_import()

    def progress_dialog(self) -> ImportProgressDialog | None:
        """The running import's progress window (shown or about to be), None between imports."""
        return self._runner.progress_dialog

    def press_cancel_in_progress_window(self) -> None:
        """Click Cancel in the import's progress window, as the writer would."""
        dialog = self._runner.progress_dialog
        assert dialog is not None and dialog.isVisible()
        self._qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    def import_running(self) -> bool:
        """Whether an import is queued or running."""
        return self._runner.busy

    def wait_for_import(self, timeout: int = TRANSFER_MS) -> SignalBlocker:
        """``with`` it: waits until an import finished; ``.args[0]`` is its ImportOutcome."""
        return self._qtbot.waitSignal(self._runner.import_finished, timeout=timeout)

    def wait_for_import_failure(self, timeout: int = TRANSFER_MS) -> SignalBlocker:
        """``with`` it: waits until an import failed as a whole; ``.args[0]`` is the OperationFailed."""
        return self._qtbot.waitSignal(self._runner.import_failed, timeout=timeout)

    def import_files(
        self,
        paths: Iterable[Path],
        project: str = "Imported",
        fmt: str | None = None,
        timeout: int = TRANSFER_MS,
    ) -> ImportOutcome:
        """Import ``paths`` and wait for the outcome the writer is shown."""
        with self.wait_for_import(timeout) as blocker:
            self.start_import(paths, project, fmt)
        outcome = blocker.args[0]
        assert isinstance(outcome, ImportOutcome)
        return outcome

    def report_details(self) -> str:
        """The detailed text of the report shown after the last import ('' if none)."""
        box = self._window.file_commands.last_message
        return box.detailedText() if box is not None else ""

    def close_report(self) -> None:
        """Dismiss the report shown after an import."""
        box = self._window.file_commands.last_message
        if box is not None:
            box.close()

    # ----- export
    def export(self, options: ExportOptions, timeout: int = TRANSFER_MS) -> int:
        """Export with ``options`` and wait; returns how many rewrites were written."""
        return self.export_result(options, timeout).written

    def export_result(self, options: ExportOptions, timeout: int = TRANSFER_MS) -> ExportResult:
        """Export with ``options`` and wait; returns what was written and what was refused."""
        with self._qtbot.waitSignal(self._runner.export_finished, timeout=timeout) as blocker:
            self._runner.start_export(options)
        result = blocker.args[1]
        assert isinstance(result, ExportResult)
        return result
