"""A plain-text pane: never interprets rich text, keeps its highlighter, reports focus loss.

Given an :class:`EffortRecorder` (the rewrite pane is), it reports how each edit was made —
typed, pasted or dropped, committed by an input method, undone or redone — with only its size,
never its text. An edit counts only when the document really changed while the pane handled it:
a key that did nothing, an empty paste or an undo with nothing to undo records nothing. Text
moved by dragging it within the pane is neither typed nor pasted. Accented letters composed
through an input method (dead keys, IMEs) count as external input like dictation does.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QPoint, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QHelpEvent,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QFrame, QMenu, QPlainTextEdit, QToolTip, QWidget

from workstation.core.effort.recorder import EffortRecorder
from workstation.core.text.line_breaks import editor_line_breaks
from workstation.core.text.line_spans import TextLines
from workstation.core.text.positions import Utf16Index
from workstation.gui.common.linear_wrap import keep_wrap_linear
from workstation.gui.common.plain_text import tooltip
from workstation.gui.compare.highlighter import LayeredHighlighter


def _from_qt(raw: str) -> str:
    """Qt writes block breaks and Shift+Enter line breaks as U+2029 / U+2028; our texts use "\\n"."""
    return raw.replace("\u2029", "\n").replace("\u2028", "\n")


def _soft_breaks(raw: str) -> tuple[int, ...]:
    """Positions of U+2028 (a line break inside a block) in a document's raw text."""
    if "\u2028" not in raw:
        return ()
    return tuple(position for position, char in enumerate(raw) if char == "\u2028")


def typed_length(key_text: str) -> int:
    """Characters a key press types: its text when printable, 1 for Enter, 0 for Backspace etc."""
    if key_text in ("\r", "\n"):
        return 1
    return len(key_text) if key_text.isprintable() else 0


def display_text(text: str) -> str:
    """What a pane shows for ``text``: line endings as "\\n" (CRLF, CR, U+2028/2029 folded).

    Spans are computed on this form, so they line up with document positions.
    """
    return editor_line_breaks(text)


