"""What of the writer's window a layout test looks at: where each part sits, in window pixels.

A snapshot names every part a writer's eye rests on while typing (the two panes, the docks and
their tab bars, the queue and side panel, each cell of the metrics in the status bar) and the sizes
of both splitters. Two snapshots are compared part by part, so a failure names what moved.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QGroupBox,
    QLabel,
    QListWidget,
    QStyle,
    QTabBar,
    QTableWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from workstation.gui.writer.window import WriterWindow

Snapshot = dict[str, tuple[int, ...]]


def _rect_in(window: QWidget, widget: QWidget) -> tuple[int, int, int, int]:
    corner = widget.mapTo(window, QPoint(0, 0))
    rect = QRect(corner, widget.size())
    return rect.x(), rect.y(), rect.width(), rect.height()


def dock_tab_bars(window: WriterWindow) -> list[QTabBar]:
    """The tab bars QMainWindow puts under tabified docks (it owns them; they have no name)."""
    return [bar for bar in window.findChildren(QTabBar) if bar.parent() is window and bar.isVisible()]


def visible_docks(window: WriterWindow) -> list[QDockWidget]:
    return [dock for dock in window.findChildren(QDockWidget) if dock.isVisible()]


def layout_snapshot(window: WriterWindow) -> Snapshot:
    """Geometry of every part that must hold still while the writer types."""
    view = window.diff_view
    parts: dict[str, QWidget] = {
        "original pane": view.original_pane,
        "rewrite pane": view.rewrite_pane,
        "queue": window.queue_panel,
        "side panel": window.side_panel,
        "prompt": window.context_view,
        "metrics bar": window.metrics_bar,
    }
    for label in window.metrics_bar.findChildren(QLabel):
        parts[f"metrics bar: {label.objectName() or 'label'}"] = label
    for dock in visible_docks(window):
        parts[f"dock {dock.windowTitle()}"] = dock
    for number, bar in enumerate(dock_tab_bars(window)):
        parts[f"dock tab bar {number}"] = bar
    snapshot: Snapshot = {name: _rect_in(window, widget) for name, widget in parts.items()}
    metrics = window.prose.metrics
    snapshot["metrics table columns"] = tuple(metrics.columnWidth(c) for c in range(metrics.columnCount()))
    snapshot["main splitter"] = tuple(window.main_splitter.sizes())
    snapshot["panes splitter"] = tuple(view.splitter.sizes())
    return snapshot


def moved_parts(before: Snapshot, after: Snapshot) -> dict[str, tuple[tuple[int, ...], tuple[int, ...]]]:
    """Each part whose geometry differs by even one pixel: name -> (before, after)."""
    names = sorted(set(before) | set(after))
    return {
        name: (before.get(name, ()), after.get(name, ()))
        for name in names
        if before.get(name) != after.get(name)
    }


# ---------------------------------------------------------------------- what is cut off
CELL_TEXT_PADDING = 8
"""Pixels a table cell or list row needs around its text (margins and focus frame, both sides)."""


def _cut_labels(root: QWidget) -> list[str]:
    cut = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        room = label.contentsRect()
        metrics = label.fontMetrics()
        if label.wordWrap():
            needed = label.heightForWidth(room.width())
            if needed > room.height():
                cut.append(f"label {label.text()!r}: {needed} px tall in {room.height()}")
        else:
            widest = max(metrics.horizontalAdvance(line) for line in label.text().split("\n"))
            if widest > room.width():
                cut.append(f"label {label.text()!r}: {widest} px wide in {room.width()}")
    return cut


def _cut_group_titles(root: QWidget) -> list[str]:
    return [
        f"group {box.title()!r}"
        for box in root.findChildren(QGroupBox)
        if box.isVisible() and box.fontMetrics().horizontalAdvance(box.title()) > box.width()
    ]


def _cut_table_cells(root: QWidget) -> list[str]:
    cut = []
    for table in root.findChildren(QTableWidget):
        if not table.isVisible():
            continue
        header = table.horizontalHeader()
        for column in range(table.columnCount()):
            title = table.horizontalHeaderItem(column)
            if title is not None and header.sectionSizeHint(column) > header.sectionSize(column):
                cut.append(f"column title {title.text()!r}")
            for row in range(table.rowCount()):
                item = table.item(row, column)
                if item is None or not item.text():
                    continue
                needed = table.fontMetrics().horizontalAdvance(item.text()) + CELL_TEXT_PADDING
                if needed > table.columnWidth(column):
                    cut.append(f"cell {item.text()!r}: {needed} px in {table.columnWidth(column)}")
    return cut


def _cut_list_rows(root: QWidget) -> list[str]:
    cut = []
    for listing in root.findChildren(QListWidget):
        if not listing.isVisible():
            continue
        check_box = listing.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, listing)
        for row in range(listing.count()):
            item = listing.item(row)
            needed = listing.fontMetrics().horizontalAdvance(item.text()) + check_box + CELL_TEXT_PADDING
            if needed > listing.viewport().width():
                cut.append(f"list row {item.text()!r}: {needed} px in {listing.viewport().width()}")
    return cut


def _cut_tree_rows(root: QWidget) -> list[str]:
    """Rows of a tree whose text, wrapped to the room the row has, is taller than the row."""
    cut = []
    for tree in root.findChildren(QTreeWidget):
        if not tree.isVisible():
            continue
        metrics = tree.fontMetrics()
        for item in _tree_items(tree):
            rect = tree.visualItemRect(item)
            if rect.isEmpty():  # scrolled out of view or collapsed
                continue
            text = item.text(0)
            room = QRect(
                0, 0, min(rect.width(), tree.viewport().width() - rect.x()) - CELL_TEXT_PADDING, 10_000
            )
            flags = Qt.TextFlag.TextWordWrap if tree.wordWrap() else Qt.TextFlag.TextSingleLine
            needed = metrics.boundingRect(room, int(flags), text)
            if needed.height() > rect.height() or needed.width() > room.width():
                shown = f"{rect.width()}x{rect.height()}"
                cut.append(f"tree row {text[:40]!r}: {needed.width()}x{needed.height()} in {shown}")
    return cut


def _tree_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    items: list[QTreeWidgetItem] = []
    pending = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while pending:
        item = pending.pop(0)
        items.append(item)
        pending.extend(item.child(i) for i in range(item.childCount()))
    return items


def cut_off_texts(root: QWidget) -> list[str]:
    """Every text inside ``root`` shown cut off: labels, group titles, table cells and column
    titles, list rows (with their check box), tree rows (wrapped where the tree wraps)."""
    return (
        _cut_labels(root)
        + _cut_group_titles(root)
        + _cut_table_cells(root)
        + _cut_list_rows(root)
        + _cut_tree_rows(root)
    )


def cut_off_tabs(window: WriterWindow) -> list[str]:
    """Dock tabs whose title is cut ("Gui…"): laid out narrower than the whole title needs."""
    return [
        f"tab {bar.tabText(i)!r}: {bar.tabRect(i).width()} px of {bar.tabSizeHint(i).width()}"
        for bar in dock_tab_bars(window)
        for i in range(bar.count())
        if bar.tabRect(i).width() < bar.tabSizeHint(i).width()
    ]
