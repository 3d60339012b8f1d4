"""Active time per task: counts only while the window has focus and the writer acted recently.

The GUI reports events with a monotonic clock reading; this class does the arithmetic so it can be
tested without a window. Time between two readings counts when the window was focused for that
stretch and the last action was at most :data:`IDLE_AFTER_S` seconds before its end, so a writer
who stops typing to think is credited for up to a minute, and one who walks away is not. Nothing
counts before the first action after a :meth:`ActiveTimeTracker.reset`: opening a task is not
work, so the app left open at launch is credited nothing until the writer touches a key.

The same readings give the longest idle gap of a sitting (an effort signal): the longest stretch
between two actions since the last :meth:`ActiveTimeTracker.reset`, in seconds, whether or not
the window kept the focus meanwhile. A gap still open (no action since) is not counted until the
writer acts again, so a save that happens to come late never makes one up.
"""

from __future__ import annotations

IDLE_AFTER_S = 60.0


class ActiveTimeTracker:
    def __init__(self, *, base_seconds: float = 0.0, idle_after_s: float = IDLE_AFTER_S) -> None:
        self._total = base_seconds
        self._idle_after = idle_after_s
        self._focused = False
        self._last_action: float | None = None
        self._last_reading: float | None = None
        self._longest_gap = 0.0

    @property
    def seconds(self) -> float:
        return self._total

    @property
    def longest_idle_seconds(self) -> float:
        """The longest stretch between two actions since the last reset (seconds, never negative)."""
        return self._longest_gap

    def _advance(self, now: float) -> None:
        """Credit the stretch since the previous reading, clipped to the idle window."""
        previous = self._last_reading
        self._last_reading = now
        if previous is None or not self._focused or self._last_action is None or now <= previous:
            return
        active_until = min(now, self._last_action + self._idle_after)
        if active_until > previous:
            self._total += active_until - previous

    def action(self, now: float) -> None:
        """The writer typed, clicked or otherwise acted on the task."""
        self._advance(now)
        previous = self._last_action
        if previous is not None and now - previous > self._longest_gap:
            self._longest_gap = now - previous
        self._last_action = now

    def set_focused(self, focused: bool, now: float) -> None:
        self._advance(now)
        self._focused = focused

    def tick(self, now: float) -> float:
        """Bring the total up to ``now`` (called by a timer for a live display); returns it."""
        self._advance(now)
        return self._total

    def reset(self, base_seconds: float, now: float, *, focused: bool) -> None:
        """Start tracking another task whose stored total is ``base_seconds``."""
        self._total = base_seconds
        self._focused = focused
        self._last_action = None
        self._last_reading = now
        self._longest_gap = 0.0
