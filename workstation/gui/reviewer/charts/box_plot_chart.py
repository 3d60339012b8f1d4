"""One figure across the groups: a horizontal box plot per model, writer or bundle.

The box spans the middle half (Q1 to Q3), the line in it is the median, the whiskers reach the
furthest values within 1.5 × IQR of the box and each value beyond is a dot (Tukey's box plot,
:data:`~workstation.core.review.distribution.WHISKER_IQR_FACTOR`). The axis is chosen from the
data (:func:`~chart_axis.nice_ticks`: from 0 to a round number at or just above the largest
value of any group), so no value is ever cut off, and it is the same for every row of the chart.
The plot is inset from the axis ends, so a value of 0 or of the top tick is drawn whole.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QWidget

from workstation.core.review.batch import GroupSummary
from workstation.core.review.distribution import Distribution, Metric
from workstation.gui.common.sizes import CHART_PADDING, CHART_ROW_GAP, CHART_ROW_HEIGHT
from workstation.gui.reviewer.charts.chart_axis import nice_ticks
from workstation.gui.reviewer.charts.chart_base import ChartMark, ChartWidget

PLOT_INSET = 6.0
"""Pixels between an axis end and the value it stands for: room for a median line or a dot."""
TICK_LABEL_GAP = 24.0
"""Least room between two tick labels, in pixels."""
OUTLIER_RADIUS = 2.5
MAX_ROW_PITCH = 2 * (CHART_ROW_HEIGHT + CHART_ROW_GAP)
"""A row grows with spare height up to this pitch; beyond it the rows stay together at the top."""


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
    if shown.outliers:
        count = len(shown.outliers)
        text += f"\n{count} outlier{'' if count == 1 else 's'} beyond 1.5 × IQR (dots)"
    if shown.missing:
        text += f"\n{shown.missing} without a value"
    return text


class BoxPlotChart(ChartWidget):
    def __init__(self, metric: Metric, parent: QWidget | None = None) -> None:
        super().__init__(f"{metric.title} ({metric.unit})", parent)
        self.figure = metric
        self._groups: tuple[GroupSummary, ...] = ()
        self._ticks: tuple[float, ...] = (0.0, 1.0)
        self._axis: tuple[float, float, float] = (0.0, 1.0, 0.0)  # x0, x1, y of the axis line
        self._tick_x: tuple[float, ...] = ()

    def set_groups(self, groups: Sequence[GroupSummary]) -> None:
        self._groups = tuple(groups)
        self._data_changed()

    @property
    def ticks(self) -> tuple[float, ...]:
        """The axis tick values at the current width (in the figure's unit)."""
        self.marks()
        return self._ticks

    def _axis_height(self) -> float:
        return QFontMetrics(self.font()).height() + 1.5 * CHART_PADDING

    def _preferred_height(self) -> int:
        rows = max(len(self._groups), 1)
        return int(
            self._title_height()
            + CHART_PADDING
            + rows * (CHART_ROW_HEIGHT + CHART_ROW_GAP)
            + self._axis_height()
        )

    def _choose_ticks(self, plot_width: float) -> tuple[float, ...]:
        metrics = QFontMetrics(self.font())
        values = [
            value
            for group in self._groups
            for value in (
                group.distribution(self.figure.key).minimum,
                group.distribution(self.figure.key).maximum,
            )
        ]
        least_top = self.figure.bins.width
        largest = max((value for value in values if value is not None), default=least_top)
        widest = metrics.horizontalAdvance(self.figure.format(max(largest, least_top)))
        room = max(int(plot_width // (widest + TICK_LABEL_GAP)), 2)
        return nice_ticks(values, room, least_top)

    def _layout(self, width: float, height: float) -> Sequence[ChartMark]:
        metrics = QFontMetrics(self.font())
        label_width = self._label_width([group.label for group in self._groups])
        x0 = label_width + CHART_PADDING
        self._ticks = self._choose_ticks(width - CHART_PADDING - x0)
        # the last tick's label is centred on the axis end: keep all of it inside the padding
        end_room = metrics.horizontalAdvance(self.figure.format(self._ticks[-1])) / 2
        x1 = max(width - CHART_PADDING - end_room, x0 + 2 * PLOT_INSET + 10)
        low, high = self._ticks[0], self._ticks[-1]
        span = (high - low) or 1.0

        def x(value: float) -> float:
            return x0 + PLOT_INSET + (value - low) / span * (x1 - x0 - 2 * PLOT_INSET)

        top = self._title_height() + CHART_PADDING
        rows = max(len(self._groups), 1)
        spare = height - self._axis_height() - top
        pitch = min(max(spare / rows, CHART_ROW_HEIGHT + CHART_ROW_GAP), MAX_ROW_PITCH)
        marks = []
        for index, group in enumerate(self._groups):
            y = top + index * pitch + (pitch - CHART_ROW_HEIGHT - CHART_ROW_GAP) / 2
            shown = group.distribution(self.figure.key)
            points: tuple[float, ...] = ()
            dots: tuple[float, ...] = ()
            figures = (shown.whisker_low, shown.q1, shown.median, shown.q3, shown.whisker_high)
            if shown.count and all(value is not None for value in figures):
                points = tuple(x(value) for value in figures if value is not None)
                dots = tuple(sorted({round(x(value)) for value in shown.outliers}))
            rect = QRectF(0.0, y, width, float(CHART_ROW_HEIGHT))
            marks.append(
                ChartMark(
                    "box",
                    rect,
                    group.label,
                    shown.count,
                    describe(group.label, self.figure, shown),
                    points,
                    dots,
                )
            )
        axis_y = top + rows * pitch
        self._axis = (x0, x1, axis_y)
        self._tick_x = tuple(x(tick) for tick in self._ticks)
        return marks

    def _paint_marks(self, painter: QPainter, marks: tuple[ChartMark, ...]) -> None:
        colors = self.colors
        x0, x1, axis_y = self._axis
        metrics = QFontMetrics(self.font())
        for tick, tick_x in zip(self._ticks, self._tick_x, strict=True):
            painter.setPen(QPen(colors.grid, 1, Qt.PenStyle.DotLine))
            painter.drawLine(
                QPointF(tick_x, self._title_height() + CHART_PADDING / 2), QPointF(tick_x, axis_y)
            )
            painter.setPen(colors.muted_text)
            text = self.figure.format(tick)
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
                    QRectF(x0 + PLOT_INSET, rect.top(), x1 - x0, rect.height()),
                    Qt.AlignmentFlag.AlignVCenter,
                    "no values",
                )
                continue
            low, q1, median, q3, high = mark.points
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
            painter.setPen(QPen(colors.text, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for dot in mark.dots:
                painter.drawEllipse(QPointF(dot, middle), OUTLIER_RADIUS, OUTLIER_RADIUS)
