"""A page object for GUI tests: what a writer does at one :class:`WriterWindow`, and what they see.

Tests speak the writer's language (type, open a task, submit, wait until saved) and read back what
the screen or the store shows; the chains into the window's widgets live here, once. Reads of the
store go through ``context.store`` (the GUI thread's read-only connection), writes that are not
the writer's own keystrokes are operations on ``context.ops``, as the app's screens do them.
``driver.window`` and ``driver.context`` stay reachable for the few tests that must look at a
widget itself. The parts of the window with their own drivers: ``driver.prose`` (lint, spelling,
the prose docks), ``driver.outbox`` (sealing, uploading), ``driver.queue`` (the task list),
``driver.transfers`` (import, export), ``driver.view`` (inline view, zoom, theme, layout) and
``driver.verdicts`` (reviewers' verdicts: import, side panel, anchored comments) and
``driver.find`` (the Find & Replace bar). Typing, keys and clicks in the rewrite come from
:class:`~tests.gui.rewrite_input.RewriteInput`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any
from unittest import mock

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot, SignalBlocker

from tests.gui.empty_state_driver import EmptyStateDriver
from tests.gui.find_driver import FindDriver
from tests.gui.outbox_driver import OutboxDriver
from tests.gui.prose_driver import ProseDriver
from tests.gui.queue_driver import QueueDriver
from tests.gui.rewrite_input import RewriteInput
from tests.gui.transfer_driver import TransferDriver
from tests.gui.verdicts_driver import VerdictsDriver
from tests.gui.view_driver import ViewDriver
from workstation.core.analysis.comparison import Comparison
from workstation.core.effort.signals import EffortSignals, summarise_effort
from workstation.core.files.datadir import DataDirLock
from workstation.core.models import Rewrite, Task, WorkSession
from workstation.core.sync.outbox_push import get_default_target, set_default_target
from workstation.gui.compare.diff_view import DIFF_LAYER
from workstation.gui.context import AppContext
from workstation.gui.dialogs.preferences.dialog import PreferencesDialog
from workstation.gui.operations import Changes, OperationFailed
from workstation.gui.writer.window import WriterWindow

WAIT_MS = 3000
SETTLE_MS = 120_000
"""How long the start may take to settle: the first analysis of a 50,000-word pair is slow."""
"""How long a wait for the GUI or the store thread lasts before the test fails (milliseconds)."""


def _rubric_question(*, shown: bool) -> Any:
    """Leave the incomplete-rubric question to be asked (``shown``), or answer it "Submit anyway"."""
    if shown:
        return nullcontext()
    return mock.patch("workstation.gui.writer.commands.ask_submit_incomplete", return_value=True)


class WriterDriver(RewriteInput):
    """One writer at one window. Build with the ``make_window`` fixture; ``quit()`` when done."""

    def __init__(self, window: WriterWindow, qtbot: QtBot, lock: DataDirLock | None = None) -> None:
        self.window = window
        self.context: AppContext = window.context
        self.qtbot = qtbot
        self._lock = lock
        self._quit = False
        self.prose = ProseDriver(window, qtbot)
        self.outbox = OutboxDriver(window, qtbot)
        self.queue = QueueDriver(window, qtbot)
        self.transfers = TransferDriver(window, qtbot)
        self.view = ViewDriver(window)
        self.verdicts = VerdictsDriver(window, qtbot)
        self.find = FindDriver(window, qtbot)
        self.empty = EmptyStateDriver(window, qtbot)

    # ------------------------------------------------------------------ what the panes show
    def rewrite_text(self) -> str:
        """The rewrite as the writer sees it (code points, newlines as ``\\n``)."""
        return self._rewrite.text()

    def original_text(self) -> str:
        """The model's output as shown in the original pane."""
        return self._original.text()

    def original_as_displayed(self) -> str:
        """The original pane's raw plain text, straight from Qt's document."""
        return self._original.toPlainText()

    def original_character_count(self) -> int:
        """Characters in the original pane's document (Qt counts one more for the last block)."""
        return self._original.document().characterCount()

    def prompt_text(self) -> str:
        """The prompt and context shown above the panes."""
        return self.window.context_view.toPlainText()

    def rewrite_cursor(self) -> int:
        """The rewrite cursor, as a code-point position."""
        return self.window.diff_view.rewrite_cursor()

    def selected_text(self) -> str:
        """The rewrite's current selection."""
        return self._rewrite.textCursor().selectedText()

    def is_read_only(self, side: str = "rewrite") -> bool:
        """Whether the writer can type into the ``side`` pane ("rewrite" or "original")."""
        return self._pane(side).isReadOnly()

    def rewrite_has_focus(self) -> bool:
        """Whether the rewrite pane has the keyboard focus."""
        return self.window.focusWidget() is self._rewrite

    def diff_spans(self, side: str) -> tuple[tuple[int, int], ...]:
        """(UTF-16 offset, length) of the diff marks in the first paragraph of ``side``."""
        return tuple(self._pane(side).highlighter.spans_in_block(DIFF_LAYER, 0))

    @property
    def comparison(self) -> Comparison | None:
        """The comparison painted last."""
        return self.window.diff_view.comparison

    def metrics_line(self) -> str:
        """The edit metrics in the status bar ("+4 added   −8 removed   …")."""
        return self.window.metrics_bar.edit_text()

    def save_line(self) -> str:
        """Whether the work is saved, as the line under the editor says it."""
        return self.window.metrics_bar.save_label.text()

    def status_message(self) -> str:
        """The status bar's message ("Sealed 2 rewrites …"), '' when none is shown."""
        return self.window.statusBar().currentMessage()

    def save_line_detail(self) -> str:
        """The save line's tooltip (the full reason a save failed)."""
        return self.window.metrics_bar.save_label.toolTip()

    # ------------------------------------------------------------------ actions and tasks
    def set_recording_effort(self, on: bool) -> None:
        """Preferences ▸ What is recorded ▸ the switch, applied as the dialog's OK applies it."""
        dialog = PreferencesDialog(self.context.settings, categories=self.window.prose.pack.categories)
        dialog.recorded_page.record_effort.setChecked(on)
        self.view.apply_preferences(dialog.preferences())
        dialog.deleteLater()

    def press_ctrl_return(self, *, rubric_question: bool = False) -> None:
        """Press Ctrl+Return in the rewrite (the submit shortcut); ``rubric_question`` as for
        :meth:`submit`."""
        with _rubric_question(shown=rubric_question):
            self.qtbot.keyClick(self._rewrite, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    def trigger(self, action_name: str) -> None:
        """Use a menu entry or its shortcut (a name of ``window.actions_by_name``)."""
        self.window.actions_by_name[action_name].trigger()

    def set_checked(self, action_name: str, checked: bool) -> None:
        """Tick or untick a checkable menu entry (inline view, docks)."""
        self.window.actions_by_name[action_name].setChecked(checked)

    def shortcuts(self, action_name: str) -> list[str]:
        """The key sequences bound to a menu entry, as Qt spells them."""
        return [sequence.toString() for sequence in self.window.actions_by_name[action_name].shortcuts()]

    def submit(self, *, rubric_question: bool = False) -> None:
        """Task ▸ Submit: save as submitted and move on (waits for the save).

        The question about unanswered rubric questions is answered "Submit anyway" unseen, so a
        test about something else need not rate every question first; with ``rubric_question``
        the real question is asked (the ``message_boxes`` fixture answers it "Go back",
        ``yes_to_questions`` "Submit anyway").
        """
        with _rubric_question(shown=rubric_question):
            self.trigger("submit")

    def click_submit_button(self) -> None:
        """Click the side panel's Submit button (the real rubric question is asked)."""
        self.window.side_panel.submit_button.click()

    def rate(self, criterion_id: str, value: int) -> None:
        """Go to the rubric question ``criterion_id`` and rate it ``value``, as Alt+value does."""
        self.window.side_panel.show_criterion(criterion_id)
        self.window.side_panel.rubric.rate_selected(value)

    def rubric_question_with_focus(self) -> str | None:
        """The rubric question whose buttons have the keyboard (and that Alt+1… rates), None when
        the keyboard is elsewhere."""
        rubric = self.window.side_panel.rubric
        focused = QApplication.focusWidget() or self.window.focusWidget()
        if focused is None or not rubric.isAncestorOf(focused):
            return None
        return rubric.selected_criterion_id()

    def status_text(self) -> str:
        """The side panel's status area ("Status: Submitted · edited after submit — …")."""
        return self.window.side_panel.status_label.text()

    def open_task(self, task_id: str) -> bool:
        """Ask for ``task_id`` the way the queue does (an event); True once it is the open task."""
        self.context.events.task_requested.emit(task_id)
        return self.current_task_id == task_id

    def open_first_task(self) -> None:
        """What the app does on start: reopen the last task, else the first to do; then wait for
        what the start leaves to the worker (loading the rules, the first task's analysis), so a
        test starts from a window that has settled."""
        self.window.open_first_task()
        refresher = self.window.editor.refresher
        self.qtbot.waitUntil(
            lambda: self.window.prose.analyser.linter_built and not refresher.in_flight, timeout=SETTLE_MS
        )

    @property
    def current_task_id(self) -> str | None:
        """The task open in the panes, if any."""
        task = self.window.session.task
        return task.id if task is not None else None

    @property
    def current_rewrite(self) -> Rewrite | None:
        """The open task's rewrite as the editor holds it (saved or not)."""
        return self.window.session.rewrite

    def write_notes(self, text: str) -> None:
        """Replace the notes for the reviewer."""
        self.window.side_panel.notes.setPlainText(text)

    # ------------------------------------------------------------------ analysis
    def refresh_analysis(self) -> None:
        """Analyse the panes now instead of after the typing debounce."""
        self.window.editor.refresher.refresh_now()

    def analyse_everything_off_thread(self) -> None:
        """Send every analysis to the worker, however short the text."""
        self.window.editor.refresher.off_thread_threshold = 0

    def analyses_in_flight(self) -> int:
        """Analyses running on the worker now."""
        return self.window.editor.refresher.in_flight

    def wait_for_comparison(self, timeout: int = WAIT_MS) -> SignalBlocker:
        """``with`` it around typing: waits until a diff is painted; ``.args[0]`` is the Comparison."""
        return self.qtbot.waitSignal(self.window.editor.comparison_painted, timeout=timeout)

    def wait_for_analysis(self, timeout: int = WAIT_MS) -> SignalBlocker:
        """``with`` it around typing: waits until the prose analysis is painted; ``.args[0]``."""
        return self.qtbot.waitSignal(self.window.editor.analysis_painted, timeout=timeout)

    # ------------------------------------------------------------------ saving
    def save(self, *, wait: bool = False) -> bool:
        """Edit ▸ Save; with ``wait``, True once the store holds the current task's state."""
        return self.window.save_work(wait=wait)

    def wait_saved(self, timeout: int = WAIT_MS) -> None:
        """Save and wait until the store confirmed every change (fails the test on timeout)."""
        self.window.save_work(wait=True)
        self.qtbot.waitUntil(lambda: not self.is_dirty and not self.unsaved_task_ids, timeout=timeout)
        self.context.ops.drain(timeout / 1000)

    @property
    def is_dirty(self) -> bool:
        """The open task has changes the store has not confirmed."""
        return self.window.session.dirty

    @property
    def unsaved_task_ids(self) -> tuple[str, ...]:
        """Tasks whose latest changes are waiting to be saved (queued or failed)."""
        return self.window.session.unsaved_task_ids

    def retry_saves_every(self, msecs: int) -> None:
        """Shorten the retry of failed saves so a test need not wait seconds."""
        self.window.session._retry.setInterval(msecs)

    def saved_state_sentence(self) -> str:
        """What the crash dialog would say about the writer's text."""
        return self.window.saved_state_sentence()

    # ------------------------------------------------------------------ the store
    def stored_rewrite(self, task_id: str) -> Rewrite | None:
        """The rewrite of ``task_id`` as the store holds it."""
        return self.context.store.rewrites.get(task_id)

    def stored_task(self, task_id: str) -> Task | None:
        """The task ``task_id`` as the store holds it."""
        return self.context.store.tasks.get(task_id)

    def work_sessions(self, task_id: str) -> list[WorkSession]:
        """The sittings on record for ``task_id``, oldest first."""
        return self.context.store.work_sessions.for_task(task_id)

    def effort_signals(self, task_id: str) -> EffortSignals:
        """What the store's sittings of ``task_id`` say about how its stored rewrite was made."""
        rewrite = self.stored_rewrite(task_id)
        assert rewrite is not None, f"{task_id} has no stored rewrite"
        return summarise_effort(self.work_sessions(task_id), rewrite.text)

    def task_count(self) -> int:
        """Tasks in the store."""
        return self.context.store.tasks.count()

    def store_stats(self) -> dict[str, Any]:
        """The store's counts per status, sealed, outbox."""
        return self.context.store.stats()

    def set_upload_target(self, url: str, timeout: int = WAIT_MS) -> None:
        """What Preferences ▸ Identity & upload does: an operation on the store thread. Waits until
        it ran (fails the test if the store thread is stuck) and raises what it raised."""
        outcome: list[object] = []
        self.context.ops.run(
            "set the upload target",
            lambda store: set_default_target(store, url),
            changes=Changes(settings=True),
            on_done=outcome.append,
            on_failed=outcome.append,
        )
        self.qtbot.waitUntil(lambda: bool(outcome), timeout=timeout)
        if isinstance(outcome[0], OperationFailed):
            raise outcome[0]

    def upload_target(self) -> str | None:
        """The upload target the store holds."""
        return get_default_target(self.context.store)

    def drain_operations(self, timeout: int = WAIT_MS) -> None:
        """Wait until the store thread ran everything queued so far, and deliver the results."""
        assert self.context.ops.drain(timeout / 1000), "the store thread did not finish in time"

    # ------------------------------------------------------------------ events
    def wait_for_event(self, name: str, timeout: int = WAIT_MS) -> SignalBlocker:
        """``with`` it: waits for the context's event ``name`` (``store_changed``, …)."""
        return self.qtbot.waitSignal(getattr(self.context.events, name), timeout=timeout)

    @contextmanager
    def recording_store_changes(self) -> Iterator[list[Changes]]:
        """Every ``Changes`` the operations report while the block runs, in order."""
        seen: list[Changes] = []
        self.context.events.store_changed.connect(seen.append)
        try:
            yield seen
        finally:
            self.context.events.store_changed.disconnect(seen.append)

    # ------------------------------------------------------------------ closing
    def close(self) -> bool:
        """Close the window as the writer would; False when they chose to stay."""
        return self.window.close()

    def quit(self, *, discard_unsaved: bool = False) -> None:
        """Quit: close (saving), release the store and the data folder's lock. With
        ``discard_unsaved``, answer "Quit anyway and lose them?" with yes instead of waiting for a
        click (a test's clean-up must not hang on a modal question after it failed)."""
        if discard_unsaved:
            with mock.patch("workstation.gui.writer.window.ask_to_proceed", return_value=True):
                closed = self.window.close()
        else:
            closed = self.window.close()
        assert closed, "the window refused to close (unsaved work?)"
        self._quit = True
        self.context.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @property
    def has_quit(self) -> bool:
        """Whether :meth:`quit` already closed the window and let go of the store."""
        return self._quit

    @property
    def closed(self) -> bool:
        """Whether the window closed for good."""
        return self.window.closed

    def save_timers_stopped(self) -> bool:
        """No autosave or retry is still scheduled."""
        session = self.window.session
        return not session._retry.isActive() and not session._debounce.isActive()
