"""The steps every screenshot script shares: let Qt paint, open the review window on a data dir,
grab a dialog. The scripts beside this one import it (``python scripts/NAME.py`` puts this folder
on the import path); the platform is offscreen unless the caller chose one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from workstation.core.files.datadir import DataDirLock
from workstation.gui.app import REVIEW_MODE, open_mode_window
from workstation.gui.common.settings import AppSettings
from workstation.gui.common.theme import ThemeChoice
from workstation.gui.reviewer.window import ReviewWindow


def output_folder(default: str) -> Path:
    """The folder the script's first argument names (else ``default``), made if missing."""
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else default)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def settle(app: QApplication, rounds: int = 30) -> None:
    """Run ``rounds`` passes of the event loop, so layouts, timers and painting catch up."""
    for _ in range(rounds):
        app.processEvents()


def themed_settings(folder: Path, theme: ThemeChoice) -> AppSettings:
    """Settings in a file of their own under ``folder``, with ``theme`` chosen."""
    settings = AppSettings(QSettings(str(folder / f"{theme}.ini"), QSettings.Format.IniFormat))
    settings.set_theme(theme)
    return settings


@contextmanager
def review_window(
    app: QApplication, data_dir: Path, settings: AppSettings, size: tuple[int, int]
) -> Iterator[ReviewWindow]:
    """The review window on ``data_dir`` (locked as the app locks it), shown at ``size`` pixels and
    settled; closed, with its context and the lock, when the block ends."""
    lock = DataDirLock(data_dir)
    lock.acquire()
    try:
        window = open_mode_window(data_dir, REVIEW_MODE, settings=settings)
        assert isinstance(window, ReviewWindow)
        window.resize(*size)
        window.show()
        settle(app)
        try:
            yield window
        finally:
            window.close()
            window.context.close()
    finally:
        lock.release()
        settle(app)


def grab_dialog(app: QApplication, dialog: QWidget, target: Path, size: tuple[int, int]) -> None:
    """Show ``dialog`` at ``size`` pixels, save what it paints to ``target`` (PNG), then close it."""
    dialog.resize(*size)
    dialog.show()
    settle(app, 10)
    dialog.grab().save(str(target))
    print(target)
    dialog.close()
    dialog.deleteLater()
    app.processEvents()
