"""A page object for the review window: what a reviewer does there and what they see.

Tests speak the reviewer's language (open an item, filter, press a verdict key, answer the reason
popup, comment on a selection, undo) and read back what the screen or the store shows. Modal
popups (the reason list, the comment box) are answered by a timer that acts on whichever modal
dialog is open, with real key presses, so keystroke counts are the reviewer's.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QWidget
from pytestqt.qtbot import QtBot

from workstation.core.files.datadir import DataDirLock
from workstation.core.models import Verdict
from workstation.gui.compare.text_pane import TextPane
from workstation.gui.context import AppContext
from workstation.gui.dialogs.flag_dialog import FlagDialog
from workstation.gui.reviewer.comment_dialog import CommentDialog
from workstation.gui.reviewer.window import ReviewWindow

WAIT_MS = 3000


class ReviewDriver:
    def __init__(self, window: ReviewWindow, qtbot: QtBot, lock: DataDirLock | None = None) -> None:
        self.window = window
        self.context: AppContext = window.context
        self.qtbot = qtbot
        self._lock = lock
        self.has_quit = False
        self.keystrokes = 0  # every key the reviewer pressed, popups included

    # ------------------------------------------------------------------ what is shown
    @property
    def current_item_id(self) -> str | None:
        return self.window.current_item_id()

    def pane(self, side: str) -> TextPane:
        view = self.window.diff_view
        return view.rewrite_pane if side == "rewrite" else view.original_pane

    def shown_text(self, side: str) -> str:
        return self.pane(side).text()

    def queue_ids(self) -> list[str]:
        model = self.window.queue_model
        return [item.item_id for row in range(model.rowCount()) if (item := model.item_at(row)) is not None]

    def queue_cell(self, item_id: str, column: int) -> str:
        model = self.window.queue_model
        row = model.row_for(item_id)
        assert row is not None, f"{item_id} is not in the queue"
        return str(model.data(model.index(row, column)))

    def count_text(self) -> str:
        return self.window.queue_panel.count_label.text()

    def status_text(self) -> str:
        return self.window.statusBar().currentMessage()

    def verdicts_on(self, item_id: str) -> tuple[Verdict, ...]:
        return self.context.store.verdicts.for_rewrite(item_id)

    def wait_until_analysed(self) -> None:
        """The diff of the open item is painted (and, off the GUI thread, its lint too)."""
        self.qtbot.waitUntil(lambda: self.window.diff_view.comparison is not None, timeout=WAIT_MS)
        self.context.analysis_runner.wait_for_idle(WAIT_MS)
        QApplication.processEvents()

    # ------------------------------------------------------------------ moving around
    def open_item(self, item_id: str) -> None:
        assert self.window.open_item(item_id), f"could not open {item_id}"

    def choose_filter(self, which: str, value: object) -> None:
        panel = self.window.queue_panel
        combo: QComboBox = getattr(panel, f"{which}_filter")
        assert panel.choose(combo, value), f"{value!r} is not offered by the {which} filter"

    def focus_panes(self) -> None:
        self.pane("rewrite").setFocus()
        QApplication.processEvents()

    # ------------------------------------------------------------------ keys
    def press(
        self, key: str | Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        """One key press where the keyboard focus is (the window if nothing has focus)."""
        if not self.window.isActiveWindow():  # a popup just closed; offscreen Qt may not re-activate
            self.window.activateWindow()
            self.qtbot.waitUntil(self.window.isActiveWindow, timeout=WAIT_MS)
        target = QApplication.focusWidget() or self.window
        self.keystrokes += 1
        self.qtbot.keyClick(target, key, modifier)

    def _when_modal(self, act: Callable[[QDialog], None]) -> list[bool]:
        """Run ``act`` on the next modal dialog as soon as it is open; the list holds True then."""
        acted: list[bool] = []

        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, QDialog) and dialog.isVisible():
                acted.append(True)
                act(dialog)
            else:
                QTimer.singleShot(10, poll)

        QTimer.singleShot(0, poll)
        return acted

    def press_verdict_with_reason(self, key: str, *, reason_row: int = 0, detail: str = "") -> FlagDialog:
        """Press a verdict key and answer its reason popup: pick row ``reason_row`` (arrow keys),
        type ``detail`` if any, then Enter. Returns the popup (closed by then)."""
        seen: list[FlagDialog] = []

        def answer(dialog: QDialog) -> None:
            assert isinstance(dialog, FlagDialog), type(dialog)
            seen.append(dialog)
            focus: QWidget = dialog.focusWidget() or dialog
            for _ in range(reason_row):
                self.keystrokes += 1
                self.qtbot.keyClick(focus, Qt.Key.Key_Down)
            if detail:
                self.keystrokes += len(detail)
                self.qtbot.keyClicks(dialog.detail, detail)
            self.keystrokes += 1
            self.qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

        self._when_modal(answer)
        self.press(key)
        assert seen, "no reason popup opened"
        return seen[0]

    def press_verdict_and_cancel(self, key: str) -> FlagDialog:
        seen: list[FlagDialog] = []

        def cancel(dialog: QDialog) -> None:
            assert isinstance(dialog, FlagDialog)
            seen.append(dialog)
            self.qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)

        self._when_modal(cancel)
        self.press(key)
        assert seen, "no reason popup opened"
        return seen[0]

    # ------------------------------------------------------------------ comments
    def select(self, side: str, text: str) -> None:
        """Select the first occurrence of ``text`` in one pane (as a drag would), focusing it."""
        pane = self.pane(side)
        start = pane.text().index(text)
        index = pane.utf16_index()
        cursor = pane.textCursor()
        cursor.setPosition(index.to_utf16(start))
        cursor.setPosition(index.to_utf16(start + len(text)), QTextCursor.MoveMode.KeepAnchor)
        pane.setTextCursor(cursor)
        pane.setFocus()
        QApplication.processEvents()

    def comment_on_selection(self, text: str) -> CommentDialog:
        """Press the comment key, type ``text`` in the popup and confirm with Ctrl+Enter."""
        seen: list[CommentDialog] = []

        def write(dialog: QDialog) -> None:
            assert isinstance(dialog, CommentDialog), type(dialog)
            seen.append(dialog)
            self.qtbot.keyClicks(dialog.text, text)
            self.qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

        self._when_modal(write)
        self.press("c")
        assert seen, "no comment popup opened"
        return seen[0]

    # ------------------------------------------------------------------ the store
    def wait_for_ops(self) -> None:
        self.context.ops.drain(WAIT_MS / 1000)
        QApplication.processEvents()

    def quit(self) -> None:
        if self.has_quit:
            return
        self.has_quit = True
        self.window.close()
        self.context.close()
        if self._lock is not None:
            self._lock.release()
