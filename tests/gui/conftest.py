"""GUI fixtures: a demo data dir per test, settings in a temp INI file, offscreen platform."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from workstation.core.demo import create_demo_data_dir
from workstation.core.files.datadir import DataDirLock
from workstation.core.files.log_file import close_log_file
from workstation.gui.app import open_window
from workstation.gui.common.settings import AppSettings
from workstation.gui.writer.window import WriterWindow

WindowFactory = Callable[..., WriterWindow]


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    return create_demo_data_dir(tmp_path / "demo-data")


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture(autouse=True)
def _no_log_file_left_open() -> Iterator[None]:
    """Opening a data folder the app's way points the log at it; let go of it after each test."""
    yield
    close_log_file()


_LOCKS: dict[int, DataDirLock] = {}


def quit_window(window: WriterWindow) -> None:
    """Quit as the writer would: close (saving), release the store and the data dir lock."""
    window.close()
    window.context.close()
    lock = _LOCKS.pop(id(window), None)
    if lock is not None:
        lock.release()


@pytest.fixture
def make_window(qtbot, settings_path: Path) -> Iterator[WindowFactory]:  # type: ignore[no-untyped-def]
    """Open a window on a data dir the way the app does (lock held), closing everything after."""
    opened: list[WriterWindow] = []

    def factory(data_dir: Path, *, first_task: bool = True) -> WriterWindow:
        lock = DataDirLock(data_dir)
        lock.acquire()
        settings = AppSettings(QSettings(str(settings_path), QSettings.Format.IniFormat))
        window = open_window(data_dir, settings=settings)
        qtbot.addWidget(window)
        window.resize(1400, 860)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        if first_task:
            window.open_first_task()
        opened.append(window)
        _LOCKS[id(window)] = lock
        return window

    yield factory
    for window in opened:
        if id(window) in _LOCKS:
            quit_window(window)
