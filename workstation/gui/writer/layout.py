"""Restoring and saving the window's layout: geometry, docks, splitter sizes, text size, view mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter

from workstation.gui.common import sizes

if TYPE_CHECKING:
    from workstation.gui.writer.window import MainWindow

DEFAULT_SPLITTER_SIZES = {"main": [260, 900, 280], "panes": [500, 500]}


def _splitters(window: MainWindow) -> dict[str, QSplitter]:
    return {"main": window.main_splitter, "panes": window.diff_view.splitter}


def restore_layout(window: MainWindow) -> None:
    """As the writer left it, or sensible defaults on the first start (or after a bad setting)."""
    settings = window.settings
    geometry = settings.window_geometry()
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(*sizes.DEFAULT_WINDOW_SIZE)
    state = settings.window_state()
    if state is None or not window.restoreState(state):
        window.resizeDocks([window.guidelines], [sizes.GUIDELINES_WIDTH], Qt.Orientation.Horizontal)
    for name, splitter in _splitters(window).items():
        saved = settings.splitter_state(name)
        if saved is None or not splitter.restoreState(saved):
            splitter.setSizes(DEFAULT_SPLITTER_SIZES[name])
    window.commands.apply_font_size(settings.font_point_size())
    inline = settings.inline_view()
    window.actions_by_name["toggle_inline"].setChecked(inline)
    window.diff_view.set_inline(inline)


def save_layout(window: MainWindow) -> None:
    settings = window.settings
    settings.save_window(window.saveGeometry(), window.saveState())
    for name, splitter in _splitters(window).items():
        settings.save_splitter_state(name, splitter.saveState())
    settings.set_inline_view(window.diff_view.is_inline())
    settings.sync()
