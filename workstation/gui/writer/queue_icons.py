"""The queue's state icons, told apart by shape as well as colour: a ring still to do, a dot done,
a check mark sealed, a ring with a dot for work sent back, a half-filled dot for a submitted
rewrite edited since (it waits for a new submit)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from workstation.core.models import RewriteStatus
from workstation.core.store import SEALED

REVISION_ICON_KEY = "revision"
EDITED_ICON_KEY = "edited"
_REVISION_COLOR = "#8e5bd6"
"""Violet: apart from every status colour, in both themes."""

STATUS_COLORS = {
    RewriteStatus.OPEN.value: "#9aa0a6",
    RewriteStatus.DRAFT.value: "#e0a100",
    RewriteStatus.SUBMITTED.value: "#2e9d4d",
    SEALED: "#2f74c8",  # blue: done and signed, apart from submitted's green
    RewriteStatus.SKIPPED.value: "#7a7f85",
    RewriteStatus.FLAGGED.value: "#d9383a",
}
_ICON_COLORS = {
    **STATUS_COLORS,
    REVISION_ICON_KEY: _REVISION_COLOR,
    EDITED_ICON_KEY: STATUS_COLORS[RewriteStatus.SUBMITTED.value],  # still submitted, changed since
}
_RING_ICONS = {RewriteStatus.OPEN.value, REVISION_ICON_KEY, EDITED_ICON_KEY}


def status_icon(status: str, size: int = 12) -> QIcon:
    """A filled dot for done work, a ring for work still to do (with a dot: to do again; half
    filled: submitted, then changed), a dot with a check mark for sealed work; coloured by state.
    ``size`` is in device-independent pixels (drawn at twice that for sharp high-DPI screens)."""
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


def state_icons() -> dict[str, QIcon]:
    """One icon for every key :func:`status_icon` draws differently, painted once per model."""
    return {key: status_icon(key) for key in (*STATUS_COLORS, REVISION_ICON_KEY, EDITED_ICON_KEY)}


def _pen(color: QColor) -> QPen:
    pen = QPen(color)
    pen.setWidthF(1.6)
    return pen
