"""Push outbox bundles to a target: every item once now, then retries with backoff until a deadline.

The loop knows nothing about SQLite. Items give a `bundle_id` and `load() -> bytes`; every state
change is reported through `on_event(bundle_id, state, attempts, error, receipt)` so the store can
persist it as it happens:

    pending → uploading → acked (receipt) | rejected (error) | pending (error, retried later)

An acked item is never uploaded again in the same push, duplicates in `items` are ignored, and the
store is expected to hand in only items that are neither acked nor rejected. A `TargetUnavailable`
(misconfigured target) stops the push and leaves everything not yet done pending.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from workstation.core.sync.backoff import BackoffPolicy
from workstation.core.sync.targets_base import (
    Receipt,
    RejectedUpload,
    TargetUnavailable,
    TransientUploadError,
    UploadTarget,
)

_log = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS_PER_ITEM = 30


class UploadState(StrEnum):
    """Outbox states as stored (values are the strings the store keeps)."""

    PENDING = "pending"
    UPLOADING = "uploading"
    ACKED = "acked"
    REJECTED = "rejected"


class Uploadable(Protocol):
    """One outbox item; `load` is called once per attempt, right before the upload.

    An item may also carry `attempts: int` (attempts made before this push); if present, the
    attempt numbers reported by the pusher continue from it.
    """

    @property
    def bundle_id(self) -> str: ...

    def load(self) -> bytes: ...


EventCallback = Callable[[str, UploadState, int, str | None, Receipt | None], None]


@dataclass(frozen=True)
class ItemOutcome:
    """Where one item ended up after a push; `attempts` includes attempts from earlier pushes."""

    bundle_id: str
    state: UploadState
    attempts: int
    error: str | None = None
    receipt: Receipt | None = None


@dataclass(frozen=True)
class PushResult:
    """Summary of one push; `stopped_reason` says why items were left pending, if any were."""

    outcomes: tuple[ItemOutcome, ...]
    cancelled: bool
    stopped_reason: str | None
    elapsed_s: float

    def ids_in(self, state: UploadState) -> tuple[str, ...]:
        """Bundle ids that ended in `state`, in input order."""
        return tuple(outcome.bundle_id for outcome in self.outcomes if outcome.state == state)

    @property
    def finished(self) -> bool:
        """True when nothing is left pending (everything acked or rejected)."""
        return all(outcome.state in (UploadState.ACKED, UploadState.REJECTED) for outcome in self.outcomes)


@dataclass
class _Entry:
    item: Uploadable
    bundle_id: str
    attempts: int
    attempts_this_push: int = 0
    failures_in_a_row: int = 0
    due_at: float = 0.0
    state: UploadState = UploadState.PENDING
    error: str | None = None
    receipt: Receipt | None = None
    retry_after_s: float | None = None
    retry: bool = True


def push_all(
    items: Iterable[Uploadable],
    target: UploadTarget,
    *,
    deadline_s: float,
    on_event: EventCallback | None = None,
    sleep: Callable[[float], object] | None = None,
    clock: Callable[[], float] = time.monotonic,
    rng: Callable[[], float] = random.random,
    policy: BackoffPolicy | None = None,
    cancel: threading.Event | None = None,
    max_attempts_per_item: int = DEFAULT_MAX_ATTEMPTS_PER_ITEM,
) -> PushResult:
    """Upload every item, retrying transient failures with backoff for up to `deadline_s` seconds.

    `clock` (seconds, monotonic) measures the deadline and schedules retries; `sleep(seconds)`
    waits (default: waits on `cancel`, so setting it interrupts the wait at once); `rng` feeds the
    jitter. No attempt starts after the deadline or after `cancel` is set, and each attempt is
    handed what is left of the deadline as its `time_limit_s`, so the push ends by the deadline
    plus a small overshoot (network targets stop within it). Each item gets at most
    `max_attempts_per_item` attempts.
    Exceptions raised by `on_event` propagate (the store must know when it failed to record).
    """
    if deadline_s < 0:
        raise ValueError("deadline_s must be >= 0")
    if max_attempts_per_item < 1:
        raise ValueError("max_attempts_per_item must be >= 1")
    cancel_event = cancel or threading.Event()
    wait = sleep or cancel_event.wait
    backoff = policy or BackoffPolicy()
    report: EventCallback = on_event or _ignore_event
    started_at = clock()
    deadline_at = started_at + deadline_s
    entries = _entries_from(items)
    stopped_reason: str | None = None

    def attempt(entry: _Entry) -> str | None:
        """Run one upload attempt; returns a reason if the whole push must stop."""
        entry.attempts += 1
        entry.attempts_this_push += 1
        report(entry.bundle_id, UploadState.UPLOADING, entry.attempts, None, None)
        stop = _attempt_once(entry, target, time_limit_s=max(0.0, deadline_at - clock()))
        report(entry.bundle_id, entry.state, entry.attempts, entry.error, entry.receipt)
        if entry.state == UploadState.PENDING and entry.retry:
            entry.retry = entry.attempts_this_push < max_attempts_per_item
            delay_s = backoff.delay_s(entry.failures_in_a_row, retry_after_s=entry.retry_after_s, rng=rng)
            entry.due_at = clock() + delay_s
        return stop

    for entry in entries:
        if cancel_event.is_set() or clock() >= deadline_at:
            stopped_reason = "cancelled" if cancel_event.is_set() else "deadline reached"
            break
        stopped_reason = attempt(entry)
        if stopped_reason:
            break

    attempt_budget = len(entries) * max_attempts_per_item
    while stopped_reason is None and attempt_budget > 0:
        waiting = [entry for entry in entries if entry.state == UploadState.PENDING and entry.retry]
        if not waiting:
            break
        entry = min(waiting, key=lambda candidate: candidate.due_at)
        if entry.due_at > deadline_at:
            stopped_reason = "deadline reached before the next retry was due"
            break
        pause = entry.due_at - clock()
        if pause > 0 and not cancel_event.is_set():
            wait(pause)
        if cancel_event.is_set():
            stopped_reason = "cancelled"
            break
        attempt_budget -= 1
        stopped_reason = attempt(entry)

    if stopped_reason is None and any(entry.state == UploadState.PENDING for entry in entries):
        stopped_reason = "gave up retrying for now"
    return PushResult(
        outcomes=tuple(
            ItemOutcome(entry.bundle_id, entry.state, entry.attempts, entry.error, entry.receipt)
            for entry in entries
        ),
        cancelled=cancel_event.is_set(),
        stopped_reason=stopped_reason,
        elapsed_s=max(0.0, clock() - started_at),
    )


def _entries_from(items: Iterable[Uploadable]) -> list[_Entry]:
    """One entry per distinct bundle id, in input order."""
    entries: list[_Entry] = []
    seen: set[str] = set()
    for item in items:
        bundle_id = item.bundle_id
        if bundle_id in seen:
            continue
        seen.add(bundle_id)
        prior_attempts = getattr(item, "attempts", 0)
        entries.append(_Entry(item, bundle_id, prior_attempts if isinstance(prior_attempts, int) else 0))
    return entries


def _attempt_once(entry: _Entry, target: UploadTarget, *, time_limit_s: float) -> str | None:
    """Load and upload one item, recording the result on `entry`; returns a stop reason or None.

    `time_limit_s` (seconds) is what is left of the push's deadline, passed to the target.
    """
    entry.error = None
    try:
        data = entry.item.load()
    except Exception as error:
        _log.exception("could not load bundle %s", entry.bundle_id)
        entry.state, entry.error, entry.retry = UploadState.PENDING, f"could not read bundle: {error}", False
        return None
    try:
        entry.receipt = target.put(entry.bundle_id, data, time_limit_s=time_limit_s)
    except TransientUploadError as error:
        entry.state, entry.error = UploadState.PENDING, error.reason
        entry.failures_in_a_row += 1
        entry.retry_after_s = error.retry_after
        return None
    except RejectedUpload as error:
        entry.state, entry.error = UploadState.REJECTED, error.reason
        return None
    except TargetUnavailable as error:
        entry.state, entry.error, entry.retry = UploadState.PENDING, error.reason, False
        return error.reason
    except Exception as error:
        _log.exception("unexpected failure uploading %s", entry.bundle_id)
        entry.state, entry.error, entry.retry = UploadState.PENDING, f"unexpected error: {error!r}", False
        return None
    entry.state = UploadState.ACKED
    return None


def _ignore_event(
    bundle_id: str, state: UploadState, attempts: int, error: str | None, receipt: Receipt | None
) -> None:
    """Default callback for callers that only want the final `PushResult`."""
