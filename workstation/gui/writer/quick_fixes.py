"""Right-click fixes in the rewrite pane: substitution suggestions, spelling suggestions,
"add to dictionary". Spelling suggestions are computed only when the menu opens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from workstation.core.prose.spelling import SpellChecker
from workstation.gui.common.plain_text import menu_text, tooltip
from workstation.gui.compare.lint_marks import PaneMarks

MAX_SUGGESTIONS = 6


def replace_span(marks: PaneMarks, start: int, end: int, replacement: str) -> None:
    """Replace code points ``start``–``end`` of the pane's text as one undoable edit."""
    u_start, u_end = marks.utf16_span(start, end)
    cursor = marks.pane.textCursor()
    cursor.setPosition(u_start)
    cursor.setPosition(u_end, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(replacement)
    marks.pane.setTextCursor(cursor)


def extend_rewrite_menu(
    menu: QMenu,
    position: int,
    marks: PaneMarks,
    spelling: SpellChecker | None,
    on_dictionary_changed: Callable[[], None],
) -> None:
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
    if word is not None and spelling is not None:
        suggestions = spelling.suggestions(word.word, MAX_SUGGESTIONS)
        for suggestion in suggestions:
            action = menu.addAction(menu_text(suggestion))
            action.triggered.connect(
                lambda _=False, w=word, s=suggestion: replace_span(marks, w.start, w.end, s)
            )
            added.append(action)
        if not suggestions:
            none = menu.addAction("No spelling suggestions")
            none.setEnabled(False)
            added.append(none)

        def add_word(_checked: bool = False, text: str = word.word) -> None:
            spelling.add_word(text)
            on_dictionary_changed()

        learn = menu.addAction(menu_text(f"Add “{word.word}” to dictionary"))
        learn.triggered.connect(add_word)
        added.append(learn)
    if added and first is not None:
        for action in added:
            menu.removeAction(action)
        menu.insertActions(first, added)
        menu.insertSeparator(first)
