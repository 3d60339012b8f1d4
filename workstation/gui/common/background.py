"""The one way the GUI runs work off its thread: a thread pool, signals back, cancellation.

Work functions receive a :class:`JobContext` to report progress and to see a cancel request;
results and errors arrive on the GUI thread through queued signals. An error reaches ``on_error``
as the exception itself, so callers branch on its type; a job without ``on_error`` hands it to
``sys.excepthook`` (the crash dialog and the log). Store writes never run here: they are
operations (see :mod:`workstation.gui.operations`).
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class JobContext:
    """Handed to the work function: ``progress(n)`` and ``cancelled``."""

    def __init__(self, signals: _JobSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def progress(self, value: int) -> None:
        self._signals.progress.emit(value)


class _JobSignals(QObject):
    done = Signal(object)
    failed = Signal(object)  # the exception
    progress = Signal(int)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[JobContext], Any], context: JobContext, signals: _JobSignals) -> None:
        super().__init__()
        self._fn = fn
        self._context = context
        self._signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn(self._context)
        except Exception as exc:  # reported to the GUI, which shows it in words
            outcome: tuple[object, ...] = (exc,)
            signal = self._signals.failed
        else:
            outcome = (result,)
            signal = self._signals.done
        # The window may have closed while this ran; then nobody is waiting for the answer.
        with contextlib.suppress(RuntimeError):
            signal.emit(*outcome)


class JobHandle:
    def __init__(self, context: JobContext, signals: _JobSignals) -> None:
        self.context = context
        self.signals = signals

    def cancel(self) -> None:
        self.context.cancel()


class BackgroundRunner(QObject):
    """Owns the pool. Keep one per window and pass it to whoever needs background work."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._live: set[_JobSignals] = set()

    def submit(
        self,
        fn: Callable[[JobContext], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> JobHandle:
        # Lives on the GUI thread, so its signals are delivered there. Its parent owns it: the
        # worker's reference may be the last Python one, and a QObject (or a widget its callbacks
        # hold) must never be destroyed on the worker thread; it is deleted on the GUI thread
        # once its answer has been delivered.
        signals = _JobSignals(self)
        self._live.add(signals)
        if on_done:
            signals.done.connect(on_done)
        signals.failed.connect(on_error or report_unexpected)
        if on_progress:
            signals.progress.connect(on_progress)
        signals.done.connect(lambda _result: self._finished(signals))
        signals.failed.connect(lambda _error: self._finished(signals))
        context = JobContext(signals)
        self._pool.start(_Runnable(fn, context, signals))
        return JobHandle(context, signals)

    def wait_for_idle(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)

    def _finished(self, signals: _JobSignals) -> None:
        """On the GUI thread, after the job's own callback: let its signals object go."""
        self._live.discard(signals)
        signals.deleteLater()


def report_unexpected(error: BaseException) -> None:
    """A bug, not a fault of the machine or the data: to the crash dialog and the log."""
    sys.excepthook(type(error), error, error.__traceback__)
