"""The model scoreboard as a table in the batch view: the same rows and figures as ``review report``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from workstation.core.review.scoreboard import Scoreboard, ScoreboardRow
from workstation.core.review.scoreboard_formats import shown_columns
from workstation.gui.common.plain_text import shown_line, tooltip


class ScoreboardTable(QTableWidget):
    """One row per group and a last row for all items; read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.setAlternatingRowColors(True)

    def set_scoreboard(self, board: Scoreboard) -> None:
        headings, _ = shown_columns(board.total)
        self.setSortingEnabled(False)
        self.clear()
        self.setColumnCount(len(headings) + 1)
        self.setHorizontalHeaderLabels([board.by.value.capitalize(), *headings])
        rows = [*board.rows, board.total]
        self.setRowCount(len(rows))
        for index, row in enumerate(rows):
            self._fill(index, row, is_total=row is board.total)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def _fill(self, index: int, row: ScoreboardRow, *, is_total: bool) -> None:
        label = QTableWidgetItem(shown_line(row.label or "–"))
        label.setToolTip(tooltip(row.label))
        if is_total:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        self.setItem(index, 0, label)
        _, values = shown_columns(row)
        for column, value in enumerate(values, start=1):
            cell = QTableWidgetItem(value)
            cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(index, column, cell)
