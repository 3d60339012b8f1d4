"""http(s):// target against a real loopback server: answers, faults and what each one means."""

from __future__ import annotations

import base64
import hashlib
import socket

import pytest
from fake_bundle_server import REJECT_TEXT, FakeBundleServer
from upload_helpers import make_item

from workstation.core.sync.collector_receipt import RECEIPT_MEDIA_TYPE
from workstation.core.sync.target_http import HttpTarget
from workstation.core.sync.targets_base import (
    BUNDLE_MEDIA_TYPE,
    InvalidBundleId,
    RejectedUpload,
    TargetUnavailable,
    TransientUploadError,
    parse_retry_after,
)

FAST_TIMEOUT_S = 0.2


def _target(server: FakeBundleServer, **options: object) -> HttpTarget:
    return HttpTarget(server.url, timeout_s=FAST_TIMEOUT_S, clock=lambda: 1_700_000_000.0, **options)  # type: ignore[arg-type]


def test_new_bundle_is_created_with_all_integrity_headers(bundle_server: FakeBundleServer) -> None:
    item = make_item(1)
    receipt = _target(bundle_server).put(item.bundle_id, item.data)
    assert receipt.http_status == 201
    assert receipt.already_present is False
    assert receipt.etag == '"v1"'
    assert (
        receipt.location == f"http://127.0.0.1:{bundle_server.port}/bundles/{item.bundle_id}"
    )  # as the receipt said
    assert receipt.proof == "HTTP 201 Created with a collector receipt"
    assert receipt.uploaded_at == 1_700_000_000.0
    assert bundle_server.store.objects == {item.bundle_id: item.data}
    headers = bundle_server.store.seen_headers[-1]
    digest = hashlib.sha256(item.data).digest()
    assert headers["Content-Type"] == BUNDLE_MEDIA_TYPE
    assert headers["Content-Length"] == str(len(item.data))
    assert headers["Idempotency-Key"] == item.bundle_id
    assert headers["Content-Digest"] == f"sha-256=:{base64.b64encode(digest).decode()}:"
    assert headers["X-Content-SHA256"] == digest.hex()
    assert headers["Accept"] == RECEIPT_MEDIA_TYPE


def test_bundle_id_is_percent_encoded_in_the_path(bundle_server: FakeBundleServer) -> None:
    item = make_item(2)
    _target(bundle_server).put(item.bundle_id, item.data)
    assert list(bundle_server.store.put_requests) == [f"/bundles/{item.bundle_id}"]
    raw_hex = item.bundle_id.removeprefix("sha256:")
    assert (
        HttpTarget("http://127.0.0.1:9/x/")._endpoint.request_path(item.bundle_id) == f"/x/sha256%3A{raw_hex}"
    )


def test_second_put_of_same_bundle_answers_200_already_present(bundle_server: FakeBundleServer) -> None:
    item = make_item(3)
    target = _target(bundle_server)
    target.put(item.bundle_id, item.data)
    receipt = target.put(item.bundle_id, item.data)
    assert (receipt.http_status, receipt.already_present) == (200, True)
    assert receipt.proof == "HTTP 200 OK with a collector receipt"
    assert len(bundle_server.store.objects) == 1 and bundle_server.store.stores[item.bundle_id] == 1


def test_conflicting_bytes_are_rejected_with_the_servers_json_message(
    bundle_server: FakeBundleServer,
) -> None:
    item = make_item(4)
    target = _target(bundle_server)
    target.put(item.bundle_id, item.data)
    with pytest.raises(RejectedUpload) as caught:
        target.put(item.bundle_id, b"something else")
    assert caught.value.status == 409
    assert caught.value.reason == "HTTP 409 Conflict: a different bundle is stored under this id"


def test_rejection_reason_is_the_servers_text_cut_to_one_readable_line(
    bundle_server: FakeBundleServer,
) -> None:
    item = make_item(5)
    bundle_server.store.faults.append("reject")
    with pytest.raises(RejectedUpload) as caught:
        _target(bundle_server).put(item.bundle_id, item.data)
    reason = caught.value.reason
    assert reason.startswith("HTTP 422 Unprocessable Content: bundle signer is not enrolled in this project.")
    assert len(reason) <= 300 < len(REJECT_TEXT)
    assert reason.endswith("…") and "\n" not in reason


@pytest.mark.parametrize(
    ("fault", "reason_part"),
    [
        ("500", "HTTP 500 Internal Server Error: database is having a moment"),
        ("reset", "connection reset"),
        ("timeout", "timed out"),
        ("drop_reply", "without replying"),
    ],
)
def test_server_faults_are_transient(bundle_server: FakeBundleServer, fault: str, reason_part: str) -> None:
    item = make_item(6)
    bundle_server.store.faults.append(fault)
    with pytest.raises(TransientUploadError, match=reason_part) as caught:
        _target(bundle_server).put(item.bundle_id, item.data)
    assert caught.value.retry_after is None


