"""The left-hand task list: search box, status filter, and the virtualized list itself."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QListView, QVBoxLayout, QWidget

from workstation.core.models import RewriteStatus
from workstation.core.store import SEALED
from workstation.gui.common import sizes
from workstation.gui.common.plain_text import plain_label
from workstation.gui.writer.queue_model import STATUS_LABELS, QueueModel, TaskIdRole

ALL_FILTER = ""
FILTER_TOOLTIPS = {
    RewriteStatus.SUBMITTED.value: "Submitted, not sealed yet",
    SEALED: "Sealed into a signed bundle: read-only",
}


class QueuePanel(QWidget):
    """Emits ``task_requested(id)`` when the writer picks a task, ``filter_changed`` on search/filter."""

    task_requested = Signal(str)
    filter_changed = Signal()

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search tasks…")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search tasks")
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Filter by status")
        self.status_filter.addItem("All tasks", ALL_FILTER)
        for status, label in STATUS_LABELS.items():
            self.status_filter.addItem(label, status)
            if status in FILTER_TOOLTIPS:
                self.status_filter.setItemData(
                    self.status_filter.count() - 1, FILTER_TOOLTIPS[status], Qt.ItemDataRole.ToolTipRole
                )
        self.list_view = QListView()
        self.list_view.setModel(model)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setWordWrap(False)
        self.list_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list_view.setAlternatingRowColors(True)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setAccessibleName("Task queue")
        self.count_label = plain_label()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(sizes.SPACING)
        layout.addWidget(self.search_box)
        layout.addWidget(self.status_filter)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(self.count_label)
        self.setMinimumWidth(sizes.QUEUE_MIN_WIDTH)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(sizes.SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.filter_changed)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.filter_changed.emit())
        self.list_view.selectionModel().currentChanged.connect(self._on_current_changed)
        self._silent = False

    def search_text(self) -> str:
        return self.search_box.text().strip()

    def status_choice(self) -> str:
        return str(self.status_filter.currentData() or ALL_FILTER)

    def update_count(self, total: int) -> None:
        """The line under the list; a search or filter that hides every task says so (the open
        task stays open: the queue only shows less)."""
        shown = self.model.rowCount()
        if total == 0:
            text = "No tasks yet"
        elif shown == 0:
            text = f"No task matches the search or filter ({total:,} in all)"
        else:
            text = f"{shown:,} of {total:,} tasks" if shown != total else f"{total:,} tasks"
        self.count_label.setText(text)

    def select_task(self, task_id: str) -> bool:
        """Highlight ``task_id`` in the list without emitting ``task_requested``."""
        row = self.model.row_for(task_id)
        if row is None:
            self.list_view.clearSelection()
            return False
        index = self.model.index(row)
        self._silent = True
        try:
            self.list_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.list_view.scrollTo(index)
        finally:
            self._silent = False
        return True

    def neighbour(self, task_id: str | None, step: int) -> str | None:
        """The task ``step`` rows away from ``task_id`` in the list as filtered now."""
        if self.model.rowCount() == 0:
            return None
        row = self.model.row_for(task_id) if task_id else None
        target = 0 if row is None else row + step
        return self.model.task_id_at(target)

    def _on_current_changed(self, current, _previous) -> None:
        if self._silent or not current.isValid():
            return
        task_id = current.data(TaskIdRole)
        if task_id:
            self.task_requested.emit(task_id)
