"""The app hears the writer's input from the windows it reaches first, without an application-wide
event filter: keys, clicks and wheel turns count, the pointer drifting does not, and a window that
gets the focus later (a dialog, a second window) is heard too. Losing the focus to another app
pauses active time and saves the work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from workstation.gui.common.input_watch import input_watch


def _shown(qtbot: QtBot) -> tuple[QWidget, QLineEdit]:
    window = QWidget()
    field = QLineEdit(window)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle(), timeout=2000)
    field.setFocus()
    return window, field


@pytest.fixture
def heard() -> Iterator[list[None]]:
    """One entry for each input the app's watch heard during the test."""
    found: list[None] = []

    def note() -> None:
        found.append(None)

    input_watch().input_seen.connect(note)
    yield found
    input_watch().input_seen.disconnect(note)


def test_keys_clicks_and_wheel_turns_through_a_focused_window_are_heard(
    qtbot: QtBot, heard: list[None]
) -> None:
    window, field = _shown(qtbot)
    handle = window.windowHandle()

    QTest.keyClick(handle, Qt.Key.Key_Right)  # a key that changes nothing is input all the same
    assert len(heard) == 1
    QTest.mouseMove(handle, field.geometry().center())
    assert len(heard) == 1  # the pointer drifting is not the writer at work
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert len(heard) == 2  # the press (the release is not counted again)
    wheel = QWheelEvent(
        QPointF(5, 5),
        QPointF(window.mapToGlobal(QPoint(5, 5))),
        QPoint(),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(handle, wheel)
    assert len(heard) == 3
    assert field.text() == ""  # the key went on to the widget it was for


def test_a_window_that_gets_the_focus_later_is_heard_and_the_watch_is_one(
    qtbot: QtBot, heard: list[None]
) -> None:
    _shown(qtbot)
    second, field = _shown(qtbot)
    for key in (Qt.Key.Key_A, Qt.Key.Key_B):
        QTest.keyClick(second.windowHandle(), key)
    assert len(heard) == 2
    assert field.text() == "ab"
    assert input_watch() is input_watch()


def test_losing_the_focus_to_another_app_pauses_active_time_and_saves(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.type("Changed before the writer looked away. ")
    session = writer.window.session
    assert session.focused
    app = QApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)  # type: ignore[union-attr]
    assert not session.focused
    writer.drain_operations()
    stored = writer.stored_rewrite("demo-001")
    assert stored is not None and "Changed before the writer looked away." in stored.text
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)  # type: ignore[union-attr]
    assert session.focused