def test_an_html_error_page_is_named_by_its_title(bundle_server: FakeBundleServer) -> None:
    item = make_item(13)
    bundle_server.store.faults.append("html_502")
    with pytest.raises(TransientUploadError) as caught:
        _target(bundle_server).put(item.bundle_id, item.data)
    assert caught.value.reason == "HTTP 502 Bad Gateway: an HTML page (title: 'Café Wi-Fi — please log in')"


def test_429_carries_retry_after_seconds(bundle_server: FakeBundleServer) -> None:
    item = make_item(7)
    bundle_server.store.faults.append("429")
    with pytest.raises(TransientUploadError, match="HTTP 429") as caught:
        _target(bundle_server).put(item.bundle_id, item.data)
    assert caught.value.retry_after == 2.0


def test_closed_port_is_a_refused_connection() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TransientUploadError, match="connection refused"):
        HttpTarget(f"http://127.0.0.1:{port}/bundles", timeout_s=FAST_TIMEOUT_S).put(
            make_item(8).bundle_id, b"data"
        )


def test_unknown_path_is_rejected_not_retried(bundle_server: FakeBundleServer) -> None:
    item = make_item(10)
    target = HttpTarget(bundle_server.url.replace("/bundles", "/nowhere"), timeout_s=FAST_TIMEOUT_S)
    with pytest.raises(RejectedUpload, match="HTTP 404 Not Found: no such bundle path"):
        target.put(item.bundle_id, item.data)


def test_malformed_bundle_id_never_reaches_the_server(bundle_server: FakeBundleServer) -> None:
    with pytest.raises(InvalidBundleId):
        _target(bundle_server).put("sha256:../../admin", b"data")
    assert not bundle_server.store.put_requests


def test_credentials_in_url_become_basic_auth_and_stay_out_of_receipts(
    bundle_server: FakeBundleServer,
) -> None:
    item = make_item(11)
    url = bundle_server.url.replace("http://", "http://writer:s%40cret@") + "?project=demo"
    target = HttpTarget(url, timeout_s=FAST_TIMEOUT_S, extra_headers={"X-Team": "blue"})
    receipt = target.put(item.bundle_id, item.data)
    headers = bundle_server.store.seen_headers[-1]
    assert headers["Authorization"] == "Basic " + base64.b64encode(b"writer:s@cret").decode()
    assert headers["X-Team"] == "blue"
    assert "cret" not in target.url and "cret" not in receipt.target_url
    assert receipt.target_url == bundle_server.url


@pytest.mark.parametrize(
    "bad_url", ["ftp://host/x", "http:///no-host", "http://host:99999/x", "https://host/x#frag"]
)
def test_bad_urls_are_refused_early(bad_url: str) -> None:
    with pytest.raises(ValueError):
        HttpTarget(bad_url)


@pytest.mark.parametrize(
    ("status", "expected", "words"),
    [
        ("status:202", TransientUploadError, "HTTP 202 Accepted is not proof"),
        ("status:204", TransientUploadError, "HTTP 204 No Content is not proof"),
        ("status:401", TargetUnavailable, "check the credentials"),
        ("status:407", TargetUnavailable, "check the credentials"),
        ("status:403", RejectedUpload, "HTTP 403 Forbidden"),
        ("status:408", TransientUploadError, "HTTP 408 Request Timeout"),
        ("status:503", TransientUploadError, "HTTP 503 Service Unavailable"),
        ("status:302", TargetUnavailable, "not followed"),
        ("status:299", TransientUploadError, "HTTP 299 is not proof"),
        ("status:600", TransientUploadError, "not an answer the upload protocol knows"),
    ],
)
def test_each_status_means_what_the_protocol_says(
    bundle_server: FakeBundleServer, status: str, expected: type[Exception], words: str
) -> None:
    item = make_item(12)
    bundle_server.store.faults.append(status)
    with pytest.raises(expected, match=words):
        _target(bundle_server).put(item.bundle_id, item.data)
    assert bundle_server.store.objects == {}


def test_timeout_must_be_positive() -> None:
    with pytest.raises(ValueError):
        HttpTarget("http://127.0.0.1/x", timeout_s=0)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("120", 120.0),
        (" 7 ", 7.0),
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),
        ("soon", None),
        ("-5", None),
    ],
)
def test_retry_after_accepts_seconds_and_http_dates(header: str | None, expected: float | None) -> None:
    now = 1445412480.0  # Wed, 21 Oct 2015 07:28:00 GMT
    assert parse_retry_after(header, now) == expected
