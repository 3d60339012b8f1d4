"""A reviewer's anchored comments painted on a pane, and found again for its tooltip.

The anchors come as code-point spans on the judged text (``core.verdicts.anchors`` finds them in
the text shown now); this converts them to the pane's UTF-16 positions, paints them as one
highlighter layer (a soft background with a dotted underline, in the palette's highlight colour
so both themes read it) and answers which comments cover a position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette, QTextCharFormat

from workstation.core.models import Anchor
from workstation.core.text.positions import Utf16Index
from workstation.core.verdicts.anchors import locate_anchor
from workstation.gui.compare.text_pane import TextPane

COMMENT_LAYER = "review-comment"
COMMENT_BACKGROUND_ALPHA = 70
"""Opacity (0-255) of the comment background over the pane's base colour."""


@dataclass(frozen=True)
class AnchoredComment:
    """One comment to place: who made it, what it says, and where it pointed."""

    reviewer: str
    text: str
    anchor: Anchor


def define_comment_layer(pane: TextPane, palette: QPalette) -> None:
    """The comment layer's look, from the current palette (call again when the theme changes)."""
    color = QColor(palette.color(QPalette.ColorRole.Highlight))
    underline = QColor(color)
    color.setAlpha(COMMENT_BACKGROUND_ALPHA)
    fmt = QTextCharFormat()
    fmt.setBackground(color)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setUnderlineColor(underline)
    pane.highlighter.define_layer(COMMENT_LAYER, fmt)


class CommentMarks:
    """The anchored comments shown on one pane, with lookups by UTF-16 position."""

    def __init__(self, pane: TextPane) -> None:
        self.pane = pane
        self.comments: tuple[AnchoredComment, ...] = ()
        self._placed: list[tuple[int, int, AnchoredComment]] = []
        self._spans: dict[int, tuple[int, int]] = {}  # comment index -> code-point span

    def set_comments(self, comments: Sequence[AnchoredComment]) -> None:
        self.comments = tuple(comments)

    def paint(self, text: str) -> None:
        """Place every comment in ``text`` (the pane's text now) and paint the placed ones."""
        if not self.comments and not self._placed:
            return  # no comments on this task: nothing to place on each keystroke
        index = Utf16Index(text)
        self._placed, self._spans = [], {}
        for number, comment in enumerate(self.comments):
            span = locate_anchor(text, comment.anchor)
            if span is None:
                continue
            self._spans[number] = span
            self._placed.append((index.to_utf16(span[0]), index.to_utf16(span[1]), comment))
        self.pane.highlighter.set_spans(COMMENT_LAYER, [(start, end) for start, end, _ in self._placed])

    def span_of(self, number: int) -> tuple[int, int] | None:
        """Where comment ``number`` sits now (code points), or None when its passage is gone."""
        return self._spans.get(number)

    def tooltip(self, position: int) -> str | None:
        lines = [
            f"{comment.reviewer}: {comment.text}"
            for start, end, comment in self._placed
            if start <= position <= end and end > start
        ]
        return "\n".join(lines) or None
