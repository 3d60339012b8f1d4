"""Hostile outside text and the checks that it is shown as written, for the hardening tests."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QWidget

WATCHED_NAME = "secret.png"


def hostile_texts(watched: Path) -> dict[str, str]:
    """Ids, names, messages and errors an importer, a style file or a server could hand us."""
    return {
        "img_absolute": f'<img src="{watched}">',
        "img_relative": f"<img src={WATCHED_NAME}> id",
        "markup": "<b>bold</b> &amp; <i>it</i> <a href='x'>link</a>",
        "device": "/dev/zero",
        "ansi": "\x1b[31mred\x1b[0m and \x9b2J cleared",
        "rtl": "invoice\u202egnp.exe",
        "lines": "first line\nsecond\r\nthird\u2028fourth",
    }


def rendered(rich: str) -> str:
    """What Qt shows for rich text ``rich`` (a tooltip), with its line breaks as "\\n"."""
    document = QTextDocument()
    document.setHtml(rich)
    return document.toRawText().replace("\u2028", "\n").replace("\u2029", "\n")


def assert_labels_plain(widget: QWidget) -> None:
    """Every label in ``widget`` shows its text as written: plain format, or nothing to guess."""
    labels = widget.findChildren(QLabel)
    if isinstance(widget, QLabel):
        labels.append(widget)
    for label in labels:
        guessed = label.textFormat() is not Qt.TextFormat.PlainText and QtGui.Qt.mightBeRichText(label.text())
        assert not guessed, f"label {label.objectName()!r} would render {label.text()!r} as rich text"


def shown_tooltip_label() -> QLabel | None:
    """The tooltip Qt shows right now, if any."""
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "qtooltip_label" and widget.isVisible() and isinstance(widget, QLabel):
            return widget
    return None
