"""The prompt or chat context above the panes. Untrusted text: inserted as text, never as HTML."""

from __future__ import annotations

from PySide6.QtGui import QFont, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from workstation.core.models import Task
from workstation.gui.common import sizes
from workstation.gui.common.linear_wrap import keep_wrap_linear

ROLE_LABELS = {
    "system": "System",
    "user": "User",
    "assistant": "Assistant",
    "tool": "Tool",
    "developer": "Developer",
}


class ContextView(QTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Prompt and conversation context")
        self.setPlaceholderText("This task came without a prompt.")
        self.linear_wrap = keep_wrap_linear(self)

    def show_task(self, task: Task | None) -> None:
        document = self.document()
        document.clear()
        if task is None:
            return
        cursor = QTextCursor(document)
        label = QTextCharFormat()
        label.setFontWeight(QFont.Weight.Bold)
        body = QTextCharFormat()
        first = True
        turns: list[tuple[str, str]] = []
        if task.messages:
            turns.extend((ROLE_LABELS.get(m.role, m.role), m.content) for m in task.messages)
        if task.prompt and not (task.messages and task.messages[-1].content == task.prompt):
            turns.append(("Prompt" if not task.messages else "User", task.prompt))
        self.linear_wrap.expect("\n".join(content for _role, content in turns))
        for role, content in turns:
            if not first:
                cursor.insertBlock()
            first = False
            cursor.insertText(f"{role}: ", label)
            cursor.insertText(content.replace("\r\n", "\n"), body)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the context needs, up to a limit, so a one-line prompt leaves room for the panes.

        A long context fills the limit whatever the width: it is not laid out just to be measured.
        """
        if self.document().characterCount() > sizes.CONTEXT_MEASURE_CHARS:
            self.setFixedHeight(sizes.CONTEXT_MAX_HEIGHT)
            return
        self.document().setTextWidth(self.viewport().width())
        wanted = int(self.document().size().height()) + 2 * self.frameWidth() + 6
        self.setFixedHeight(max(sizes.CONTEXT_MIN_HEIGHT, min(sizes.CONTEXT_MAX_HEIGHT, wanted)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()
