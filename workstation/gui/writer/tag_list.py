"""The side panel's list of tags: each a check box a rater can see at a glance.

The platform's item check box is close to invisible in the dark theme (about 1.1:1 between checked
and unchecked), so the list paints its own: a checked tag is a box filled with the accent and a
check mark on it, its name in bold; an unchecked one an empty box with a visible outline, all from
the palette's :func:`~workstation.gui.common.theme.choice_colors`. Clicking anywhere on a tag's
row (or Space on the current one) toggles it; the list has no selection of its own, so a
highlighted row is never mistaken for a checked tag — keyboard focus is the style's focus frame.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from workstation.gui.common import sizes
from workstation.gui.common.theme import ChoiceColors, choice_colors

type AnyIndex = QModelIndex | QPersistentModelIndex

_CHECK_POINTS = ((0.22, 0.52), (0.42, 0.72), (0.78, 0.30))
"""The check mark's polyline, as fractions of its box's width and height."""


def _is_checked(index: AnyIndex) -> bool:
    return Qt.CheckState(index.data(Qt.ItemDataRole.CheckStateRole) or 0) == Qt.CheckState.Checked


def paint_check_box(
    painter: QPainter, box: QRect, checked: bool, colors: ChoiceColors, behind: QColor
) -> None:
    """A check box in ``box`` (pixels) over ``behind``: filled with a mark when ``checked``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(box, behind)  # covers whatever the style drew there
    shape = QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5)
    radius = sizes.CHOICE_RADIUS
    painter.setPen(QPen(colors.chosen if checked else colors.outline, 1))
    painter.setBrush(colors.chosen if checked else behind)
    painter.drawRoundedRect(shape, radius, radius)
    if checked:
        mark = QPainterPath()
        first, *rest = (
            QPointF(shape.left() + x * shape.width(), shape.top() + y * shape.height())
            for x, y in _CHECK_POINTS
        )
        mark.moveTo(first)
        for point in rest:
            mark.lineTo(point)
        pen = QPen(colors.on_chosen, max(1.5, shape.width() / 7))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(mark)
    painter.restore()


class TagCheckDelegate(QStyledItemDelegate):
    """Paints a checkable row's box as :func:`paint_check_box`, bolds a checked tag's name, and
    toggles a tag on a click anywhere on its row."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:  # noqa: N802 (a Qt virtual)
        super().initStyleOption(option, index)
        if _is_checked(index):
            option.font.setBold(True)  # a second cue that needs no colour

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().paint(painter, option, index)
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        widget = shown.widget
        style = widget.style() if isinstance(widget, QWidget) else QApplication.style()
        box = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, shown, widget)
        behind = shown.palette.color(shown.palette.ColorRole.Base)
        paint_check_box(painter, box, _is_checked(index), choice_colors(shown.palette), behind)

    def editorEvent(  # noqa: N802 (a Qt virtual)
        self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem, index: AnyIndex
    ) -> bool:
        checkable = bool(index.flags() & Qt.ItemFlag.ItemIsUserCheckable)
        if checkable and isinstance(event, QMouseEvent) and event.button() == Qt.MouseButton.LeftButton:
            if not option.rect.contains(event.position().toPoint()):
                return False
            if event.type() == QEvent.Type.MouseButtonRelease:
                state = Qt.CheckState.Unchecked if _is_checked(index) else Qt.CheckState.Checked
                model.setData(index, state, Qt.ItemDataRole.CheckStateRole)
            return True  # press and double click: the release toggles, once per click
        return super().editorEvent(event, model, option, index)


class TagList(QListWidget):
    """A list of checkable tags; ``itemChanged`` reports each toggle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Tags")
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setItemDelegate(TagCheckDelegate(self))
