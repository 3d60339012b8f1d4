"""F1: every shortcut, generated from ``workstation.gui.common.shortcuts`` so it can never go stale."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from workstation.gui.common.shortcuts import SHORTCUTS, Shortcut, cheatsheet_rows


class CheatSheetDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, table: tuple[Shortcut, ...] = SHORTCUTS) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        for group, rows in cheatsheet_rows(table):
            header = QTreeWidgetItem([group, ""])
            font = header.font(0)
            font.setBold(True)
            header.setFont(0, font)
            header.setFirstColumnSpanned(True)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(header)
            for keys, label in rows:
                self.tree.addTopLevelItem(QTreeWidgetItem([label, keys]))
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(560, 640)

    def row_count(self) -> int:
        return self.tree.topLevelItemCount()
