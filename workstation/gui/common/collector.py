"""Keeping Python's cyclic garbage collector out of the way of a big analysis.

A full collection walks every object the collector tracks, and the interpreter is held while it
does: at 50,000 words, where an analysis leaves some 25,000 tracked objects behind (the diff's
chunks and spans, the findings), one took 30–40 ms on the analysis worker, and the GUI thread,
waiting for the interpreter, stalled as long. An analysis makes no reference cycles (its results
are tuples and frozen dataclasses, freed by reference counting when the next analysis replaces
them), so a big one runs with the collector paused and then moves what exists out of its sight
(``gc.freeze``), where no later collection walks it again. Objects frozen there are still freed by
reference counting; only a reference cycle made meanwhile would outlive its use. Measured at
50,000 words: 30 keystrokes made 20 cyclic objects, all in the benchmark's own closures, and the
process grew by the same 5–6 MB a round (the undo history, the caches) with and without this.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pauses:
    """How many threads are inside :func:`collector_paused`, and whether the collector was on."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.inside = 0
        self.was_enabled = True


_pauses = _Pauses()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with automatic collections off (for every thread), then freeze what exists.

    Safe to enter from several threads at once: the collector comes back when the last one
    leaves, and only if it was on when the first one came in.
    """
    with _pauses.lock:
        if _pauses.inside == 0:
            _pauses.was_enabled = gc.isenabled()
            gc.disable()
        _pauses.inside += 1
    try:
        yield
    finally:
        with _pauses.lock:
            _pauses.inside -= 1
            gc.freeze()
            if _pauses.inside == 0 and _pauses.was_enabled:
                gc.enable()
