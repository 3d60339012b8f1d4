"""The are-you-sure question every window asks the same way: a warning, Cancel the default."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from workstation.gui.common.plain_text import ask, message_box


def ask_to_proceed(
    parent: QWidget | None, title: str, text: str, proceed: QMessageBox.StandardButton
) -> bool:
    """True if the person chose ``proceed``; ``text`` is shown as plain text."""
    cancel = QMessageBox.StandardButton.Cancel
    return ask(parent, QMessageBox.Icon.Warning, title, text, proceed | cancel, cancel) == proceed


def ask_submit_incomplete(parent: QWidget | None, sentence: str) -> bool:
    """Ask whether to submit with rubric questions unanswered (``sentence`` names them): True for
    "Submit anyway"; "Go back", the default, is False (Enter or Esc never submits by accident)."""
    yes, back = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        "Rubric not finished",
        f"{sentence} Submit anyway?",
        yes | back,
        back,
    )
    box.button(yes).setText("Submit anyway")
    box.button(back).setText("Go back")
    return QMessageBox.StandardButton(box.exec()) == yes
