"""Restoring and saving the window's layout: geometry, docks, splitter sizes, view mode.

Two rules keep the layout still while the writer types and readable at any window size:

- Every part of a splitter has an explicit minimum width. A widget's own minimum follows its
  content; a splitter at its limit would hand pixels from one pane to another each time a
  figure or a label changed, and the texts would re-wrap under the writer's eyes.
- The right-hand docks hold the share of the window's width the writer gave them (by default
  ``GUIDELINES_WIDTH`` of ``DEFAULT_WINDOW_SIZE``), never less than their tab titles need. A
  small window squeezes them to that minimum; when it grows they get their share back, where
  Qt alone would give every new pixel to the central widget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QTabBar

from workstation.gui.common import sizes
from workstation.gui.common.settings import AppSettings
from workstation.gui.compare.diff_view import DiffView

DEFAULT_SPLITTER_SIZES = {"main": [260, 900, 280], "panes": [500, 500]}
DEFAULT_DOCK_SHARE = sizes.GUIDELINES_WIDTH / sizes.DEFAULT_WINDOW_SIZE[0]
MIN_SPLITTER_PART_WIDTH = {"main": sizes.CENTER_MIN_WIDTH, "panes": sizes.PANE_MIN_WIDTH}
"""Minimum width (pixels) of each part of a splitter that has none of its own, by splitter name."""


@dataclass(frozen=True)
class LayoutParts:
    """What of a window its layout is made of."""

    settings: AppSettings
    splitters: dict[str, QSplitter]  # by the names in DEFAULT_SPLITTER_SIZES
    guidelines: QDockWidget
    inline_action: QAction
    diff_view: DiffView
    right_docks: tuple[QDockWidget, ...] = ()  # tabified with the guidelines, on the right


def restore_layout(window: QMainWindow, parts: LayoutParts) -> None:
    """As the writer left it, or sensible defaults on the first start (or after a bad setting)."""
    settings = parts.settings
    geometry = settings.window_geometry()
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(*sizes.DEFAULT_WINDOW_SIZE)
    docks = (parts.guidelines, *parts.right_docks)
    hold_tab_titles(docks)
    state = settings.window_state()
    if state is None or not window.restoreState(state):
        window.resizeDocks([parts.guidelines], [sizes.GUIDELINES_WIDTH], Qt.Orientation.Horizontal)
    for name, splitter in parts.splitters.items():
        hold_minimum_widths(splitter, MIN_SPLITTER_PART_WIDTH.get(name, 0))
        saved = settings.splitter_state(name)
        if saved is None or not splitter.restoreState(saved):
            splitter.setSizes(DEFAULT_SPLITTER_SIZES[name])
    inline = settings.inline_view()
    parts.inline_action.setChecked(inline)
    parts.diff_view.set_inline(inline)
    DockShare(window, docks, settings)


def save_layout(window: QMainWindow, parts: LayoutParts) -> None:
    settings = parts.settings
    settings.save_window(window.saveGeometry(), window.saveState())
    for name, splitter in parts.splitters.items():
        settings.save_splitter_state(name, splitter.saveState())
    settings.set_inline_view(parts.diff_view.is_inline())
    settings.sync()


def hold_minimum_widths(splitter: QSplitter, width: int) -> None:
    """Give each part of ``splitter`` without an explicit minimum one: ``width``, or what it
    needs now if that is more (its content may ask for more later; the splitter will not know)."""
    for index in range(splitter.count()):
        part = splitter.widget(index)
        if part is not None and part.minimumWidth() == 0:
            part.setMinimumWidth(max(width, part.minimumSizeHint().width()))
    # QSplitter leaves its own margins out of its minimum: the window would squeeze the parts.
    margins = splitter.contentsMargins()
    splitter.setMinimumWidth(splitter.minimumSizeHint().width() + margins.left() + margins.right())


def tab_titles_width(titles: Sequence[str], font: QFont) -> int:
    """Pixels a row of tabs needs to show every one of ``titles`` whole, in ``font``."""
    bar = QTabBar()
    bar.setFont(font)
    bar.setElideMode(Qt.TextElideMode.ElideNone)
    bar.setUsesScrollButtons(False)
    for title in titles:
        bar.addTab(title)
    width = bar.sizeHint().width()
    bar.deleteLater()
    return width


def hold_tab_titles(docks: Sequence[QDockWidget]) -> None:
    """No dock of a tabified group narrower than the group's tab titles, nor than its content."""
    if not docks:
        return
    width = tab_titles_width([dock.windowTitle() for dock in docks], docks[0].font())
    for dock in docks:
        dock.setMinimumWidth(max(width, dock.minimumSizeHint().width()))


class DockShare(QObject):
    """Keeps the right-hand docks at the writer's share of the window's width.

    The share changes only when the writer drags the docks' edge (a mouse release on the
    window's separator with the docks' width changed since the press), and is kept in the
    settings. Every resize and show of the window puts the docks back to it.
    """

    def __init__(self, window: QMainWindow, docks: Sequence[QDockWidget], settings: AppSettings) -> None:
        super().__init__(window)
        self._window = window
        self._docks = tuple(docks)
        self._settings = settings
        self.share = settings.dock_share() or DEFAULT_DOCK_SHARE
        self._width_at_press: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # after the resize's own layout pass
        self._timer.timeout.connect(self.apply)
        window.installEventFilter(self)

    def shown_dock(self) -> QDockWidget | None:
        """The dock on top of the right-hand group (resizing it resizes the group)."""
        for dock in self._docks:
            right = self._window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
            if dock.isVisible() and right and not dock.isFloating():
                return dock
        return None

    def target_width(self) -> int:
        """The docks' width for the window's width now, in pixels."""
        return round(self.share * self._window.width())

    def apply(self) -> None:
        dock = self.shown_dock()
        if dock is None:
            return
        target = max(dock.minimumWidth(), self.target_width())
        if dock.width() != target:
            self._window.resizeDocks([dock], [target], Qt.Orientation.Horizontal)
            layout = self._window.layout()
            if layout is not None:
                layout.activate()  # now, not at the next layout pass: nothing shifts after this

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window:
            kind = event.type()
            if kind in (QEvent.Type.Resize, QEvent.Type.Show):
                self._timer.start()
            elif kind == QEvent.Type.MouseButtonPress:
                dock = self.shown_dock()
                self._width_at_press = dock.width() if dock is not None else None
            elif kind == QEvent.Type.MouseButtonRelease:
                self._remember_drag()
        return False

    def _remember_drag(self) -> None:
        dock, before = self.shown_dock(), self._width_at_press
        self._width_at_press = None
        if dock is None or before is None or dock.width() == before or self._window.width() <= 0:
            return
        self.share = dock.width() / self._window.width()
        self._settings.set_dock_share(self.share)
