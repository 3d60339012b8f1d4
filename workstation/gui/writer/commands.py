"""What the window's actions do: status changes, task stepping, files, preferences, help.

Kept apart from :mod:`main_window` so the window class stays about layout and wiring.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from workstation import APP_NAME, __version__
from workstation.core.models import RewriteStatus
from workstation.gui.common import sizes
from workstation.gui.dialogs.cheatsheet import CheatSheetDialog
from workstation.gui.dialogs.flag_dialog import ask_flag_reason
from workstation.gui.dialogs.transfer_dialogs import ExportOptions, ask_export_options, ask_import_options

if TYPE_CHECKING:
    from workstation.gui.writer.transfers import ImportOutcome
    from workstation.gui.writer.window import MainWindow


class WindowCommands:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._restart_marker: tuple[int, str] | None = None  # (undo steps after it, origin before)
        self.last_message: QMessageBox | None = None  # the latest import report (kept for tests)

    # ----- task status
    def submit(self) -> None:
        window = self.window
        if window.session.task is None or window.session.is_sealed:
            return
        text = window.diff_view.rewrite_pane.text()
        if not text.strip():
            QMessageBox.information(
                window, "Nothing to submit", "The rewrite is empty. Write something first."
            )
            return
        # A second Ctrl+Return (or a slip) must not submit the next task's untouched copy.
        if (
            text.split() == window.diff_view.original_pane.text().split()
            and not self.confirm_submit_unchanged()
        ):
            return
        self._set_status_and_advance(RewriteStatus.SUBMITTED)

    def skip(self) -> None:
        self._set_status_and_advance(RewriteStatus.SKIPPED)

    def flag(self) -> None:
        window = self.window
        if window.session.task is None or window.session.is_sealed:
            return
        project = window.store.projects.get(window.session.task.project)
        reason = ask_flag_reason(project.flag_reasons if project else (), window)
        if reason:
            self._set_status_and_advance(RewriteStatus.FLAGGED, flag_reason=reason)

    def _set_status_and_advance(self, status: RewriteStatus, *, flag_reason: str | None = None) -> None:
        window = self.window
        task = window.session.task
        if task is None:
            return
        window.session.update(
            text=window.diff_view.rewrite_pane.text(), cursor=window.diff_view.rewrite_cursor()
        )
        if not window.session.set_status(status, flag_reason=flag_reason):
            return  # the save bar already says why
        next_id = window.store.tasks.next_after(task.seq)
        if next_id and next_id != task.id:
            window.open_task(next_id)
            window.diff_view.rewrite_pane.setFocus()
        else:
            window.statusBar().showMessage("Every task in the queue is done. Well written!", 8000)

    def step_task(self, step: int) -> None:
        window = self.window
        current = window.session.task.id if window.session.task else None
        target = window.queue_panel.neighbour(current, step)
        if target:
            window.open_task(target)

    def reset_to_original(self) -> None:
        self._restart_rewrite("original")

    def start_empty(self) -> None:
        self._restart_rewrite("empty")
        self.window.diff_view.rewrite_pane.setFocus()

    def _restart_rewrite(self, started_from: str) -> None:
        """Replace the rewrite as one undoable step, and remember which undo step did it so that
        undoing it also undoes the claim of where the rewrite started (it is sealed into bundles)."""
        window = self.window
        session = window.session
        if session.task is None or session.is_sealed or session.rewrite is None:
            return
        previous = session.rewrite.started_from
        window.diff_view.set_rewrite_text(
            window.diff_view.original_pane.text() if started_from == "original" else ""
        )
        document = window.diff_view.rewrite_pane.document()
        self._restart_marker = (document.availableUndoSteps(), str(previous))
        session.update(started_from=started_from)

    def check_restart_undone(self) -> None:
        """After an edit: if the writer undid the restart step, restore the earlier origin."""
        marker = self._restart_marker
        if marker is None or self.window.session.rewrite is None:
            return
        step, previous = marker
        if self.window.diff_view.rewrite_pane.document().availableUndoSteps() < step:
            self._restart_marker = None
            self.window.session.update(started_from=previous)

    def forget_restart(self) -> None:
        self._restart_marker = None

    # ----- appearance
    def change_font_size(self, step: int) -> None:
        size = self.window.settings.font_point_size() + step
        size = max(sizes.MIN_FONT_POINT_SIZE, min(sizes.MAX_FONT_POINT_SIZE, size))
        self.window.settings.set_font_point_size(size)
        self.apply_font_size(size)

    def apply_font_size(self, size: int) -> None:
        view = self.window.diff_view
        for pane in (view.original_pane, view.rewrite_pane):
            pane.set_point_size(size)
        font = view.inline_view.font()
        font.setPointSize(size)
        view.inline_view.setFont(font)

    # ----- files
    def import_files(self) -> None:
        window = self.window
        if window.transfers.busy:
            return
        options = ask_import_options(window, window.store.projects.names())
        if options:
            window.session.pause_saving(True)
            window.transfers.start_import(options)

    def import_finished(self, outcome: ImportOutcome) -> None:
        window = self.window
        window.session.pause_saving(False)
        window.forget_projects()
        window.reload_queue()
        if window.session.task is None:
            window.open_first_task()
        box = QMessageBox(window)
        box.setWindowTitle("Import finished" if not outcome.cancelled else "Import cancelled")
        box.setText(outcome.summary() or "Nothing was imported.")
        details = outcome.details()
        if details:
            box.setIcon(QMessageBox.Icon.Warning)
            box.setDetailedText(details)
        box.open()
        self.last_message = box

    def import_failed(self, message: str) -> None:
        self.window.session.pause_saving(False)
        QMessageBox.warning(self.window, "Import failed", message)

    def export(self) -> None:
        window = self.window
        window.session.flush(cursor=window.diff_view.rewrite_cursor())
        options = ask_export_options(window, window.store.projects.names())
        if options:
            window.transfers.start_export(options)

    def export_finished(self, options: ExportOptions, count: int) -> None:
        self.window.statusBar().showMessage(f"Exported {count} rewrites to {options.out}", 10_000)

    def export_failed(self, message: str) -> None:
        QMessageBox.warning(self.window, "Export failed", message)

    def fill_recent_menu(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        current = self.window.data_dir()
        for path in self.window.settings.recent_data_dirs():
            if path == current:
                continue
            action = menu.addAction(str(path))
            action.triggered.connect(lambda _=False, p=path: self.window.data_dir_requested.emit(p))
        if menu.isEmpty():
            menu.addAction("No other data folders yet").setEnabled(False)

    def choose_data_dir(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self.window, "Open data folder", str(self.window.data_dir())
        )
        if chosen:
            self.window.data_dir_requested.emit(Path(chosen))

    # ----- dialogs
    def preferences(self, page: str | None = None) -> None:
        from workstation.gui.dialogs.preferences.dialog import ask_preferences

        ask_preferences(self.window, page=page)

    def cheatsheet(self) -> None:
        CheatSheetDialog(self.window).exec()

    def about(self) -> None:
        QMessageBox.about(
            self.window,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nRewrite model outputs into human prose, offline.\n"
            f"Data folder: {self.window.data_dir()}",
        )

    def _ask(self, title: str, text: str, proceed: QMessageBox.StandardButton) -> bool:
        """A warning with ``proceed`` and Cancel, Cancel the default; True if the writer proceeds."""
        cancel = QMessageBox.StandardButton.Cancel
        return QMessageBox.warning(self.window, title, text, proceed | cancel, cancel) == proceed

    def confirm_switch_unsaved(self) -> bool:
        return self._ask(
            "Changes not saved",
            "Your latest changes to this task could not be saved (see the message under the "
            "editor). Leave the task anyway and lose them?",
            QMessageBox.StandardButton.Discard,
        )

    def confirm_submit_unchanged(self) -> bool:
        return self._ask(
            "Submit the model's text?",
            "You have not changed the original. Submit it unchanged as your rewrite?",
            QMessageBox.StandardButton.Yes,
        )

    def confirm_quit_unsaved(self) -> bool:
        return self._ask(
            "Changes not saved",
            "Your latest changes could not be saved (see the message under the editor). "
            "Quit anyway and lose them?",
            QMessageBox.StandardButton.Discard,
        )
