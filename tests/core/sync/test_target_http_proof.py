"""http(s):// target: acked only on the collector's proof; redirects and hostile text handled safely."""

from __future__ import annotations

import pytest
from fake_bundle_server import FakeBundleServer
from upload_helpers import make_item

from workstation.core.sync.target_http import MAX_REDIRECTS, HttpTarget, same_origin_redirect
from workstation.core.sync.targets_base import RejectedUpload, TargetUnavailable, TransientUploadError


def _target(server: FakeBundleServer) -> HttpTarget:
    return HttpTarget(server.url, timeout_s=2.0)


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (
            "html_200",
            "HTTP 200 OK with an HTML page (title: 'Café Wi-Fi — please log in'), not a collector "
            "receipt — a captive portal or proxy?",
        ),
        ("empty_200", "HTTP 200 OK with an empty body, not a collector receipt"),
        (
            "wrong_receipt",
            "HTTP 200 OK with a receipt for another bundle, 'sha256:" + "0" * 16 + "…'",
        ),
    ],
)
def test_a_200_without_a_matching_receipt_is_not_an_upload(
    bundle_server: FakeBundleServer, fault: str, reason: str
) -> None:
    item = make_item(1)
    bundle_server.store.faults.append(fault)
    target = _target(bundle_server)
    with pytest.raises(TransientUploadError) as caught:
        target.put(item.bundle_id, item.data)
    assert caught.value.reason == reason
    assert bundle_server.store.objects == {}  # and it was not: acking it would have lost it
    assert target.put(item.bundle_id, item.data).http_status == 201  # the retry delivers it
    assert bundle_server.store.stores[item.bundle_id] == 1


def test_a_same_origin_307_is_followed_and_stores_once(bundle_server: FakeBundleServer) -> None:
    item = make_item(2)
    bundle_server.store.faults.append("redirect_here")
    receipt = _target(bundle_server).put(item.bundle_id, item.data)
    assert receipt.http_status == 201
    assert sorted(bundle_server.store.put_requests) == [
        f"/bundles/{item.bundle_id}",
        f"/moved/bundles/{item.bundle_id}",
    ]
    assert bundle_server.store.stores[item.bundle_id] == 1


def test_a_redirect_loop_stops_after_the_limit(bundle_server: FakeBundleServer) -> None:
    item = make_item(3)
    bundle_server.store.faults.extend(["redirect_here"] * (MAX_REDIRECTS + 1))
    with pytest.raises(TargetUnavailable, match=f"redirected more than {MAX_REDIRECTS} times"):
        _target(bundle_server).put(item.bundle_id, item.data)
    assert sum(bundle_server.store.put_requests.values()) == MAX_REDIRECTS + 1
    assert bundle_server.store.objects == {}


def test_a_redirect_to_another_host_is_refused_and_named(bundle_server: FakeBundleServer) -> None:
    item = make_item(4)
    bundle_server.store.faults.append("redirect")
    with pytest.raises(TargetUnavailable) as caught:
        _target(bundle_server).put(item.bundle_id, item.data)
    assert caught.value.reason.startswith(
        "HTTP 308 Permanent Redirect: the server redirects to https://elsewhere.example/bundles, "
        "which is not followed"
    )
    assert sum(bundle_server.store.put_requests.values()) == 1


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("/v2/bundles/x", "/v2/bundles/x"),
        ("x?project=a", "/bundles/x?project=a"),
        ("https://Collector.example/new", "/new"),
        ("https://collector.example:443/new", "/new"),
        ("//collector.example/new", "/new"),
        ("http://collector.example/new", None),  # never https -> http
        ("https://collector.example:8443/new", None),
        ("https://other.example/new", None),
        ("https://user:pw@collector.example/new", None),
        ("https://collector.example:99999/new", None),
        ("/new\r\nX-Injected: 1", None),
        ("/new path", None),
        ("/nouveau/é", None),
    ],
)
def test_only_redirects_within_the_same_origin_are_followed(location: str, expected: str | None) -> None:
    assert same_origin_redirect("https://collector.example/bundles/sha256%3Aab", location) == expected


def test_escape_sequences_in_a_rejection_never_reach_the_reason(bundle_server: FakeBundleServer) -> None:
    item = make_item(5)
    bundle_server.store.faults.append("hostile_reason")
    with pytest.raises(RejectedUpload) as caught:
        _target(bundle_server).put(item.bundle_id, item.data)
    reason = caught.value.reason
    assert reason.startswith("HTTP 422 Unprocessable Content: \ufffd[2J\ufffd]0;owned\ufffd Set-Cookie: x=1")
    assert not any(character in reason for character in "\x1b\x07\r\n\u202e")


def test_escape_sequences_in_location_and_etag_are_made_safe(bundle_server: FakeBundleServer) -> None:
    item = make_item(6)
    bundle_server.store.faults.append("hostile_201")
    receipt = _target(bundle_server).put(item.bundle_id, item.data)
    assert receipt.location == f"http://127.0.0.1:{bundle_server.port}/bundles/\ufffd[31mred"
    assert receipt.etag == '"v1\ufffd[0m"'
