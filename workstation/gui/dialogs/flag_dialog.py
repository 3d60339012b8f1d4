"""Giving a reason: pick one of a list or write one (flagging a task, a reviewer's verdict)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workstation.gui.common.plain_text import plain_label

OTHER = "Other (describe below)"


class FlagDialog(QDialog):
    """The reason list has focus and its first entry chosen, so Enter alone confirms it."""

    def __init__(
        self,
        reasons: tuple[str, ...],
        parent: QWidget | None = None,
        *,
        title: str = "Flag this task",
        action: str = "Flag",
        placeholder: str = "What is wrong with this task?",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.reason = QComboBox()
        self.reason.addItems([*reasons, OTHER])
        self.detail = QLineEdit()
        self.detail.setPlaceholderText(placeholder)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Reason"))
        layout.addWidget(self.reason)
        layout.addWidget(plain_label("Details (optional unless you chose Other)"))
        layout.addWidget(self.detail)
        layout.addWidget(self.buttons)
        self.reason.currentTextChanged.connect(self._update_ok)
        self.detail.textChanged.connect(self._update_ok)
        self._update_ok()

    def reason_text(self) -> str:
        detail = " ".join(self.detail.text().split())
        chosen = self.reason.currentText()
        if chosen == OTHER:
            return detail
        return f"{chosen}: {detail}" if detail else chosen

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason_text()))


def ask_flag_reason(reasons: tuple[str, ...], parent: QWidget | None = None) -> str | None:
    """The reason the writer gave, or None if they cancelled."""
    dialog = FlagDialog(reasons, parent)
    return dialog.reason_text() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_reason(
    reasons: tuple[str, ...], *, title: str, action: str, placeholder: str, parent: QWidget | None = None
) -> str | None:
    """A reason chosen from ``reasons`` or written, or None if cancelled (Enter takes the first)."""
    dialog = FlagDialog(reasons, parent, title=title, action=action, placeholder=placeholder)
    dialog.reason.setFocus()
    return dialog.reason_text() if dialog.exec() == QDialog.DialogCode.Accepted else None
