"""Starting the app: one QApplication, the data dir lock, the app context, the window.

:class:`AppController` owns the lock, the context and the window, so switching to another data
folder (File ▸ Recent data folders) closes one store cleanly before the next one is opened.
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6
import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from workstation import APP_NAME, __version__
from workstation.core.files.datadir import DataDirError, DataDirLock
from workstation.core.files.log_file import close_log_file, setup_log_file
from workstation.core.store import StoreError
from workstation.gui.common.app_identity import (
    LEGACY_SETTINGS_NAME,
    adopt_legacy_settings,
    app_icon,
    missing_display,
    name_the_application,
)
from workstation.gui.common.crash import CrashReporter, install_crash_reporting
from workstation.gui.common.plain_text import ask
from workstation.gui.common.settings import AppSettings
from workstation.gui.common.theme import ThemeChoice, apply_theme
from workstation.gui.context import open_context
from workstation.gui.writer.window import WriterWindow

if TYPE_CHECKING:
    from workstation.gui.reviewer.window import ReviewWindow

WRITER_MODE = "writer"
REVIEW_MODE = "review"
MODES = (WRITER_MODE, REVIEW_MODE)
type ModeWindow = WriterWindow | ReviewWindow

GIL_SWITCH_INTERVAL_S = 0.001
FIRST_PAINT_WAIT_MS = 500
"""How long the first task waits for the window's first paint (one that never comes: minimised)."""
_log = logging.getLogger(__name__)


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    name_the_application()
    # The analysis worker is Python too: a shorter GIL switch interval (default 5 ms) lets the
    # GUI thread get the interpreter back quickly while a worker is busy, so typing stays smooth.
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    app = QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    return app


def open_window(data_dir: Path, *, settings: AppSettings | None = None, demo: bool = False) -> WriterWindow:
    """Open the store at ``data_dir`` and build the writer's window (the caller holds the lock).

    Close the window, then ``window.context.close()``, to release the store.
    """
    window = open_mode_window(data_dir, WRITER_MODE, settings=settings, demo=demo)
    assert isinstance(window, WriterWindow)
    return window


