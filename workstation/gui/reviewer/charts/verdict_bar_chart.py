"""Where each group's items stand with the reviewers: one stacked bar per group, in items.

A bar's segments are the group's items by verdict state (:class:`~workstation.core.review.batch.ItemVerdict`:
accepted, revisions requested, rejected, reviewers disagree, not reviewed), so they sum to the
group's items. Bars share one scale, an item is as wide in every row, so a 1-item group is a
short bar and the largest group spans the chart; each row ends with its item count. A count is
written in every segment wide enough for it, in a colour that reads on that segment (4.5:1).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from workstation.core.review.batch import GroupSummary, ItemVerdict
from workstation.gui.common.sizes import CHART_PADDING, CHART_ROW_GAP, CHART_ROW_HEIGHT
from workstation.gui.reviewer.charts.chart_base import ChartMark, ChartWidget

SEGMENT_GAP = 1.0


def items_text(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


class VerdictBarChart(ChartWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Items by verdict", parent)
        self._groups: tuple[GroupSummary, ...] = ()
        self._plot: tuple[float, float] = (0.0, 1.0)
        # rows of a fixed height: spare room goes to the charts that can use it
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

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
        metrics = QFontMetrics(self.font())
        label_width = self._label_width([group.label for group in self._groups])
        largest = max((group.items for group in self._groups), default=0)
        total_room = metrics.horizontalAdvance(items_text(max(largest, 10))) + CHART_PADDING
        x0 = label_width + CHART_PADDING
        x1 = max(width - CHART_PADDING - total_room, x0 + 10)
        self._plot = (x0, x1)
        per_item = (x1 - x0) / largest if largest else 0.0
        top = self._title_height() + self._legend_height()
        marks = []
        for index, group in enumerate(self._groups):
            y = top + index * (CHART_ROW_HEIGHT + CHART_ROW_GAP)
            left = x0
            for state in ItemVerdict:
                count = group.verdicts.of(state)
                if not count:
                    continue
                span = count * per_item
                share = count / group.items
                text = f"{group.label}\n{items_text(count)} {state.label} ({share:.0%} of {group.items})"
                marks.append(
                    ChartMark(
                        state.value, QRectF(left, y, span, float(CHART_ROW_HEIGHT)), group.label, count, text
                    )
                )
                left += span
            if not group.items:
                empty = QRectF(x0, y, 0.0, float(CHART_ROW_HEIGHT))
                marks.append(
                    ChartMark(
                        ItemVerdict.NOT_REVIEWED.value, empty, group.label, 0, f"{group.label}\nno items"
                    )
                )
        return marks

    def _segment_color(self, kind: str) -> QColor:
        return self.colors.states[ItemVerdict(kind)]

    def row_totals(self) -> list[tuple[str, int, QRectF]]:
        """Each row's label, its item count and its whole bar (the count is written after it)."""
        rows: dict[float, tuple[str, int, QRectF]] = {}
        for mark in self.marks():
            label, count, bar = rows.get(mark.rect.top(), (mark.label, 0, QRectF(mark.rect)))
            rows[mark.rect.top()] = (label, count + int(mark.value), bar.united(mark.rect))
        return list(rows.values())

    def _paint_marks(self, painter: QPainter, marks: tuple[ChartMark, ...]) -> None:
        colors = self.colors
        metrics = QFontMetrics(self.font())
        x0, _ = self._plot
        left = float(CHART_PADDING)
        legend_y = self._title_height()
        for state in ItemVerdict:
            swatch = QRectF(left, legend_y + 3, 12, metrics.height() - 6)
            painter.fillRect(swatch, self._segment_color(state.value))
            painter.setPen(colors.text)
            painter.drawText(
                QRectF(left + 16, legend_y, 400, metrics.height()), Qt.AlignmentFlag.AlignVCenter, state.label
            )
            left += 16 + metrics.horizontalAdvance(state.label) + 2 * CHART_PADDING
        for label, count, bar in self.row_totals():
            painter.setPen(colors.text)
            label_rect = QRectF(CHART_PADDING, bar.top(), x0 - 2 * CHART_PADDING, bar.height())
            painter.drawText(
                label_rect,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self._elided(label, label_rect.width()),
            )
            painter.drawText(
                QRectF(bar.right() + CHART_PADDING / 2, bar.top(), 400, bar.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                items_text(count),
            )
        for mark in marks:
            rect = mark.rect
            if not mark.value:
                continue
            fill = self._segment_color(mark.kind)
            painter.fillRect(rect.adjusted(0, 0, -SEGMENT_GAP, 0), fill)
            text = str(int(mark.value))
            if metrics.horizontalAdvance(text) + 6 <= rect.width():
                painter.setPen(colors.text_on(fill))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
