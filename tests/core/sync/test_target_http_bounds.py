"""http(s):// target against servers that stall, trickle or flood: every attempt ends in time and small.

A socket timeout restarts at every byte, so these servers send a byte every 50 ms while the
client's per-step timeout is far longer: only the whole-attempt deadline can stop them.
"""

from __future__ import annotations

import re
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator

import pytest
from fake_bundle_server import FakeBundleServer
from upload_helpers import make_item

from workstation.core.sync.target_http import HttpTarget
from workstation.core.sync.targets_base import TransientUploadError

SLACK_S = 0.5  # what an attempt may overrun its limit by on a loaded test machine


def _timed_failure(target: HttpTarget, item_number: int, time_limit_s: float | None) -> tuple[str, float]:
    item = make_item(item_number)
    started = time.monotonic()
    with pytest.raises(TransientUploadError) as caught:
        target.put(item.bundle_id, item.data, time_limit_s=time_limit_s)
    return caught.value.reason, time.monotonic() - started


def test_headers_trickled_a_byte_at_a_time_stop_at_the_callers_time_limit(
    bundle_server: FakeBundleServer,
) -> None:
    bundle_server.store.faults.append("slow_headers")
    reason, elapsed = _timed_failure(HttpTarget(bundle_server.url, timeout_s=5.0), 1, time_limit_s=0.6)
    assert 0.55 <= elapsed < 0.6 + SLACK_S
    assert re.match(r"timed out after 0\.[67] s: only \d+ bytes", reason)
    assert reason.endswith("bytes of the answer's headers had arrived")
    assert bundle_server.store.objects == {}


def test_headers_trickled_stop_at_the_targets_own_attempt_limit(bundle_server: FakeBundleServer) -> None:
    bundle_server.store.faults.append("slow_headers")
    target = HttpTarget(bundle_server.url, timeout_s=0.4)  # each byte comes well within 0.4 s
    limit_s = target.attempt_limit_s(len(make_item(2).data))
    reason, elapsed = _timed_failure(target, 2, time_limit_s=None)
    assert 0.4 < limit_s < 0.5
    assert limit_s - 0.05 <= elapsed < limit_s + SLACK_S
    assert "timed out" in reason


def test_a_receipt_trickled_after_200_is_no_proof_and_the_retry_finds_it_stored(
    bundle_server: FakeBundleServer,
) -> None:
    item = make_item(3)
    bundle_server.store.faults.append("slow_body")
    target = HttpTarget(bundle_server.url, timeout_s=5.0)
    started = time.monotonic()
    with pytest.raises(TransientUploadError, match=r"receipt that did not arrive whole \(timed out after"):
        target.put(item.bundle_id, item.data, time_limit_s=0.5)
    assert time.monotonic() - started < 0.5 + SLACK_S
    assert bundle_server.store.objects == {item.bundle_id: item.data}  # it did arrive, we cannot know
    receipt = target.put(item.bundle_id, item.data, time_limit_s=5)
    assert (receipt.http_status, receipt.already_present) == (200, True)
    assert bundle_server.store.stores[item.bundle_id] == 1


def test_a_201_whose_body_trickles_stands_on_its_status(bundle_server: FakeBundleServer) -> None:
    item = make_item(4)
    bundle_server.store.faults.append("slow_201")
    started = time.monotonic()
    receipt = HttpTarget(bundle_server.url, timeout_s=5.0).put(item.bundle_id, item.data, time_limit_s=0.5)
    assert time.monotonic() - started < 0.5 + SLACK_S
    assert (receipt.http_status, receipt.proof) == (201, "HTTP 201 Created")  # receipt unread, unchecked
    assert bundle_server.store.objects == {item.bundle_id: item.data}


def test_a_gigabyte_after_201_is_not_read(bundle_server: FakeBundleServer) -> None:
    item = make_item(5)
    bundle_server.store.faults.append("huge_201")
    tracemalloc.start()
    try:
        started = time.monotonic()
        receipt = HttpTarget(bundle_server.url, timeout_s=5.0).put(item.bundle_id, item.data)
        elapsed = time.monotonic() - started
        _, peak_bytes = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert receipt.http_status == 201 and receipt.already_present is False
    assert elapsed < 1.0
    assert peak_bytes < 4 * 1024 * 1024
    time.sleep(0.2)  # let the server notice we hung up
    assert bundle_server.store.huge_bytes_sent < 64 * 1024 * 1024


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        ("fat_headers", "the answer's status line and headers are over 32 KiB"),
        ("many_headers", "the answer is not valid HTTP (HTTPException: got more than 100 headers)"),
    ],
)
def test_oversized_headers_fail_the_attempt(bundle_server: FakeBundleServer, fault: str, words: str) -> None:
    bundle_server.store.faults.append(fault)
    reason, _ = _timed_failure(HttpTarget(bundle_server.url, timeout_s=2.0), 6, time_limit_s=None)
    assert reason == words


def test_a_big_bundle_to_a_slow_reader_is_not_cut_by_the_step_timeout(
    bundle_server: FakeBundleServer,
) -> None:
    item = make_item(7, size=3 * 1024 * 1024)  # about 2.4 s to read at 64 KiB per 50 ms
    bundle_server.store.faults.append("slow_reader")
    target = HttpTarget(bundle_server.url, timeout_s=0.5)
    receipt = target.put(item.bundle_id, item.data)
    assert receipt.http_status == 201
    assert bundle_server.store.objects == {item.bundle_id: item.data}


@pytest.fixture
def silent_listener() -> Iterator[int]:
    """A port on 127.0.0.1 that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.05)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=2)
        listener.close()
        for connection in accepted:
            connection.close()


def test_a_tls_handshake_that_never_answers_ends_at_the_time_limit(silent_listener: int) -> None:
    target = HttpTarget(f"https://127.0.0.1:{silent_listener}/bundles", timeout_s=5.0)
    reason, elapsed = _timed_failure(target, 8, time_limit_s=0.4)
    assert re.fullmatch(r"timed out in the TLS handshake after 0\.[45] s", reason)
    assert elapsed < 0.4 + SLACK_S


def test_a_server_that_accepts_and_never_answers_ends_at_the_time_limit(silent_listener: int) -> None:
    target = HttpTarget(f"http://127.0.0.1:{silent_listener}/bundles", timeout_s=5.0)
    reason, elapsed = _timed_failure(target, 9, time_limit_s=0.4)
    assert re.fullmatch(r"timed out waiting for the answer after 0\.[45] s", reason)
    assert elapsed < 0.4 + SLACK_S


def test_a_name_lookup_that_hangs_ends_at_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    real_getaddrinfo = socket.getaddrinfo

    def slow_resolver(host: str, *args: object, **kwargs: object) -> object:
        if host == "collector.invalid" and not int(kwargs.get("flags", 0)) & socket.AI_NUMERICHOST:  # type: ignore[call-overload]
            time.sleep(3)
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", slow_resolver)
    reason, elapsed = _timed_failure(HttpTarget("http://collector.invalid/b", timeout_s=5.0), 10, 0.3)
    assert re.fullmatch(r"timed out looking up collector\.invalid after 0\.[34] s", reason)
    assert elapsed < 0.3 + SLACK_S


def test_no_time_left_means_no_connection_at_all(bundle_server: FakeBundleServer) -> None:
    reason, elapsed = _timed_failure(HttpTarget(bundle_server.url), 11, time_limit_s=0.0)
    assert reason.startswith("timed out") and elapsed < 0.1
    assert not bundle_server.store.put_requests
