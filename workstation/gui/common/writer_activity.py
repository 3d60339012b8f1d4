"""When the writer last acted, so background Python work can step aside while they type.

Python runs one thread at a time: an import parsing records on a worker competes with the
editor's diff and highlighting for the interpreter, and a keystroke's refresh would take two or
three times as long. Work that can wait calls :meth:`WriterActivity.yield_while_active` now and
then; it sleeps (giving the interpreter to the GUI thread) while keys are arriving, and goes on
at full speed in every pause. Thread-safe: one float written by the GUI thread, read by workers.
"""

from __future__ import annotations

import time
from collections.abc import Callable

QUIET_S = 0.2
"""The writer counts as typing until this long after their last key (a pause between words)."""
LONGEST_YIELD_S = 1.0
"""One call never waits longer, so background work always makes progress."""
_STEP_S = 0.01


class WriterActivity:
    def __init__(
        self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], object] = time.sleep
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._last = float("-inf")

    def touch(self) -> None:
        """The writer typed, clicked or scrolled (GUI thread)."""
        self._last = self._clock()

    def active(self) -> bool:
        return self._clock() - self._last < QUIET_S

    def yield_while_active(self) -> float:
        """Wait (on a worker thread) while the writer is typing, at most LONGEST_YIELD_S; returns
        the seconds waited."""
        waited = 0.0
        while waited < LONGEST_YIELD_S and self.active():
            self._sleep(_STEP_S)
            waited += _STEP_S
        return waited
