"""The "look at first" list: each listed item with why, filterable by reason; activating one
asks the review window to open it (``item_activated``).

The list keeps the core's order, by severity (:func:`~workstation.core.review.triage.triage`:
most reasons first, then furthest past the thresholds), and says so in its "How far out" column
and that column's tooltip. With nothing listed it says so in words instead of showing a blank.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.core.review.items import AuditItem
from workstation.core.review.triage import OutlierReason, TriageEntry
from workstation.gui.common.plain_text import plain_label, shown_line, tooltip
from workstation.gui.common.sizes import MARGIN, SPACING

ALL_REASONS = "All reasons"
NOTHING_LISTED = "Nothing stands out in this batch."
NOTHING_FOR_REASON = "No item is listed for this reason."
REASON_SEPARATOR = " · "
COLUMNS = ("Item", "Why", "How far out")
ORDER_NOTE = (
    "Listed by severity: most reasons first, then furthest past the thresholds "
    "(0% at a threshold, 100% at the extreme, such as no word changed or no time at all)."
)
ROW_PADDING = 3
"""Pixels above and below each row's text."""
_ITEM_ID_ROLE = Qt.ItemDataRole.UserRole


class TriageListView(QWidget):
    """Items to look at first, by severity. ``item_activated(item_id)`` on Enter or double-click."""

    item_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: tuple[TriageEntry, ...] = ()
        self._items: dict[str, AuditItem] = {}
        self.reason_filter = QComboBox()
        self.reason_filter.addItem(ALL_REASONS, None)
        for reason in OutlierReason:
            self.reason_filter.addItem(reason.label, reason.value)
        self.reason_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.reason_filter.currentIndexChanged.connect(self._refill)
        self.title = plain_label("Look at first")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.count_label = plain_label()
        self.empty_label = plain_label(NOTHING_LISTED)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setStyleSheet(f"QTreeView::item {{ padding: {ROW_PADDING}px 0px; }}")
        header_item = self.tree.headerItem()
        header_item.setToolTip(2, tooltip(ORDER_NOTE))
        header_item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setColumnWidth(0, 280)
        self.tree.itemActivated.connect(self._activated)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty_label)
        top = QHBoxLayout()
        top.setSpacing(SPACING)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addSpacing(MARGIN)
        top.addWidget(plain_label("Show"))
        top.addWidget(self.reason_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._refill()

    def set_triage(self, entries: Sequence[TriageEntry], items: Sequence[AuditItem] = ()) -> None:
        """Show ``entries`` in their order; ``items`` (any superset) name each row's writer, model, task."""
        self._entries = tuple(entries)
        self._items = {item.item_id: item for item in items}
        self._refill()

    def set_reason(self, reason: OutlierReason | None) -> None:
        """Show only the entries with ``reason`` (None: all)."""
        index = self.reason_filter.findData(None if reason is None else reason.value)
        self.reason_filter.setCurrentIndex(max(index, 0))

    def shown_item_ids(self) -> list[str]:
        rows = (self.tree.topLevelItem(row) for row in range(self.tree.topLevelItemCount()))
        return [row.data(0, _ITEM_ID_ROLE) for row in rows if row is not None]

    def showing_empty_note(self) -> bool:
        return self.stack.currentWidget() is self.empty_label

    def _row_title(self, item_id: str) -> str:
        item = self._items.get(item_id)
        if item is None:
            return item_id
        return " · ".join((item.writer_name, item.model or "(no model named)", item.task_id))

    def _refill(self) -> None:
        wanted = self.reason_filter.currentData()
        shown = [entry for entry in self._entries if wanted is None or OutlierReason(wanted) in entry.kinds]
        self.tree.clear()
        rows = []
        for entry in shown:
            why = REASON_SEPARATOR.join(reason.kind.label for reason in entry.reasons)
            how_far = f"{entry.severity / len(entry.reasons):.0%}"
            row = QTreeWidgetItem([shown_line(self._row_title(entry.item_id)), why, how_far])
            row.setData(0, _ITEM_ID_ROLE, entry.item_id)
            row.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            reasons = "\n".join(reason.text for reason in entry.reasons)
            row.setToolTip(1, tooltip(reasons, multiline=True))
            row.setToolTip(2, tooltip(f"{reasons}\n\n{ORDER_NOTE}", multiline=True))
            row.setToolTip(0, tooltip(entry.item_id))
            rows.append(row)
        self.tree.addTopLevelItems(rows)
        total = len(self._entries)
        self.count_label.setText(f"{len(shown)} of {total} items" if wanted is not None else f"{total} items")
        self.empty_label.setText(NOTHING_LISTED if not total else NOTHING_FOR_REASON)
        self.stack.setCurrentWidget(self.tree if rows else self.empty_label)

    def _activated(self, row: QTreeWidgetItem, _column: int) -> None:
        self.item_activated.emit(row.data(0, _ITEM_ID_ROLE))
