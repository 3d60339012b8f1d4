"""s3:// target against moto's S3 server on loopback: create-if-absent, fallbacks, faults."""

from __future__ import annotations

import itertools
import os
import socket
import sys
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from upload_helpers import FakeTime, make_item

from workstation.core.sync.pusher import UploadState, push_all
from workstation.core.sync.target_s3 import INSTALL_HINT, S3Target, s3_target_from_url
from workstation.core.sync.target_url import target_from_url
from workstation.core.sync.targets_base import RejectedUpload, TargetUnavailable, TransientUploadError

boto3 = pytest.importorskip("boto3", reason="boto3 (the s3 extra) is not installed")
moto_server = pytest.importorskip("moto.server", reason="moto[server] is not installed")
from botocore.exceptions import ClientError  # noqa: E402

FAKE_AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}
_bucket_numbers = itertools.count()


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    with mock.patch.dict(os.environ, FAKE_AWS_ENV):
        for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
            os.environ.pop(name, None)
        server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
        try:
            yield f"http://{host}:{port}"
        finally:
            server.stop()


@pytest.fixture
def bucket(moto_endpoint: str) -> str:
    name = f"bundles-{next(_bucket_numbers)}"
    admin = boto3.client("s3", endpoint_url=moto_endpoint, region_name="us-east-1")
    admin.create_bucket(Bucket=name)
    return name


def _admin(endpoint: str) -> Any:
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")


def _keys(endpoint: str, bucket: str) -> list[str]:
    listing = _admin(endpoint).list_objects_v2(Bucket=bucket)
    return sorted(entry["Key"] for entry in listing.get("Contents", []))


def test_bundle_is_stored_under_prefix_and_content_address(moto_endpoint: str, bucket: str) -> None:
    item = make_item(1)
    target = s3_target_from_url(f"s3://{bucket}/team/a/?endpoint={moto_endpoint}", clock=lambda: 42.0)
    receipt = target.put(item.bundle_id, item.data)
    key = f"team/a/sha256/{item.bundle_id.removeprefix('sha256:')}.zip"
    assert _keys(moto_endpoint, bucket) == [key]
    stored = _admin(moto_endpoint).get_object(Bucket=bucket, Key=key)
    assert stored["Body"].read() == item.data
    assert stored["ContentType"] == "application/vnd.rewrite-workstation.bundle.v1+zip"
    assert stored["Metadata"]["bundle-id"] == item.bundle_id
    assert receipt.location == f"s3://{bucket}/{key}"
    assert receipt.target_url == f"s3://{bucket}/team/a"
    assert (receipt.already_present, receipt.http_status, receipt.uploaded_at) == (False, 200, 42.0)
    assert receipt.etag


def test_second_put_hits_the_condition_and_is_confirmed_present(moto_endpoint: str, bucket: str) -> None:
    item = make_item(2)
    target = S3Target(bucket, endpoint_url=moto_endpoint)
    target.put(item.bundle_id, item.data)
    receipt = target.put(item.bundle_id, item.data)
    assert receipt.already_present is True
    assert _keys(moto_endpoint, bucket) == [f"sha256/{item.bundle_id.removeprefix('sha256:')}.zip"]


@pytest.mark.parametrize("same_size", [True, False])
def test_different_object_under_the_key_is_rejected_and_left_alone(
    moto_endpoint: str, bucket: str, same_size: bool
) -> None:
    item = make_item(3)
    target = S3Target(bucket, endpoint_url=moto_endpoint)
    key = target.key_for(item.bundle_id)
    intruder = bytes(len(item.data)) if same_size else b"short"
    _admin(moto_endpoint).put_object(Bucket=bucket, Key=key, Body=intruder)
    with pytest.raises(RejectedUpload, match="different object"):
        target.put(item.bundle_id, item.data)
    assert _admin(moto_endpoint).get_object(Bucket=bucket, Key=key)["Body"].read() == intruder


def test_object_without_our_metadata_is_checked_by_content(moto_endpoint: str, bucket: str) -> None:
    item = make_item(4)
    target = S3Target(bucket, endpoint_url=moto_endpoint)
    _admin(moto_endpoint).put_object(Bucket=bucket, Key=target.key_for(item.bundle_id), Body=item.data)
    assert target.put(item.bundle_id, item.data).already_present is True


