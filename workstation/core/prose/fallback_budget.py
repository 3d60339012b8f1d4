"""Time for fallback-engine patterns: a budget per pattern that grows with the text, and a cap per pass.

RE2 runs in linear time and needs no budget. A pattern only the backtracking fallback engine can
run (look-around, back-references) gets, on one text, ``base + per KB`` of time up to a cap, and
all such patterns of one lint pass share a second cap so a keystroke never waits long:

=====================  ===========================  ==================================
what                   default                      5,000 words (~30 KB)
=====================  ===========================  ==================================
one pattern, one text  50 ms + 10 ms per KB, ≤ 400   350 ms
one lint pass, total   100 ms + 20 ms per KB, ≤ 600  600 ms
=====================  ===========================  ==================================

A pattern that runs past its own budget is switched off, in that linter, for texts at least as
long as the one it failed on (shorter texts still try it, under their smaller budget). A pattern
skipped because the pass ran out of time is only skipped for that pass. Either way the pass
records an event so the linter can tell the writer which rule lost findings on this text.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, NamedTuple, TypeVar

from workstation.core.prose.patterns import PatternTimeout

T = TypeVar("T")

SkipReason = Literal["too slow", "pass time used up"]


@dataclass(frozen=True, slots=True)
class FallbackBudget:
    """How much time fallback patterns may spend, in seconds, as a function of the text's size."""

    base_s: float = 0.05
    per_kb_s: float = 0.01
    part_cap_s: float = 0.4
    pass_base_s: float = 0.1
    pass_per_kb_s: float = 0.02
    pass_cap_s: float = 0.6

    def part_s(self, text_bytes: int) -> float:
        """Budget of one fallback pattern on a text of ``text_bytes`` UTF-8 bytes."""
        return min(self.part_cap_s, self.base_s + self.per_kb_s * text_bytes / 1024)

    def pass_s(self, text_bytes: int) -> float:
        """Budget of all fallback patterns of one lint pass over a text of ``text_bytes`` bytes."""
        return min(self.pass_cap_s, self.pass_base_s + self.pass_per_kb_s * text_bytes / 1024)

    @classmethod
    def fixed(cls, seconds: float) -> FallbackBudget:
        """The same budget whatever the text's length (tests, and callers that want the old rule)."""
        return cls(seconds, 0.0, seconds, seconds * 1000, 0.0, seconds * 1000)


DEFAULT_BUDGET = FallbackBudget()


class GuardEvent(NamedTuple):
    """A fallback pattern that did not run to the end on this text, and why."""

    pattern: object
    reason: SkipReason


class TrippedPatterns:
    """Patterns a linter has switched off: pattern → the shortest text (bytes) it ran too long on.

    Shared by every pass of one linter (passes may run on worker threads, hence the lock).
    """

    def __init__(self) -> None:
        self._limits: dict[object, int] = {}
        self._lock = threading.Lock()

    def blocks(self, pattern: object, text_bytes: int) -> bool:
        limit = self._limits.get(pattern)
        return limit is not None and text_bytes >= limit

    def trip(self, pattern: object, text_bytes: int) -> None:
        with self._lock:
            self._limits[pattern] = min(self._limits.get(pattern, text_bytes), text_bytes)

    def __len__(self) -> int:
        return len(self._limits)


class FallbackGuard:
    """Runs fallback patterns for one lint pass within the per-pattern and per-pass budgets."""

    __slots__ = ("_remaining_s", "_tripped", "events", "part_s", "text_bytes")

    def __init__(
        self, budget: FallbackBudget, text_bytes: int, tripped: TrippedPatterns | None = None
    ) -> None:
        self.text_bytes = text_bytes
        self.part_s = budget.part_s(text_bytes)
        self._remaining_s = budget.pass_s(text_bytes)
        self._tripped = tripped if tripped is not None else TrippedPatterns()
        self.events: list[GuardEvent] = []

    def run(self, pattern: object, call: Callable[[float], T]) -> T | None:
        """``call(budget_s)`` for ``pattern``, or None when it is switched off, out of time or too slow."""
        if self._tripped.blocks(pattern, self.text_bytes):
            self.events.append(GuardEvent(pattern, "too slow"))
            return None
        allowed = min(self.part_s, self._remaining_s)
        if allowed <= 0.001:
            self.events.append(GuardEvent(pattern, "pass time used up"))
            return None
        started = time.perf_counter()
        try:
            return call(allowed)
        except PatternTimeout:
            if allowed < self.part_s:  # the pass's time ran out, not the pattern's own budget
                self.events.append(GuardEvent(pattern, "pass time used up"))
            else:
                self._tripped.trip(pattern, self.text_bytes)
                self.events.append(GuardEvent(pattern, "too slow"))
            return None
        finally:
            self._remaining_s -= time.perf_counter() - started
