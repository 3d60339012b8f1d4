"""End to end over real loopback HTTP: every fault the issue lists, and nothing lost or doubled."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

from fake_bundle_server import FakeBundleServer
from upload_helpers import BundleItem, FakeTime, make_item

from workstation.core.sync.backoff import BackoffPolicy
from workstation.core.sync.pusher import PushResult, UploadState, push_all
from workstation.core.sync.target_http import HttpTarget
from workstation.core.sync.targets_base import Receipt

CLIENT_TIMEOUT_S = 0.2  # the server stalls 0.4 s on a "timeout" fault


class EventLog:
    def __init__(self, clock: Callable[[], float] = lambda: 0.0) -> None:
        self.events: list[tuple[str, str, int, str | None, Receipt | None]] = []
        self.times: list[float] = []
        self._clock = clock

    def __call__(
        self, bundle_id: str, state: UploadState, attempts: int, error: str | None, receipt: Receipt | None
    ) -> None:
        self.events.append((bundle_id, str(state), attempts, error, receipt))
        self.times.append(self._clock())

    def count(self, state: str) -> Counter[str]:
        return Counter(event[0] for event in self.events if event[1] == state)


def _assert_all_delivered_exactly_once(
    server: FakeBundleServer, items: list[BundleItem], result: PushResult, log: EventLog
) -> None:
    assert result.finished, result
    assert result.ids_in(UploadState.ACKED) == tuple(item.bundle_id for item in items)
    assert server.store.objects == {item.bundle_id: item.data for item in items}
    assert server.store.stores == Counter({item.bundle_id: 1 for item in items})
    assert log.count("acked") == Counter({item.bundle_id: 1 for item in items})
    target = HttpTarget(server.url, timeout_s=1.0)
    for item in items:  # the server answers a repeat with 200 and stores nothing new
        assert target.put(item.bundle_id, item.data).http_status == 200
    assert len(server.store.objects) == len(items)


def test_every_fault_kind_ends_with_each_bundle_stored_once(bundle_server: FakeBundleServer) -> None:
    items = [make_item(n, size=4 * 1024) for n in range(6)]  # attempt limit 0.2 + 0.125 s < the stall
    bundle_server.stop()  # first pass: connection refused for everything
    every_fault = "reset timeout 500 429 drop_reply slow_headers slow_body html_200 wrong_receipt"
    bundle_server.store.faults.extend(
        [*every_fault.split(), "empty_200", "huge_201", "slow_201", "redirect_here"]
    )
    fake_time = FakeTime()

    def sleep_and_bring_server_back(seconds: float) -> None:
        fake_time.sleep(seconds)
        if len(fake_time.sleeps) == 1:
            bundle_server.start()

    log = EventLog(fake_time.clock)
    result = push_all(
        items,
        HttpTarget(bundle_server.url, timeout_s=CLIENT_TIMEOUT_S),
        deadline_s=600,
        on_event=log,
        sleep=sleep_and_bring_server_back,
        clock=fake_time.clock,
        rng=random.Random(5).random,
    )
    _assert_all_delivered_exactly_once(bundle_server, items, result, log)
    errors = " | ".join(event[3] or "" for event in log.events if event[1] == "pending")
    symptoms = [
        "refused",
        "reset",
        "timed out",
        "HTTP 500",
        "HTTP 429",
        "without replying",
        "headers had arrived",
    ]
    symptoms += ["did not arrive whole", "captive portal", "receipt for another bundle", "empty body"]
    for symptom in symptoms:
        assert symptom in errors
    told_to_wait = next(
        index for index, event in enumerate(log.events) if (event[3] or "").startswith("HTTP 429")
    )
    throttled_id = log.events[told_to_wait][0]
    retried = next(
        index
        for index in range(told_to_wait, len(log.events))
        if log.events[index][0] == throttled_id and log.events[index][1] == "uploading"
    )
    assert log.times[retried] - log.times[told_to_wait] >= bundle_server.store.retry_after_s
    receipts = [event[4] for event in log.events if event[1] == "acked"]
    # The dropped reply at least (more only if a machine is so slow that a normal reply timed out).
    assert sum(1 for receipt in receipts if receipt and receipt.already_present) >= 1


def test_rejected_bundle_keeps_servers_reason_and_is_sent_only_once(bundle_server: FakeBundleServer) -> None:
    items = [make_item(n) for n in range(3)]
    bundle_server.store.faults.extend(["500", "reject"])
    fake_time = FakeTime()
    log = EventLog()
    result = push_all(
        items,
        HttpTarget(bundle_server.url, timeout_s=1.0),
        deadline_s=60,
        on_event=log,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
        rng=lambda: 0.5,
    )
    rejected = items[1]
    assert result.ids_in(UploadState.REJECTED) == (rejected.bundle_id,)
    assert result.outcomes[1].error is not None and result.outcomes[1].error.startswith(
        "HTTP 422 Unprocessable Content: bundle signer"
    )
    assert bundle_server.store.put_requests[f"/bundles/{rejected.bundle_id}"] == 1
    assert set(bundle_server.store.objects) == {items[0].bundle_id, items[2].bundle_id}
    assert result.finished


def test_many_bundles_through_random_faults_are_all_delivered(bundle_server: FakeBundleServer) -> None:
    chooser = random.Random(20240601)
    faults = ["ok", "ok", "reset", "500", "429", "drop_reply", "timeout"]
    bundle_server.store.faults.extend(chooser.choice(faults) for _ in range(40))
    bundle_server.store.retry_after_s = 1
    items = [make_item(n, size=chooser.randrange(1, 200_000)) for n in range(20)]
    fake_time = FakeTime()
    log = EventLog()
    result = push_all(
        items,
        HttpTarget(bundle_server.url, timeout_s=CLIENT_TIMEOUT_S),
        deadline_s=3600,
        on_event=log,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
        rng=random.Random(7).random,
        policy=BackoffPolicy(base_s=0.5, cap_s=20.0),
    )
    _assert_all_delivered_exactly_once(bundle_server, items, result, log)
    assert all(item.loads == log.count("uploading")[item.bundle_id] for item in items)
