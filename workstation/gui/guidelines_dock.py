"""The project's guidelines in a dock, rendered from Markdown with no remote loads.

Raw HTML inside the Markdown is not rendered (Qt's ``MarkdownNoHTML`` dialect), images and other
resources resolve to nothing, and links are shown but never followed inside the app.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDockWidget, QTextBrowser, QWidget


class SafeMarkdownBrowser(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Guidelines")

    def loadResource(self, type_: int, name: QUrl) -> Any:  # noqa: N802 - Qt override
        return None  # no images, style sheets or anything else from anywhere

    def set_markdown(self, text: str) -> None:
        document = self.document()
        document.setMarkdown(text, QTextDocument.MarkdownFeature.MarkdownNoHTML)


class GuidelinesDock(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Guidelines", parent)
        self.setObjectName("guidelinesDock")
        self.browser = SafeMarkdownBrowser()
        self.setWidget(self.browser)

    def show_guidelines(self, markdown: str) -> None:
        self.browser.set_markdown(markdown or "_This project has no guidelines yet._")
