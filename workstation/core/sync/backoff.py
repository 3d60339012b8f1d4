"""When to try an upload again: exponential backoff with full jitter, Retry-After as a floor.

Full jitter (a uniformly random wait between 0 and the exponential ceiling) spreads a team's
laptops apart when a server comes back, instead of having them all retry in lockstep. A server's
Retry-After is honoured as the minimum wait, within a sanity limit.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BackoffPolicy:
    """Retry timing, all in seconds.

    After the n-th consecutive failure (n ≥ 1) the wait is uniform in
    [min_s, min(cap_s, base_s · multiplier^(n-1))], then raised to Retry-After if that is longer
    (Retry-After itself is clipped to `max_retry_after_s`).
    """

    base_s: float = 1.0
    cap_s: float = 300.0
    multiplier: float = 2.0
    min_s: float = 0.05
    max_retry_after_s: float = 3600.0

    def __post_init__(self) -> None:
        if not 0 <= self.min_s <= self.base_s <= self.cap_s:
            raise ValueError("need 0 <= min_s <= base_s <= cap_s")
        if self.multiplier < 1:
            raise ValueError("multiplier must be >= 1")
        if self.max_retry_after_s < 0:
            raise ValueError("max_retry_after_s must be >= 0")

    def ceiling_s(self, failures: int) -> float:
        """The largest wait after `failures` consecutive failures (no jitter, no Retry-After)."""
        if failures < 1:
            return 0.0
        exponent = min(failures - 1, 64)  # beyond this the cap has long been reached; avoids overflow
        return min(self.cap_s, self.base_s * self.multiplier**exponent)

    def delay_s(
        self,
        failures: int,
        *,
        retry_after_s: float | None = None,
        rng: Callable[[], float] = random.random,
    ) -> float:
        """Seconds to wait before the next try; `rng` returns floats in [0, 1) (inject for tests)."""
        if failures < 1:
            return 0.0
        ceiling = self.ceiling_s(failures)
        jittered = self.min_s + (ceiling - self.min_s) * _unit(rng())
        if retry_after_s is None:
            return jittered
        floor = min(max(0.0, retry_after_s), self.max_retry_after_s)
        return max(jittered, floor)

    def next_attempt_at(
        self,
        failures: int,
        *,
        retry_after_s: float | None = None,
        clock: Callable[[], float] = time.time,
        rng: Callable[[], float] = random.random,
    ) -> float:
        """When (in `clock`'s seconds) the next try is due; what a background uploader persists."""
        return clock() + self.delay_s(failures, retry_after_s=retry_after_s, rng=rng)


def _unit(value: float) -> float:
    """Clamp an injected random number into [0, 1] so a misbehaving rng cannot break the bounds."""
    return min(1.0, max(0.0, value))
