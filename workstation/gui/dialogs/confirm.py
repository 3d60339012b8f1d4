"""The are-you-sure question every window asks the same way: a warning, Cancel the default."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_to_proceed(
    parent: QWidget | None, title: str, text: str, proceed: QMessageBox.StandardButton
) -> bool:
    """True if the person chose ``proceed``; ``text`` is shown as plain text."""
    cancel = QMessageBox.StandardButton.Cancel
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, proceed | cancel, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(cancel)
    return box.exec() == proceed
