"""When the writer last acted, so background Python work can step aside while they type.

Python runs one thread at a time: an import parsing records on a worker competes with the
editor's diff and highlighting for the interpreter, and a keystroke's refresh would take two or
three times as long. Work that can wait calls :meth:`WriterActivity.yield_while_active` now and
then; it sleeps (giving the interpreter to the GUI thread) while keys are arriving, and goes on
at full speed in every pause. Thread-safe: one float written by the GUI thread, read by workers.

Stepping aside has a cost when the work holds the store: an import keeps its file's transaction
open, and the writer's own autosaves queue behind it, so an import stretched by typing leaves
that typing unsaved for as long (1,500 tasks took 30 s under steady typing, with nothing saved).
A job therefore yields through a :meth:`WriterActivity.pacer`, which steps aside for at most a
share of the job's time (:data:`YIELD_SHARE`): the job, and the saves behind it, end within
1 / (1 - share) of the job's own time however long the writer types.
"""

from __future__ import annotations

import time
from collections.abc import Callable

QUIET_S = 0.2
"""The writer counts as typing until this long after their last key (a pause between words)."""
LONGEST_YIELD_S = 1.0
"""One call never waits longer, so background work always makes progress."""
YIELD_SHARE = 0.5
"""A paced job spends at most this share of its time waiting for the writer: it ends within
twice its own time, so the saves queued behind an import wait at most that long."""
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

    def yield_while_active(self, longest_s: float = LONGEST_YIELD_S) -> float:
        """Wait (on a worker thread) while the writer is typing, at most ``longest_s``; returns
        the seconds waited."""
        waited = 0.0
        while waited < longest_s and self.active():
            self._sleep(_STEP_S)
            waited += _STEP_S
        return waited

    def pacer(self, share: float = YIELD_SHARE) -> Callable[[], float]:
        """A ``pace`` callback for one job: it yields while the writer types, but the job's
        waiting never exceeds ``share`` (at least 0, below 1) of the time since this call."""
        if not 0 <= share < 1:
            raise ValueError("share must be at least 0 and below 1")
        started = self._clock()
        waited_total = 0.0

        def pace() -> float:
            nonlocal waited_total
            allowed = share * (self._clock() - started) - waited_total
            if allowed <= 0:
                return 0.0
            waited = self.yield_while_active(min(LONGEST_YIELD_S, allowed / (1 - share)))
            waited_total += waited
            return waited

        return pace
