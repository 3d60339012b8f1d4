"""The window fits 1280×720 with every dock label and tab readable, and the docks get their width
back when the window grows (tried on a real screen: "Gui…", "Fi…", "Me…" stayed cut at 1920)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from tests.gui.layout_checks import cut_off_tabs, cut_off_texts, dock_tab_bars
from tests.gui.writer_driver import WriterDriver
from workstation.gui.writer.window import WriterWindow

SMALL, LARGE = (1280, 720), (1920, 1080)


def _resize(writer: WriterDriver, size: tuple[int, int]) -> None:
    writer.window.resize(*size)
    writer.qtbot.wait(60)  # the docks are put back to their share after the resize's layout
    QApplication.processEvents()


def _right_docks(window: WriterWindow) -> list:  # type: ignore[type-arg]
    return [window.guidelines, *window.prose.docks()]


def _dock_width(window: WriterWindow) -> int:
    return window.guidelines.width()


def _drag_dock_edge(window: WriterWindow, by: int) -> None:
    """Drag the docks' edge (the window's separator left of them) ``by`` pixels to the left."""
    dock = window.guidelines
    y = dock.y() + dock.height() / 2
    start = QPointF(dock.x() - 3, y)
    end = QPointF(start.x() - by, y)
    left = Qt.MouseButton.LeftButton
    none = Qt.MouseButton.NoButton
    for kind, where, button, held in (
        (QEvent.Type.MouseButtonPress, start, left, left),
        (QEvent.Type.MouseMove, end, none, left),
        (QEvent.Type.MouseButtonRelease, end, left, none),
    ):
        event = QMouseEvent(
            kind, where, window.mapToGlobal(where), button, held, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(window, event)
        QApplication.processEvents()


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_every_dock_label_and_tab_is_readable(make_window, demo_dir: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    writer: WriterDriver = make_window(demo_dir)
    with writer.wait_for_analysis():
        writer.refresh_analysis()  # the Findings and Metrics docks full of figures and findings
    _resize(writer, size)
    window = writer.window
    assert window.width() == size[0] and window.minimumSizeHint().width() <= size[0]
    assert dock_tab_bars(window), "the docks are tabified on the right"
    assert cut_off_tabs(window) == []
    for dock in _right_docks(window):
        dock.raise_()
        QApplication.processEvents()
        assert dock.isVisible()
        assert cut_off_texts(dock) == [], dock.windowTitle()
    # The panes stay wide enough to read a line of prose in.
    assert min(window.diff_view.splitter.sizes()) >= 230


def test_docks_get_their_width_back_when_the_window_grows(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer: WriterDriver = make_window(demo_dir)
    window = writer.window
    _resize(writer, LARGE)
    large = _dock_width(window)
    _resize(writer, SMALL)
    small = _dock_width(window)
    assert small < large
    assert cut_off_tabs(window) == []
    _resize(writer, LARGE)
    assert abs(_dock_width(window) - large) <= 1
    assert cut_off_tabs(window) == []
    # In proportion: a fifth or so of the window, as at the default size.
    assert 0.18 * LARGE[0] <= _dock_width(window) <= 0.26 * LARGE[0]


def test_the_width_the_writer_drags_the_docks_to_is_kept_in_proportion(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer: WriterDriver = make_window(demo_dir)
    window = writer.window
    _resize(writer, LARGE)
    _drag_dock_edge(window, 600 - _dock_width(window))
    assert abs(_dock_width(window) - 600) <= 1
    _resize(writer, (1600, 1000))
    assert abs(_dock_width(window) - 600 * 1600 / LARGE[0]) <= 2
    _resize(writer, LARGE)
    assert abs(_dock_width(window) - 600) <= 2
    writer.quit()

    reopened: WriterDriver = make_window(demo_dir)
    _resize(reopened, LARGE)
    assert abs(_dock_width(reopened.window) - 600) <= 2


def test_a_click_on_the_window_that_moves_nothing_changes_no_share(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer: WriterDriver = make_window(demo_dir)
    window = writer.window
    _resize(writer, SMALL)  # the docks at their minimum, narrower than their share
    at_small = _dock_width(window)
    _drag_dock_edge(window, 0)  # pressed and released, nothing dragged
    _resize(writer, LARGE)
    _resize(writer, SMALL)
    assert _dock_width(window) == at_small
