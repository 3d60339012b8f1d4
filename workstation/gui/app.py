"""Starting the app: one QApplication, the data dir lock, the store, the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from workstation import APP_ID, APP_NAME
from workstation.core.datadir import DataDirBusy, DataDirLock
from workstation.core.store import Store, StoreError
from workstation.gui.main_window import MainWindow
from workstation.gui.settings import AppSettings
from workstation.gui.theme import apply_theme


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QCoreApplication.setOrganizationName(APP_ID)
    QCoreApplication.setApplicationName(APP_ID)
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    return QApplication(sys.argv[:1])


def open_window(data_dir: Path, *, settings: AppSettings | None = None, demo: bool = False) -> MainWindow:
    """Open the store at ``data_dir`` and build the window (the caller holds the lock)."""
    settings = settings or AppSettings()
    store = Store(data_dir)
    window = MainWindow(store, settings, demo=demo)
    if not demo:
        settings.add_recent_data_dir(data_dir)
    return window


def run_app(data_dir: Path, *, demo: bool = False) -> int:
    """Run the window until it closes; refuses (with a message) a data dir another instance holds."""
    app = ensure_application()
    settings = AppSettings()
    apply_theme(app, settings.theme())
    lock = DataDirLock(data_dir)
    try:
        lock.acquire()
    except DataDirBusy as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        print(f"workstation: {exc}", file=sys.stderr)
        return 1
    try:
        try:
            window = open_window(data_dir, settings=settings, demo=demo)
        except StoreError as exc:
            QMessageBox.critical(None, APP_NAME, str(exc))
            print(f"workstation: {exc}", file=sys.stderr)
            return 1
        window.show()
        QTimer.singleShot(0, window.open_first_task)
        code = app.exec()
        window.store.close()
        return int(code)
    finally:
        lock.release()
