"""One figure's fixed bins as bars: how many items fall in each, for one group or the whole batch.

Each bar carries its count; there is no separate count axis. The value axis labels bin edges
only (:meth:`HistogramChart.tick_labels`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QWidget

from workstation.core.review.distribution import Distribution, Metric, distribution
from workstation.gui.common.sizes import CHART_HISTOGRAM_HEIGHT, CHART_PADDING
from workstation.gui.reviewer.charts.box_plot_chart import TICK_LABEL_GAP
from workstation.gui.reviewer.charts.chart_base import ChartMark, ChartWidget

BAR_GAP = 2.0


class HistogramChart(ChartWidget):
    def __init__(self, metric: Metric, parent: QWidget | None = None) -> None:
        super().__init__(metric.title, parent)
        self.figure = metric
        self._shown = distribution(metric, [])
        self._group_label = ""
        self._axis: tuple[float, float, float] = (0.0, 1.0, 0.0)

    def set_distribution(self, shown: Distribution, group_label: str) -> None:
        """Show ``shown`` (a distribution of this chart's metric) for the group named ``group_label``."""
        if shown.metric != self.figure.key:
            raise ValueError(f"a {shown.metric} distribution on a {self.figure.key} histogram")
        self._shown = shown
        self._group_label = group_label
        self._title = f"{self.figure.title}: {group_label}" if group_label else self.figure.title
        self._data_changed()

    def _preferred_height(self) -> int:
        return CHART_HISTOGRAM_HEIGHT

    def tick_labels(self) -> list[tuple[int, str]]:
        """The labelled bin edges at the current width: (edge index, text). Every label sits on a
        bin edge; the open last bin is labelled at its lower edge ("270 s+"), and the step between
        labels divides the bins evenly so that edge is always one of them."""
        bins = self.figure.bins
        metrics = QFontMetrics(self.font())
        texts = [self._edge_text(edge) for edge in range(bins.count)]
        widest = max(metrics.horizontalAdvance(text) for text in texts)
        self.marks()  # the axis of the current size
        x0, x1, _ = self._axis
        column = (x1 - x0) / bins.count
        last = bins.count - 1
        steps = [step for step in range(1, last + 1) if last % step == 0] or [1]
        step = next((step for step in steps if step * column >= widest + TICK_LABEL_GAP), steps[-1])
        return [(edge, texts[edge]) for edge in range(0, bins.count, step)]

    def _edge_text(self, edge: int) -> str:
        lower, upper = self.figure.bins.edges(edge)
        text = self.figure.format(lower)
        return f"{text}+" if upper is None else text

    def _plot_span(self, width: float) -> tuple[float, float, float]:
        metrics = QFontMetrics(self.font())
        x0 = CHART_PADDING + metrics.horizontalAdvance(self._edge_text(0)) / 2
        return (x0, max(width - CHART_PADDING, x0 + 10), 0.0)

    def _layout(self, width: float, height: float) -> Sequence[ChartMark]:
        metrics = QFontMetrics(self.font())
        x0, x1, _ = self._plot_span(width)
        top = self._title_height() + metrics.height()
        bottom = max(height - metrics.height() - CHART_PADDING, top + 10)
        self._axis = (x0, x1, bottom)
        counts = self._shown.histogram
        tallest = max(counts, default=0) or 1
        column = (x1 - x0) / len(counts)
        marks = []
        for index, count in enumerate(counts):
            left = x0 + index * column
            bar_top = bottom - count / tallest * (bottom - top)
            items = f"{count} item" + ("" if count == 1 else "s")
            where = f" ({self._group_label})" if self._group_label else ""
            text = f"{self.figure.bin_label(index)}: {items}{where}"
            rect = QRectF(left, top, column, bottom - top)
            marks.append(ChartMark("bar", rect, self.figure.bin_label(index), count, text, (bar_top,)))
        return marks

    def _paint_marks(self, painter: QPainter, marks: tuple[ChartMark, ...]) -> None:
        colors = self.colors
        metrics = QFontMetrics(self.font())
        x0, x1, bottom = self._axis
        for mark in marks:
            (bar_top,) = mark.points
            bar = QRectF(
                mark.rect.left() + BAR_GAP / 2, bar_top, mark.rect.width() - BAR_GAP, bottom - bar_top
            )
            if mark.value:
                painter.fillRect(bar, colors.bar)
                painter.setPen(colors.text)
                text = str(int(mark.value))
                if metrics.horizontalAdvance(text) <= mark.rect.width():
                    centre = mark.rect.center().x() - metrics.horizontalAdvance(text) / 2
                    painter.drawText(QPointF(centre, bar_top - metrics.descent() - 1), text)
        painter.setPen(QPen(colors.grid, 1))
        painter.drawLine(QPointF(x0, bottom), QPointF(x1, bottom))
        column = (x1 - x0) / self.figure.bins.count
        for edge, text in self.tick_labels():
            x = x0 + edge * column
            painter.setPen(QPen(colors.grid, 1))
            painter.drawLine(QPointF(x, bottom), QPointF(x, bottom + 3))
            painter.setPen(colors.muted_text)
            advance = metrics.horizontalAdvance(text)
            painter.drawText(QPointF(x - advance / 2, bottom + metrics.ascent() + 4), text)
