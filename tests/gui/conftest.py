"""GUI fixtures: a demo data dir per test, settings in a temp INI file, offscreen platform."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.gui.writer_driver import WriterDriver
from workstation.core.demo import create_demo_data_dir
from workstation.core.files.datadir import DataDirLock
from workstation.core.files.log_file import close_log_file
from workstation.core.signing import INTERACTIVE_KDF
from workstation.core.signing import identity as ident
from workstation.core.signing import keys as signing_keys
from workstation.gui.app import open_window
from workstation.gui.common.settings import AppSettings

DriverFactory = Callable[..., WriterDriver]


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


@pytest.fixture
def make_window(qtbot: QtBot, settings_path: Path) -> Iterator[DriverFactory]:
    """Open a window on a data dir the way the app does (lock held) and hand back its driver;
    whatever the test did not quit is quit after it."""
    opened: list[WriterDriver] = []

    def factory(data_dir: Path, *, first_task: bool = True) -> WriterDriver:
        lock = DataDirLock(data_dir)
        lock.acquire()
        settings = AppSettings(QSettings(str(settings_path), QSettings.Format.IniFormat))
        window = open_window(data_dir, settings=settings)
        driver = WriterDriver(window, qtbot, lock)
        # pytest-qt closes its widgets before fixtures are torn down: quit first, so a test that
        # failed with unsaved work cannot hang its clean-up on the "Changes not saved" question.
        qtbot.addWidget(window, before_close_func=lambda _window: _quit_for_cleanup(driver))
        window.resize(1400, 860)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        if first_task:
            driver.open_first_task()
        opened.append(driver)
        return driver

    yield factory
    for driver in opened:
        _quit_for_cleanup(driver)


def _quit_for_cleanup(driver: WriterDriver) -> None:
    if not driver.has_quit:
        driver.quit(discard_unsaved=True)


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(title, text) of every message box the app shows: modal ones are answered at once instead
    of waiting for a click that never comes; ones that open without blocking still open."""
    shown: list[tuple[str, str]] = []
    real_open = QMessageBox.open

    def record(box: QMessageBox) -> int:
        shown.append((box.windowTitle(), box.text()))
        return int(QMessageBox.StandardButton.Ok)

    def record_and_open(box: QMessageBox) -> None:
        shown.append((box.windowTitle(), box.text()))
        real_open(box)

    monkeypatch.setattr(QMessageBox, "exec", record)
    monkeypatch.setattr(QMessageBox, "open", record_and_open)
    return shown


PASSPHRASE = "correct horse battery"
"""The passphrase of the signing key ``writer_with_key`` creates."""


@pytest.fixture
def writer_with_key(
    make_window: DriverFactory, demo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> WriterDriver:
    """A writer on the demo data whose data folder has an encrypted signing key; asked for its
    passphrase when sealing, the writer types :data:`PASSPHRASE`."""
    ident.init_identity(demo_dir, "Ada Writer", PASSPHRASE, kdf=INTERACTIVE_KDF)
    monkeypatch.setattr("workstation.gui.common.key_unlock.ask_passphrase", lambda *a, **k: PASSPHRASE)
    return make_window(demo_dir)


@pytest.fixture
def kdf_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per scrypt run that decrypts or encrypts a key (the 1 GiB, seconds-long step)."""
    runs: list[int] = []
    real = signing_keys.derive_keystream

    def counting(*args: object, **kwargs: object) -> bytes:
        runs.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("workstation.core.signing.keys.derive_keystream", counting)
    return runs
