"""The left-hand review queue: one filter per kind (writer, bundle, model, verdict, flag, outlier
reason) over a virtualised table of items."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation.gui.common import sizes
from workstation.gui.common.plain_text import plain_label, shown_line
from workstation.gui.reviewer.queue_filter import NO_VERDICT, FilterChoices, QueueFilter
from workstation.gui.reviewer.queue_model import COLUMN_WIDTHS, VERDICT_LABELS, ReviewQueueModel

ANY = None
ROW_PADDING = 6  # pixels above and below a row's text
CHOICE_CHARS = 48  # characters of a filter entry (a writer's name and key, a bundle id)


def _combo(name: str, any_label: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(any_label, ANY)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


class ReviewQueuePanel(QWidget):
    """Emits ``item_requested(id)`` when the reviewer moves to an item, ``filter_changed`` on a filter."""

    item_requested = Signal(str)
    filter_changed = Signal()

    def __init__(self, model: ReviewQueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.writer_filter = _combo("Filter by writer", "All writers")
        self.bundle_filter = _combo("Filter by bundle", "All bundles")
        self.model_filter = _combo("Filter by model", "All models")
        self.verdict_filter = _combo("Filter by verdict", "Any verdict")
        self.verdict_filter.addItem("No verdict yet", NO_VERDICT)
        for kind, label in VERDICT_LABELS.items():
            self.verdict_filter.addItem(label, kind.value)
        self.flag_filter = _combo("Filter by the writer's flag", "Flagged or not")
        self.flag_filter.addItem("Flagged by the writer", True)
        self.flag_filter.addItem("Not flagged", False)
        self.outlier_filter = _combo("Filter by outlier reason", "Any outlier reason")
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setObjectName("reviewQueue")
        self.table.setAccessibleName("Review queue")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measures 200,000 rows
        rows.setDefaultSectionSize(self.fontMetrics().height() + ROW_PADDING)
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            columns.resizeSection(column, width)
        columns.setHighlightSections(False)
        self.count_label = plain_label()
        self.count_label.setObjectName("queueCount")

        filters = QFormLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setSpacing(sizes.SPACING // 2)
        for label, combo in (
            ("Writer", self.writer_filter),
            ("Bundle", self.bundle_filter),
            ("Model", self.model_filter),
            ("Verdict", self.verdict_filter),
            ("Flag", self.flag_filter),
            ("Outlier", self.outlier_filter),
        ):
            filters.addRow(plain_label(label), combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(sizes.SPACING)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.setMinimumWidth(sizes.QUEUE_MIN_WIDTH)

        for combo in self._combos():
            combo.currentIndexChanged.connect(lambda _i: self.filter_changed.emit())
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self._silent = False

    def _combos(self) -> tuple[QComboBox, ...]:
        return (
            self.writer_filter,
            self.bundle_filter,
            self.model_filter,
            self.verdict_filter,
            self.flag_filter,
            self.outlier_filter,
        )

    # ----- filters
    def current_filter(self) -> QueueFilter:
        return QueueFilter(
            writer=self.writer_filter.currentData(),
            bundle=self.bundle_filter.currentData(),
            model=self.model_filter.currentData(),
            verdict=self.verdict_filter.currentData(),
            flagged=self.flag_filter.currentData(),
            outlier=self.outlier_filter.currentData(),
        )

    def set_choices(self, choices: FilterChoices) -> None:
        """Refill the writer, bundle, model and outlier lists, keeping each choice that still exists."""
        self._refill(self.writer_filter, choices.writers)
        self._refill(self.bundle_filter, choices.bundles)
        self._refill(self.model_filter, choices.models)
        self._refill(self.outlier_filter, choices.outliers)

    def _refill(self, combo: QComboBox, entries: Sequence[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for value, label in entries:
                combo.addItem(shown_line(label, CHOICE_CHARS), value)
            index = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(index, 0))
        finally:
            combo.blockSignals(False)

    def choose(self, combo: QComboBox, value: object) -> bool:
        """Set one filter to ``value`` (as a reviewer picking it); False if it is not on offer."""
        index = combo.findData(value)
        if index < 0:
            return False
        combo.setCurrentIndex(index)
        return True

    def clear_filters(self) -> None:
        """Every filter back to "any", the queue refiltered once."""
        for combo in self._combos():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.filter_changed.emit()

    def update_count(self, shown: int, total: int, *, loading: bool = False) -> None:
        """``total`` is the inbox's items; ``loading`` while the rest of them are still being read."""
        if loading:
            self.count_label.setText(f"{shown:,} of {total:,} items so far, reading the rest…")
        else:
            self.count_label.setText(
                f"{shown:,} of {total:,} items" if shown != total else f"{total:,} items"
            )

    # ----- the current item
    def current_item_id(self) -> str | None:
        item = self.model.item_at(self.table.currentIndex().row())
        return item.item_id if item is not None else None

    def select_item(self, item_id: str | None) -> bool:
        """Show ``item_id`` as current without asking to open it (it is open already)."""
        row = self.model.row_for(item_id) if item_id else None
        if row is None:
            self.table.clearSelection()
            return False
        self._silent = True
        try:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
        finally:
            self._silent = False
        return True

    def neighbour(self, item_id: str | None, step: int) -> str | None:
        """The item ``step`` rows from ``item_id`` (the first row when it is not shown); None past the end."""
        row = self.model.row_for(item_id) if item_id else None
        target = (0 if step > 0 else self.model.rowCount() - 1) if row is None else row + step
        item = self.model.item_at(target)
        return item.item_id if item is not None else None

    def _on_current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: QModelIndex | QPersistentModelIndex
    ) -> None:
        if self._silent:
            return
        item = self.model.item_at(current.row())
        if item is not None:
            self.item_requested.emit(item.item_id)
