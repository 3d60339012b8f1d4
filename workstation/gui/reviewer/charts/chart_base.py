"""What every batch chart shares: a title, the marks it paints, hover tooltips and theme changes.

A chart lays out its data as :class:`ChartMark` objects for its current size (cached until the
size, the font, the palette or the data change) and paints exactly those. Hover looks the
pointer up in the same marks, so a tooltip always describes what is under it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from workstation.gui.common.plain_text import shown_line, tooltip
from workstation.gui.common.sizes import CHART_LABEL_MAX_WIDTH, CHART_MIN_WIDTH, CHART_PADDING
from workstation.gui.reviewer.charts.chart_colors import ChartColors, chart_colors


@dataclass(frozen=True)
class ChartMark:
    """One painted thing: a box plot row, a histogram bar or a verdict segment.

    ``label`` names its group or bin, ``value`` is the count it stands for, ``kind`` what it
    is ("box", "bar", or the verdict state for a segment); ``points`` are extra x positions a
    box plot needs (lower whisker, Q1, median, Q3, upper whisker) in widget pixels, and ``dots``
    the x positions of its outliers (one per pixel column, however many values share it).
    """

    kind: str
    rect: QRectF
    label: str
    value: float
    tooltip: str
    points: tuple[float, ...] = ()
    dots: tuple[float, ...] = ()


class ChartWidget(QWidget):
    """Base of the batch charts; subclasses implement :meth:`_layout` and :meth:`_paint_marks`."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._marks: tuple[ChartMark, ...] | None = None
        self._colors = chart_colors(self.palette())
        self.paint_count = 0
        self.setMouseTracking(True)
        self.setMinimumWidth(CHART_MIN_WIDTH)
        # at least the preferred height; more when the view has room, so no space is left dead
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    # -- the model of what is painted -----------------------------------------------------------

    @property
    def title(self) -> str:
        return self._title

    @property
    def colors(self) -> ChartColors:
        return self._colors

    def marks(self) -> tuple[ChartMark, ...]:
        """What the chart paints at its current size."""
        if self._marks is None:
            self._marks = tuple(self._layout(float(self.width()), float(self.height())))
        return self._marks

    def tooltip_at(self, position: QPointF) -> str:
        """The plain text the tooltip shows at ``position``, "" where there is no mark."""
        for mark in self.marks():
            if mark.rect.contains(position):
                return mark.tooltip
        return ""

    # -- for subclasses -------------------------------------------------------------------------

    def _layout(self, width: float, height: float) -> Sequence[ChartMark]:
        raise NotImplementedError

    def _paint_marks(self, painter: QPainter, marks: tuple[ChartMark, ...]) -> None:
        raise NotImplementedError

    def _data_changed(self) -> None:
        self._marks = None
        self.updateGeometry()
        self.update()

    def _title_height(self) -> float:
        return QFontMetrics(self.font()).height() + CHART_PADDING

    def _label_width(self, labels: Sequence[str]) -> float:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(shown_line(label)) for label in labels), default=0)
        return float(
            min(widest + CHART_PADDING, CHART_LABEL_MAX_WIDTH, max(self.width() // 3, 40)) + CHART_PADDING
        )

    def _elided(self, text: str, width: float) -> str:
        return QFontMetrics(self.font()).elidedText(shown_line(text), Qt.TextElideMode.ElideRight, int(width))

    # -- Qt -------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(CHART_MIN_WIDTH * 2, self._preferred_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(CHART_MIN_WIDTH, self._preferred_height())

    def _preferred_height(self) -> int:
        raise NotImplementedError

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paint_count += 1
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.fillRect(self.rect(), self._colors.background)
            painter.setPen(self._colors.text)
            title_rect = QRectF(
                CHART_PADDING, CHART_PADDING / 2, self.width() - 2 * CHART_PADDING, self._title_height()
            )
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(
                title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._title
            )
            font.setBold(False)
            painter.setFont(font)
            self._paint_marks(painter, self.marks())
        finally:
            painter.end()

    def resizeEvent(self, event: object) -> None:
        self._marks = None
        super().resizeEvent(event)  # type: ignore[arg-type]

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._colors = chart_colors(self.palette())
            self._data_changed()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), tooltip(text, multiline=True), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
