"""A time budget for one upload attempt, and a way to bound calls that take no timeout.

A socket timeout bounds one read; a server that trickles a byte a second never trips it, and a
name lookup or a third-party client has no deadline at all. A `Deadline` is the whole attempt's
budget: every network step asks it how long it may still wait. `run_within` bounds a call that
cannot be given a deadline (the system resolver, boto3) by running it on a helper thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class DeadlinePassed(TimeoutError):
    """The attempt's time budget ran out before a step could start or finish."""


class Deadline:
    """A point on the monotonic clock, `seconds` from when it is made, that an attempt must meet."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        if seconds < 0:
            raise ValueError("a deadline needs a budget of at least 0 seconds")
        self._clock = clock
        self.started_at = clock()
        self.budget_s = seconds
        self.ends_at = self.started_at + seconds

    def remaining_s(self) -> float:
        """Seconds left (0.0 once it has passed)."""
        return max(0.0, self.ends_at - self._clock())

    def elapsed_s(self) -> float:
        """Seconds since the deadline was made."""
        return self._clock() - self.started_at

    def step_timeout_s(self, longest_step_s: float) -> float:
        """How long the next network step may block: the time left, at most `longest_step_s`.

        Raises `DeadlinePassed` when no time is left, so a step never starts after the deadline.
        """
        remaining = self.remaining_s()
        if remaining <= 0:
            raise DeadlinePassed(f"no time left after {self.elapsed_s():.1f} s")
        return min(remaining, longest_step_s)


def run_within[T](seconds: float, call: Callable[[], T]) -> T:
    """Return `call()`, or raise `DeadlinePassed` if it has not finished within `seconds`.

    The call runs on a daemon thread that is abandoned, not stopped, when time runs out: use this
    only for calls whose late completion is harmless (a name lookup; an idempotent, conditional
    store). Exceptions raised by `call` are re-raised here.
    """
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as error:  # handed to the caller below, whatever it is
            failure.append(error)

    worker = threading.Thread(target=run, name="bounded-call", daemon=True)
    worker.start()
    worker.join(max(0.0, seconds))
    if worker.is_alive():
        raise DeadlinePassed(f"no answer within {seconds:.1f} s")
    if failure:
        raise failure[0]
    return outcome[0]
