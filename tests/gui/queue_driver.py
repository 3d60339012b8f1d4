"""The task queue on the left of the writer's window, for GUI tests. Reached as
``WriterDriver.queue``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from workstation.gui.writer.queue_model import EditedAfterSubmitRole, StatusRole, TaskIdRole
from workstation.gui.writer.window import WriterWindow

WAIT_MS = 3000


class QueueDriver:
    def __init__(self, window: WriterWindow, qtbot: QtBot) -> None:
        self._queue = window.queue
        self._model = window.queue_model
        self._panel = window.queue_panel
        self._qtbot = qtbot

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
        """The task ids listed, top to bottom (each row's page is read as if it were shown)."""
        ids = []
        for row in range(self._model.rowCount()):
            index = self._model.index(row)
            self._qtbot.waitUntil(lambda index=index: bool(index.data(TaskIdRole)), timeout=WAIT_MS)
            ids.append(index.data(TaskIdRole))
        return ids

    def visible_ids(self) -> list[str | None]:
        """The tasks of the rows on screen, top to bottom; None for a row that still reads "…"."""
        view = self._panel.list_view
        first, last = view.rowAt(0), view.rowAt(view.viewport().height() - 1)
        if first < 0:
            return []
        last = self._model.rowCount() - 1 if last < 0 else last
        return [self._model.index(row).data(TaskIdRole) for row in range(first, last + 1)]

    def scroll_through(self) -> list[str]:
        """Scroll from the top to the end a screen at a time, as a writer does, waiting for each
        screen's rows to be read; the tasks seen, top to bottom."""
        bar = self._panel.list_view.verticalScrollBar()
        bar.setValue(0)
        seen: dict[str, None] = {}
        while True:
            self._qtbot.waitUntil(lambda: None not in self.visible_ids(), timeout=WAIT_MS)
            seen.update(dict.fromkeys(str(task_id) for task_id in self.visible_ids()))
            if bar.value() >= bar.maximum():
                return list(seen)
            bar.setValue(bar.value() + bar.pageStep())

    def highlighted(self) -> str | None:
        """The task highlighted in the list, if one is."""
        rows = self._panel.list_view.selectionModel().selectedRows()
        return rows[0].data(TaskIdRole) if rows else None

    def on_screen(self, task_id: str) -> bool:
        """Whether ``task_id``'s row is in sight in the list."""
        row = self._model.row_for(task_id)
        view = self._panel.list_view
        return row is not None and view.viewport().rect().intersects(view.visualRect(self._model.index(row)))

    def press(self, key: Qt.Key) -> None:
        """Press ``key`` with the keyboard in the list."""
        view = self._panel.list_view
        view.setFocus()
        QTest.keyClick(view, key)

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
        """Show only tasks with ``status`` ("skipped", "draft", "sealed", …; "" for all), and wait
        until the list shows them."""
        box = self._panel.status_filter
        box.setCurrentIndex(box.findData(status))
        self.settle()

    def settle(self) -> None:
        """Wait until the list shows what the search box and the filter ask for, every row on
        screen read."""
        settled = lambda: not (self._panel.search_pending or self._queue.loading)  # noqa: E731
        self._qtbot.waitUntil(settled, timeout=WAIT_MS)

    def filter_choices(self) -> list[str]:
        """The status filter's entries, top to bottom ("All tasks", "To do", …)."""
        box = self._panel.status_filter
        return [box.itemText(index) for index in range(box.count())]

    def count_text(self) -> str:
        """The count under the list ("1 of 48 tasks")."""
        return self._panel.count_label.text()
