"""Reading a task file on a second thread, a few chunks ahead of the store that takes them.

Reading and checking records is Python work; indexing and committing them is SQLite work that
runs without the GIL, so the two overlap on a second core. The taker waits for chunks in short
polls, so it can report progress and notice a cancel even while a chunk is still being read.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

POLL_S = 0.05
"""How long the taker waits for a chunk before calling its ``waiting`` callback again (seconds)."""


@dataclass(frozen=True)
class _Failure:
    error: BaseException


_END = object()


def _no_position() -> int:
    return 0


class ReadAhead[T]:
    """Runs an iterator on a background thread, up to ``depth`` lists of ``chunk`` items ahead.

    Each chunk comes with ``position()`` as it was when the chunk was complete (the app passes
    the bytes read so far, so the taker knows how far into the file its chunk reaches). While the
    taker holds :meth:`paused` the reader stops between items: ``executemany`` gives the GIL back
    for every row, and a reader busy with Python would make it wait up to a switch interval
    (5 ms) each time. An exception in the reader is raised to the taker. Leaving the ``with``
    block stops the reader, which closes the iterator (and so the file).
    """

    def __init__(
        self, items: Iterator[T], *, chunk: int, depth: int, position: Callable[[], int] = _no_position
    ) -> None:
        self._items = items
        self._chunk = chunk
        self._position = position
        self._handoff: queue.Queue[object] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._gate = threading.Lock()
        self._go = threading.Event()  # cleared while the taker waits for the gate (see paused)
        self._go.set()
        self._thread = threading.Thread(target=self._produce, name="import-reader", daemon=True)

    def __enter__(self) -> ReadAhead[T]:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        while self._thread.is_alive():  # a reader blocked on a full queue must see the stop
            with suppress(queue.Empty):
                self._handoff.get(timeout=POLL_S)

    def chunks(self, waiting: Callable[[], object] | None = None) -> Iterator[tuple[list[T], int]]:
        """Each chunk with its position, in order. While no chunk is ready, ``waiting`` is called
        every :data:`POLL_S` seconds (it may raise, say to cancel, and the reader then stops)."""
        while True:
            try:
                got = self._handoff.get(timeout=POLL_S)
            except queue.Empty:
                if waiting is not None:
                    waiting()
                continue
            if got is _END:
                return
            if isinstance(got, _Failure):
                raise got.error
            yield got  # type: ignore[misc]

    def ready(self) -> bool:
        """Whether a chunk (or the end) is waiting for the taker now."""
        return not self._handoff.empty()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Stop the reader between two items while the block runs.

        The reader waits for :attr:`_go` before it takes the gate for its next item, so the taker
        gets the gate after at most one item. Without it the reader, running, took the gate back
        before the woken taker could (a lock hands itself to whoever asks first): the taker waited
        until the queue was full, 0.1 s in all at 100,000 tasks.
        """
        self._go.clear()
        try:
            with self._gate:
                yield
        finally:
            self._go.set()

    def _produce(self) -> None:
        handoff, gate, go, items = self._handoff, self._gate, self._go, self._items
        try:
            batch: list[T] = []
            while not self._stop.is_set():
                go.wait()
                with gate:
                    item = next(items, _END)
                if item is _END:
                    handoff.put((batch, self._position()))
                    handoff.put(_END)
                    return
                batch.append(item)  # type: ignore[arg-type]
                if len(batch) >= self._chunk:
                    handoff.put((batch, self._position()))
                    batch = []
        except BaseException as error:  # handed to the taker, which raises it
            handoff.put(_Failure(error))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()
