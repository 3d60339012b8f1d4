"""The left-hand task list: search box, status filter, the list itself and its count.

The list is a one-column table with fixed row heights, not a ``QListView``: a list view lays out
every row when the model resets, calling the Python model twice a row (0.3-0.5 s for 100,000
tasks), where a table with fixed rows asks only about the rows on screen.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation.core.models import RewriteStatus
from workstation.core.store import SEALED, QueueFilter
from workstation.gui.common import sizes
from workstation.gui.common.plain_text import plain_label
from workstation.gui.writer.queue_model import STATUS_LABELS, QueueModel, TaskIdRole
from workstation.gui.writer.queue_reads import QueueSnapshot

ALL_FILTER = ""
FILTER_TOOLTIPS = {
    RewriteStatus.SUBMITTED.value: "Submitted, not sealed yet",
    SEALED: "Sealed into a signed bundle: read-only",
}
ROW_LINES = 2  # the task's id (and flag), then the start of its original
ROW_PADDING = 8  # pixels above and below a row's two lines together


class QueueList(QTableView):
    """The task list: one column, no headers or grid, one task selected at a time; Home and End
    go to the first and the last task, as in a list."""

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measures 100,000 rows
        self._fit_rows()

    def _fit_rows(self) -> None:
        height = ROW_LINES * self.fontMetrics().lineSpacing() + ROW_PADDING
        self.verticalHeader().setDefaultSectionSize(height)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_rows()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and self.model().rowCount():  # a table's stay in the row
            index = self.model().index(0 if key == Qt.Key.Key_Home else self.model().rowCount() - 1, 0)
            self.setCurrentIndex(index)
            self.scrollTo(index)
            return
        super().keyPressEvent(event)


class QueuePanel(QWidget):
    """Emits ``task_requested(id)`` when the writer picks a task, ``filter_changed`` on search or
    filter, ``locate_requested(id)`` when a task to highlight is in no page the model holds."""

    task_requested = Signal(str)
    filter_changed = Signal()
    locate_requested = Signal(str)

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
        self.list_view = QueueList(model)
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
        model.page_arrived.connect(self._on_page_arrived)
        self._silent = False
        self._wanted: str | None = None  # a task to highlight once its row is known
        self._picked_unread = False  # the writer picked a row still reading "…"

    # ------------------------------------------------------------------ filters and counts
    def search_text(self) -> str:
        return self.search_box.text().strip()

    def status_choice(self) -> str:
        return str(self.status_filter.currentData() or ALL_FILTER)

    def current_filter(self) -> QueueFilter:
        """What the search box and the status filter ask the queue to list."""
        status = self.status_choice()
        statuses = (status,) if status != ALL_FILTER else None
        return QueueFilter.of(statuses, self.search_text() or None)

    @property
    def search_pending(self) -> bool:
        """Typing in the search box has not reached the queue yet (its debounce runs)."""
        return self._search_timer.isActive()

    def show_snapshot(self, snapshot: QueueSnapshot) -> None:
        """List the tasks of ``snapshot``: from the top for a new search or filter; read again
        with the same one, the list keeps its scroll position."""
        scroll = self.list_view.verticalScrollBar()
        position = scroll.value() if snapshot.key == self.model.key else 0
        self.model.show_snapshot(snapshot)
        self.list_view.doItemsLayout()  # the new scroll range, before the position is set in it
        scroll.setValue(position)
        self.update_count(snapshot.total)

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

    # ------------------------------------------------------------------ the current task
    def select_task(self, task_id: str) -> None:
        """Highlight ``task_id`` in the list without emitting ``task_requested``: at once if its
        row is held, else once it is located (``locate_requested``) and its page read."""
        self._wanted = None
        row = self.model.row_for(task_id)
        if row is None:
            self._select(None)
            self._wanted = task_id
            self.locate_requested.emit(task_id)
            return
        self._select(row)

    def located(self, task_id: str, row: int | None) -> None:
        """Where the task waited for is listed (None: nowhere, the filter hides it)."""
        if task_id != self._wanted:
            return  # another task was opened meanwhile
        if row is None:
            self._wanted = None
            return
        self.model.want_row(row)
        self._on_page_arrived()

    def neighbour(self, task_id: str | None, step: int) -> str | None:
        """The task ``step`` rows away from ``task_id`` in the list as filtered now (the first
        task when ``task_id`` is not listed)."""
        if self.model.rowCount() == 0:
            return None
        row = self.model.locate_now(task_id) if task_id else None
        target = 0 if row is None else row + step
        return self.model.task_id_at(target, read_now=True)

    def _select(self, row: int | None) -> None:
        self._silent = True
        try:
            if row is None:
                self.list_view.clearSelection()
                return
            index = self.model.index(row)
            self.list_view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.list_view.scrollTo(index)
        finally:
            self._silent = False

    def _on_page_arrived(self) -> None:
        if self._wanted is not None:
            row = self.model.row_for(self._wanted)
            if row is not None:
                self._wanted = None
                self._select(row)
        elif self._picked_unread:
            current = self.list_view.currentIndex()
            task_id = current.data(TaskIdRole) if current.isValid() else None
            if task_id:
                self._picked_unread = False
                self.task_requested.emit(task_id)

    def _on_current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: QModelIndex | QPersistentModelIndex
    ) -> None:
        if not current.isValid():
            return
        self.model.prefetch_around(current.row())
        if self._silent:
            return
        task_id = current.data(TaskIdRole)
        self._picked_unread = not task_id
        if task_id:
            self._wanted = None
            self.task_requested.emit(task_id)
