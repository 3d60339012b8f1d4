"""The writer's hands in the rewrite: typing, selecting, pasting, dropping, dictating, keys and
clicks, undo and redo, as :class:`RewriteInput`, the part of the writer's page object
(:class:`~tests.gui.writer_driver.WriterDriver`) that puts text into the panes.

Keys and clicks that the app must hear as input go through the window, as the keyboard and mouse
deliver them; typing that only needs the text goes straight to the pane.
"""

from __future__ import annotations

from unittest import mock

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QInputMethodEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workstation.core.text.positions import Utf16Index
from workstation.gui.compare.text_pane import TextPane
from workstation.gui.writer.window import WriterWindow


class RewriteInput:
    """Input into one window's panes; the driver sets ``window`` and ``qtbot``."""

    window: WriterWindow
    qtbot: QtBot

    # ------------------------------------------------------------------ the panes
    @property
    def _rewrite(self) -> TextPane:
        return self.window.diff_view.rewrite_pane

    @property
    def _original(self) -> TextPane:
        return self.window.diff_view.original_pane

    def _pane(self, side: str) -> TextPane:
        return self._rewrite if side == "rewrite" else self._original

    # ------------------------------------------------------------------ typing
    def type(self, text: str) -> None:
        """Type ``text`` key by key into the rewrite, where its cursor is."""
        self.qtbot.keyClicks(self._rewrite, text)

    def type_at_start(self, text: str) -> None:
        """Click into the rewrite, go to its very start and type ``text``."""
        self._rewrite.setFocus()
        self.move_cursor_to_start()
        self.type(text)

    def type_over_first_line(self, text: str) -> None:
        """Select the rewrite's first paragraph and type ``text`` over it."""
        cursor = self._rewrite.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        self._rewrite.setTextCursor(cursor)
        self.type(text)

    def type_over_everything(self, text: str) -> None:
        """Select the whole rewrite and type ``text`` over it."""
        self._rewrite.selectAll()
        self.type(text)

    def select_in_rewrite(self, word: str) -> None:
        """Select the first ``word`` in the rewrite (found in code points, selected in UTF-16)."""
        text = self._rewrite.text()
        index = Utf16Index(text)
        start = text.index(word)
        cursor = self._rewrite.textCursor()
        cursor.setPosition(index.to_utf16(start))
        cursor.setPosition(index.to_utf16(start + len(word)), QTextCursor.MoveMode.KeepAnchor)
        self._rewrite.setTextCursor(cursor)

    def move_cursor_to_start(self) -> None:
        """Put the rewrite's cursor before its first character."""
        self._rewrite.moveCursor(QTextCursor.MoveOperation.Start)

    def move_cursor_to_end(self) -> None:
        """Put the rewrite's cursor after its last character."""
        self._rewrite.moveCursor(QTextCursor.MoveOperation.End)

    def append_without_keys(self, text: str) -> None:
        """Insert ``text`` at the end of the rewrite in one edit (no key events, no analysis)."""
        cursor = self._rewrite.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)

    def replace_rewrite(self, text: str) -> None:
        """Replace the whole rewrite with ``text`` at once (as a paste over everything would)."""
        self._rewrite.setPlainText(text)

    def paste(self, *, plain: str, html: str | None = None) -> None:
        """Paste clipboard data that holds ``plain`` text and, optionally, rich ``html``."""
        mime = QMimeData()
        if html is not None:
            mime.setHtml(html)
        mime.setText(plain)
        self._rewrite.insertFromMimeData(mime)

    def paste_with_ctrl_v(self, text: str) -> None:
        """Put ``text`` on the clipboard and press Ctrl+V in the rewrite."""
        QApplication.clipboard().setText(text)
        self.qtbot.keyClick(self._rewrite, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    def drop(self, text: str, *, from_rewrite: bool = False) -> None:
        """Drop ``text`` at the rewrite's cursor as a drag from another window would (or, with
        ``from_rewrite``, as a drag of the rewrite's own selection to its cursor)."""
        mime = QMimeData()
        mime.setText(text)
        where = QPointF(self._rewrite.cursorRect().center())
        action = Qt.DropAction.MoveAction if from_rewrite else Qt.DropAction.CopyAction
        entering = QDragEnterEvent(
            where, action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(self._rewrite.viewport(), entering)  # the pane accepts plain text
        dropped = QDropEvent(where, action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        # A drag that began in this pane names it as its source (a real drag cannot run in a test).
        source = self._rewrite if from_rewrite else None
        with mock.patch.object(QDropEvent, "source", return_value=source):
            QApplication.sendEvent(self._rewrite.viewport(), dropped)

    def dictate(self, text: str) -> None:
        """What dictation or an input method does: a composing preview, then ``text`` committed."""
        QApplication.sendEvent(self._rewrite, QInputMethodEvent(text, []))
        committed = QInputMethodEvent()
        committed.setCommitString(text)
        QApplication.sendEvent(self._rewrite, committed)

    def press_key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        """Press one key (Backspace, Ctrl+Z …) in the rewrite, the way the keyboard delivers it:
        to the window (where the app hears input), which hands it to the rewrite, given the focus."""
        self._rewrite.setFocus()
        QTest.keyClick(self.window.windowHandle(), key, modifiers)

    def click_in_rewrite(self, pos: QPoint) -> None:
        """Click the rewrite at ``pos`` (in its viewport), as the mouse does: through the window."""
        viewport = self._rewrite.viewport()
        QTest.mouseClick(
            self.window.windowHandle(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            viewport.mapTo(self.window, pos),
        )

    def undo_from_context_menu(self) -> None:
        """Right-click the rewrite and choose Undo."""
        menu = self._rewrite.build_context_menu(self._rewrite.cursorRect().center())
        (undo,) = [action for action in menu.actions() if action.objectName() == "edit-undo"]
        undo.trigger()
        menu.deleteLater()

    def redo_in_rewrite(self) -> None:
        """Redo the rewrite's last undone edit."""
        self._rewrite.redo()

    def undo_in_rewrite(self) -> None:
        """Undo the rewrite's last edit, whatever has the focus."""
        self._rewrite.undo()
