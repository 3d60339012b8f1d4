"""The project's guidelines in a dock, rendered from Markdown with no remote loads.

Raw HTML inside the Markdown is not rendered (Qt's ``MarkdownNoHTML`` dialect), images and other
resources resolve to nothing, and links are shown but never followed inside the app.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QDockWidget, QTextBrowser, QWidget

HEADING_SCALE = {1: 1.35, 2: 1.2, 3: 1.1}


class SafeMarkdownBrowser(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Guidelines")

    def loadResource(self, type_: int, name: QUrl | str) -> Any:
        return None  # no images, style sheets or anything else from anywhere

    def set_markdown(self, text: str) -> None:
        document = self.document()
        features = QTextDocument.MarkdownFeature
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
