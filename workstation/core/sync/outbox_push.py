"""Glue between the store's outbox and the pusher: upload pending bundles and record every step.

``push_outbox`` is a person's "push now": every pending bundle is tried at once, transient failures
are retried with backoff until all are done or the deadline passes. ``plan_background_upload`` and
``run_background_pass`` are the app's quiet uploader: only bundles whose ``next_attempt_at`` has
come are tried, once each, and failures are rescheduled by the backoff policy.

Every state change is written to the store as it happens (uploading, acked + receipt, rejected +
reason, pending + error + next attempt time), so a crash mid-push loses nothing: ``uploading`` rows
are reset to ``pending`` at start-up (``OutboxQueries.reset_uploading``).

The store passed in is anything with an ``outbox`` ledger (:mod:`workstation.core.sync.ledger`):
the CLI passes its store, the app a view that writes through its one store thread.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass

from workstation.core.store import Store, StoreError
from workstation.core.store.outbox import PENDING
from workstation.core.sync.backoff import BackoffPolicy
from workstation.core.sync.ledger import HasOutbox, OutboxLedger
from workstation.core.sync.pusher import (
    DEFAULT_MAX_ATTEMPTS_PER_ITEM,
    PushResult,
    UploadState,
    push_all,
)
from workstation.core.sync.target_url import target_from_url
from workstation.core.sync.targets_base import Receipt, TargetUnavailable, TransientUploadError, UploadTarget

SYNC_TARGET_KEY = "sync.target"
"""The app_state key holding the default upload target URL."""

BACKGROUND_PASS_DEADLINE_S = 120.0
"""A background pass tries each due bundle once; this bounds how long one pass may take (seconds)."""


@dataclass(frozen=True)
class OutboxEvent:
    """One recorded step of an upload, handed to ``on_progress`` after it is saved in the store.

    ``next_attempt_at`` (epoch seconds) is set for ``pending``: when the background uploader will
    try again. ``done``/``total`` count bundles that reached acked or rejected in this push.
    """

    bundle_id: str
    state: UploadState
    attempts: int
    error: str | None
    receipt: Receipt | None
    next_attempt_at: float | None
    done: int
    total: int


ProgressCallback = Callable[[OutboxEvent], None]


@dataclass(frozen=True)
class _StoredBundle:
    """An outbox row as the pusher sees it: the bytes are read from SQLite at each attempt."""

    bundle_id: str
    attempts: int
    outbox: OutboxLedger

    def load(self) -> bytes:
        return self.outbox.get_bytes(self.bundle_id)


class _RetryAfterRecorder:
    """Wraps a target to remember each bundle's last Retry-After hint (the pusher's events omit it)."""

    def __init__(self, target: UploadTarget) -> None:
        self._target = target
        self.retry_after_s: dict[str, float | None] = {}

    def put(self, bundle_id: str, data: bytes, *, time_limit_s: float | None = None) -> Receipt:
        try:
            return self._target.put(bundle_id, data, time_limit_s=time_limit_s)
        except TransientUploadError as error:
            self.retry_after_s[bundle_id] = error.retry_after
            raise


def target_label(target: UploadTarget) -> str | None:
    """The target's URL without secrets, for the outbox's ``target`` column and messages."""
    url = getattr(target, "url", None)
    return url if isinstance(url, str) else None


def push_outbox(
    store: HasOutbox,
    target: UploadTarget,
    *,
    deadline_s: float,
    cancel: threading.Event | None = None,
    on_progress: ProgressCallback | None = None,
    bundle_ids: Collection[str] | None = None,
    max_attempts_per_item: int = DEFAULT_MAX_ATTEMPTS_PER_ITEM,
    policy: BackoffPolicy | None = None,
    sleep: Callable[[float], object] | None = None,
    clock: Callable[[], float] = time.monotonic,
    rng: Callable[[], float] = random.random,
    wall_clock: Callable[[], float] = time.time,
) -> PushResult:
    """Upload the outbox's pending bundles (or only ``bundle_ids``) to ``target``.

    Retries transient failures with backoff for up to ``deadline_s`` seconds; ``cancel`` stops it
    between attempts. ``sleep``, ``clock`` (monotonic seconds) and ``rng`` go to the pusher;
    ``wall_clock`` (epoch seconds) stamps ``next_attempt_at``; tests inject all four. Each event
    is saved before ``on_progress`` hears of it. If an exception interrupts the push, a bundle
    caught mid-attempt goes back to pending. Raises StoreError when the store cannot record a step
    (the push stops there).
    """
    backoff = policy or BackoffPolicy()
    outbox = store.outbox
    rows = outbox.rows(states=(PENDING,))
    if bundle_ids is not None:
        wanted = set(bundle_ids)
        rows = [row for row in rows if row.bundle_id in wanted]
    items = [_StoredBundle(row.bundle_id, row.attempts, outbox) for row in rows]
    recorder = _RetryAfterRecorder(target)
    label = target_label(target)
    in_flight: set[str] = set()
    finished: set[str] = set()

    def record(
        bundle_id: str, state: UploadState, attempts: int, error: str | None, receipt: Receipt | None
    ) -> None:
        next_attempt_at: float | None = None
        if state == UploadState.UPLOADING:
            in_flight.add(bundle_id)
            outbox.mark_uploading(bundle_id, attempts=attempts, target=label)
        elif state == UploadState.ACKED:
            outbox.mark_acked(bundle_id, receipt.to_dict() if receipt else {}, attempts=attempts)
            finished.add(bundle_id)
        elif state == UploadState.REJECTED:
            outbox.mark_rejected(bundle_id, error or "rejected by the target", attempts=attempts)
            finished.add(bundle_id)
        else:
            retry_after = recorder.retry_after_s.pop(bundle_id, None)
            next_attempt_at = wall_clock() + backoff.delay_s(attempts, retry_after_s=retry_after, rng=rng)
            outbox.mark_pending(bundle_id, attempts=attempts, error=error, next_attempt_at=next_attempt_at)
        if state != UploadState.UPLOADING:
            in_flight.discard(bundle_id)
        if on_progress is not None:
            event = OutboxEvent(
                bundle_id, state, attempts, error, receipt, next_attempt_at, len(finished), len(items)
            )
            on_progress(event)

    try:
        return push_all(
            items,
            recorder,
            deadline_s=deadline_s,
            on_event=record,
            sleep=sleep,
            clock=clock,
            rng=rng,
            policy=backoff,
            cancel=cancel,
            max_attempts_per_item=max_attempts_per_item,
        )
    finally:
        for bundle_id in in_flight:  # only non-empty when an exception cut an attempt short
            with contextlib.suppress(StoreError):
                outbox.mark_pending(bundle_id, error="upload interrupted")


@dataclass(frozen=True)
class BackgroundUploadPlan:
    """What the background uploader should do now: which bundles are due, and when to look again.

    ``next_due_at`` is the epoch time (seconds) the earliest not-yet-due pending bundle becomes
    due; None when nothing else waits.
    """

    due_ids: tuple[str, ...]
    next_due_at: float | None

    def wait_s(self, now: float) -> float | None:
        """Seconds to sleep before the next pass (0 when something is due, None when idle)."""
        if self.due_ids:
            return 0.0
        if self.next_due_at is None:
            return None
        return max(0.0, self.next_due_at - now)


def plan_background_upload(store: HasOutbox, now: float | None = None) -> BackgroundUploadPlan:
    """The due bundles at ``now`` (epoch seconds, default the clock) by their backoff schedule."""
    moment = time.time() if now is None else now
    due = store.outbox.due(moment)
    waiting = [
        row.next_attempt_at
        for row in store.outbox.rows(states=(PENDING,))
        if row.next_attempt_at is not None and row.next_attempt_at > moment
    ]
    return BackgroundUploadPlan(
        due_ids=tuple(row.bundle_id for row in due), next_due_at=min(waiting) if waiting else None
    )


def run_background_pass(
    store: HasOutbox,
    target: UploadTarget,
    *,
    now: float | None = None,
    cancel: threading.Event | None = None,
    on_progress: ProgressCallback | None = None,
    deadline_s: float = BACKGROUND_PASS_DEADLINE_S,
) -> tuple[PushResult, BackgroundUploadPlan]:
    """Try each due bundle once; failures get their next time from the backoff schedule.

    Returns the push result and the plan for after it (when to wake up next).
    """
    plan = plan_background_upload(store, now)
    if plan.due_ids:
        result = push_outbox(
            store,
            target,
            deadline_s=deadline_s,
            cancel=cancel,
            on_progress=on_progress,
            bundle_ids=plan.due_ids,
            max_attempts_per_item=1,
        )
    else:
        result = PushResult(outcomes=(), cancelled=False, stopped_reason=None, elapsed_s=0.0)
    return result, plan_background_upload(store)


def check_target_url(url: str) -> str:
    """Validate an upload target URL and return it trimmed; raises ValueError naming the problem.

    An ``s3://`` URL is accepted even when boto3 is missing (pushing will say so).
    """
    cleaned = url.strip()
    with contextlib.suppress(TargetUnavailable):
        target_from_url(cleaned)
    return cleaned


def get_default_target(store: Store) -> str | None:
    """The saved default upload target URL, or None."""
    value = store.state.get(SYNC_TARGET_KEY)
    return value if isinstance(value, str) and value else None


def set_default_target(store: Store, url: str | None) -> None:
    """Save (or, with None, forget) the default upload target; raises ValueError for a bad URL."""
    store.state.set(SYNC_TARGET_KEY, check_target_url(url) if url else None)
