"""The task queue on the left of the writer's window, for GUI tests. Reached as
``WriterDriver.queue``."""

from __future__ import annotations

from PySide6.QtCore import Qt

from workstation.gui.writer.queue_model import EditedAfterSubmitRole, StatusRole, TaskIdRole
from workstation.gui.writer.window import WriterWindow


class QueueDriver:
    def __init__(self, window: WriterWindow) -> None:
        self._model = window.queue_model
        self._panel = window.queue_panel

    def size(self) -> int:
        """Tasks listed (after search and filter)."""
        return self._model.rowCount()

    def status(self, task_id: str) -> str | None:
        """The state the queue shows for ``task_id`` ("sealed", "submitted", …), None when it is
        not listed."""
        return self._data(task_id, StatusRole)

    def edited_after_submit(self, task_id: str) -> bool | None:
        """Whether ``task_id``'s row says it was edited after submit, None when it is not listed."""
        return self._data(task_id, EditedAfterSubmitRole)

    def row_text(self, task_id: str) -> str | None:
        """What ``task_id``'s row reads (its id and flag, then the start of the original)."""
        return self._data(task_id, Qt.ItemDataRole.DisplayRole)

    def spoken_label(self, task_id: str) -> str | None:
        """What a screen reader says for ``task_id``'s row ("demo-001, Sealed")."""
        return self._data(task_id, Qt.ItemDataRole.AccessibleTextRole)

    def listed_ids(self) -> list[str]:
        """The task ids listed, top to bottom."""
        return [self._model.index(row).data(TaskIdRole) for row in range(self._model.rowCount())]

    def _data(self, task_id: str, role: int) -> object:
        row = self._model.row_for(task_id)
        return None if row is None else self._model.index(row).data(role)

    def search(self, text: str) -> None:
        """Type ``text`` into the search box (empty clears it); the list follows after a debounce."""
        self._panel.search_box.setText(text)

    def search_has_focus(self) -> bool:
        """Whether the keyboard is in the search box."""
        return self._panel.search_box.hasFocus()

    def filter(self, status: str) -> None:
        """Show only tasks with ``status`` ("skipped", "draft", "sealed", …)."""
        box = self._panel.status_filter
        box.setCurrentIndex(box.findData(status))

    def filter_choices(self) -> list[str]:
        """The status filter's entries, top to bottom ("All tasks", "To do", …)."""
        box = self._panel.status_filter
        return [box.itemText(index) for index in range(box.count())]

    def count_text(self) -> str:
        """The count under the list ("1 of 48 tasks")."""
        return self._panel.count_label.text()
