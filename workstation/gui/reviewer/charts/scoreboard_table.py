"""The model scoreboard as a table in the batch view: the same rows and figures as ``review report``.

Group names come from other people's bundles: shown as plain text on one line, cut with "…" past
:data:`LABEL_COLUMN_MAX` pixels, whole in the tooltip. Numbers and their headings are right-aligned
so each heading sits over its digits. The "All items" row is set apart by a rule above it and a
shaded background (the palette's button colour), as well as bold type.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from workstation.core.review.scoreboard import Scoreboard, ScoreboardRow
from workstation.core.review.scoreboard_formats import shown_columns
from workstation.gui.common.contrast import MARK_CONTRAST, with_contrast
from workstation.gui.common.plain_text import shown_line, tooltip

LABEL_COLUMN_MAX = 260
"""Widest the group column gets, in pixels; longer names are elided (the tooltip has them whole)."""
ROW_PADDING = 6
"""Pixels added to the font's line height for each row: compact, still easy to aim at."""
_TOTAL_ROLE = Qt.ItemDataRole.UserRole + 1
_NUMBERS = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class _TotalRuleDelegate(QStyledItemDelegate):
    """Paints a rule above the total row's cells."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, option, index)
        if index.data(_TOTAL_ROLE):
            palette = option.palette
            rule = with_contrast(
                palette.color(palette.ColorRole.Mid), palette.color(palette.ColorRole.Base), MARK_CONTRAST
            )
            painter.save()
            painter.setPen(QPen(rule, 1))
            top = option.rect.top()
            painter.drawLine(option.rect.left(), top, option.rect.right(), top)
            painter.restore()


class ScoreboardTable(QTableWidget):
    """One row per group and a last row for all items; read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._board: Scoreboard | None = None
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.row_height())
        self.setAlternatingRowColors(True)
        self.setItemDelegate(_TotalRuleDelegate(self))

    def row_height(self) -> int:
        return QFontMetrics(self.font()).height() + ROW_PADDING

    def rows_height(self) -> int:
        """The height that shows every row and the header without a scroll bar."""
        rows = self.rowCount() * self.row_height()
        return rows + self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth() + 2

    def set_scoreboard(self, board: Scoreboard) -> None:
        self._board = board
        headings, _ = shown_columns(board.total)
        self.setSortingEnabled(False)
        self.clear()
        self.setColumnCount(len(headings) + 1)
        self.setHorizontalHeaderLabels([board.by.value.capitalize(), *headings])
        for column in range(1, self.columnCount()):
            heading = self.horizontalHeaderItem(column)
            if heading is not None:
                heading.setTextAlignment(_NUMBERS)
        first = self.horizontalHeaderItem(0)
        if first is not None:
            first.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows = [*board.rows, board.total]
        self.setRowCount(len(rows))
        for index, row in enumerate(rows):
            self._fill(index, row, is_total=row is board.total)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        for column in range(1, self.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.resizeColumnToContents(0)
        self.setColumnWidth(0, min(self.columnWidth(0), LABEL_COLUMN_MAX))

    def _fill(self, index: int, row: ScoreboardRow, *, is_total: bool) -> None:
        shade = self.palette().color(self.palette().ColorRole.Button)
        label = QTableWidgetItem(shown_line(row.label or "–"))
        label.setToolTip(tooltip(row.label))
        cells = [label]
        _, values = shown_columns(row)
        for value in values:
            cell = QTableWidgetItem(value)
            cell.setTextAlignment(_NUMBERS)
            cells.append(cell)
        for column, cell in enumerate(cells):
            if is_total:
                font = cell.font()
                font.setBold(True)
                cell.setFont(font)
                cell.setBackground(shade)
                cell.setData(_TOTAL_ROLE, True)
            self.setItem(index, column, cell)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._board is not None:
            self.set_scoreboard(self._board)  # the total row's shade follows the theme
