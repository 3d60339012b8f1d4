"""The project's guidelines in a dock, rendered from Markdown with no remote loads.

Raw HTML inside the Markdown is not rendered (Qt's ``MarkdownNoHTML`` dialect), links are shown
but never followed inside the app, and no resource is ever read: every image is a small blank
placeholder and every other resource (a style sheet) is empty.

Returning nothing is not enough: Qt then looks for the name itself — the browser in its search
paths, the document relative to the working folder — and an image that fails to decode is
loaded again straight from its file name. A valid placeholder ends the search.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QDockWidget, QTextBrowser, QWidget

from workstation.gui.common.linear_wrap import keep_wrap_linear

HEADING_SCALE = {1: 1.35, 2: 1.2, 3: 1.1}
PLACEHOLDER_SIZE = 12
"""Pixels of the square shown where the guidelines name an image."""


def image_placeholder() -> QImage:
    """A small outlined square: there was an image here, and it was not loaded."""
    image = QImage(PLACEHOLDER_SIZE, PLACEHOLDER_SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setPen(QColor(128, 128, 128, 160))
    painter.drawRect(0, 0, PLACEHOLDER_SIZE - 1, PLACEHOLDER_SIZE - 1)
    painter.end()
    return image


class SafeMarkdownBrowser(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Guidelines")
        self._placeholder = image_placeholder()
        self.linear_wrap = keep_wrap_linear(self)

    def loadResource(self, type_: int, name: QUrl | str) -> Any:
        """Nothing from anywhere: a placeholder for an image, empty bytes for the rest."""
        if type_ == QTextDocument.ResourceType.ImageResource.value:
            return self._placeholder
        return QByteArray()

    def set_markdown(self, text: str) -> None:
        document = self.document()
        features = QTextDocument.MarkdownFeature
        self.linear_wrap.expect(text)
        # GitHub's dialect (tables, task lists) with raw HTML blocks and spans switched off.
        document.setMarkdown(text, features.MarkdownDialectGitHub | features.MarkdownNoHTML)
        self._tame_headings()

    def _tame_headings(self) -> None:
        """Qt sizes Markdown headings for a page; in a side dock a modest step per level reads better."""
        base = self.font().pointSizeF()
        block = self.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level:
                cursor = QTextCursor(block)
                cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
                fmt = QTextCharFormat()
                fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, 0)
                fmt.setFontPointSize(base * HEADING_SCALE.get(level, 1.0))
                fmt.setFontWeight(QFont.Weight.Bold)
                cursor.mergeCharFormat(fmt)
            block = block.next()


class GuidelinesDock(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Guidelines", parent)
        self.setObjectName("guidelinesDock")
        self.browser = SafeMarkdownBrowser()
        self.setWidget(self.browser)

    def show_guidelines(self, markdown: str) -> None:
        self.browser.set_markdown(markdown or "_This project has no guidelines yet._")
