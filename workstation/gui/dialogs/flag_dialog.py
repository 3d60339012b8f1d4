"""Flagging a task: pick one of the project's reasons or write one."""

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
    def __init__(self, reasons: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Flag this task")
        self.reason = QComboBox()
        self.reason.addItems([*reasons, OTHER])
        self.detail = QLineEdit()
        self.detail.setPlaceholderText("What is wrong with this task?")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Flag")
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
