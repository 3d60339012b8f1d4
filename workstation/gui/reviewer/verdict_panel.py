"""The right-hand verdict panel: the three verdict buttons, the comment going with the next verdict,
the comments anchored to spans so far, and every verdict already given on the item."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.core.models import ReviewComment, Verdict, VerdictKind
from workstation.core.signing import short_fingerprint
from workstation.gui.common import sizes
from workstation.gui.common.linear_wrap import keep_wrap_linear
from workstation.gui.common.plain_text import plain_label, shown_line, tooltip
from workstation.gui.common.shortcuts import REVIEW_BY_ACTION
from workstation.gui.reviewer.queue_model import VERDICT_LABELS

QUOTE_CHARS = 50
COMMENT_CHARS = 120
LIST_MAX_HEIGHT = 96
COMMENT_MAX_HEIGHT = 72
BUTTONS = (
    (VerdictKind.ACCEPT, "Accept", "accept"),
    (VerdictKind.REVISE, "Revise…", "revise"),
    (VerdictKind.REJECT, "Reject…", "reject"),
)


def comment_line(comment: ReviewComment) -> str:
    """One safe line for a comment: where it points (quoted) and what it says."""
    anchor = comment.anchor
    text = shown_line(comment.text, COMMENT_CHARS)
    if anchor is None:
        return text
    where = "change" if anchor.hunk is not None else anchor.side
    return f"{where} “{shown_line(anchor.quote, QUOTE_CHARS)}”: {text}"


def verdict_line(verdict: Verdict) -> str:
    """Who judged, how and when, in one safe line."""
    line = (
        f"{VERDICT_LABELS[verdict.verdict]} by {shown_line(verdict.reviewer_name, 60)} "
        f"({short_fingerprint(verdict.reviewer_fingerprint)}), {verdict.created_at[:16].replace('T', ' ')}"
    )
    if verdict.reason:
        line += f" — {shown_line(verdict.reason, 120)}"
    return line


class VerdictPanel(QWidget):
    """Emits ``verdict_requested(VerdictKind)`` for a button, ``remove_comment_requested(row)``."""

    verdict_requested = Signal(object)
    remove_comment_requested = Signal(int)
    comment_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[VerdictKind, QPushButton] = {}
        row = QHBoxLayout()
        row.setSpacing(sizes.SPACING)
        for kind, label, action in BUTTONS:
            keys = REVIEW_BY_ACTION[action].display()
            button = QPushButton(f"{label}  {keys}")
            button.setObjectName(f"verdict_{kind.value}")
            button.setToolTip(tooltip(f"{REVIEW_BY_ACTION[action].label} ({keys})"))
            button.clicked.connect(lambda _=False, k=kind: self.verdict_requested.emit(k))
            row.addWidget(button)
            self.buttons[kind] = button
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("verdictComment")
        self.comment.setAccessibleName("Comment for the writer")
        self.comment.setPlaceholderText("Comment for the writer (optional, goes with the verdict).")
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(COMMENT_MAX_HEIGHT)
        self.comment_wrap = keep_wrap_linear(self.comment)
        self.anchored = QListWidget()
        self.anchored.setObjectName("anchoredComments")
        self.anchored.setAccessibleName("Comments on spans")
        self.anchored.setMaximumHeight(LIST_MAX_HEIGHT)
        self.anchored.setWordWrap(True)
        keys = REVIEW_BY_ACTION["comment_span"].display()
        self.add_comment_button = QPushButton(f"Comment on selection…  {keys}")
        self.add_comment_button.setToolTip(tooltip(REVIEW_BY_ACTION["comment_span"].label))
        self.remove_comment_button = QPushButton("Remove")
        self.history = QListWidget()
        self.history.setObjectName("verdictHistory")
        self.history.setAccessibleName("Verdicts on this item")
        self.history.setMaximumHeight(LIST_MAX_HEIGHT)
        self.history.setWordWrap(True)

        verdict_box = QGroupBox("Verdict")
        verdict_layout = QVBoxLayout(verdict_box)
        verdict_layout.addLayout(row)
        verdict_layout.addWidget(self.comment)
        comments_box = QGroupBox("Comments on spans")
        comments_layout = QVBoxLayout(comments_box)
        comments_layout.addWidget(self.anchored)
        comment_buttons = QHBoxLayout()
        comment_buttons.addWidget(self.add_comment_button)
        comment_buttons.addWidget(self.remove_comment_button)
        comments_layout.addLayout(comment_buttons)
        history_box = QGroupBox("Verdicts on this item")
        history_layout = QVBoxLayout(history_box)
        self.no_verdicts = plain_label("None yet.")
        history_layout.addWidget(self.no_verdicts)
        history_layout.addWidget(self.history)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(sizes.SPACING)
        for box in (verdict_box, comments_box, history_box):
            layout.addWidget(box)
        self.add_comment_button.clicked.connect(self.comment_requested)
        self.remove_comment_button.clicked.connect(self._remove_current)
        self.anchored.currentRowChanged.connect(lambda r: self.remove_comment_button.setEnabled(r >= 0))
        self.remove_comment_button.setEnabled(False)

    def show_draft(self, comment: str, anchored: Sequence[ReviewComment]) -> None:
        """The comment text and anchored comments waiting for this item's verdict."""
        if self.comment.toPlainText() != comment:
            self.comment_wrap.expect(comment)
            self.comment.setPlainText(comment)
        self.anchored.clear()
        for entry in anchored:
            item = QListWidgetItem(comment_line(entry))
            item.setToolTip(tooltip(entry.text, multiline=True))
            self.anchored.addItem(item)
        self.remove_comment_button.setEnabled(False)

    def show_verdicts(self, verdicts: Sequence[Verdict]) -> None:
        self.history.clear()
        for verdict in reversed(verdicts):  # newest first
            item = QListWidgetItem(verdict_line(verdict))
            if verdict.comment:
                item.setToolTip(tooltip(verdict.comment, multiline=True))
            self.history.addItem(item)
        self.no_verdicts.setVisible(not verdicts)
        self.history.setVisible(bool(verdicts))

    def set_enabled(self, enabled: bool) -> None:
        for widget in (*self.buttons.values(), self.comment, self.add_comment_button):
            widget.setEnabled(enabled)

    def comment_text(self) -> str:
        return self.comment.toPlainText()

    def _remove_current(self) -> None:
        row = self.anchored.currentRow()
        if row >= 0:
            self.remove_comment_requested.emit(row)
