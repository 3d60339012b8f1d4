"""The dialog an unexpected error shows: what failed, whether the text is saved, where the log is.

Everything in it is plain text: the error message can quote a task, a file name or a server's
answer, and Qt would otherwise guess that ``<b>x</b>`` is markup. :func:`build_crash_dialog`
returns the dialog without running it, so tests read it instead of clicking through ``exec()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from workstation import APP_NAME
from workstation.gui.common.plain_text import make_labels_plain

FolderOpener = Callable[[Path], bool]


@dataclass(frozen=True)
class CrashReport:
    """One unexpected error as the writer is told about it (strings only: safe to pass threads).

    ``summary`` is ``"Type: message"``; ``details`` the full traceback; ``saved_state`` a short
    sentence from the window ("Your text is saved.") or None to say nothing; ``log_file`` the file
    the traceback went to, or None when there is no log.
    """

    summary: str
    details: str
    thread_name: str
    on_gui_thread: bool
    log_file: Path | None = None
    saved_state: str | None = None


class CrashChoice(Enum):
    OPEN_LOG_FOLDER = "open log folder"
    CLOSE = "close"


def open_folder_in_file_manager(folder: Path) -> bool:
    """Show ``folder`` in the desktop's file manager; False when the desktop refused."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _explanation(report: CrashReport) -> str:
    where = "" if report.on_gui_thread else " in a background task"
    return f"{APP_NAME} ran into an unexpected error{where}.\n\nWhat failed: {report.summary}"


def _advice(report: CrashReport, more_errors: int) -> str:
    lines: list[str] = []
    if report.saved_state:
        lines.append(report.saved_state)
    if report.log_file is not None:
        lines.append(f"The details are in the log file {report.log_file}.")
        lines.append("If this keeps happening, send the log folder to whoever supports you.")
    else:
        lines.append("The details could not be written to a log file.")
    if more_errors:
        plural = "error" if more_errors == 1 else "errors"
        lines.append(f"{more_errors} more {plural} happened after this one; the log has them.")
    return "\n\n".join(lines)


class CrashDialog(QMessageBox):
    """A message box with "Open log folder" and "Close"; read :meth:`choice` once it is done."""

    def __init__(
        self,
        report: CrashReport,
        *,
        open_folder: FolderOpener = open_folder_in_file_manager,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.more_errors = 0
        self._open_folder = open_folder
        self.setWindowTitle(f"{APP_NAME}: something went wrong")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(_explanation(report))
        self.setInformativeText(_advice(report, 0))
        self.setDetailedText(report.details)  # shown in a plain-text box behind "Show Details…"
        role = QMessageBox.ButtonRole
        self.open_log_button: QPushButton = self.addButton("Open log folder", role.ActionRole)
        self.close_button: QPushButton = self.addButton("Close", role.RejectRole)
        self.setDefaultButton(self.close_button)
        self.setEscapeButton(self.close_button)
        self.open_log_button.setEnabled(report.log_file is not None)
        self.open_log_button.clicked.connect(self._on_open_log_folder)
        self._force_plain_text()

    def note_more_errors(self, count: int) -> None:
        """Say that ``count`` more errors came while this dialog was open (instead of more dialogs)."""
        self.more_errors += count
        self.setInformativeText(_advice(self.report, self.more_errors))
        self._force_plain_text()

    def choice(self) -> CrashChoice | None:
        """What the writer clicked, or None while the dialog is still open."""
        clicked = self.clickedButton()
        if clicked is self.open_log_button:
            return CrashChoice.OPEN_LOG_FOLDER
        if clicked is self.close_button:
            return CrashChoice.CLOSE
        return None

    def _on_open_log_folder(self) -> None:
        if self.report.log_file is not None:
            self._open_folder(self.report.log_file.parent)

    def _force_plain_text(self) -> None:
        make_labels_plain(self)


def build_crash_dialog(
    report: CrashReport,
    *,
    open_folder: FolderOpener = open_folder_in_file_manager,
    parent: QWidget | None = None,
) -> CrashDialog:
    """The dialog for ``report``, built but not shown: the caller opens it (non-blocking)."""
    return CrashDialog(report, open_folder=open_folder, parent=parent)