def open_mode_window(
    data_dir: Path, mode: str, *, settings: AppSettings | None = None, demo: bool = False
) -> ModeWindow:
    """The writer's (``writer``) or the reviewer's (``review``) window on ``data_dir``'s store."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    settings = settings or AppSettings()
    context = open_context(data_dir, settings, demo=demo)
    try:
        window: ModeWindow
        if mode == WRITER_MODE:
            window = WriterWindow(context)
        else:
            # Imported here: the reviewer's window (bundle opening, charts, verdicts) is about
            # 0.3 s of imports a writer's start does not need.
            from workstation.gui.reviewer.window import ReviewWindow

            window = ReviewWindow(context)
    except BaseException:
        context.close()
        raise
    if not demo:
        settings.add_recent_data_dir(data_dir)
    return window


class _AfterFirstPaint(QObject):
    """Calls ``then`` once, in the event loop's next turn after ``widget`` was first painted."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # after the children are painted in the same pass
        return False

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Run ``then`` once ``widget`` (just shown) is on screen: a window opens its last task after
    its first paint, so the writer sees the window (and the queue's first screen) first."""
    _AfterFirstPaint(widget, then)


class AppController(QObject):
    """Holds the data dir lock and the one main window; can move to another data dir."""

    def __init__(
        self,
        app: QApplication,
        settings: AppSettings,
        *,
        demo: bool = False,
        reporter: CrashReporter | None = None,
        mode: str = WRITER_MODE,
    ) -> None:
        super().__init__()
        self.app = app
        self.mode = mode  # the window a data folder opens in: writer or review
        self.settings = settings
        self.demo = demo
        self.reporter = reporter  # told, per window, whether the writer's text is saved
        self.window: ModeWindow | None = None
        self.lock: DataDirLock | None = None
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_system_scheme_changed)

    def open(self, data_dir: Path) -> str | None:
        """Open ``data_dir`` in a new window of the current mode; returns an error message instead of
        raising."""
        lock = DataDirLock(data_dir)
        try:
            lock.acquire()
        except DataDirError as exc:  # held by another instance, a file, read-only, …
            return str(exc)
        error = self._show_window(data_dir, self.mode, lock)
        if error is not None:
            lock.release()
        return error

    def _show_window(self, data_dir: Path, mode: str, lock: DataDirLock) -> str | None:
        try:
            window = open_mode_window(data_dir, mode, settings=self.settings, demo=self.demo)
        except StoreError as exc:
            return str(exc)
        setup_log_file(data_dir)  # the log lives in the data folder this instance now holds
        window.context.events.data_dir_requested.connect(self.switch_to)
        window.context.events.mode_requested.connect(self.switch_mode)
        if self.reporter is not None:
            self.reporter.set_saved_state(window.saved_state_sentence)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.lock, self.window = lock, window
        window.show()

        def open_first_task() -> None:
            if self.window is window:  # not switched away from before the window was painted
                window.open_first_task()
            _log.info("%s: the window is ready", data_dir)  # timed by benchmarks

        after_first_paint(window, open_first_task)
        return None

    def switch_mode(self, mode: str) -> None:
        """The same data folder in the other window (writing ↔ review), keeping the lock held."""
        old_window, lock = self.window, self.lock
        if old_window is None or lock is None or mode not in MODES:
            return
        if (mode == REVIEW_MODE) != isinstance(old_window, WriterWindow):
            return
        if not old_window.close():
            return  # the writer chose to stay (unsaved work)
        data_dir = old_window.context.data_dir
        old_window.context.close()
        old_window.deleteLater()
        self.window = None
        self.mode = mode
        error = self._show_window(data_dir, mode, lock)
        if error is not None:
            _log.warning("Could not open the %s window on %s: %s", mode, data_dir, error)
            ask(None, QMessageBox.Icon.Warning, APP_NAME, error)
            lock.release()
            self.lock = None
            self.app.quit()

    def switch_to(self, data_dir: Path) -> None:
        old_window, old_lock = self.window, self.lock
        if old_window is not None:
            if data_dir == old_window.context.data_dir:
                return
            if not old_window.close():
                return  # the writer chose to stay (unsaved work)
            _log.info("Switching data folder from %s to %s", old_window.context.data_dir, data_dir)
            old_window.context.close()
        if old_lock is not None:
            old_lock.release()
        error = self.open(data_dir)
        if error is None:
            _log.info("Switched to data folder %s", data_dir)
            return
        _log.warning("Could not switch to data folder %s: %s", data_dir, error)
        ask(None, QMessageBox.Icon.Warning, APP_NAME, error)
        if old_window is not None and self.open(old_window.context.data_dir) is not None:
            self.app.quit()

    def shutdown(self) -> None:
        """Release the store and the lock; delete the window while Qt is still fully alive."""
        if self.window is not None:
            self.window.context.close()
            shiboken6.delete(self.window)
            self.window = None
        if self.lock is not None:
            self.lock.release()

    def _on_system_scheme_changed(self) -> None:
        if self.settings.theme() is ThemeChoice.SYSTEM and self.window is not None:
            self.window.context.set_theme(ThemeChoice.SYSTEM)


def _quit_cleanly_on_signals(controller: AppController) -> None:
    """Ctrl+C in the terminal or a polite kill closes the window the normal way, saving work.

    Python runs signal handlers only when the interpreter has control, so a timer hands it
    control a few times a second while Qt's event loop runs.
    """

    def close_window(_signum: int, _frame: object) -> None:
        if controller.window is not None:
            controller.window.close()
        controller.app.quit()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, close_window)
    ticker = QTimer(controller)
    ticker.start(250)
    ticker.timeout.connect(lambda: None)


def run_app(data_dir: Path, *, demo: bool = False, mode: str = WRITER_MODE) -> int:
    """Run the window (of ``mode``) until it closes; refuses (with a message) a data dir another
    instance holds."""
    no_display = missing_display()
    if no_display is not None:
        print(f"workstation: {no_display}", file=sys.stderr)
        return 1
    app = ensure_application()
    reporter = install_crash_reporting(app)
    adopt_legacy_settings(QSettings(), QSettings(LEGACY_SETTINGS_NAME, LEGACY_SETTINGS_NAME))
    settings = AppSettings()
    apply_theme(app, settings.theme())
    controller = AppController(app, settings, demo=demo, reporter=reporter, mode=mode)
    error = controller.open(data_dir)
    if error is not None:
        reporter.uninstall()
        print(f"workstation: {error}", file=sys.stderr)
        ask(None, QMessageBox.Icon.Critical, APP_NAME, error)
        return 1
    _log.info(
        "%s %s started; data folder %s; PySide6 %s", APP_NAME, __version__, data_dir, PySide6.__version__
    )
    _quit_cleanly_on_signals(controller)
    status = 1
    try:
        status = int(app.exec())
        return status
    finally:
        _log.info("%s quit (exit status %d)", APP_NAME, status)
        controller.shutdown()
        reporter.uninstall()
        close_log_file()
