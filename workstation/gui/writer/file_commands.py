"""What the File and Help menus do: import, export, data folders, about, the shortcut sheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from workstation import APP_NAME, __version__
from workstation.core.models import Project
from workstation.core.text.counts import counted
from workstation.gui.common.plain_text import menu_text, message_box, show_message, shown_list
from workstation.gui.context import AppContext
from workstation.gui.dialogs.cheatsheet import CheatSheetDialog
from workstation.gui.operations import Changes, OperationFailed
from workstation.gui.writer.transfers import ImportOutcome, TransferRunner

if TYPE_CHECKING:
    from workstation.core.formats.export import ExportResult
    from workstation.gui.dialogs.transfer_dialogs import ExportOptions

# The task file formats (and the dialogs that list them) are imported by the commands that use
# them: the window is painted without them, and warm_up loads them just after.


class FileCommands:
    def __init__(
        self,
        context: AppContext,
        transfers: TransferRunner,
        save_work: Callable[[], object],
        parent: QWidget,
    ) -> None:
        """``save_work`` hands the current task's changes to the store (before an export)."""
        self._context = context
        self._transfers = transfers
        self._save_work = save_work
        self._parent = parent
        self.last_message: QMessageBox | None = None  # the latest report or warning (kept for tests)

    # ----- import and export
    def import_files(self) -> None:
        from workstation.gui.dialogs.transfer_dialogs import ask_import_options

        if self._transfers.busy:
            return
        options = ask_import_options(self._parent, self._context.store.projects.names())
        if options:
            self._transfers.start_import(options)

    def import_finished(self, outcome: ImportOutcome) -> None:
        """A good import is told in the status line: the writer may have gone back to writing, and
        a window would take the next keys. Problems and a cancel get the report, with the details."""
        details = outcome.details()
        if outcome.went_in_whole:
            self.last_message = None
            self._context.show_message(outcome.done_sentence())
            return
        box = message_box(  # file names and records are outside text: shown as written
            self._parent,
            QMessageBox.Icon.Warning if details or outcome.failure else QMessageBox.Icon.NoIcon,
            "Import finished" if not outcome.cancelled else "Import cancelled",
            outcome.summary() or "Nothing was imported.",
        )
        if details:
            box.setDetailedText(details)  # a plain-text box behind "Show Details…"
        box.open()
        self.last_message = box

    def import_failed(self, error: OperationFailed) -> None:
        if error.expected:
            self._warn("Import failed", f"Nothing was imported: {error.message}")

    def export(self) -> None:
        from workstation.gui.dialogs.transfer_dialogs import ask_export_options

        self._save_work()
        options = ask_export_options(self._parent, self._context.store.projects.names())
        if options:
            self._transfers.start_export(options)

    def export_finished(self, options: ExportOptions, result: ExportResult) -> None:
        """Say what was written; rewrites the export had to leave out are listed by task."""
        from workstation.core.submission import left_out_sentence  # with the export's other code

        self._context.show_message(
            f"Exported {counted(result.written, 'rewrite')} to {options.out}"
            + (f"; {len(result.refused)} could not be exported (see the list)" if result.refused else "")
            + (f"; {left_out_sentence(result.unconfirmed)}" if result.unconfirmed else ""),
            10_000,
        )
        if result.refused:
            self._warn(
                "Some rewrites were not exported",
                f"{counted(len(result.refused), 'rewrite')} could not be written as JSON and "
                f"{'is' if len(result.refused) == 1 else 'are'} not in the file:\n\n"
                f"{shown_list(result.refused, 'rewrite')}\n\nThe rest was exported.",
            )

    def export_failed(self, message: str) -> None:
        self._warn("Export failed", message)

    def load_project_settings(self, path: Path | None = None) -> None:
        """Read a data team's project file and make it the project's settings (asks for the file)."""
        from workstation.core.formats.project_file import ProjectFileError, read_project_file

        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self._parent, "Load project settings", "", "Project files (*.json);;All files (*)"
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            project = read_project_file(path)
        except ProjectFileError as error:
            self._warn("Project settings not loaded", f"Nothing was changed: {error}")
            return
        self._context.ops.run(
            "load project settings",
            lambda store: store.projects.save(project),
            changes=Changes(projects=True),
            on_done=lambda _result: self._context.show_message(project_settings_summary(project), 10_000),
            on_failed=lambda error: self._warn("Project settings not loaded", error.message),
        )

    # ----- data folders
    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        for path in self._context.settings.recent_data_dirs():
            if path == self._context.data_dir:
                continue
            action = menu.addAction(menu_text(str(path)))
            action.triggered.connect(lambda _=False, p=path: self._context.events.data_dir_requested.emit(p))
        if menu.isEmpty():
            menu.addAction("No other data folders yet").setEnabled(False)

    def choose_data_dir(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self._parent, "Open data folder", str(self._context.data_dir)
        )
        if chosen:
            self._context.events.data_dir_requested.emit(Path(chosen))

    # ----- help
    def cheatsheet(self) -> None:
        CheatSheetDialog(self._parent).exec()

    def about(self) -> None:
        message_box(
            self._parent,
            QMessageBox.Icon.Information,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nRewrite model outputs into human prose, offline.\n"
            f"Data folder: {self._context.data_dir}",
        ).exec()

    def _warn(self, title: str, text: str) -> None:
        self.last_message = show_message(self._parent, QMessageBox.Icon.Warning, title, text)


def project_settings_summary(project: Project) -> str:
    """One line saying what a loaded project file set."""
    questions = counted(len(project.rubric.criteria), "rubric question")
    rule = "asks first" if project.incomplete_rubric.value == "warn" else "is refused"
    return (
        f"Project “{project.name}” set: spelling {project.language}, {questions}; "
        f"submitting with questions unanswered {rule}"
    )
