"""The Edit menu: undo, clipboard and find act on the text field that has the focus.

Undo/Redo, Cut and Paste change the focused editable field (the notes, the search box), else the
rewrite; Copy and Select All also read a read-only field (the original). Find and Replace work on
the panes, so they first leave track-changes view.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit

from workstation.gui.compare.diff_view import DiffView

TextField = QPlainTextEdit | QLineEdit | QTextEdit


class EditCommands:
    """Connects the Edit menu's actions to the focused field or the diff view's panes."""

    def __init__(self, view: DiffView, actions: dict[str, QAction]) -> None:
        self._view = view
        self._inline = actions["toggle_inline"]
        actions["undo"].triggered.connect(lambda: self._edit_target().undo())
        actions["redo"].triggered.connect(lambda: self._edit_target().redo())
        actions["cut"].triggered.connect(lambda: self._edit_target().cut())
        actions["copy"].triggered.connect(lambda: self._focused_text().copy())
        actions["paste"].triggered.connect(lambda: self._edit_target().paste())
        actions["select_all"].triggered.connect(lambda: self._focused_text().selectAll())
        actions["find"].triggered.connect(lambda: self._open_find(replace=False))
        actions["replace"].triggered.connect(lambda: self._open_find(replace=True))
        actions["find_next"].triggered.connect(lambda: self._find_step(1))
        actions["find_previous"].triggered.connect(lambda: self._find_step(-1))

    def _edit_target(self) -> TextField:
        """The focused editable text field, else the rewrite."""
        focused = QApplication.focusWidget()
        if isinstance(focused, (QPlainTextEdit, QLineEdit, QTextEdit)) and not focused.isReadOnly():
            return focused
        return self._view.rewrite_pane

    def _focused_text(self) -> TextField:
        """The focused text field, read-only ones too, else the rewrite."""
        focused = QApplication.focusWidget()
        if isinstance(focused, (QPlainTextEdit, QLineEdit, QTextEdit)):
            return focused
        return self._view.rewrite_pane

    def _open_find(self, *, replace: bool) -> None:
        self._inline.setChecked(False)  # the panes, not track changes
        self._view.open_find(replace=replace)

    def _find_step(self, step: int) -> None:
        self._inline.setChecked(False)
        self._view.find_step(step)
