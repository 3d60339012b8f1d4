"""What the writer's task actions do: submit, skip, flag, step through tasks, restart the rewrite."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from workstation.core.models import RewriteStatus
from workstation.core.submission import BLOCK_REASON, check_rubric
from workstation.gui.common.plain_text import ask, show_message
from workstation.gui.context import AppContext
from workstation.gui.dialogs.confirm import ask_submit_incomplete, ask_to_proceed
from workstation.gui.dialogs.flag_dialog import ask_flag_reason
from workstation.gui.writer.editor import TaskEditor


class TaskCommands:
    def __init__(self, context: AppContext, editor: TaskEditor, parent: QWidget) -> None:
        self._context = context
        self._editor = editor
        self._session = editor.session
        self._view = editor.diff_view
        self._parent = parent
        self._restart_marker: tuple[int, str] | None = None  # (undo steps after it, origin before)

    # ----- task status
    def submit(self) -> None:
        session = self._session
        if session.task is None or session.is_sealed:
            return
        text = self._view.rewrite_pane.text()
        if not text.strip():
            show_message(
                self._parent,
                QMessageBox.Icon.Information,
                "Nothing to submit",
                "The rewrite is empty. Write something first.",
            )
            return
        if not self._rubric_allows_submit():
            return
        # A second Ctrl+Return (or a slip) must not submit the next task's untouched copy.
        if text.split() == self._view.original_pane.text().split() and not ask_to_proceed(
            self._parent,
            "Submit the model's text?",
            "You have not changed the original. Submit it unchanged as your rewrite?",
            QMessageBox.StandardButton.Yes,
        ):
            return
        self._set_status_and_advance(RewriteStatus.SUBMITTED)

    def _rubric_allows_submit(self) -> bool:
        """The project's rule for unanswered rubric questions: none, or the writer chose "Submit
        anyway" (warn); else the keyboard goes to the first unanswered question (block refuses)."""
        task, rewrite = self._session.task, self._session.rewrite
        if task is None or rewrite is None:
            return False
        check = check_rubric(self._editor.project(task.project), rewrite.ratings)
        if check.complete:
            return True
        if check.blocks:
            text = f"{check.sentence()} {BLOCK_REASON}"
            ask(self._parent, QMessageBox.Icon.Warning, "Rubric not finished", text)
        elif ask_submit_incomplete(self._parent, check.sentence()):
            return True
        self._editor.widgets.side_panel.show_criterion(check.unanswered[0].id)
        return False

    def skip(self) -> None:
        self._set_status_and_advance(RewriteStatus.SKIPPED)

    def flag(self) -> None:
        session = self._session
        if session.task is None or session.is_sealed:
            return
        project = self._editor.project(session.task.project)
        reason = ask_flag_reason(project.flag_reasons if project else (), self._parent)
        if reason:
            self._set_status_and_advance(RewriteStatus.FLAGGED, flag_reason=reason)

    def _set_status_and_advance(self, status: RewriteStatus, *, flag_reason: str | None = None) -> None:
        task = self._session.task
        if task is None:
            return
        self._session.update(text=self._view.rewrite_pane.text(), cursor=self._view.rewrite_cursor())
        if not self._session.set_status(status, flag_reason=flag_reason):
            return  # the save bar already says why
        next_id = self._context.store.tasks.next_after(task.seq)
        if next_id and next_id != task.id:
            self._editor.open_task(next_id)
            self._view.rewrite_pane.setFocus()
        else:
            self._context.show_message("Every task in the queue is done. Well written!", 8000)

    def step_task(self, step: int) -> None:
        current = self._session.task.id if self._session.task else None
        target = self._editor.widgets.queue_panel.neighbour(current, step)
        if target:
            self._editor.open_task(target)

    # ----- restarting the rewrite
    def reset_to_original(self) -> None:
        self._restart_rewrite("original")

    def start_empty(self) -> None:
        self._restart_rewrite("empty")
        self._view.rewrite_pane.setFocus()

    def _restart_rewrite(self, started_from: str) -> None:
        """Replace the rewrite as one undoable step, and remember which undo step did it so that
        undoing it also undoes the claim of where the rewrite started (it is sealed into bundles)."""
        session = self._session
        if session.task is None or session.is_sealed or session.rewrite is None:
            return
        previous = session.rewrite.started_from
        self._view.set_rewrite_text(self._view.original_pane.text() if started_from == "original" else "")
        document = self._view.rewrite_pane.document()
        self._restart_marker = (document.availableUndoSteps(), str(previous))
        session.update(started_from=started_from)

    def check_restart_undone(self) -> None:
        """After an edit: if the writer undid the restart step, restore the earlier origin."""
        marker = self._restart_marker
        if marker is None or self._session.rewrite is None:
            return
        step, previous = marker
        if self._view.rewrite_pane.document().availableUndoSteps() < step:
            self._restart_marker = None
            self._session.update(started_from=previous)

    def forget_restart(self) -> None:
        self._restart_marker = None
