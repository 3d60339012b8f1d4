"""Find and Find & Replace for one text pane at a time, shown under the panes.

Matches come from :func:`workstation.core.text.find.find_all` in code points and are converted to
Qt's UTF-16 positions only to select them, so an emoji before a match cannot shift it. Replacing
edits the pane's document through a text cursor, the way typing does: the pane's
``text_edited`` fires, so autosave and the diff follow, and the effort recorder (which counts key
presses, pastes and input-method text) counts a replacement as neither typed nor pasted. Replace
all is one edit block, so one Undo restores every replaced match.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLineEdit, QPushButton, QToolButton, QWidget

from workstation.core.text.find import FindOptions, find_all, match_after, match_before
from workstation.gui.common import sizes
from workstation.gui.common.plain_text import plain_label, tooltip
from workstation.gui.compare.text_pane import TextPane

_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FindBar(QWidget):
    """Searches the pane given to :meth:`open_for`; Replace shows only for an editable pane."""

    closed = Signal()  # the bar hid itself (Escape, ×); focus is back in the pane

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._pane: TextPane | None = None
        self._matches: list[tuple[int, int]] = []
        self._current: int | None = None
        self.find_box = QLineEdit()
        self.find_box.setObjectName("findBox")
        self.find_box.setPlaceholderText("Find")
        self.find_box.setAccessibleName("Find text")
        self.find_box.setClearButtonEnabled(True)
        self.replace_box = QLineEdit()
        self.replace_box.setObjectName("replaceBox")
        self.replace_box.setPlaceholderText("Replace with")
        self.replace_box.setAccessibleName("Replacement text")
        self.count_label = plain_label("")
        self.count_label.setObjectName("findCount")
        self.match_case = QCheckBox("Match case")
        self.whole_word = QCheckBox("Whole word")
        self.previous_button = QPushButton("Previous")
        self.next_button = QPushButton("Next")
        self.replace_button = QPushButton("Replace")
        self.replace_all_button = QPushButton("Replace all")
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAccessibleName("Close find")
        self.close_button.setToolTip(tooltip("Close (Esc)"))

        grid = QGridLayout(self)
        grid.setContentsMargins(0, sizes.SPACING // 2, 0, 0)
        grid.setHorizontalSpacing(sizes.SPACING)
        grid.setVerticalSpacing(sizes.SPACING // 2)
        grid.addWidget(self.find_box, 0, 0)
        grid.addWidget(self.count_label, 0, 1)
        grid.addWidget(self.previous_button, 0, 2)
        grid.addWidget(self.next_button, 0, 3)
        grid.addWidget(self.match_case, 0, 4)
        grid.addWidget(self.whole_word, 0, 5)
        grid.addWidget(self.close_button, 0, 6)
        grid.addWidget(self.replace_box, 1, 0)
        grid.addWidget(self.replace_button, 1, 2)
        grid.addWidget(self.replace_all_button, 1, 3)
        grid.setColumnStretch(0, 1)
        # "12 of 345" at most, without the row moving as the count changes.
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance("00000 of 00000"))

        self.find_box.textChanged.connect(lambda _text: self._search_from_selection_start())
        self.match_case.toggled.connect(lambda _on: self._search_from_selection_start())
        self.whole_word.toggled.connect(lambda _on: self._search_from_selection_start())
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.close_button.clicked.connect(self.close_bar)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_bar)
        self.find_box.installEventFilter(self)
        self.replace_box.installEventFilter(self)
        self.hide()

    # ------------------------------------------------------------------ opening and closing
    @property
    def pane(self) -> TextPane | None:
        return self._pane

    def open_for(self, pane: TextPane, *, replace: bool) -> None:
        """Show the bar on ``pane``, seeded with its selection (one line of it), focus in Find."""
        if self._pane is not pane:
            if self._pane is not None:
                self._pane.text_edited.disconnect(self._on_text_edited)
            self._pane = pane
            pane.text_edited.connect(self._on_text_edited)
        self._show_replace(replace and not pane.isReadOnly())
        selected = pane.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_box.setText(selected)  # searches from the selection's start: it is match 1
        else:
            self._search_from_selection_start()
        self.show()
        self.find_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_box.selectAll()

    def close_bar(self) -> None:
        self.hide()
        if self._pane is not None:
            self._pane.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def replace_shown(self) -> bool:
        return not self.replace_box.isHidden()

    def _show_replace(self, shown: bool) -> None:
        for widget in (self.replace_box, self.replace_button, self.replace_all_button):
            widget.setVisible(shown)

    # ------------------------------------------------------------------ finding
    def count_text(self) -> str:
        return self.count_label.text()

    def options(self) -> FindOptions:
        return FindOptions(match_case=self.match_case.isChecked(), whole_word=self.whole_word.isChecked())

    def _recompute(self) -> None:
        pane = self._pane
        self._matches = find_all(pane.text(), self.find_box.text(), self.options()) if pane else []

    def _selection(self) -> tuple[int, int]:
        """The pane's selection as a code-point span (start, end)."""
        assert self._pane is not None
        cursor = self._pane.textCursor()
        index = self._pane.utf16_index()
        return index.span_to_codepoint(cursor.selectionStart(), cursor.selectionEnd())

    def _search_from_selection_start(self) -> None:
        self._recompute()
        if self._pane is None:
            return
        self._go_to(match_after(self._matches, self._selection()[0]))

    def find_next(self) -> None:
        """Select the next match after the selection (wrapping), or open the bar if it has no text."""
        if self._pane is None:
            return
        self._recompute()
        self._go_to(match_after(self._matches, self._selection()[1]))

    def find_previous(self) -> None:
        if self._pane is None:
            return
        self._recompute()
        self._go_to(match_before(self._matches, self._selection()[0]))

    def _go_to(self, index: int | None) -> None:
        self._current = index
        if index is not None and self._pane is not None:
            start, end = self._pane.utf16_index().span_to_utf16(*self._matches[index])
            cursor = self._pane.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self._pane.setTextCursor(cursor)
            self._pane.ensureCursorVisible()
        self._show_count()

    def _show_count(self) -> None:
        if not self.find_box.text():
            self.count_label.setText("")
        elif self._current is None:
            self.count_label.setText("No matches")
        else:
            self.count_label.setText(f"{self._current + 1} of {len(self._matches)}")

    def _on_text_edited(self) -> None:
        """The text changed under the bar (typing, a replace): the count follows, the selection stays."""
        if self.isHidden():
            return
        self._recompute()
        selection = self._selection()
        self._current = self._matches.index(selection) if selection in self._matches else None
        self._show_count()

    # ------------------------------------------------------------------ replacing
    def _editable_pane(self) -> TextPane | None:
        pane = self._pane
        return pane if pane is not None and not pane.isReadOnly() and self.replace_shown() else None

    def replace_current(self) -> None:
        """Replace the selected match, then select the next one; select the first if none is."""
        pane = self._editable_pane()
        if pane is None:
            return
        self._recompute()
        if self._selection() in self._matches:
            pane.textCursor().insertText(self.replace_box.text())
        self.find_next()

    def replace_all(self) -> int:
        """Replace every match as one undo step; returns how many were replaced."""
        pane = self._editable_pane()
        if pane is None:
            return 0
        self._recompute()
        if not self._matches:
            self._show_count()
            return 0
        index = pane.utf16_index()
        spans = [index.span_to_utf16(start, end) for start, end in self._matches]
        replacement = self.replace_box.text()
        cursor = QTextCursor(pane.document())
        cursor.beginEditBlock()
        for start, end in reversed(spans):  # from the end, so earlier positions stay valid
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement)
        cursor.endEditBlock()
        self.count_label.setText(f"Replaced {len(spans)}")
        return len(spans)

    # ------------------------------------------------------------------ keys in the boxes
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _RETURN_KEYS
        ):
            backwards = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if watched is self.replace_box and not backwards:
                self.replace_current()
            elif backwards:
                self.find_previous()
            else:
                self.find_next()
            return True
        return super().eventFilter(watched, event)
