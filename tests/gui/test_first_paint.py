"""On start the window is painted first, with the queue's first screen and its count, and the
writer's last task opens after that."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.writer_driver import WriterDriver
from workstation.core.demo import create_demo_data_dir
from workstation.gui.app import FIRST_PAINT_WAIT_MS, AppController, after_first_paint
from workstation.gui.common.settings import AppSettings
from workstation.gui.writer.window import WriterWindow


class _FirstPaintWatch(QObject):
    """What the writer could see when the main window was first painted."""

    def __init__(self) -> None:
        super().__init__()
        self.task_open_at_paint: str | None = "not painted"
        self.count_at_paint = ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        first = self.task_open_at_paint == "not painted"
        if first and event.type() == QEvent.Type.Paint and isinstance(watched, WriterWindow):
            task = watched.session.task
            self.task_open_at_paint = task.id if task is not None else None
            self.count_at_paint = watched.queue_panel.count_label.text()
        return False


def test_the_window_is_painted_before_the_last_task_opens(qtbot: QtBot, tmp_path: Path) -> None:
    data_dir = create_demo_data_dir(tmp_path / "demo")
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    watch = _FirstPaintWatch()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watch)
    controller = AppController(app, settings)  # type: ignore[arg-type]
    try:
        assert controller.open(data_dir) is None
        window = controller.window
        assert isinstance(window, WriterWindow)
        writer = WriterDriver(window, qtbot)
        qtbot.waitUntil(lambda: writer.current_task_id is not None, timeout=3000)
        assert watch.task_open_at_paint is None  # painted with no task yet…
        assert watch.count_at_paint == "48 tasks"  # …but with the queue and its count
        assert writer.queue.highlighted() == writer.current_task_id == "demo-001"
    finally:
        app.removeEventFilter(watch)
        if controller.window is not None:
            controller.window.close()  # waits for the window's background work…
            qtbot.wait(20)  # …whose answers arrive before the window is deleted
        controller.shutdown()


def test_a_window_that_is_never_painted_still_opens_its_task(qtbot: QtBot) -> None:
    hidden = QWidget()
    qtbot.addWidget(hidden)
    opened: list[str] = []
    after_first_paint(hidden, lambda: opened.append("task"))
    qtbot.wait(FIRST_PAINT_WAIT_MS // 2)
    assert opened == []
    qtbot.waitUntil(lambda: opened == ["task"], timeout=3 * FIRST_PAINT_WAIT_MS)
    hidden.show()  # painted at last: nothing opens twice
    qtbot.wait(50)
    assert opened == ["task"]
