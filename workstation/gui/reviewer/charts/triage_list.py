"""The "look at first" list: each listed item with why, filterable by reason; activating one
asks the review window to open it (``item_activated``)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from workstation.core.review.items import AuditItem
from workstation.core.review.triage import OutlierReason, TriageEntry
from workstation.gui.common.plain_text import plain_label, shown_line, tooltip
from workstation.gui.common.sizes import SPACING

ALL_REASONS = "All reasons"
_ITEM_ID_ROLE = Qt.ItemDataRole.UserRole


class TriageListView(QWidget):
    """Items to look at first, most reasons first. ``item_activated(item_id)`` on Enter or double-click."""

    item_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: tuple[TriageEntry, ...] = ()
        self._items: dict[str, AuditItem] = {}
        self.reason_filter = QComboBox()
        self.reason_filter.addItem(ALL_REASONS, None)
        for reason in OutlierReason:
            self.reason_filter.addItem(reason.label, reason.value)
        self.reason_filter.currentIndexChanged.connect(self._refill)
        self.count_label = plain_label()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Item", "Why"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(0, 320)
        self.tree.itemActivated.connect(self._activated)
        top = QHBoxLayout()
        top.addWidget(plain_label("Look at first"))
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addWidget(self.reason_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)

    def set_triage(self, entries: Sequence[TriageEntry], items: Sequence[AuditItem] = ()) -> None:
        """Show ``entries``; ``items`` (any superset) give each row its writer, model and task."""
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
            why = ", ".join(reason.kind.label for reason in entry.reasons)
            row = QTreeWidgetItem([shown_line(self._row_title(entry.item_id)), why])
            row.setData(0, _ITEM_ID_ROLE, entry.item_id)
            row.setToolTip(1, tooltip("\n".join(reason.text for reason in entry.reasons), multiline=True))
            row.setToolTip(0, tooltip(entry.item_id))
            rows.append(row)
        self.tree.addTopLevelItems(rows)
        total = len(self._entries)
        self.count_label.setText(f"{len(shown)} of {total} items" if wanted is not None else f"{total} items")

    def _activated(self, row: QTreeWidgetItem, _column: int) -> None:
        self.item_activated.emit(row.data(0, _ITEM_ID_ROLE))
