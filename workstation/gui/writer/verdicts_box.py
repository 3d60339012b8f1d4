"""The side panel's "Reviewer verdicts" box: every verdict on the task, who gave it, with which key.

Everything shown is text from a signed but outside bundle, so it is plain text only: labels from
``plain_label`` and list items (never rich text). Anchored comments are listed with the text they
point at; choosing one asks the window to show its place in the pane (``comment_requested``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from workstation.core.models import Verdict, VerdictKind
from workstation.gui.common import sizes
from workstation.gui.common.plain_text import plain_label, shown_line, shown_lines, tooltip
from workstation.gui.writer.comment_marks import AnchoredComment

VERDICT_LABELS = {
    VerdictKind.ACCEPT: "Accepted",
    VerdictKind.REVISE: "Revisions requested",
    VerdictKind.REJECT: "Rejected",
}
FINGERPRINT_SHOWN_CHARS = 16
"""Hex digits of a key fingerprint shown beside a reviewer's name (the same short form as the CLI)."""
COMMENT_LIST_MAX_HEIGHT = 160
"""Pixels; longer lists scroll."""
LINES_PER_COMMENT = 3


def reviewer_line(verdict: Verdict) -> str:
    """``Revisions requested — Rui Reviewer (key 1a2b…)`` with the date, one plain line."""
    key = verdict.reviewer_fingerprint[:FINGERPRINT_SHOWN_CHARS]
    day = verdict.created_at[:10]
    return shown_line(f"{VERDICT_LABELS[verdict.verdict]} — {verdict.reviewer_name} (key {key}), {day}")


class VerdictsBox(QGroupBox):
    """Emits ``comment_requested(index)`` for an anchored comment of :meth:`anchored_comments`."""

    comment_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Reviewer verdicts", parent)
        self.setObjectName("verdictsBox")
        self._layout = QVBoxLayout(self)
        self._layout.setSpacing(sizes.SPACING)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("verdictSummary")
        self._layout.addWidget(self.summary)
        self.comment_list = QListWidget()
        self.comment_list.setAccessibleName("Anchored review comments")
        self.comment_list.setWordWrap(True)
        self._layout.addWidget(self.comment_list)
        self.comment_list.itemActivated.connect(self._on_item)
        self.comment_list.itemClicked.connect(self._on_item)
        self._anchored: list[AnchoredComment] = []
        self.show_verdicts(())

    def show_verdicts(self, verdicts: Sequence[Verdict]) -> None:
        """Show ``verdicts`` (oldest first), newest on top; hide the box when there are none."""
        self.comment_list.clear()
        self._anchored = []
        blocks: list[str] = []
        for verdict in reversed(verdicts):
            lines = [reviewer_line(verdict)]
            if verdict.reason:
                lines.append(f"Reason: {shown_lines(verdict.reason)}")
            if verdict.comment:
                lines.append(shown_lines(verdict.comment))
            for comment in verdict.comments:
                if comment.anchor is None:
                    lines.append(f"Comment: {shown_lines(comment.text)}")
                    continue
                self._anchored.append(AnchoredComment(verdict.reviewer_name, comment.text, comment.anchor))
                item = QListWidgetItem(
                    f"“{shown_line(comment.anchor.quote, 60)}” — {shown_lines(comment.text)}"
                )
                item.setToolTip(tooltip(f"{verdict.reviewer_name}: {comment.text}", multiline=True))
                self.comment_list.addItem(item)
            blocks.append("\n".join(lines))
        self.summary.setText("\n\n".join(blocks))
        self.comment_list.setVisible(bool(self._anchored))
        self._fit_list()
        self.setVisible(bool(verdicts))

    def _fit_list(self) -> None:
        """About as tall as its comments (up to the cap), so a single comment leaves no empty box.

        Items wrap at a width not known yet, so each gets room for :data:`LINES_PER_COMMENT` lines.
        """
        line = self.comment_list.fontMetrics().lineSpacing()
        rows = self.comment_list.count() * LINES_PER_COMMENT * line
        frame = 2 * self.comment_list.frameWidth() + sizes.SPACING
        self.comment_list.setFixedHeight(min(COMMENT_LIST_MAX_HEIGHT, rows + frame))

    def anchored_comments(self) -> list[AnchoredComment]:
        return list(self._anchored)

    def mark_unplaced(self, placed: Sequence[bool]) -> None:
        """Say which anchored comments point at a passage the writer has since changed."""
        for number, is_placed in enumerate(placed):
            item = self.comment_list.item(number)
            if item is not None:
                comment = self._anchored[number]
                suffix = "" if is_placed else "  (passage changed since)"
                item.setText(
                    f"“{shown_line(comment.anchor.quote, 60)}” — {shown_lines(comment.text)}{suffix}"
                )

    def _on_item(self, item: QListWidgetItem) -> None:
        self.comment_requested.emit(self.comment_list.row(item))
