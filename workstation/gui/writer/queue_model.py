"""The task queue as a Qt list model over the store's lightweight queue rows.

Only ids, states and a short snippet are held (about 200 bytes a task), and the view asks for
rows as they scroll into sight, so 100,000 tasks scroll smoothly. Each state has its own icon,
told apart by shape as well as colour: a ring still to do, a dot done, a check mark sealed, a
half-filled dot for a submitted rewrite edited since (it waits for a new submit).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from workstation.core.models import Rewrite, RewriteStatus
from workstation.core.store import SEALED, QueueRow
from workstation.gui.common.plain_text import shown_line, tooltip

TaskIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2
RevisionRole = Qt.ItemDataRole.UserRole + 3
EditedAfterSubmitRole = Qt.ItemDataRole.UserRole + 4

REVISION_LABEL = "Revisions requested"
REVISION_ICON_KEY = "revision"
_REVISION_COLOR = "#8e5bd6"
"""Violet: apart from every status colour, in both themes."""
EDITED_LABEL = "Edited after submit"
EDITED_TOOLTIP = "Submitted · edited after submit — submit again to confirm"
EDITED_ICON_KEY = "edited"

STATUS_LABELS = {
    RewriteStatus.OPEN.value: "To do",
    RewriteStatus.DRAFT.value: "Draft",
    RewriteStatus.SUBMITTED.value: "Submitted",
    SEALED: "Sealed",
    RewriteStatus.SKIPPED.value: "Skipped",
    RewriteStatus.FLAGGED.value: "Flagged",
}
_STATUS_COLORS = {
    RewriteStatus.OPEN.value: "#9aa0a6",
    RewriteStatus.DRAFT.value: "#e0a100",
    RewriteStatus.SUBMITTED.value: "#2e9d4d",
    SEALED: "#2f74c8",  # blue: done and signed, apart from submitted's green
    RewriteStatus.SKIPPED.value: "#7a7f85",
    RewriteStatus.FLAGGED.value: "#d9383a",
}


_ICON_COLORS = {
    **_STATUS_COLORS,
    REVISION_ICON_KEY: _REVISION_COLOR,
    EDITED_ICON_KEY: _STATUS_COLORS[RewriteStatus.SUBMITTED.value],  # still submitted, changed since
}
_RING_ICONS = {RewriteStatus.OPEN.value, REVISION_ICON_KEY, EDITED_ICON_KEY}


def status_icon(status: str, size: int = 12) -> QIcon:
    """A filled dot for done work, a ring for work still to do (with a dot: to do again; half
    filled: submitted, then changed), a dot with a check mark for sealed work; coloured by state."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(_ICON_COLORS.get(status, "#888888"))
    if status in _RING_ICONS:
        painter.setPen(_pen(color))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(2, 2, size - 4, size - 4)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    if status == REVISION_ICON_KEY:
        painter.drawEllipse(size // 2 - 2, size // 2 - 2, 4, 4)
    elif status == EDITED_ICON_KEY:
        painter.drawPie(2, 2, size - 4, size - 4, 90 * 16, 180 * 16)  # the left half, in 1/16 degrees
    elif status not in _RING_ICONS:
        painter.drawEllipse(1, 1, size - 2, size - 2)
    if status == SEALED:
        painter.setPen(_pen(QColor("#ffffff")))
        tick = [(0.28, 0.52), (0.44, 0.68), (0.72, 0.34)]  # fractions of the icon's size
        painter.drawPolyline([QPointF(size * x, size * y) for x, y in tick])
    painter.end()
    return QIcon(pixmap)


def _pen(color: QColor) -> QPen:
    pen = QPen(color)
    pen.setWidthF(1.6)
    return pen


class QueueModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[QueueRow] = []
        self._row_of: dict[str, int] = {}
        self._icons = {
            status: status_icon(status) for status in (*STATUS_LABELS, REVISION_ICON_KEY, EDITED_ICON_KEY)
        }

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
        if role == Qt.ItemDataRole.DisplayRole:
            snippet = " ".join(row.snippet.split())
            flag = _flag(row)
            return f"{shown_line(row.id)}{f'  · {flag}' if flag else ''}\n{snippet}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(_icon_key(row))
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{row.id} — {_label(row)}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return shown_line(f"{row.id}, {_label(row)}")
        if role == RevisionRole:
            return row.revision
        if role == EditedAfterSubmitRole:
            return row.edited_after_submit
        if role == TaskIdRole:
            return row.id
        if role == StatusRole:
            return row.state
        return None

    def row_for(self, task_id: str) -> int | None:
        return self._row_of.get(task_id)

    def task_id_at(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def show_saved(self, rewrite: Rewrite) -> None:
        """Update the rewrite's row in place after a save, without reloading the queue."""
        number = self._row_of.get(rewrite.task_id)
        if number is None:
            return
        old = self._rows[number]
        status, edited = rewrite.status.value, rewrite.edited_after_submit is not None
        if (old.status, old.edited_after_submit) == (status, edited):
            return
        revision = old.revision and status == RewriteStatus.DRAFT.value  # resubmitted: no longer marked
        self._rows[number] = QueueRow(old.seq, old.id, status, old.snippet, revision, old.sealed, edited)
        index = self.index(number)
        self.dataChanged.emit(
            index,
            index,
            [
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.DecorationRole,
                Qt.ItemDataRole.ToolTipRole,
                StatusRole,
                RevisionRole,
                EditedAfterSubmitRole,
            ],
        )


def _flag(row: QueueRow) -> str:
    """What the row says after its id: work that asks for the writer's attention ("" for none)."""
    if row.revision:
        return REVISION_LABEL
    return EDITED_LABEL if row.edited_after_submit and not row.sealed else ""


def _label(row: QueueRow) -> str:
    if row.revision:
        return REVISION_LABEL
    if row.edited_after_submit and not row.sealed:
        return EDITED_TOOLTIP
    return STATUS_LABELS.get(row.state, row.state)


def _icon_key(row: QueueRow) -> str:
    if row.revision:
        return REVISION_ICON_KEY
    return EDITED_ICON_KEY if row.edited_after_submit and not row.sealed else row.state
