"""Plain helpers for upload tests: deterministic bundle items and a clock that moves on demand."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass
class BundleItem:
    """An outbox item as the pusher sees it; counts how often its bytes were loaded."""

    bundle_id: str
    data: bytes
    loads: int = 0

    def load(self) -> bytes:
        self.loads += 1
        return self.data


def make_item(number: int, size: int = 2048) -> BundleItem:
    """A deterministic fake bundle: the id is derived from the number, the bytes from the id."""
    bundle_id = "sha256:" + hashlib.sha256(f"manifest {number}".encode()).hexdigest()
    seed = bundle_id.encode()
    data = (seed * (size // len(seed) + 1))[:size]
    return BundleItem(bundle_id, data)


@dataclass
class FakeTime:
    """A clock and sleep that only move when told; `sleeps` records every wait in seconds."""

    now: float = 1000.0
    sleeps: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
