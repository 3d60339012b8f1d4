"""Unexpected errors reach the writer and the log file, from any thread, without a storm of dialogs.

How PySide6 reports a Python exception that Qt called into (checked on 6.12, proved by
``tests/gui/test_crash_reporting.py``):

- a slot connected to a signal: the exception never reaches the code that emitted, even when
  Python called ``emit()``; PySide passes it to ``sys.excepthook`` and carries on.
- a Python override of a C++ virtual (``event``, ``paintEvent``, ``QRunnable.run``): called by
  Qt's event loop, PySide writes "Error calling Python override of …" to stderr and passes the
  exception to ``sys.excepthook``; called through a Python call into Qt (``sendEvent``), it is
  raised again at that call, its message prefixed with the same words, and so travels up to the
  slot or loop around it and from there to the hook.
- on a thread Qt started (``QThreadPool``, ``QThread.run``) ``sys.excepthook`` runs on that
  thread; a ``threading.Thread`` goes to ``threading.excepthook``.

So one ``sys.excepthook`` and one ``threading.excepthook`` see everything. They log the traceback
at once, on whatever thread they run, and hand a :class:`CrashReport` to the GUI thread through a
queued signal; the dialog opens there without a nested event loop.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from workstation import APP_NAME
from workstation.core.files.log_file import current_log_path, error_summary
from workstation.gui.common.crash_dialog import (
    CrashDialog,
    CrashReport,
    FolderOpener,
    build_crash_dialog,
    open_folder_in_file_manager,
)
from workstation.gui.common.sizes import CRASH_REPEAT_WINDOW_S

_log = logging.getLogger(__name__)

SavedStateSource = Callable[[], str | None]
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]
ThreadExceptHook = Callable[[threading.ExceptHookArgs], Any]
Signature = tuple[str, str, str]

UNKNOWN_SAVED_STATE = f"{APP_NAME} could not check whether your text is saved."


def _signature(exc_type: type[BaseException], summary: str, tb: TracebackType | None) -> Signature:
    """Type, message and the line that raised: what makes two errors "the same error"."""
    frames = traceback.extract_tb(tb)
    place = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    return (exc_type.__qualname__, summary, place)


def _format(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> str:
    """The full traceback with its chained causes (``exc`` may be None from threading's hook)."""
    if exc is None:
        frames = traceback.format_tb(tb)
        return "".join(["Traceback (most recent call last):\n", *frames, f"{exc_type.__qualname__}\n"])
    return "".join(traceback.format_exception(exc_type, exc, tb))


class _RepeatCounter:
    """Counts an error's repeats, each within ``window_s`` seconds of the one before (thread-safe)."""

    def __init__(self, window_s: float, clock: Callable[[], float]) -> None:
        self._window_s = window_s
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: dict[Signature, tuple[float, int]] = {}

    def count(self, signature: Signature) -> int:
        """1 for an error not seen within the window, 2 for its first repeat, and so on."""
        with self._lock:
            now = self._clock()
            self._seen = {key: seen for key, seen in self._seen.items() if now - seen[0] <= self._window_s}
            times = self._seen.get(signature, (now, 0))[1] + 1
            self._seen[signature] = (now, times)
            return times


class CrashReporter(QObject):
    """Owns the two exception hooks and the one crash dialog; create it on the GUI thread."""

    _report_ready = Signal(object)  # a CrashReport, queued to the GUI thread
    dialog_opened = Signal(object)  # the CrashDialog, once it is on screen

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        saved_state: SavedStateSource | None = None,
        open_folder: FolderOpener = open_folder_in_file_manager,
        clock: Callable[[], float] = time.monotonic,
        repeat_window_s: float = CRASH_REPEAT_WINDOW_S,
    ) -> None:
        super().__init__(parent)
        self._gui_thread = threading.get_ident()
        self._saved_state = saved_state
        self._open_folder = open_folder
        self._repeats = _RepeatCounter(repeat_window_s, clock)
        self._in_hook = threading.local()
        self._previous_hook: ExceptHook | None = None
        self._previous_thread_hook: ThreadExceptHook | None = None
        self.dialog: CrashDialog | None = None  # the one on screen, or the last one shown
        self._report_ready.connect(self._present, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        """Become ``sys.excepthook`` and ``threading.excepthook`` (again: no change)."""
        if self._previous_hook is not None:
            return
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        """Put the previous hooks back, unless someone replaced ours in the meantime."""
        if self._previous_hook is None or self._previous_thread_hook is None:
            return
        if sys.excepthook == self._sys_hook:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_thread_hook
        self._previous_hook = self._previous_thread_hook = None

    def set_saved_state(self, source: SavedStateSource | None) -> None:
        """Where the dialog learns whether the writer's text is saved (None: it says nothing)."""
        self._saved_state = source

    def report(self, exc: BaseException, *, thread_name: str | None = None) -> None:
        """Log ``exc`` and show it as an unexpected error; callable from any thread.

        For code that caught an exception it cannot handle (a background job's failure with
        nobody listening) and wants it treated like one that escaped.
        """
        name = thread_name or threading.current_thread().name
        self._record(type(exc), exc, exc.__traceback__, name)

    def _sys_hook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            (self._previous_hook or sys.__excepthook__)(exc_type, exc, tb)
            return
        self._guarded(exc_type, exc, tb, threading.current_thread().name)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if issubclass(args.exc_type, SystemExit | KeyboardInterrupt):
            (self._previous_thread_hook or threading.__excepthook__)(args)
            return
        name = args.thread.name if args.thread is not None else threading.current_thread().name
        self._guarded(args.exc_type, args.exc_value, args.exc_traceback, name)

    def _guarded(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
        thread_name: str,
    ) -> None:
        """Report once; if reporting itself fails (or re-enters), print both errors instead."""
        if getattr(self._in_hook, "active", False):
            sys.stderr.write(_format(exc_type, exc, tb))
            return
        self._in_hook.active = True
        try:
            self._record(exc_type, exc, tb, thread_name)
        except Exception:
            sys.stderr.write(_format(exc_type, exc, tb))
            print("workstation: and reporting that error failed:", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
        finally:
            self._in_hook.active = False

    def _record(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
        thread_name: str,
    ) -> None:
        summary = error_summary(exc) if exc is not None else exc_type.__qualname__
        times = self._repeats.count(_signature(exc_type, summary, tb))
        if times > 1:
            if times & (times - 1) == 0:  # 2, 4, 8, …: a loop cannot flood the log
                _log.error("The same error again (%d times in a row): %s", times, summary)
            return
        details = _format(exc_type, exc, tb)
        _log.error("Unexpected error on thread %s:\n%s", thread_name, details.rstrip())
        report = CrashReport(
            summary=summary,
            details=details,
            thread_name=thread_name,
            on_gui_thread=threading.get_ident() == self._gui_thread,
            log_file=current_log_path(),
        )
        self._report_ready.emit(report)

    def _present(self, report: CrashReport) -> None:
        # A slot: anything escaping here would come back through the hook, so nothing does.
        try:
            self._open_dialog(report)
        except Exception:
            _log.exception("Could not show the error dialog")

    def _open_dialog(self, report: CrashReport) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.note_more_errors(1)
            return
        report = replace(report, saved_state=self._saved_state_sentence())
        if self.dialog is not None:
            self.dialog.deleteLater()
        # No parent: the dialog must outlive a window that closes (switching data folders).
        self.dialog = build_crash_dialog(report, open_folder=self._open_folder)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.show()
        self.dialog_opened.emit(self.dialog)

    def _saved_state_sentence(self) -> str | None:
        if self._saved_state is None:
            return None
        try:
            return self._saved_state()
        except Exception:
            _log.exception("Could not tell whether the text is saved")
            return UNKNOWN_SAVED_STATE


def install_crash_reporting(
    app: QApplication, *, saved_state: SavedStateSource | None = None
) -> CrashReporter:
    """Install the hooks for the app's lifetime (call on the GUI thread, before the event loop)."""
    reporter = CrashReporter(app, saved_state=saved_state)
    reporter.install()
    return reporter
