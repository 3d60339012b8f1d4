"""Right-click fixes in the rewrite pane: substitution suggestions, spelling suggestions,
"Add to dictionary" and "Ignore in this task". Spelling suggestions are computed only when the
menu opens.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QMenu

from workstation.gui.common.plain_text import menu_text, tooltip
from workstation.gui.compare.lint_marks import PaneMarks
from workstation.gui.writer.spelling_controller import SpellingController

MAX_SUGGESTIONS = 6


def replace_span(marks: PaneMarks, start: int, end: int, replacement: str) -> None:
    """Replace code points ``start``–``end`` of the pane's text as one undoable edit."""
    u_start, u_end = marks.utf16_span(start, end)
    cursor = marks.pane.textCursor()
    cursor.setPosition(u_start)
    cursor.setPosition(u_end, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(replacement)
    marks.pane.setTextCursor(cursor)


def extend_rewrite_menu(menu: QMenu, position: int, marks: PaneMarks, spelling: SpellingController) -> None:
    """Put fixes for whatever is under ``position`` (UTF-16) at the top of the standard menu."""
    first = menu.actions()[0] if menu.actions() else None
    added = []
    for finding in marks.findings_at(position):
        for suggestion in finding.suggestions[:MAX_SUGGESTIONS]:
            label = f"Replace with “{suggestion}”" if suggestion else "Delete it"
            action = menu.addAction(menu_text(label))
            action.setToolTip(tooltip(finding.message))
            action.triggered.connect(
                lambda _=False, f=finding, s=suggestion: replace_span(marks, f.start, f.end, s)
            )
            added.append(action)
    word = marks.misspelled_at(position)
    if word is not None and spelling.checker is not None:
        added.extend(_spelling_actions(menu, marks, spelling, word.start, word.end, word.word))
    if added and first is not None:
        for action in added:
            menu.removeAction(action)
        menu.insertActions(first, added)
        menu.insertSeparator(first)


def _spelling_actions(
    menu: QMenu, marks: PaneMarks, spelling: SpellingController, start: int, end: int, word: str
) -> list[QAction]:
    """Suggestions for the misspelled ``word`` at ``start``–``end``, then what to do with it."""
    actions = []
    suggestions = spelling.suggestions(word, MAX_SUGGESTIONS)
    for suggestion in suggestions:
        action = menu.addAction(menu_text(suggestion))
        action.triggered.connect(lambda _=False, s=suggestion: replace_span(marks, start, end, s))
        actions.append(action)
    if not suggestions:
        none = menu.addAction("No spelling suggestions")
        none.setEnabled(False)
        actions.append(none)
    learn = menu.addAction(menu_text(f"Add “{word}” to dictionary"))
    learn.setToolTip(tooltip("Accept this word in every task, from now on."))
    learn.triggered.connect(lambda _=False: spelling.add_to_dictionary(word))
    ignore = menu.addAction(menu_text(f"Ignore “{word}” in this task"))
    ignore.setToolTip(tooltip("Accept this word in this task only; other tasks still mark it."))
    ignore.triggered.connect(lambda _=False: spelling.ignore_in_task(word))
    return [*actions, learn, ignore]
