"""Every store write as an operation on ONE store thread, in order, telling the GUI what changed.

The GUI thread never writes to the store itself: autosave, submit, import, seal, the outbox's
states and the settings kept in the store are each an *operation* — a function of the writer
:class:`Store` — queued to the store thread and run one after another, so two of them started
together (an import while typing, a seal while an upload runs) both finish, in order, and never
fight over SQLite's write lock. Each operation returns a value and a :class:`Changes` saying which
screens must refresh; the result arrives back on the GUI thread through a queued signal.

Failures the writer must be told about are typed (:data:`EXPECTED_FAILURES`): they reach the
operation's ``on_failed`` as an :class:`OperationFailed` carrying the original exception, so
callers branch on its type, never on its text. Anything else is a bug: it is logged and
handed to ``sys.excepthook`` (the crash dialog) as well as to ``on_failed``.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import sys
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from workstation.core.store import Store, StoreError
from workstation.core.store.rewrites import RewriteSealed

log = logging.getLogger(__name__)

EXPECTED_FAILURES: tuple[type[BaseException], ...] = (StoreError, RewriteSealed, sqlite3.Error, OSError)
"""Failures of the machine or the data (disk full, locked, damaged, sealed): told in words."""


@dataclass(frozen=True)
class Changes:
    """What an operation changed, so each screen refreshes only what it shows (Anki's OpChanges).

    ``rewrites`` names the tasks whose rewrite was written; ``tasks`` means tasks were added or
    their order or status changed (the queue must reload); ``outbox`` the bundles or their
    states; ``settings`` values kept in the store (the upload target, the last task);
    ``inbox`` received bundles or items were added; ``verdicts`` the reviewer's verdicts changed;
    ``reviewed`` the tasks that received reviewers' verdicts (or were reopened by one).
    """

    tasks: bool = False
    rewrites: frozenset[str] = frozenset()
    outbox: bool = False
    projects: bool = False
    settings: bool = False
    sealed: frozenset[str] = frozenset()  # rewrite ids that went into a bundle
    inbox: bool = False
    verdicts: bool = False
    reviewed: frozenset[str] = frozenset()  # task ids with new verdicts

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            tasks=self.tasks or other.tasks,
            rewrites=self.rewrites | other.rewrites,
            outbox=self.outbox or other.outbox,
            projects=self.projects or other.projects,
            settings=self.settings or other.settings,
            sealed=self.sealed | other.sealed,
            inbox=self.inbox or other.inbox,
            verdicts=self.verdicts or other.verdicts,
            reviewed=self.reviewed | other.reviewed,
        )

    def __bool__(self) -> bool:
        return bool(
            self.tasks
            or self.rewrites
            or self.outbox
            or self.projects
            or self.settings
            or self.sealed
            or self.inbox
            or self.verdicts
            or self.reviewed
        )


NO_CHANGES = Changes()


class OperationFailed(Exception):
    """An operation raised; ``cause`` is the original exception, ``message`` one sentence."""

    def __init__(self, cause: BaseException, label: str) -> None:
        super().__init__(str(cause) or type(cause).__name__)
        self.cause = cause
        self.label = label

    @property
    def message(self) -> str:
        return str(self)

    @property
    def expected(self) -> bool:
        return isinstance(self.cause, EXPECTED_FAILURES)


type ChangesFor = Changes | Callable[[Any], Changes]


@dataclass
class _Job:
    label: str
    work: Callable[[Store], Any]
    changes: ChangesFor
    on_done: Callable[[Any], None] | None = None
    on_failed: Callable[[OperationFailed], None] | None = None
    done: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: OperationFailed | None = None
    changed: Changes = NO_CHANGES


_STOP = object()


class _Bridge(QObject):
    """Lives on the GUI thread: a signal emitted by the store thread is delivered there."""

    finished = Signal()


class Operations(QObject):
    """The store thread. Results reach the GUI thread in the order the operations ran: each
    operation's own callback, then ``changed`` if it changed something."""

    changed = Signal(object)  # Changes

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._jobs: queue.Queue[_Job | object] = queue.Queue()
        self._pending = 0
        self._finished: deque[_Job] = deque()  # ran, not yet delivered to the GUI thread
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._closed = False
        self._bridge = _Bridge()
        self._bridge.finished.connect(self._deliver_finished)
        self._thread = threading.Thread(target=self._serve, name="store-writer", daemon=True)
        self._thread.start()

    @property
    def data_dir(self) -> Path:
        return self._store.data_dir

    # ----- submitting work
    def run(
        self,
        label: str,
        work: Callable[[Store], Any],
        *,
        changes: ChangesFor = NO_CHANGES,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[OperationFailed], None] | None = None,
    ) -> None:
        """Queue ``work``; ``on_done(result)`` or ``on_failed(error)`` run later on the GUI thread."""
        self._enqueue(_Job(label, work, changes, on_done, on_failed))

    def run_and_wait(
        self, label: str, work: Callable[[Store], Any], *, changes: ChangesFor = NO_CHANGES
    ) -> Any:
        """Queue ``work`` behind everything before it and block until it ran; raises OperationFailed.

        For the few moments a writer must know the outcome before going on (submit, quit). The
        callbacks of the operations before it are delivered first, and ``changed`` is emitted,
        before this returns. GUI thread only.
        """
        job = _Job(label, work, changes)
        self._enqueue(job)
        job.done.wait()
        self._deliver_finished()
        if job.error is not None:
            raise job.error
        return job.result

    def call(self, label: str, work: Callable[[Store], Any], *, changes: ChangesFor = NO_CHANGES) -> Any:
        """From a worker thread (an upload): run ``work`` on the store thread and wait for it.

        The GUI thread still hears ``changed`` through the queued signal. Raises OperationFailed.
        """
        job = _Job(label, work, changes)
        self._enqueue(job)
        job.done.wait()
        if job.error is not None:
            raise job.error
        return job.result

    def drain(self, timeout_s: float | None = None) -> bool:
        """Wait until every queued operation ran (quit, data folder switch); False on timeout.

        On the GUI thread, deliver the results that arrived meanwhile too.
        """
        with self._idle:
            idle = self._idle.wait_for(lambda: self._pending == 0, timeout=timeout_s)
        if threading.current_thread() is threading.main_thread():
            self._deliver_finished()
        return idle

    def close(self) -> None:
        """Finish what is queued, stop the thread and close the writer connection."""
        if self._closed:
            return
        self._closed = True
        self._jobs.put(_STOP)
        self._thread.join()
        self._store.close()

    # ----- inside
    def _enqueue(self, job: _Job) -> None:
        if self._closed:
            raise RuntimeError("the store is closed")
        with self._lock:
            self._pending += 1
        self._jobs.put(job)

    def _serve(self) -> None:
        while True:
            job = self._jobs.get()
            if job is _STOP:
                return
            assert isinstance(job, _Job)
            try:
                job.result = job.work(self._store)
                job.changed = job.changes(job.result) if callable(job.changes) else job.changes
            except BaseException as exc:  # handed to the GUI thread, which reports it
                job.error = OperationFailed(exc, job.label)
                if not job.error.expected:
                    log.error("operation %r failed", job.label, exc_info=exc)
            with self._lock:
                self._pending -= 1
                self._finished.append(job)
                job.done.set()
                # Let go of the job before the GUI thread can take it: its callbacks may hold the
                # last reference to a widget, which must never be freed on this thread.
                del job
                self._idle.notify_all()
            self._bridge.finished.emit()

    def _deliver_finished(self) -> None:
        """On the GUI thread: every finished operation in order, its own callback, then screens."""
        while True:
            with self._lock:
                if not self._finished:
                    return
                job = self._finished.popleft()
            self._deliver(job)

    def _deliver(self, job: _Job) -> None:
        if job.error is not None:
            if not job.error.expected:  # a bug: the crash dialog and the log hear of it
                cause = job.error.cause
                sys.excepthook(type(cause), cause, cause.__traceback__)
            if job.on_failed is not None:
                job.on_failed(job.error)
        elif job.on_done is not None:
            job.on_done(job.result)
        if job.changed:
            self.changed.emit(job.changed)
