"""Unexpected errors reach the log and one plain-text dialog, from slots, overrides and threads."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QLabel

from workstation.core.demo import create_demo_data_dir
from workstation.core.files.log_file import close_log_file, log_path, setup_log_file
from workstation.gui.common import crash
from workstation.gui.common.crash import UNKNOWN_SAVED_STATE, CrashReporter
from workstation.gui.common.crash_dialog import CrashChoice, CrashDialog, CrashReport, build_crash_dialog
from workstation.gui.common.sizes import CRASH_REPEAT_WINDOW_S

HOSTILE = "the model wrote <b>x</b> & <a href='file:///'>more</a>"


class Source(QObject):
    fired = Signal()


class RaisesOnUserEvent(QObject):
    """A Python override of a C++ virtual that fails."""

    def event(self, ev: QEvent) -> bool:
        if ev.type() == QEvent.Type.User:
            raise LookupError("override failed")
        return super().event(ev)


def raising_slot() -> None:
    raise ValueError(HOSTILE)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class CrashEnv:
    reporter: CrashReporter
    data_dir: Path
    clock: FakeClock
    opened_folders: list[Path]
    dialogs: list[CrashDialog] = field(default_factory=list)

    def log_text(self) -> str:
        path = log_path(self.data_dir)
        return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.fixture
def env(qtbot, tmp_path: Path) -> Iterator[CrashEnv]:  # type: ignore[no-untyped-def]
    data_dir = tmp_path / "data"
    setup_log_file(data_dir)
    opened: list[Path] = []

    def open_folder(folder: Path) -> bool:
        opened.append(folder)
        return True

    clock = FakeClock()
    reporter = CrashReporter(open_folder=open_folder, clock=clock)
    crash_env = CrashEnv(reporter, data_dir, clock, opened)
    reporter.dialog_opened.connect(crash_env.dialogs.append)
    reporter.install()
    yield crash_env
    reporter.uninstall()
    for dialog in crash_env.dialogs:
        if shiboken6.isValid(dialog):  # the reporter deletes a dialog once the next one opens
            dialog.close()
            dialog.deleteLater()
    close_log_file()


def wait_for_dialog(qtbot, env: CrashEnv, count: int = 1) -> CrashDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: len(env.dialogs) >= count, timeout=3000)
    return env.dialogs[-1]


def test_an_exception_in_a_slot_is_logged_and_shown_as_plain_text(qtbot, env: CrashEnv) -> None:  # type: ignore[no-untyped-def]
    source = Source()
    source.fired.connect(raising_slot)
    source.fired.emit()  # PySide does not raise here: the slot's error goes to sys.excepthook
    dialog = wait_for_dialog(qtbot, env)
    logged = env.log_text()
    assert "Unexpected error on thread MainThread" in logged
    assert "Traceback (most recent call last):" in logged and "in raising_slot" in logged
    assert f"ValueError: {HOSTILE}" in logged
    assert f"What failed: ValueError: {HOSTILE}" in dialog.text()
    labels = {label.objectName(): label for label in dialog.findChildren(QLabel)}
    main_label = labels["qt_msgbox_label"]
    assert HOSTILE in main_label.text()
    # Plain text: Qt shows the tags as typed instead of guessing that they are markup.
    text_labels = [label for label in labels.values() if label.text()]
    assert text_labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in text_labels)
    assert str(log_path(env.data_dir)) in dialog.informativeText()
    assert "saved" not in dialog.informativeText()  # no saved-state source: nothing claimed
    assert "in raising_slot" in dialog.detailedText()
    assert dialog.isVisible() and dialog.windowModality() == Qt.WindowModality.ApplicationModal


def test_an_override_that_qt_calls_from_its_event_loop_reaches_the_dialog(qtbot, env: CrashEnv) -> None:  # type: ignore[no-untyped-def]
    receiver = RaisesOnUserEvent()
    QCoreApplication.postEvent(receiver, QEvent(QEvent.Type.User))
    dialog = wait_for_dialog(qtbot, env)
    assert "What failed: LookupError: override failed" in dialog.text()
    assert "in event" in env.log_text()


def test_an_override_called_through_python_raises_at_the_caller_and_so_reaches_the_hook(  # type: ignore[no-untyped-def]
    qtbot, env: CrashEnv
) -> None:
    receiver = RaisesOnUserEvent()
    # PySide re-raises the override's error at the Python call into Qt, with its own prefix...
    with pytest.raises(LookupError, match=r"Error calling Python override of QObject::event\(\)"):
        QCoreApplication.sendEvent(receiver, QEvent(QEvent.Type.User))
    assert not env.dialogs
    # ...so when that call sits in a slot, it leaves the slot and the hook gets it.
    source = Source()
    source.fired.connect(lambda: QCoreApplication.sendEvent(receiver, QEvent(QEvent.Type.User)))
    source.fired.emit()
    dialog = wait_for_dialog(qtbot, env)
    assert "LookupError: Error calling Python override of QObject::event(): override failed" in dialog.text()


def test_the_dialog_says_whether_the_text_is_saved(qtbot, env: CrashEnv) -> None:  # type: ignore[no-untyped-def]
    env.reporter.set_saved_state(lambda: "Your latest changes are NOT saved yet: the disk is full.")
    source = Source()
    source.fired.connect(raising_slot)
    source.fired.emit()
    dialog = wait_for_dialog(qtbot, env)
    assert dialog.informativeText().startswith("Your latest changes are NOT saved yet: the disk is full.")


def test_a_saved_state_check_that_fails_says_so_instead_of_guessing(qtbot, env: CrashEnv) -> None:  # type: ignore[no-untyped-def]
    def broken() -> str:
        raise OSError("store gone")

    env.reporter.set_saved_state(broken)
    source = Source()
    source.fired.connect(raising_slot)
    source.fired.emit()
    dialog = wait_for_dialog(qtbot, env)
    assert dialog.informativeText().startswith(UNKNOWN_SAVED_STATE)
    assert "Could not tell whether the text is saved" in env.log_text() and "store gone" in env.log_text()


class _RaisingRunnable(QRunnable):
    def run(self) -> None:
        raise ValueError("pool job failed")


def _raise_in_python_thread() -> None:
    def work() -> None:
        raise ValueError("thread job failed")

    worker = threading.Thread(target=work, name="import-worker")
    worker.start()
    worker.join()


def _raise_in_qt_pool() -> None:
    pool = QThreadPool()
    pool.start(_RaisingRunnable())
    pool.waitForDone()


@pytest.mark.parametrize(
    ("start", "message"),
    [(_raise_in_python_thread, "thread job failed"), (_raise_in_qt_pool, "pool job failed")],
)
def test_a_worker_thread_exception_is_logged_there_and_shown_on_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, env: CrashEnv, start, message: str
) -> None:
    start()
    dialog = wait_for_dialog(qtbot, env)
    assert f"What failed: ValueError: {message}" in dialog.text()
    assert "in a background task" in dialog.text()
    assert dialog.thread() is QApplication.instance().thread()
    logged = env.log_text()
    assert f"ValueError: {message}" in logged and "[MainThread]" not in logged.split("Traceback")[0]


def test_repeated_identical_errors_show_one_dialog_and_do_not_flood_the_log(qtbot, env: CrashEnv) -> None:  # type: ignore[no-untyped-def]
    source = Source()
    source.fired.connect(raising_slot)
    for _ in range(50):
        source.fired.emit()
        env.clock.now += 0.1
    dialog = wait_for_dialog(qtbot, env)
    qtbot.wait(50)
    assert len(env.dialogs) == 1 and dialog.more_errors == 0
    logged = env.log_text()
    assert logged.count("Traceback") == 1
    assert [n for n in (2, 4, 8, 16, 32) if f"again ({n} times in a row)" in logged] == [2, 4, 8, 16, 32]
    assert logged.count("The same error again") == 5
    # A different error while the dialog is open adds a line to it, not a second dialog.
    QCoreApplication.postEvent(RaisesOnUserEvent(parent=source), QEvent(QEvent.Type.User))
    qtbot.waitUntil(lambda: dialog.more_errors == 1, timeout=3000)
    assert "1 more error happened after this one" in dialog.informativeText()
    assert len(env.dialogs) == 1
    # Once the dialog is closed and the error has been quiet for a while, it is shown again.
    dialog.close_button.click()
    assert dialog.choice() is CrashChoice.CLOSE
    env.clock.now += CRASH_REPEAT_WINDOW_S + 1
    source.fired.emit()
    wait_for_dialog(qtbot, env, count=2)
    assert env.log_text().count("Traceback") == 3


def test_a_failure_while_showing_the_dialog_is_logged_and_does_not_recurse(  # type: ignore[no-untyped-def]
    qtbot, env: CrashEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[CrashReport] = []

    def broken_builder(report: CrashReport, **_kwargs: object) -> CrashDialog:
        attempts.append(report)
        raise RuntimeError("cannot build the dialog")

    monkeypatch.setattr(crash, "build_crash_dialog", broken_builder)
    source = Source()
    source.fired.connect(raising_slot)
    source.fired.emit()
    qtbot.waitUntil(lambda: "Could not show the error dialog" in env.log_text(), timeout=3000)
    qtbot.wait(100)
    assert len(attempts) == 1 and not env.dialogs
    logged = env.log_text()
    assert "RuntimeError: cannot build the dialog" in logged and f"ValueError: {HOSTILE}" in logged


def test_keyboard_interrupt_keeps_its_default_behaviour(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda exc_type, _exc, _tb: seen.append(exc_type))
    reporter = CrashReporter(open_folder=lambda _folder: True)
    reporter.install()
    try:
        sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
        qtbot.wait(50)
        assert seen == [KeyboardInterrupt] and reporter.dialog is None
    finally:
        reporter.uninstall()
    assert sys.excepthook != reporter._sys_hook


def test_uninstall_gives_the_hooks_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    before_sys, before_thread = sys.excepthook, threading.excepthook
    reporter = CrashReporter()
    reporter.install()
    reporter.install()  # twice: still one layer to undo
    assert sys.excepthook == reporter._sys_hook and threading.excepthook == reporter._thread_hook
    reporter.uninstall()
    assert sys.excepthook is before_sys and threading.excepthook is before_thread


def test_open_log_folder_opens_the_folder_that_holds_the_log(qtbot, env: CrashEnv) -> None:  # type: ignore[no-untyped-def]
    source = Source()
    source.fired.connect(raising_slot)
    source.fired.emit()
    dialog = wait_for_dialog(qtbot, env)
    assert dialog.open_log_button.text() == "Open log folder" and dialog.open_log_button.isEnabled()
    dialog.open_log_button.click()
    assert env.opened_folders == [log_path(env.data_dir).parent]
    assert dialog.choice() is CrashChoice.OPEN_LOG_FOLDER and not dialog.isVisible()


def test_without_a_log_the_dialog_says_so_and_offers_no_folder(qtbot) -> None:  # type: ignore[no-untyped-def]
    report = CrashReport(
        summary="OSError: disk full", details="...", thread_name="MainThread", on_gui_thread=True
    )
    dialog = build_crash_dialog(report, open_folder=lambda _folder: True)
    qtbot.addWidget(dialog)
    assert "could not be written to a log file" in dialog.informativeText()
    assert not dialog.open_log_button.isEnabled()
    assert dialog.choice() is None


def test_the_app_logs_its_lifecycle_and_a_slot_error_under_its_event_loop(tmp_path: Path) -> None:
    """End to end in a child process: the real ``run_app``, its event loop, its log file."""
    data_dir = create_demo_data_dir(tmp_path / "data")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from workstation.gui import app as app_module\n"
        "app_module.ensure_application()\n"
        "def fail():\n"
        "    raise ValueError('raised under app.exec')\n"
        "def quit_when_shown():\n"
        "    app = QApplication.instance()\n"
        "    if any(w.windowTitle().endswith('something went wrong') for w in app.topLevelWidgets()\n"
        "           if w.isVisible()):\n"
        "        app.quit()\n"
        "    else:\n"
        "        QTimer.singleShot(50, quit_when_shown)\n"
        "QTimer.singleShot(300, fail)\n"
        "QTimer.singleShot(350, quit_when_shown)\n"
        f"sys.exit(app_module.run_app(Path({str(data_dir)!r})))\n"
    )
    child_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(Path(__file__).parents[2]))
    result = subprocess.run(
        [sys.executable, "-c", script], env=child_env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    logged = log_path(data_dir).read_text(encoding="utf-8")
    assert f"started; data folder {data_dir}" in logged
    assert "Traceback" in logged and "in fail" in logged and "ValueError: raised under app.exec" in logged
    assert logged.rstrip().endswith("quit (exit status 0)")
    assert "Traceback" not in result.stderr  # the writer never needed a terminal
