"""Reading the writer's queue from the store without stalling the window.

A queue of 100,000 tasks is never read whole: the window asks for a count and the rows it shows,
a page at a time. Reads that are cheap at any size (the count of an unfiltered queue, a page near
its top: about 1 ms at 100,000 tasks) run at once on the GUI thread's read-only connection. The
rest can take 20-150 ms there (a search that matches half the tasks, combined with a state
filter; a page 50,000 rows down, which SQLite walks to) and run on a worker of their own, with a
read-only connection of their own (background readers get their own, see DESIGN), one at a time.
The worker is not the window's shared runner, where an upload or an export could hold it up.

Requests wait for the worker in a short list: only the newest count of the queue, and the newest
few pages (the ones the writer scrolled to last: the others are out of sight by now and are
dropped, their callers told with None). A new count drops every page and position still waiting,
since they were asked of the queue as it was filtered before.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from workstation.core.store import QueueFilter, QueueRow, Store, StoreError
from workstation.gui.common.background import BackgroundRunner, report_unexpected

PAGE_ROWS = 200
"""Rows read at a time: several screens of the queue, under 1 ms near its top."""
WAITING_PAGES = 6
"""Pages kept waiting for the worker; an older request is dropped (scrolled past already)."""

_READ_FAILURES = (StoreError, sqlite3.Error, OSError)


@dataclass(frozen=True, slots=True)
class QueueSnapshot:
    """The queue as one filter lists it: how many tasks it shows (``shown``) of ``total`` in the
    store, and its first page."""

    key: QueueFilter
    shown: int
    total: int
    first_page: list[QueueRow]


def read_snapshot(store: Store, key: QueueFilter, page_rows: int) -> QueueSnapshot:
    """The counts and the first page (``page_rows`` rows) of the queue as ``key`` filters it."""
    tasks = store.tasks
    page = tasks.page(**key.arguments(), limit=page_rows)  # rows and count from one snapshot
    total = page.total if key.unfiltered else tasks.count()
    return QueueSnapshot(key, page.total, total, list(page.rows))


def read_page(store: Store, key: QueueFilter, page: int, page_rows: int) -> list[QueueRow]:
    """Page ``page`` (0 = the first ``page_rows`` rows) of the queue as ``key`` filters it."""
    return store.tasks.queue(**key.arguments(), limit=page_rows, offset=page * page_rows)


def read_position(store: Store, key: QueueFilter, task_id: str) -> int | None:
    """The row ``task_id`` has in the queue as ``key`` filters it; None when it is not listed."""
    return store.tasks.position_of(task_id, **key.arguments())


type Deliver = Callable[[Any], None]


@dataclass(frozen=True, slots=True)
class _Request:
    read: Callable[[Store], Any]
    deliver: Deliver


class QueueReader(QObject):
    """The queue's reads: ``*_now`` on the GUI thread's connection, ``*_later`` on the worker,
    answered on the GUI thread through ``deliver`` (None when the request was dropped; never when
    it failed). Emits ``failed(sentence)`` when a background read failed. Call :meth:`shutdown`
    before the store closes."""

    failed = Signal(str)

    def __init__(
        self, store: Store, data_dir: Path, parent: QObject | None = None, *, page_rows: int | None = None
    ) -> None:
        super().__init__(parent)
        self.page_rows = page_rows or PAGE_ROWS
        self._store = store
        self._data_dir = data_dir
        self._runner = BackgroundRunner(self, max_threads=1)
        self._reader: Store | None = None  # opened and used on the worker only
        self._snapshot: _Request | None = None
        self._position: _Request | None = None
        self._pages: OrderedDict[tuple[QueueFilter, int], _Request] = OrderedDict()
        self._busy = False
        self._closed = False

    # ------------------------------------------------------------------ on the GUI thread
    def snapshot_now(self, key: QueueFilter) -> QueueSnapshot:
        """Count and read the first page at once; what waited for the worker is dropped."""
        self._drop_waiting()
        return read_snapshot(self._store, key, self.page_rows)

    def page_now(self, key: QueueFilter, page: int) -> list[QueueRow]:
        return read_page(self._store, key, page, self.page_rows)

    def position_now(self, key: QueueFilter, task_id: str) -> int | None:
        return read_position(self._store, key, task_id)

    # ------------------------------------------------------------------ on the worker
    @property
    def busy(self) -> bool:
        """A read is running on the worker or waiting for it."""
        return self._busy or self._snapshot is not None or self._position is not None or bool(self._pages)

    def snapshot_later(self, key: QueueFilter, deliver: Deliver) -> None:
        """Count and read the first page of the queue as ``key`` filters it; what was waiting for
        the queue as filtered before is dropped."""
        self._drop_waiting()
        rows = self.page_rows
        self._snapshot = _Request(lambda store: read_snapshot(store, key, rows), deliver)
        self._next()

    def page_later(self, key: QueueFilter, page: int, deliver: Deliver) -> None:
        self._pages.pop((key, page), None)
        rows = self.page_rows
        self._pages[(key, page)] = _Request(lambda store: read_page(store, key, page, rows), deliver)
        while len(self._pages) > WAITING_PAGES:
            _, dropped = self._pages.popitem(last=False)
            dropped.deliver(None)
        self._next()

    def position_later(self, key: QueueFilter, task_id: str, deliver: Deliver) -> None:
        if self._position is not None:
            self._position.deliver(None)
        self._position = _Request(lambda store: read_position(store, key, task_id), deliver)
        self._next()

    def _drop_waiting(self) -> None:
        waiting = (self._snapshot, self._position, *self._pages.values())
        self._snapshot = self._position = None
        self._pages.clear()
        for request in waiting:
            if request is not None:
                request.deliver(None)

    def shutdown(self) -> None:
        """Drop what waits, let the running read finish, close the worker's connection."""
        self._closed = True
        self._snapshot = self._position = None
        self._pages.clear()
        self._runner.wait_for_idle()
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def _next(self) -> None:
        """Start the most urgent waiting request if the worker is free: the count, then the
        position of a task, then the page asked for last."""
        if self._busy or self._closed:
            return
        if self._snapshot is not None:
            request, self._snapshot = self._snapshot, None
        elif self._position is not None:
            request, self._position = self._position, None
        elif self._pages:
            _, request = self._pages.popitem(last=True)
        else:
            return
        self._busy = True
        self._runner.submit(
            lambda _job: request.read(self._worker_store()),
            on_done=lambda result: self._finished(request, result),
            on_error=lambda error: self._failed(request, error),
        )

    def _worker_store(self) -> Store:
        if self._reader is None:
            self._reader = Store(self._data_dir, readonly=True)
        return self._reader

    def _finished(self, request: _Request, result: object) -> None:
        self._busy = False
        if not self._closed:
            request.deliver(result)
        self._next()

    def _failed(self, request: _Request, error: Exception) -> None:
        self._busy = False
        if self._closed:
            return
        # Not delivered: a page that failed is not asked for again at every paint, only after
        # the next reload of the queue.
        if isinstance(error, _READ_FAILURES):
            self.failed.emit(f"The task queue could not be read: {error}")
        else:
            report_unexpected(error)
        self._next()
