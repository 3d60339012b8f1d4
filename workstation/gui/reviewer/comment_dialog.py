"""Writing a comment anchored to a span or a change: the quoted text above, the comment below."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from workstation.gui.common.linear_wrap import keep_wrap_linear
from workstation.gui.common.plain_text import plain_label, shown_lines

QUOTE_CHARS = 400
QUOTE_LINES = 6


class CommentDialog(QDialog):
    """Ctrl+Enter (or the button) saves; Enter starts a new line of the comment."""

    def __init__(self, where: str, quote: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Comment on selection")
        self.where = plain_label(where)
        shown = shown_lines(quote, QUOTE_CHARS, QUOTE_LINES)
        self.quote = plain_label(f"“{shown}”" if shown else "(an empty span)")
        self.quote.setObjectName("commentQuote")
        self.quote.setWordWrap(True)
        font = self.quote.font()
        font.setItalic(True)
        self.quote.setFont(font)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Comment")
        self.text.setPlaceholderText("What should the writer change here, or why is it good?")
        self.text.setTabChangesFocus(True)
        self.text_wrap = keep_wrap_linear(self.text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add comment (Ctrl+Enter)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.quote)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(520, 300)
        self.text.setFocus()

    def comment_text(self) -> str:
        return self.text.toPlainText().strip()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter in the comment saves it (a key event, so it works before the window is active)."""
        if watched is self.text and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            confirm = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if confirm and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                if self.comment_text():
                    self.accept()
                return True
        return super().eventFilter(watched, event)

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.comment_text()))


def ask_comment(where: str, quote: str, parent: QWidget | None = None) -> str | None:
    """The comment written on ``quote`` (``where`` says which side), or None if cancelled."""
    dialog = CommentDialog(where, quote, parent)
    return dialog.comment_text() if dialog.exec() == QDialog.DialogCode.Accepted else None
