"""The one way the GUI runs work off its thread: a thread pool, signals back, cancellation.

Work functions receive a :class:`JobContext` to report progress and to see a cancel request;
results and errors arrive on the GUI thread through queued signals.
"""

from __future__ import annotations

import contextlib
import threading
import traceback
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
    failed = Signal(str, str)  # message, traceback
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
            outcome: tuple[object, ...] = (str(exc) or type(exc).__name__, traceback.format_exc())
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
        on_error: Callable[[str, str], None] | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> JobHandle:
        signals = _JobSignals()  # lives on the GUI thread, so its signals are delivered there
        self._live.add(signals)
        if on_done:
            signals.done.connect(on_done)
        if on_error:
            signals.failed.connect(on_error)
        if on_progress:
            signals.progress.connect(on_progress)
        signals.done.connect(lambda _result: self._live.discard(signals))
        signals.failed.connect(lambda *_args: self._live.discard(signals))
        context = JobContext(signals)
        self._pool.start(_Runnable(fn, context, signals))
        return JobHandle(context, signals)

    def wait_for_idle(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)
