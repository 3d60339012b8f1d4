"""One figure across the groups: a horizontal box plot per model, writer or bundle.

The box spans the middle half (Q1 to Q3), the line in it is the median and the whiskers reach
the smallest and largest values. The axis covers the figure's fixed bins, so charts compare
across batches; a value past the end is drawn at the edge with an arrow, and its tooltip gives
the true figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from workstation.core.review.batch import GroupSummary
from workstation.core.review.distribution import Distribution, Metric
from workstation.gui.common.sizes import CHART_PADDING, CHART_ROW_GAP, CHART_ROW_HEIGHT
from workstation.gui.reviewer.charts.chart_base import ChartMark, ChartWidget

AXIS_TICK_EVERY = 2
"""A value label under every second bin edge: room for "270 s" without overlap."""


def describe(label: str, metric: Metric, shown: Distribution) -> str:
    """The tooltip of one group's box: its figures in words."""
    if not shown.count or shown.median is None:
        return f"{label}\n{metric.title}: no values"
    assert shown.q1 is not None and shown.q3 is not None
    assert shown.minimum is not None and shown.maximum is not None
    items = f"{shown.count} item" + ("" if shown.count == 1 else "s")
    text = (
        f"{label}\n{metric.title} ({metric.unit}), {items}\n"
        f"median {metric.format(shown.median)}, "
        f"middle half {metric.format(shown.q1)}–{metric.format(shown.q3)}\n"
        f"lowest {metric.format(shown.minimum)}, highest {metric.format(shown.maximum)}"
    )
    if shown.missing:
        text += f"\n{shown.missing} without a value"
    return text


class BoxPlotChart(ChartWidget):
    def __init__(self, metric: Metric, parent: QWidget | None = None) -> None:
        super().__init__(f"{metric.title} ({metric.unit})", parent)
        self.figure = metric
        self._groups: tuple[GroupSummary, ...] = ()
        self._axis: tuple[float, float, float] = (0.0, 1.0, 0.0)  # x0, x1, y

    def set_groups(self, groups: Sequence[GroupSummary]) -> None:
        self._groups = tuple(groups)
        self._data_changed()

    def _preferred_height(self) -> int:
        rows = max(len(self._groups), 1)
        axis = QFontMetrics(self.font()).height() + 2 * CHART_PADDING
        return int(self._title_height() + CHART_PADDING + rows * (CHART_ROW_HEIGHT + CHART_ROW_GAP) + axis)

    def _layout(self, width: float, height: float) -> Sequence[ChartMark]:
        label_width = self._label_width([group.label for group in self._groups])
        x0, x1 = label_width + CHART_PADDING, max(width - 2 * CHART_PADDING, label_width + 2 * CHART_PADDING)
        top = self._title_height() + CHART_PADDING
        bins = self.figure.bins
        low, high = bins.start, bins.start + bins.count * bins.width

        def x(value: float) -> float:
            return x0 + (min(max(value, low), high) - low) / (high - low) * (x1 - x0)

        marks = []
        for index, group in enumerate(self._groups):
            y = top + index * (CHART_ROW_HEIGHT + CHART_ROW_GAP)
            shown = group.distribution(self.figure.key)
            points: tuple[float, ...] = ()
            if shown.count and None not in (shown.minimum, shown.q1, shown.median, shown.q3, shown.maximum):
                values = (shown.minimum, shown.q1, shown.median, shown.q3, shown.maximum)
                clipped = 1.0 if (shown.maximum or 0.0) > high else 0.0
                points = (*(x(value) for value in values if value is not None), clipped)
            rect = QRectF(0.0, y, width, float(CHART_ROW_HEIGHT))
            marks.append(
                ChartMark(
                    "box", rect, group.label, shown.count, describe(group.label, self.figure, shown), points
                )
            )
        axis_y = top + len(self._groups) * (CHART_ROW_HEIGHT + CHART_ROW_GAP)
        self._axis = (x0, x1, axis_y)
        return marks

    def _paint_marks(self, painter: QPainter, marks: tuple[ChartMark, ...]) -> None:
        colors = self.colors
        x0, x1, axis_y = self._axis
        bins = self.figure.bins
        metrics = QFontMetrics(self.font())
        # the axis, with a light grid line at each labelled bin edge
        for edge in range(0, bins.count + 1, AXIS_TICK_EVERY):
            tick_x = x0 + edge / bins.count * (x1 - x0)
            painter.setPen(QPen(colors.grid, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(tick_x, self._title_height()), QPointF(tick_x, axis_y))
            painter.setPen(colors.muted_text)
            text = self.figure.format(bins.start + edge * bins.width)
            text_width = metrics.horizontalAdvance(text)
            painter.drawText(
                QPointF(tick_x - text_width / 2, axis_y + metrics.ascent() + CHART_PADDING / 2), text
            )
        painter.setPen(QPen(colors.grid, 1))
        painter.drawLine(QPointF(x0, axis_y), QPointF(x1, axis_y))
        for mark in marks:
            rect = mark.rect
            painter.setPen(colors.text)
            label_rect = QRectF(CHART_PADDING, rect.top(), x0 - 2 * CHART_PADDING, rect.height())
            painter.drawText(
                label_rect,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self._elided(mark.label, label_rect.width()),
            )
            if not mark.points:
                painter.setPen(colors.muted_text)
                painter.drawText(
                    QRectF(x0, rect.top(), x1 - x0, rect.height()), Qt.AlignmentFlag.AlignVCenter, "no values"
                )
                continue
            low, q1, median, q3, high, clipped = mark.points
            middle = rect.center().y()
            painter.setPen(QPen(colors.text, 1))
            painter.drawLine(QPointF(low, middle), QPointF(q1, middle))
            painter.drawLine(QPointF(q3, middle), QPointF(high, middle))
            for end in (low, high):
                painter.drawLine(QPointF(end, rect.top() + 5), QPointF(end, rect.bottom() - 5))
            box = QRectF(q1, rect.top() + 2, max(q3 - q1, 1.0), rect.height() - 4)
            painter.fillRect(box, colors.box_fill)
            painter.setPen(QPen(colors.bar, 1.5))
            painter.drawRect(box)
            painter.setPen(QPen(colors.median, 2.5))
            painter.drawLine(QPointF(median, box.top()), QPointF(median, box.bottom()))
            if clipped:
                painter.setBrush(colors.text)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawPolygon(
                    QPolygonF(
                        [QPointF(high + 6, middle), QPointF(high, middle - 4), QPointF(high, middle + 4)]
                    )
                )
                painter.setBrush(Qt.BrushStyle.NoBrush)
