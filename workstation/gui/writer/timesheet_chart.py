"""A bar chart of hours per day, painted with QPainter in the palette's colours.

It paints precomputed data only (a list of days with seconds) and reads every colour from the
widget's palette at paint time, so it follows a theme change without being told.
"""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from workstation.core.reports.timesheet_formats import hours_and_minutes

LEFT_AXIS_PX = 44
BOTTOM_AXIS_PX = 34
TOP_PX = 12
RIGHT_PX = 10
MIN_LABEL_GAP_PX = 34
"""The least room between two day labels on the x axis; days in between go unlabelled."""
BAR_GAP_FRACTION = 0.25
NICE_HOUR_STEPS = (0.25, 0.5, 1, 2, 4, 6, 8, 12, 24, 48, 100)


def hour_step(max_hours: float, rows: int = 4) -> float:
    """A round step for the hour grid lines so about ``rows`` of them cover ``max_hours``."""
    wanted = max_hours / rows
    return next((step for step in NICE_HOUR_STEPS if step >= wanted), math.ceil(wanted))


class HoursChart(QWidget):
    """Hours worked per day of the chosen range; days without work keep their (empty) slot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timesheetChart")
        self._days: list[tuple[date, float]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(False)

    def sizeHint(self) -> QSize:
        return QSize(640, 240)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 160)

    def set_days(self, days: list[tuple[date, float]]) -> None:
        """Days in order with their active seconds (zero for days without work)."""
        self._days = list(days)
        worked = sum(1 for _day, seconds in days if seconds > 0)
        self.setAccessibleDescription(f"{worked} of {len(days)} days with work")
        self.update()

    @property
    def days(self) -> list[tuple[date, float]]:
        return list(self._days)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        plot = QRectF(
            LEFT_AXIS_PX,
            TOP_PX,
            max(1.0, self.width() - LEFT_AXIS_PX - RIGHT_PX),
            max(1.0, self.height() - TOP_PX - BOTTOM_AXIS_PX),
        )
        max_hours = max((seconds / 3600 for _day, seconds in self._days), default=0.0)
        step = hour_step(max(max_hours, 1.0))
        top_hours = step * max(1, math.ceil(max(max_hours, 1.0) / step))
        self._paint_grid(painter, plot, step, top_hours)
        self._paint_bars(painter, plot, top_hours)
        self._paint_day_labels(painter, plot)
        painter.end()

    def _paint_grid(self, painter: QPainter, plot: QRectF, step: float, top_hours: float) -> None:
        palette = self.palette()
        grid = QPen(palette.color(QPalette.ColorRole.Mid))
        grid.setWidth(1)
        text = palette.color(QPalette.ColorRole.WindowText)
        metrics = painter.fontMetrics()
        lines = round(top_hours / step)
        for index in range(lines + 1):
            hours = index * step
            y = plot.bottom() - plot.height() * hours / top_hours
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            label = hours_and_minutes(hours * 3600)
            box = QRectF(0, y - metrics.height() / 2, LEFT_AXIS_PX - 6, metrics.height())
            painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)

    def _paint_bars(self, painter: QPainter, plot: QRectF, top_hours: float) -> None:
        if not self._days:
            return
        slot = plot.width() / len(self._days)
        width = max(1.0, slot * (1 - BAR_GAP_FRACTION)) if slot >= 3 else slot
        color = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        for index, (_day, seconds) in enumerate(self._days):
            if seconds <= 0:
                continue
            height = plot.height() * min(1.0, seconds / 3600 / top_hours)
            x = plot.left() + index * slot + (slot - width) / 2
            painter.drawRect(QRectF(x, plot.bottom() - height, width, max(1.0, height)))

    def _paint_day_labels(self, painter: QPainter, plot: QRectF) -> None:
        if not self._days:
            return
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        slot = plot.width() / len(self._days)
        every = max(1, math.ceil(MIN_LABEL_GAP_PX / slot))
        metrics = painter.fontMetrics()
        for index, (day, _seconds) in enumerate(self._days):
            if index % every:
                continue
            label = day.strftime("%d") if every < 7 or day.day != 1 else day.strftime("%b")
            centre = plot.left() + (index + 0.5) * slot
            box = QRectF(centre - MIN_LABEL_GAP_PX / 2, plot.bottom() + 4, MIN_LABEL_GAP_PX, metrics.height())
            painter.drawText(box, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), label)
        first, last = self._days[0][0], self._days[-1][0]
        span = f"{first.isoformat()} – {last.isoformat()}"
        box = QRectF(plot.left(), plot.bottom() + 4 + metrics.height(), plot.width(), metrics.height())
        painter.drawText(box, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), span)
