"""Keep the original and rewrite panes scrolled to matching places, chunk by chunk (as Meld does).

When one pane scrolls, the position at its top edge is mapped through the diff to the other text
and that pane is scrolled to the same place. A re-entry lock stops the two panes from chasing
each other.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QPlainTextEdit

# Maps a UTF-16 document position in one pane to one in the other, or None when unknown.
PositionMap = Callable[[int], int | None]


class ScrollSync(QObject):
    def __init__(
        self,
        left: QPlainTextEdit,
        right: QPlainTextEdit,
        left_to_right: PositionMap,
        right_to_left: PositionMap,
    ) -> None:
        super().__init__(left)
        self._left = left
        self._right = right
        self._maps = {id(left): left_to_right, id(right): right_to_left}
        self._busy = False
        self.enabled = True
        left.verticalScrollBar().valueChanged.connect(lambda _v: self._follow(left, right))
        right.verticalScrollBar().valueChanged.connect(lambda _v: self._follow(right, left))

    def _follow(self, source: QPlainTextEdit, target: QPlainTextEdit) -> None:
        if self._busy or not self.enabled:
            return
        top = source.cursorForPosition(QPoint(0, 0)).position()
        mapped = self._maps[id(source)](top)
        if mapped is None:
            return
        self._busy = True
        try:
            scroll_to_position(target, mapped)
        finally:
            self._busy = False


def scroll_to_position(pane: QPlainTextEdit, position: int) -> None:
    """Scroll ``pane`` so the line holding document ``position`` is at the top, cursor untouched."""
    document = pane.document()
    position = max(0, min(position, document.characterCount() - 1))
    block = document.findBlock(position)
    if not block.isValid():
        return
    line_in_block = 0
    layout = block.layout()
    if layout is not None and layout.lineCount() > 0:
        line = layout.lineForTextPosition(position - block.position())
        if line.isValid():
            line_in_block = line.lineNumber()
    pane.verticalScrollBar().setValue(block.firstLineNumber() + line_in_block)