class NoConditionalWrites:
    """Wraps a real client to behave like a store that answers 501 to If-None-Match."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self.conditional_tries = 0
        self.heads = 0

    def put_object(self, **arguments: Any) -> Any:
        if "IfNoneMatch" in arguments:
            self.conditional_tries += 1
            error = {"Error": {"Code": "NotImplemented", "Message": "If-None-Match is not supported"}}
            raise ClientError({**error, "ResponseMetadata": {"HTTPStatusCode": 501}}, "PutObject")
        return self._client.put_object(**arguments)

    def head_object(self, **arguments: Any) -> Any:
        self.heads += 1
        return self._client.head_object(**arguments)

    def get_object(self, **arguments: Any) -> Any:
        return self._client.get_object(**arguments)


def test_store_without_conditional_writes_falls_back_to_head_then_put(
    moto_endpoint: str, bucket: str
) -> None:
    first, second = make_item(5), make_item(6)
    client = NoConditionalWrites(_admin(moto_endpoint))
    target = S3Target(bucket, "fallback", client=client)
    assert target.put(first.bundle_id, first.data).already_present is False
    assert target.put(first.bundle_id, first.data).already_present is True
    assert target.put(second.bundle_id, second.data).already_present is False
    assert client.conditional_tries == 1  # learnt once, not asked again
    assert client.heads == 5  # a look before each of the 3 puts, a read-back after each of the 2 writes
    assert len(_keys(moto_endpoint, bucket)) == 2


def test_endpoint_comes_from_environment_when_not_in_url(moto_endpoint: str, bucket: str) -> None:
    item = make_item(7)
    with mock.patch.dict(os.environ, {"AWS_ENDPOINT_URL": moto_endpoint}):
        target = target_from_url(f"s3://{bucket}/env")
    target.put(item.bundle_id, item.data)
    assert _keys(moto_endpoint, bucket) == [f"env/sha256/{item.bundle_id.removeprefix('sha256:')}.zip"]


def test_missing_bucket_is_a_setup_problem_not_a_rejected_bundle(moto_endpoint: str) -> None:
    item = make_item(8)
    with pytest.raises(TargetUnavailable, match="NoSuchBucket"):
        S3Target("no-such-bucket-here", endpoint_url=moto_endpoint).put(item.bundle_id, item.data)


def test_unreachable_endpoint_is_transient() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    item = make_item(9)
    target = S3Target("bucket", endpoint_url=f"http://127.0.0.1:{port}", timeout_s=0.5)
    with pytest.raises(TransientUploadError, match="S3"):
        target.put(item.bundle_id, item.data)


class Throttled:
    def put_object(self, **arguments: Any) -> Any:
        response = {
            "Error": {"Code": "SlowDown", "Message": "Please reduce your request rate."},
            "ResponseMetadata": {"HTTPStatusCode": 503, "HTTPHeaders": {"retry-after": "3"}},
        }
        raise ClientError(response, "PutObject")


def test_throttling_is_transient_with_retry_after() -> None:
    item = make_item(10)
    with pytest.raises(TransientUploadError, match="SlowDown") as caught:
        S3Target("bucket", client=Throttled()).put(item.bundle_id, item.data)
    assert caught.value.retry_after == 3.0


def test_missing_boto3_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "boto3", None)
    with pytest.raises(TargetUnavailable) as caught:
        target_from_url("s3://bucket/prefix")
    assert caught.value.reason == INSTALL_HINT
    assert "rewrite-workstation[s3]" in INSTALL_HINT


@pytest.mark.parametrize(
    "bad_url",
    [
        "s3:///prefix",
        "s3://bucket/p?endpoint=ftp://x",
        "s3://bucket?colour=red",
        "s3://b?addressing=sideways",
    ],
)
def test_bad_s3_urls_are_refused(bad_url: str) -> None:
    with pytest.raises(ValueError):
        s3_target_from_url(bad_url)


def test_push_all_to_s3_delivers_each_bundle_once(moto_endpoint: str, bucket: str) -> None:
    items = [make_item(n) for n in range(20, 25)]
    target = S3Target(bucket, "pushed", endpoint_url=moto_endpoint)
    target.put(items[0].bundle_id, items[0].data)  # one is already there from an earlier, lost ack
    fake_time = FakeTime()
    result = push_all(items, target, deadline_s=30, sleep=fake_time.sleep, clock=fake_time.clock)
    assert result.ids_in(UploadState.ACKED) == tuple(item.bundle_id for item in items)
    assert [outcome.receipt.already_present for outcome in result.outcomes if outcome.receipt] == [
        True,
        False,
        False,
        False,
        False,
    ]
    assert len(_keys(moto_endpoint, bucket)) == len(items)


def _client_error(status: int, code: str, message: str = "", operation: str = "PutObject") -> ClientError:
    return ClientError(
        {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}},
        operation,
    )


class WriteOnlyCredentials:
    """Object exists (412) but the credentials may not read it back (HEAD 403)."""

    def put_object(self, **arguments: Any) -> Any:
        raise _client_error(412, "PreconditionFailed", "At least one of the pre-conditions did not hold")

    def head_object(self, **arguments: Any) -> Any:
        raise _client_error(403, "403", operation="HeadObject")


def test_existing_object_that_cannot_be_read_back_counts_as_present() -> None:
    item = make_item(11)
    receipt = S3Target("bucket", client=WriteOnlyCredentials()).put(item.bundle_id, item.data)
    assert receipt.already_present is True


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (_client_error(403, "AccessDenied", "Access Denied"), TargetUnavailable),
        (_client_error(403, "SignatureDoesNotMatch"), TargetUnavailable),
        (_client_error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum"), RejectedUpload),
        (_client_error(409, "ConditionalRequestConflict", "try again"), TransientUploadError),
        (_client_error(500, "InternalError"), TransientUploadError),
    ],
)
def test_s3_errors_are_classified_for_the_outbox(error: ClientError, expected: type[Exception]) -> None:
    class Failing:
        def put_object(self, **arguments: Any) -> Any:
            raise error

    item = make_item(12)
    with pytest.raises(expected):
        S3Target("bucket", client=Failing()).put(item.bundle_id, item.data)


def test_400_naming_if_none_match_switches_to_fallback(moto_endpoint: str, bucket: str) -> None:
    class RefusesHeader(NoConditionalWrites):
        def put_object(self, **arguments: Any) -> Any:
            if "IfNoneMatch" in arguments:
                raise _client_error(400, "InvalidArgument", "Unsupported header 'If-None-Match' received")
            return self._client.put_object(**arguments)

    item = make_item(13)
    target = S3Target(bucket, client=RefusesHeader(_admin(moto_endpoint)))
    assert target.put(item.bundle_id, item.data).already_present is False
