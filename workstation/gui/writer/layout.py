"""Restoring and saving the window's layout: geometry, docks, splitter sizes, view mode."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter

from workstation.gui.common import sizes
from workstation.gui.common.settings import AppSettings
from workstation.gui.compare.diff_view import DiffView

DEFAULT_SPLITTER_SIZES = {"main": [260, 900, 280], "panes": [500, 500]}


@dataclass(frozen=True)
class LayoutParts:
    """What of a window its layout is made of."""

    settings: AppSettings
    splitters: dict[str, QSplitter]  # by the names in DEFAULT_SPLITTER_SIZES
    guidelines: QDockWidget
    inline_action: QAction
    diff_view: DiffView


def restore_layout(window: QMainWindow, parts: LayoutParts) -> None:
    """As the writer left it, or sensible defaults on the first start (or after a bad setting)."""
    settings = parts.settings
    geometry = settings.window_geometry()
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(*sizes.DEFAULT_WINDOW_SIZE)
    state = settings.window_state()
    if state is None or not window.restoreState(state):
        window.resizeDocks([parts.guidelines], [sizes.GUIDELINES_WIDTH], Qt.Orientation.Horizontal)
    for name, splitter in parts.splitters.items():
        saved = settings.splitter_state(name)
        if saved is None or not splitter.restoreState(saved):
            splitter.setSizes(DEFAULT_SPLITTER_SIZES[name])
    inline = settings.inline_view()
    parts.inline_action.setChecked(inline)
    parts.diff_view.set_inline(inline)


def save_layout(window: QMainWindow, parts: LayoutParts) -> None:
    settings = parts.settings
    settings.save_window(window.saveGeometry(), window.saveState())
    for name, splitter in parts.splitters.items():
        settings.save_splitter_state(name, splitter.saveState())
    settings.set_inline_view(parts.diff_view.is_inline())
    settings.sync()
