"""A tree whose rows wrap their text to its width and grow as tall as the wrapped text.

``QTreeView.setWordWrap`` alone breaks a long row into lines but keeps the row one line high, so
all but the first line are cut; and it measures rows once, for the width the view had then.
Here each row is measured for the width its column has now, and again whenever the view's
width changes (a dock dragged wider, the window grown).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QWidget,
)

MIN_TEXT_WIDTH = 40
"""Pixels a row's text is given however narrow the tree (below it, wrapping helps nobody)."""


class _WrappedRowDelegate(QStyledItemDelegate):
    def __init__(self, tree: WrappingTree) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        item_option = QStyleOptionViewItem(option)
        self.initStyleOption(item_option, index)
        item_option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        # The style wraps only inside a valid rectangle: any height will do, the width is the bound.
        item_option.rect = QRect(0, 0, max(self._tree.text_width(index), MIN_TEXT_WIDTH), 1)
        style = self._tree.style()
        return style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, item_option, QSize(), self._tree)


class WrappingTree(QTreeWidget):
    """A one-column tree of rows that are read whole: wrapped, never cut, never scrolled sideways."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header().setStretchLastSection(True)
        self.setItemDelegate(_WrappedRowDelegate(self))

    def text_width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        """Pixels the row at ``index`` has for its text: the viewport less its indentation."""
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        levels = depth + (1 if self.rootIsDecorated() else 0)
        width = self.viewport().width() - levels * self.indentation()
        if not self.verticalScrollBar().isVisible():  # it may appear once the rows are taller
            width -= self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return width

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.doItemsLayout()  # every row measured again for the new width
