"""Fixtures for the hardening tests: offscreen Qt, a demo data folder, a window opened the app's
way (data folder lock held), and a file that reports being read."""

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

from .outside_text import WATCHED_NAME
from .read_watch import ReadWatch


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    return create_demo_data_dir(tmp_path / "demo-data")


@pytest.fixture(autouse=True)
def _no_log_file_left_open() -> Iterator[None]:
    yield
    close_log_file()


@pytest.fixture
def open_app_window(qtbot, tmp_path: Path) -> Iterator[Callable[[Path], WriterWindow]]:  # type: ignore[no-untyped-def]
    """Open a writer window on a data folder as the app does; everything is closed afterwards."""
    opened: list[tuple[WriterWindow, DataDirLock]] = []

    def factory(data_dir: Path) -> WriterWindow:
        lock = DataDirLock(data_dir)
        lock.acquire()
        settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        window = open_window(data_dir, settings=settings)
        qtbot.addWidget(window)
        window.resize(1400, 860)
        window.show()
        opened.append((window, lock))
        return window

    yield factory
    for window, lock in opened:
        window.close()
        window.context.close()
        lock.release()


@pytest.fixture
def watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReadWatch]:
    """A file, in the working folder, that records whether anything opened it for reading."""
    monkeypatch.chdir(tmp_path)
    with ReadWatch(tmp_path / WATCHED_NAME) as watch:
        yield watch
