"""The push loop with a scripted in-memory target: states, retries, deadline, cancel, never twice."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from upload_helpers import BundleItem, FakeTime, make_item

from workstation.core.sync.backoff import BackoffPolicy
from workstation.core.sync.pusher import PushResult, UploadState, push_all
from workstation.core.sync.targets_base import (
    Receipt,
    RejectedUpload,
    TargetUnavailable,
    TransientUploadError,
)

Event = tuple[str, UploadState, int, str | None, Receipt | None]
NO_JITTER_POLICY = BackoffPolicy(base_s=1.0, cap_s=30.0, min_s=0.0)


@dataclass
class ScriptedTarget:
    """Answers each put from a per-bundle script; an exhausted script means success."""

    scripts: dict[str, list[str]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)
    stored: set[str] = field(default_factory=set)
    retry_after_s: float | None = None
    url: str = "memory://"

    def put(self, bundle_id: str, data: bytes, *, time_limit_s: float | None = None) -> Receipt:
        self.calls.append(bundle_id)
        script = self.scripts.get(bundle_id, [])
        step = script.pop(0) if script else "ok"
        if step == "stored-no-reply":
            self.stored.add(bundle_id)
            raise TransientUploadError("server closed the connection without replying")
        if step == "transient":
            raise TransientUploadError("HTTP 503: busy", retry_after=self.retry_after_s)
        if step == "rejected":
            raise RejectedUpload("HTTP 422: not enrolled", status=422)
        if step == "unavailable":
            raise TargetUnavailable("no such bucket")
        if step == "bug":
            raise KeyError("oops")
        present = bundle_id in self.stored
        self.stored.add(bundle_id)
        return Receipt(self.url, bundle_id, f"memory://{bundle_id}", present, len(data), "00", 0.0)


class Recorder:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def __call__(
        self, bundle_id: str, state: UploadState, attempts: int, error: str | None, receipt: Receipt | None
    ) -> None:
        self.events.append((bundle_id, state, attempts, error, receipt))

    def states(self, bundle_id: str) -> list[str]:
        return [str(event[1]) for event in self.events if event[0] == bundle_id]


def _push(
    items: list[BundleItem], target: ScriptedTarget, fake_time: FakeTime, **options: object
) -> tuple[PushResult, Recorder]:
    recorder = Recorder()
    arguments: dict[str, object] = {
        "deadline_s": 60.0,
        "on_event": recorder,
        "sleep": fake_time.sleep,
        "clock": fake_time.clock,
        "rng": lambda: 0.5,
        "policy": NO_JITTER_POLICY,
    }
    arguments.update(options)
    result = push_all(items, target, **arguments)  # type: ignore[arg-type]
    return result, recorder


def test_everything_goes_out_in_one_pass_without_waiting(fake_time: FakeTime) -> None:
    items = [make_item(n) for n in range(3)]
    target = ScriptedTarget()
    result, recorder = _push(items, target, fake_time)
    assert result.finished and result.stopped_reason is None
    assert result.ids_in(UploadState.ACKED) == tuple(item.bundle_id for item in items)
    assert fake_time.sleeps == []
    assert [recorder.states(item.bundle_id) for item in items] == [["uploading", "acked"]] * 3
    acked_event = recorder.events[1]
    assert (
        acked_event[2] == 1 and acked_event[4] is not None and acked_event[4].bundle_id == items[0].bundle_id
    )


def test_transient_failures_go_back_to_pending_and_retry_with_backoff(fake_time: FakeTime) -> None:
    item = make_item(1)
    target = ScriptedTarget({item.bundle_id: ["transient", "transient"]})
    result, recorder = _push([item], target, fake_time)
    assert recorder.states(item.bundle_id) == ["uploading", "pending"] * 2 + ["uploading", "acked"]
    assert [event[2] for event in recorder.events] == [1, 1, 2, 2, 3, 3]
    assert recorder.events[1][3] == "HTTP 503: busy"
    assert fake_time.sleeps == [0.5, 1.0]  # rng 0.5 times ceilings of 1 s and 2 s
    assert result.outcomes[0].attempts == 3 and result.finished


def test_every_item_is_tried_once_before_any_retry(fake_time: FakeTime) -> None:
    first, second = make_item(1), make_item(2)
    target = ScriptedTarget({first.bundle_id: ["transient"]})
    _push([first, second], target, fake_time)
    assert target.calls == [first.bundle_id, second.bundle_id, first.bundle_id]


def test_rejection_is_final_and_never_retried(fake_time: FakeTime) -> None:
    bad, good = make_item(1), make_item(2)
    target = ScriptedTarget({bad.bundle_id: ["rejected"]})
    result, recorder = _push([bad, good], target, fake_time)
    assert recorder.states(bad.bundle_id) == ["uploading", "rejected"]
    assert result.outcomes[0].error == "HTTP 422: not enrolled"
    assert target.calls.count(bad.bundle_id) == 1
    assert result.finished and result.ids_in(UploadState.REJECTED) == (bad.bundle_id,)


def test_retry_after_is_honoured_as_minimum_wait(fake_time: FakeTime) -> None:
    item = make_item(1)
    target = ScriptedTarget({item.bundle_id: ["transient"]}, retry_after_s=7.0)
    _push([item], target, fake_time)
    assert fake_time.sleeps == [7.0]


def test_deadline_leaves_items_pending_without_waiting_past_it(fake_time: FakeTime) -> None:
    item = make_item(1)
    target = ScriptedTarget({item.bundle_id: ["transient"] * 100})
    result, recorder = _push([item], target, fake_time, deadline_s=10.0)
    assert sum(fake_time.sleeps) <= 10.0
    assert result.outcomes[0].state == UploadState.PENDING
    assert result.stopped_reason is not None and "deadline" in result.stopped_reason
    assert recorder.events[-1][1] == UploadState.PENDING
    assert not result.finished


def test_zero_deadline_starts_nothing(fake_time: FakeTime) -> None:
    target = ScriptedTarget()
    result, recorder = _push([make_item(1)], target, fake_time, deadline_s=0.0)
    assert target.calls == [] and recorder.events == []
    assert result.outcomes[0].state == UploadState.PENDING


def test_attempts_per_item_are_bounded(fake_time: FakeTime) -> None:
    item = make_item(1)
    target = ScriptedTarget({item.bundle_id: ["transient"] * 100})
    result, _ = _push([item], target, fake_time, deadline_s=1e9, max_attempts_per_item=4)
    assert len(target.calls) == 4
    assert result.outcomes[0].state == UploadState.PENDING


def test_an_acked_item_is_never_uploaded_again(fake_time: FakeTime) -> None:
    done, flaky = make_item(1), make_item(2)
    target = ScriptedTarget({flaky.bundle_id: ["transient"] * 5})
    result, recorder = _push([done, flaky, done], target, fake_time)
    assert target.calls.count(done.bundle_id) == 1
    assert done.loads == 1
    assert recorder.states(done.bundle_id) == ["uploading", "acked"]
    assert len(result.outcomes) == 2


def test_unavailable_target_stops_the_push_and_blames_no_bundle(fake_time: FakeTime) -> None:
    items = [make_item(n) for n in range(3)]
    target = ScriptedTarget({items[1].bundle_id: ["unavailable"]})
    result, recorder = _push(items, target, fake_time)
    assert target.calls == [items[0].bundle_id, items[1].bundle_id]
    assert result.stopped_reason == "no such bucket"
    assert [outcome.state for outcome in result.outcomes] == ["acked", "pending", "pending"]
    assert recorder.states(items[2].bundle_id) == []
    assert fake_time.sleeps == []


def test_unreadable_bundle_and_target_bug_stay_pending_and_others_continue(fake_time: FakeTime) -> None:
    unreadable, buggy, fine = make_item(1), make_item(2), make_item(3)

    def broken_load() -> bytes:
        raise OSError("database is locked")

    unreadable.load = broken_load  # type: ignore[method-assign]
    target = ScriptedTarget({buggy.bundle_id: ["bug"]})
    result, _ = _push([unreadable, buggy, fine], target, fake_time)
    states = {outcome.bundle_id: outcome for outcome in result.outcomes}
    assert states[unreadable.bundle_id].state == UploadState.PENDING
    assert states[unreadable.bundle_id].error == "could not read bundle: database is locked"
    assert states[buggy.bundle_id].state == UploadState.PENDING
    assert "KeyError" in (states[buggy.bundle_id].error or "")
    assert states[fine.bundle_id].state == UploadState.ACKED
    assert target.calls.count(buggy.bundle_id) == 1


def test_attempt_numbers_continue_from_earlier_pushes(fake_time: FakeTime) -> None:
    @dataclass
    class StoredItem(BundleItem):
        attempts: int = 0

    base = make_item(1)
    item = StoredItem(base.bundle_id, base.data, attempts=4)
    _, recorder = _push([item], ScriptedTarget(), fake_time)
    assert [event[2] for event in recorder.events] == [5, 5]


def test_a_failing_state_store_is_not_swallowed(fake_time: FakeTime) -> None:
    def store_down(*args: object) -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        push_all([make_item(1)], ScriptedTarget(), deadline_s=5, on_event=store_down, sleep=fake_time.sleep)


def test_cancel_between_items_stops_before_the_next_attempt(fake_time: FakeTime) -> None:
    items = [make_item(n) for n in range(3)]
    cancel = threading.Event()
    target = ScriptedTarget()

    def cancel_after_first_ack(bundle_id: str, state: UploadState, *rest: object) -> None:
        if state == UploadState.ACKED:
            cancel.set()

    result = push_all(items, target, deadline_s=60, on_event=cancel_after_first_ack, cancel=cancel)
    assert target.calls == [items[0].bundle_id]
    assert result.cancelled and result.stopped_reason == "cancelled"


def test_cancel_interrupts_a_long_backoff_wait_at_once() -> None:
    item = make_item(1)
    cancel = threading.Event()
    target = ScriptedTarget({item.bundle_id: ["transient"]}, retry_after_s=30.0)
    timer = threading.Timer(0.05, cancel.set)
    started = time.monotonic()
    timer.start()
    try:
        result = push_all([item], target, deadline_s=120, cancel=cancel)
    finally:
        timer.cancel()
    assert time.monotonic() - started < 2.0
    assert result.cancelled and result.outcomes[0].state == UploadState.PENDING
    assert target.calls == [item.bundle_id]


@pytest.mark.parametrize("options", [{"deadline_s": -1.0}, {"deadline_s": 1.0, "max_attempts_per_item": 0}])
def test_nonsense_limits_are_refused(options: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        push_all([], ScriptedTarget(), **options)  # type: ignore[arg-type]


STEPS = st.sampled_from(["transient", "stored-no-reply", "rejected", "ok"])


@settings(max_examples=60, deadline=None)
@given(scripts=st.lists(st.lists(STEPS, max_size=6), min_size=1, max_size=6), jitter=st.floats(0.0, 0.99))
def test_any_fault_script_ends_with_each_bundle_acked_or_rejected_once(
    scripts: list[list[str]], jitter: float
) -> None:
    items = [make_item(n) for n in range(len(scripts))]
    target = ScriptedTarget(
        {item.bundle_id: list(script) for item, script in zip(items, scripts, strict=True)}
    )
    fake_time = FakeTime()
    result, recorder = _push(items, target, fake_time, deadline_s=1e6, rng=lambda: jitter)
    assert result.finished
    finals = Counter((event[0], event[1]) for event in recorder.events if event[1] in ("acked", "rejected"))
    assert all(count == 1 for count in finals.values())
    assert len(finals) == len(items)
    for item in items:
        calls = [index for index, called in enumerate(target.calls) if called == item.bundle_id]
        states = recorder.states(item.bundle_id)
        assert states[0::2] == ["uploading"] * len(calls)  # every attempt announced, then resolved
        assert states[-1] in ("acked", "rejected") and states.count(states[-1]) == 1
        if states[-1] == "acked":
            assert item.bundle_id in target.stored
