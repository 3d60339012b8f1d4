"""Pushing the store's outbox: every step recorded, faults end acked exactly once, background schedule."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_bundle_server import FakeBundleServer
from upload_helpers import FakeTime

from workstation.core.bundles.seal_work import seal_submitted
from workstation.core.models import RewriteStatus
from workstation.core.signing import SecretKey
from workstation.core.store import Store, new_rewrite
from workstation.core.sync.backoff import BackoffPolicy
from workstation.core.sync.outbox_push import (
    OutboxEvent,
    get_default_target,
    plan_background_upload,
    push_outbox,
    run_background_pass,
    set_default_target,
)
from workstation.core.sync.pusher import UploadState
from workstation.core.sync.target_file import FileTarget
from workstation.core.sync.target_http import HttpTarget
from workstation.core.sync.targets_base import Receipt

DATA = Path(__file__).resolve().parents[1] / "formats" / "data"
KEY = SecretKey(key_id=bytes(range(1, 9)), seed=bytes(range(40, 72)))


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A store with three sealed bundles (one submitted rewrite each), all pending."""
    with Store(data_dir) as opened:
        opened.import_file(DATA / "native_tasks.jsonl", project="Mail")
        for row in opened.tasks.queue()[:3]:
            task = opened.tasks.get(row.id)
            assert task is not None
            update = {"text": f"Plain {task.id}.", "status": RewriteStatus.SUBMITTED}
            opened.rewrites.save(new_rewrite(task).model_copy(update=update))
            assert seal_submitted(opened, KEY, "Ada Writer") is not None
        yield opened


def _states(store: Store) -> list[str]:
    return [row.state for row in store.outbox.rows()]


def _fast_http(server: FakeBundleServer) -> HttpTarget:
    return HttpTarget(server.url, timeout_s=0.3)