class TextPane(QPlainTextEdit):
    """QPlainTextEdit that pastes only plain text and exposes its text without Qt's substitutions."""

    focus_lost = Signal()
    focus_gained = Signal()
    text_edited = Signal()  # characters really changed (not a re-highlight)
    painted = Signal()  # the viewport was painted

    def __init__(self, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.setReadOnly(read_only)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.linear_wrap = keep_wrap_linear(self)  # words break at boundaries, hex dumps anywhere
        self.setTabChangesFocus(True)
        self.setCenterOnScroll(False)
        self.highlighter = LayeredHighlighter(self.document(), self.visible_blocks)
        self._text_cache: str | None = None
        self._soft_breaks_cache: tuple[int, ...] = ()
        self._index_cache: Utf16Index | None = None
        # contentsChange, unlike textChanged/contentsChanged, is not emitted when the highlighter
        # re-colours a block: it fires only when characters were really added or removed.
        self.document().contentsChange.connect(self._on_contents_change)
        # Hooks the window sets: a tooltip for a document position, extra context-menu entries.
        self.tooltip_provider: Callable[[int], str | None] | None = None
        self.menu_extender: Callable[[QMenu, int], None] | None = None
        # Effort signals: the recorder of the sitting (None: this pane records nothing) and what
        # the handler under way is doing. Whether a key or command changed anything is told by
        # the document's revision, which moves when an edit begins (contentsChange can wait for
        # the end of an edit block); inside a block already begun, as a drop's, it may not move
        # again, so a paste is counted by what it inserts.
        self.effort: EffortRecorder | None = None
        self._inserted_from_mime = False
        self._moving_own_text = False

    def text(self) -> str:
        """The exact text, keeping no-break spaces that ``toPlainText`` would turn into spaces.

        Cached until the document changes: the window asks for it several times per keystroke.
        """
        if self._text_cache is None:
            raw = self.document().toRawText()
            self._text_cache = _from_qt(raw)
            self._soft_breaks_cache = _soft_breaks(raw)
        return self._text_cache

    def soft_line_breaks(self) -> tuple[int, ...]:
        """Where ``text()`` has a "\n" that Qt keeps inside a block (Shift+Enter), code points."""
        self.text()
        return self._soft_breaks_cache

    def text_lines(self) -> TextLines:
        """The text with its blocks, to cut spans into them (on this thread or a worker)."""
        return TextLines(self.text(), self.soft_line_breaks())

    def visible_blocks(self) -> tuple[int, int]:
        """Numbers of the first and the last block on screen."""
        first = self.firstVisibleBlock().blockNumber()
        last = self.cursorForPosition(QPoint(0, self.viewport().height() - 1)).blockNumber()
        return first, max(first, last)

    def utf16_index(self) -> Utf16Index:
        """Code point ↔ UTF-16 positions for the current text (cached with it)."""
        if self._index_cache is None or self._text_cache is None:
            self._index_cache = Utf16Index(self.text())
        return self._index_cache

    def _on_contents_change(self, _position: int, removed: int, added: int) -> None:
        if removed or added:
            self._text_cache = None
            self._index_cache = None
            self.text_edited.emit()

    def set_text(self, text: str) -> None:
        """Replace the whole text without leaving an undo step behind (a new task, not an edit)."""
        shown = display_text(text)
        self.linear_wrap.expect(shown)
        with self.highlighter.replacing_text():
            self.setPlainText(shown)

    def set_point_size(self, size: int) -> None:
        font = QFont(self.font())
        font.setPointSize(size)
        self.setFont(font)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:
        # Only ever the plain text of a paste, whatever rich formats the clipboard also offers.
        if source.hasText():
            pasted = display_text(source.text())
            self.linear_wrap.expect(pasted)
            self.textCursor().insertText(pasted)
            self._inserted_from_mime = True
            # Inserting text always changes the document.
            if self.effort is not None and pasted and not self._moving_own_text:
                self.effort.pasted(len(pasted))

    # ----- effort signals: how each edit was made, by its size only
    def keyPressEvent(self, event: QKeyEvent) -> None:
        effort = self.effort
        if effort is None or not effort.recording:
            super().keyPressEvent(event)
            return
        before = self.document().revision()
        self._inserted_from_mime = False
        super().keyPressEvent(event)
        if not self._edited_since(before) or self._inserted_from_mime:
            return  # nothing changed, or a paste shortcut that counted itself
        if event.matches(QKeySequence.StandardKey.Undo):
            effort.undone()
        elif event.matches(QKeySequence.StandardKey.Redo):
            effort.redone()
        else:
            effort.typed(typed_length(event.text()))

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        before = self.document().revision()
        committed = len(event.commitString())
        super().inputMethodEvent(event)
        if self.effort is not None and committed and self._edited_since(before):
            self.effort.external(committed)

    def dropEvent(self, event: QDropEvent) -> None:
        self._moving_own_text = event.source() in (self, self.viewport())
        try:
            super().dropEvent(event)
        finally:
            self._moving_own_text = False

    def undo(self) -> None:
        before = self.document().revision()
        super().undo()
        if self.effort is not None and self._edited_since(before):
            self.effort.undone()

    def redo(self) -> None:
        before = self.document().revision()
        super().redo()
        if self.effort is not None and self._edited_since(before):
            self.effort.redone()

    def _edited_since(self, revision: int) -> bool:
        return self.document().revision() != revision

    def _count_menu_history(self, menu: QMenu) -> None:
        """The standard menu's Undo and Redo act on the document directly: count them here."""
        effort = self.effort
        if effort is None:
            return
        built_at = self.document().revision()
        for action in menu.actions():
            name = action.objectName()
            if name in ("edit-undo", "edit-redo"):
                note = effort.undone if name == "edit-undo" else effort.redone
                # Connected after Qt's own slot, so the edit has happened when this runs.
                action.triggered.connect(
                    lambda _checked=False, note=note: self._edited_since(built_at) and note()
                )

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focus_gained.emit()

    def viewportEvent(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip and self.tooltip_provider:
            position = self.cursorForPosition(event.pos()).position()
            text = self.tooltip_provider(position)
            if text:
                QToolTip.showText(event.globalPos(), tooltip(text, multiline=True), self)
            else:
                QToolTip.hideText()
            return True
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Paint:
            self.painted.emit()
        return handled

    def build_context_menu(self, viewport_pos: QPoint) -> QMenu:
        """The standard edit menu plus whatever the window adds for the text under the pointer."""
        menu = self.createStandardContextMenu(viewport_pos)
        self._count_menu_history(menu)
        if self.menu_extender is not None:
            self.menu_extender(menu, self.cursorForPosition(viewport_pos).position())
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.build_context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()
