"""The task queue on the left of the writer's window, for GUI tests. Reached as
``WriterDriver.queue``."""

from __future__ import annotations

from workstation.gui.writer.queue_model import StatusRole
from workstation.gui.writer.window import WriterWindow


class QueueDriver:
    def __init__(self, window: WriterWindow) -> None:
        self._model = window.queue_model
        self._panel = window.queue_panel

    def size(self) -> int:
        """Tasks listed (after search and filter)."""
        return self._model.rowCount()

    def status(self, task_id: str) -> str | None:
        """The status the queue shows for ``task_id``, None when it is not listed."""
        row = self._model.row_for(task_id)
        return None if row is None else self._model.index(row).data(StatusRole)

    def search(self, text: str) -> None:
        """Type ``text`` into the search box (empty clears it); the list follows after a debounce."""
        self._panel.search_box.setText(text)

    def search_has_focus(self) -> bool:
        """Whether the keyboard is in the search box."""
        return self._panel.search_box.hasFocus()

    def filter(self, status: str) -> None:
        """Show only tasks with ``status`` ("skipped", "draft", …)."""
        box = self._panel.status_filter
        box.setCurrentIndex(box.findData(status))

    def count_text(self) -> str:
        """The count under the list ("1 of 48 tasks")."""
        return self._panel.count_label.text()