def test_push_to_a_folder_records_receipts(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    seen: list[OutboxEvent] = []

    def check_saved_first(event: OutboxEvent) -> None:
        row = store.outbox.get(event.bundle_id)
        assert row is not None and row.state == event.state.value  # saved before we hear of it
        seen.append(event)

    result = push_outbox(store, FileTarget(folder), deadline_s=10, on_progress=check_saved_first)

    assert result.finished and len(result.ids_in(UploadState.ACKED)) == 3
    assert [event.state for event in seen] == [UploadState.UPLOADING, UploadState.ACKED] * 3
    assert seen[-1].done == seen[-1].total == 3
    for row in store.outbox.rows():
        assert row.state == "acked" and row.attempts == 1 and row.acked_at
        receipt = Receipt.from_dict(row.receipt or {})
        assert receipt.bundle_id == row.bundle_id
        assert Path(receipt.location).read_bytes() == store.outbox.get_bytes(row.bundle_id)
        assert row.target == FileTarget(folder).url
    again = push_outbox(store, FileTarget(folder), deadline_s=10)
    assert again.outcomes == ()


def test_http_faults_end_with_each_bundle_stored_once(
    store: Store, bundle_server: FakeBundleServer, fake_time: FakeTime
) -> None:
    bundle_server.store.faults.extend(["reset", "500", "429", "drop_reply", "timeout"])
    bundle_server.store.retry_after_s = 7
    result = push_outbox(
        store,
        _fast_http(bundle_server),
        deadline_s=600,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
        rng=lambda: 0.5,
    )
    assert result.finished, result
    rows = store.outbox.rows()
    assert [row.state for row in rows] == ["acked"] * 3
    stored = {row.bundle_id: store.outbox.get_bytes(row.bundle_id) for row in rows}
    assert bundle_server.store.objects == stored
    assert sum(row.attempts for row in rows) == 3 + 5  # one fault per request, each retried once
    assert fake_time.now - FakeTime().now >= 7  # the 429's Retry-After was honoured
    assert all(row.last_error is None for row in rows)


def test_rejected_bundle_is_kept_with_reason_until_retried(
    store: Store, bundle_server: FakeBundleServer
) -> None:
    bundle_server.store.faults.append("reject")
    first = push_outbox(store, _fast_http(bundle_server), deadline_s=10)
    rejected = first.ids_in(UploadState.REJECTED)
    assert len(rejected) == 1 and len(first.ids_in(UploadState.ACKED)) == 2
    row = store.outbox.get(rejected[0])
    assert row is not None and row.state == "rejected" and "not enrolled" in (row.last_error or "")
    assert push_outbox(store, _fast_http(bundle_server), deadline_s=10).outcomes == ()
    assert store.outbox.retry(rejected[0])
    second = push_outbox(store, _fast_http(bundle_server), deadline_s=10)
    assert second.ids_in(UploadState.ACKED) == rejected
    assert _states(store) == ["acked"] * 3
    assert set(bundle_server.store.objects) == {row.bundle_id for row in store.outbox.rows()}
    assert Counter(bundle_server.store.put_requests.values()) == Counter({1: 2, 2: 1})


def test_missing_folder_stops_the_push_and_keeps_everything_pending(store: Store, tmp_path: Path) -> None:
    result = push_outbox(store, FileTarget(tmp_path / "unplugged-usb"), deadline_s=10)
    assert result.stopped_reason and not result.finished
    assert _states(store) == ["pending"] * 3
    first = store.outbox.rows()[0]
    assert first.attempts == 1 and first.last_error and first.next_attempt_at is not None


class _InterruptingTarget:
    url = "test://interrupt"

    def put(self, bundle_id: str, data: bytes, *, time_limit_s: float | None = None) -> Receipt:
        raise KeyboardInterrupt


def test_an_interrupted_attempt_goes_back_to_pending(store: Store) -> None:
    with pytest.raises(KeyboardInterrupt):
        push_outbox(store, _InterruptingTarget(), deadline_s=10)
    assert _states(store) == ["pending"] * 3
    assert store.outbox.rows()[0].last_error == "upload interrupted"


def test_cancel_before_start_tries_nothing(store: Store, tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    result = push_outbox(store, FileTarget(tmp_path), deadline_s=10, cancel=cancel)
    assert result.cancelled and _states(store) == ["pending"] * 3
    assert all(row.attempts == 0 for row in store.outbox.rows())


def test_background_uploader_follows_the_backoff_schedule(
    store: Store, bundle_server: FakeBundleServer
) -> None:
    # About the schedule, not timeouts: an attempt timed out at 0.3 s once on a loaded machine.
    target = HttpTarget(bundle_server.url, timeout_s=5.0)
    now = time.time()
    plan = plan_background_upload(store, now)
    assert len(plan.due_ids) == 3 and plan.wait_s(now) == 0.0
    bundle_server.store.faults.extend(["500", "429"])
    bundle_server.store.retry_after_s = 120
    result, after = run_background_pass(store, target, now=now)
    assert len(result.ids_in(UploadState.ACKED)) == 1  # one attempt each, no retries within the pass
    pending = {row.last_error or "": row for row in store.outbox.rows(states=("pending",))}
    assert len(pending) == 2
    throttled = next(row for error, row in pending.items() if "429" in error)
    failed = next(row for error, row in pending.items() if "500" in error)
    assert throttled.next_attempt_at is not None and throttled.next_attempt_at >= now + 119
    assert failed.next_attempt_at is not None and now < failed.next_attempt_at < now + 5
    assert after.due_ids == () and after.next_due_at == failed.next_attempt_at
    assert 0 < (after.wait_s(now) or 0) < 5
    soon, _ = run_background_pass(store, target, now=failed.next_attempt_at)
    assert soon.ids_in(UploadState.ACKED) == (failed.bundle_id,)
    assert plan_background_upload(store, throttled.next_attempt_at - 1).due_ids == ()
    final, idle = run_background_pass(store, target, now=throttled.next_attempt_at)
    assert final.ids_in(UploadState.ACKED) == (throttled.bundle_id,)
    assert _states(store) == ["acked"] * 3
    assert idle.due_ids == () and idle.next_due_at is None and idle.wait_s(now) is None


def test_retry_after_pushes_the_next_attempt_out(store: Store, bundle_server: FakeBundleServer) -> None:
    bundle_server.store.faults.append("429")
    bundle_server.store.retry_after_s = 90
    wall = 5_000.0
    push_outbox(
        store,
        _fast_http(bundle_server),
        deadline_s=10,
        max_attempts_per_item=1,
        wall_clock=lambda: wall,
        policy=BackoffPolicy(base_s=1, cap_s=2),
    )
    throttled = [row for row in store.outbox.rows() if row.state == "pending"]
    assert len(throttled) == 1 and throttled[0].next_attempt_at == pytest.approx(wall + 90)


def test_default_target_is_saved_in_the_store(store: Store, tmp_path: Path) -> None:
    assert get_default_target(store) is None
    set_default_target(store, f"  {tmp_path.as_uri()}  ")
    assert get_default_target(store) == tmp_path.as_uri()
    for bad in ("ftp://example.com/x", "file://otherhost/x", "nonsense"):
        with pytest.raises(ValueError):
            set_default_target(store, bad)
    assert get_default_target(store) == tmp_path.as_uri()
    set_default_target(store, None)
    assert get_default_target(store) is None


def test_answers_that_prove_nothing_leave_rows_pending_with_what_arrived(
    store: Store, bundle_server: FakeBundleServer
) -> None:
    bundle_server.store.faults.extend(["html_200", "wrong_receipt", "empty_200"])
    first = push_outbox(store, _fast_http(bundle_server), deadline_s=10, max_attempts_per_item=1)
    assert first.ids_in(UploadState.ACKED) == ()
    errors = " | ".join(row.last_error or "" for row in store.outbox.rows())
    assert _states(store) == ["pending"] * 3 and bundle_server.store.objects == {}
    for what_arrived in ("captive portal or proxy?", "empty body", "receipt for another bundle"):
        assert what_arrived in errors
    second = push_outbox(store, _fast_http(bundle_server), deadline_s=10)
    assert len(second.ids_in(UploadState.ACKED)) == 3 and _states(store) == ["acked"] * 3
    assert sorted(bundle_server.store.stores.values()) == [1, 1, 1]


@pytest.mark.parametrize("fault", ["slow_headers", "slow_body", "timeout"])
def test_a_push_ends_by_its_deadline_with_no_row_left_uploading(
    store: Store, bundle_server: FakeBundleServer, fault: str
) -> None:
    bundle_server.store.fault_picker = lambda: fault
    bundle_server.store.stall_s = 5.0
    target = HttpTarget(bundle_server.url, timeout_s=30.0)  # only the push deadline can end it
    started = time.monotonic()
    result = push_outbox(store, target, deadline_s=1.0)
    assert 1.0 <= time.monotonic() - started < 1.5
    assert result.stopped_reason == "deadline reached"
    assert _states(store) == ["pending"] * 3
    tried = [row for row in store.outbox.rows() if row.attempts]
    assert len(tried) == 1 and re.search(r"timed out.* after 1\.\d s", tried[0].last_error or "")
