"""Verdicts per group as one stacked bar each: accept, revise, reject, and the items not yet judged.

Each bar is the group's whole (its latest verdicts plus its unjudged items), so groups of any
size compare by share; the counts are written in the segments that have room and are in the
tooltips of all of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QWidget

from workstation.core.models import VerdictKind
from workstation.core.review.batch import GroupSummary
from workstation.gui.common.sizes import CHART_PADDING, CHART_ROW_GAP, CHART_ROW_HEIGHT
from workstation.gui.reviewer.charts.chart_base import ChartMark, ChartWidget

UNJUDGED = "unjudged"
SEGMENT_NAMES = {VerdictKind.ACCEPT: "accept", VerdictKind.REVISE: "revise", VerdictKind.REJECT: "reject"}


class VerdictBarChart(ChartWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Verdicts", parent)
        self._groups: tuple[GroupSummary, ...] = ()
        self._plot: tuple[float, float] = (0.0, 1.0)

    def set_groups(self, groups: Sequence[GroupSummary]) -> None:
        self._groups = tuple(groups)
        self._data_changed()

    def _legend_height(self) -> float:
        return QFontMetrics(self.font()).height() + CHART_PADDING

    def _preferred_height(self) -> int:
        rows = max(len(self._groups), 1)
        return int(
            self._title_height()
            + self._legend_height()
            + rows * (CHART_ROW_HEIGHT + CHART_ROW_GAP)
            + CHART_PADDING
        )

    def _layout(self, width: float, height: float) -> Sequence[ChartMark]:
        label_width = self._label_width([group.label for group in self._groups])
        x0, x1 = label_width + CHART_PADDING, max(width - CHART_PADDING, label_width + 2 * CHART_PADDING)
        self._plot = (x0, x1)
        top = self._title_height() + self._legend_height()
        marks = []
        for index, group in enumerate(self._groups):
            y = top + index * (CHART_ROW_HEIGHT + CHART_ROW_GAP)
            counts = group.verdicts
            whole = counts.total + counts.unjudged_items
            segments = [(SEGMENT_NAMES[kind], counts.of(kind)) for kind in VerdictKind]
            segments.append((UNJUDGED, counts.unjudged_items))
            left = x0
            for name, count in segments:
                if not count:
                    continue
                span = count / whole * (x1 - x0)
                noun = "item not yet judged" if name == UNJUDGED else f"{name} verdict"
                plural = "" if count == 1 else "s"
                if name == UNJUDGED and count != 1:
                    noun, plural = "items not yet judged", ""
                text = f"{group.label}\n{count} {noun}{plural} ({count / whole:.0%})"
                marks.append(
                    ChartMark(name, QRectF(left, y, span, float(CHART_ROW_HEIGHT)), group.label, count, text)
                )
                left += span
            if not whole:
                empty = QRectF(x0, y, x1 - x0, float(CHART_ROW_HEIGHT))
                marks.append(ChartMark(UNJUDGED, empty, group.label, 0, f"{group.label}\nno items"))
        return marks

    def _segment_color(self, kind: str) -> QColor:
        if kind == UNJUDGED:
            return self.colors.unjudged
        return self.colors.verdicts[VerdictKind(kind)]

    def _paint_marks(self, painter: QPainter, marks: tuple[ChartMark, ...]) -> None:
        colors = self.colors
        metrics = QFontMetrics(self.font())
        x0, _ = self._plot
        # legend
        left = float(CHART_PADDING)
        legend_y = self._title_height()
        for name in (*SEGMENT_NAMES.values(), UNJUDGED):
            swatch = QRectF(left, legend_y + 3, 12, metrics.height() - 6)
            painter.fillRect(swatch, self._segment_color(name))
            painter.setPen(colors.text)
            painter.drawText(
                QRectF(left + 16, legend_y, 200, metrics.height()), Qt.AlignmentFlag.AlignVCenter, name
            )
            left += 16 + metrics.horizontalAdvance(name) + 2 * CHART_PADDING
        labelled: set[float] = set()
        for mark in marks:
            rect = mark.rect
            if rect.top() not in labelled:
                labelled.add(rect.top())
                painter.setPen(colors.text)
                label_rect = QRectF(CHART_PADDING, rect.top(), x0 - 2 * CHART_PADDING, rect.height())
                painter.drawText(
                    label_rect,
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    self._elided(mark.label, label_rect.width()),
                )
            painter.fillRect(rect.adjusted(0, 0, -1, 0), self._segment_color(mark.kind))
            text = str(int(mark.value))
            if mark.value and metrics.horizontalAdvance(text) + 6 <= rect.width():
                painter.setPen(colors.background if mark.kind != UNJUDGED else colors.text)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
