"""The review queue as a Qt table model over the inbox's :class:`AuditItem` list.

Cells are formatted when the view asks for them, for the rows on screen only; the model holds the
filtered list of item references and a map of verdicts, nothing per row, so 200,000 items cost
the items themselves and 8 bytes each.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from workstation.core.models import VerdictKind
from workstation.core.review.items import AuditItem
from workstation.gui.common.durations import format_duration
from workstation.gui.common.plain_text import shown_line, tooltip

ItemIdRole = Qt.ItemDataRole.UserRole + 1

VERDICT_LABELS = {
    VerdictKind.ACCEPT: "Accepted",
    VerdictKind.REVISE: "Revisions requested",
    VerdictKind.REJECT: "Rejected",
}
VERDICT_SHORT = {VerdictKind.ACCEPT: "Accepted", VerdictKind.REVISE: "Revise", VerdictKind.REJECT: "Rejected"}
COLUMNS = ("Item", "Writer", "Verdict", "Edited", "Model", "Words", "Time")
VERDICT_COLUMN = 2
COLUMN_WIDTHS = (112, 96, 84, 56, 90, 64, 56)
"""Default column widths in pixels: the first three fit the queue's default width."""
ID_CHARS = 14
"""Characters of an item id shown in its cell (ids are ``rw-`` + 32 hex digits); the tooltip has all."""
CELL_CHARS = 60
FIGURES_PENDING = "…"
"""Shown for a figure the figures pass has not computed yet (moments after a bundle arrives)."""


def _cell(item: AuditItem, column: int, verdict: VerdictKind | None) -> str:
    figures = item.figures
    if column == 0:
        return shown_line(item.item_id, ID_CHARS) + (" ⚑" if item.flagged else "")
    if column == 1:
        return shown_line(item.writer_name, CELL_CHARS)
    if column == VERDICT_COLUMN:
        return VERDICT_SHORT[verdict] if verdict is not None else ""
    if column == 3:
        return f"{figures.edit_rate:.0%}" if figures is not None else FIGURES_PENDING
    if column == 4:
        return shown_line(item.model or "—", CELL_CHARS)
    if column == 5:
        return f"{figures.words_original}→{figures.words_rewrite}" if figures is not None else FIGURES_PENDING
    return format_duration(item.active_seconds)


class ReviewQueueModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[AuditItem] = []
        self._verdicts: dict[str, VerdictKind] = {}
        self._row_of: dict[str, int] | None = None  # built on the first lookup, not at open

    # ----- contents
    def set_items(self, items: list[AuditItem], verdicts: dict[str, VerdictKind]) -> None:
        """Show ``items``; ``verdicts`` (item id → latest kind) is kept, not copied, and updated
        in place by :meth:`set_verdict`."""
        self.beginResetModel()
        self._items = items  # owned from now on: :meth:`append_items` extends it
        self._verdicts = verdicts
        self._row_of = None
        self.endResetModel()

    def append_items(self, items: list[AuditItem]) -> None:
        """Add ``items`` after the last row (the rest of the inbox has been read): the rows shown,
        the selection and the scroll position stay as they are."""
        if not items:
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
        self._items.extend(items)
        if self._row_of is not None:
            self._row_of.update((item.item_id, first + n) for n, item in enumerate(items))
        self.endInsertRows()

    def set_verdict(self, item_id: str, kind: VerdictKind | None) -> None:
        """One item's verdict changed (given or taken back): repaint its cell, keep the rows."""
        if kind is None:
            self._verdicts.pop(item_id, None)
        else:
            self._verdicts[item_id] = kind
        row = self.row_for(item_id)
        if row is not None:
            cell = self.index(row, VERDICT_COLUMN)
            self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DisplayRole])

    @property
    def verdicts(self) -> dict[str, VerdictKind]:
        return self._verdicts

    def verdict_of(self, item_id: str) -> VerdictKind | None:
        return self._verdicts.get(item_id)

    def item_at(self, row: int) -> AuditItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_for(self, item_id: str) -> int | None:
        if self._row_of is None:
            self._row_of = {item.item_id: row for row, item in enumerate(self._items)}
        return self._row_of.get(item_id)

    # ----- Qt's side
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(item, index.column(), self._verdicts.get(item.item_id))
        if role == Qt.ItemDataRole.ToolTipRole:
            verdict = self._verdicts.get(item.item_id)
            return tooltip(
                f"{item.item_id}\nWriter: {item.writer_name}\nTask: {item.task_id}\n"
                f"Verdict: {VERDICT_LABELS[verdict] if verdict else 'none yet'}",
                multiline=True,
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return shown_line(
                f"{item.item_id}, {item.writer_name}, {_cell(item, 6, self._verdicts.get(item.item_id))}"
            )
        if role == ItemIdRole:
            return item.item_id
        return None
