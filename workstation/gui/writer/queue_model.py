"""The task queue as a Qt list model over the store's lightweight queue rows.

Only ids, statuses and a short snippet are held (about 200 bytes a task), and the view asks for
rows as they scroll into sight, so 100,000 tasks scroll smoothly.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from workstation.core.models import RewriteStatus
from workstation.core.store import QueueRow
from workstation.gui.common.plain_text import shown_line, tooltip

TaskIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2
RevisionRole = Qt.ItemDataRole.UserRole + 3

REVISION_LABEL = "Revisions requested"
REVISION_ICON_KEY = "revision"
_REVISION_COLOR = "#8e5bd6"
"""Violet: apart from every status colour, in both themes."""

STATUS_LABELS = {
    RewriteStatus.OPEN.value: "To do",
    RewriteStatus.DRAFT.value: "Draft",
    RewriteStatus.SUBMITTED.value: "Submitted",
    RewriteStatus.SKIPPED.value: "Skipped",
    RewriteStatus.FLAGGED.value: "Flagged",
}
_STATUS_COLORS = {
    RewriteStatus.OPEN.value: "#9aa0a6",
    RewriteStatus.DRAFT.value: "#e0a100",
    RewriteStatus.SUBMITTED.value: "#2e9d4d",
    RewriteStatus.SKIPPED.value: "#7a7f85",
    RewriteStatus.FLAGGED.value: "#d9383a",
}


def status_icon(status: str, size: int = 12) -> QIcon:
    """A filled dot for done work, a ring for work still to do; coloured by status."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(_STATUS_COLORS.get(status, _REVISION_COLOR if status == REVISION_ICON_KEY else "#888888"))
    if status == REVISION_ICON_KEY:  # a ring with a dot: work to do again
        pen = painter.pen()
        pen.setColor(color)
        pen.setWidthF(1.6)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(2, 2, size - 4, size - 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(size // 2 - 2, size // 2 - 2, 4, 4)
    elif status == RewriteStatus.OPEN.value:
        pen = painter.pen()
        pen.setColor(color)
        pen.setWidthF(1.6)
        painter.setPen(pen)
        painter.drawEllipse(2, 2, size - 4, size - 4)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class QueueModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[QueueRow] = []
        self._row_of: dict[str, int] = {}
        self._icons = {status: status_icon(status) for status in (*STATUS_LABELS, REVISION_ICON_KEY)}

    def set_rows(self, rows: list[QueueRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._row_of = {row.id: number for number, row in enumerate(rows)}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        label = REVISION_LABEL if row.revision else STATUS_LABELS.get(row.status, row.status)
        if role == Qt.ItemDataRole.DisplayRole:
            snippet = " ".join(row.snippet.split())
            flag = f"  · {REVISION_LABEL}" if row.revision else ""
            return f"{shown_line(row.id)}{flag}\n{snippet}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(REVISION_ICON_KEY if row.revision else row.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{row.id} — {label}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return shown_line(f"{row.id}, {label}")
        if role == RevisionRole:
            return row.revision
        if role == TaskIdRole:
            return row.id
        if role == StatusRole:
            return row.status
        return None

    def row_for(self, task_id: str) -> int | None:
        return self._row_of.get(task_id)

    def task_id_at(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def set_status(self, task_id: str, status: str) -> None:
        """Update one row in place after a save, without reloading the queue."""
        number = self._row_of.get(task_id)
        if number is None:
            return
        old = self._rows[number]
        if old.status == status:
            return
        revision = old.revision and status == RewriteStatus.DRAFT.value  # resubmitted: no longer marked
        self._rows[number] = QueueRow(old.seq, old.id, status, old.snippet, revision)
        index = self.index(number)
        self.dataChanged.emit(
            index,
            index,
            [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, StatusRole, RevisionRole],
        )
