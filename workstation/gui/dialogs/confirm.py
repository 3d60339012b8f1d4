"""The are-you-sure question every window asks the same way: a warning, Cancel the default."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from workstation.gui.common.plain_text import ask


def ask_to_proceed(
    parent: QWidget | None, title: str, text: str, proceed: QMessageBox.StandardButton
) -> bool:
    """True if the person chose ``proceed``; ``text`` is shown as plain text."""
    cancel = QMessageBox.StandardButton.Cancel
    return ask(parent, QMessageBox.Icon.Warning, title, text, proceed | cancel, cancel) == proceed
