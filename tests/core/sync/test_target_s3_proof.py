"""s3:// target: a PutObject counts only once the object reads back as ours, and no call outlives its limit.

An in-memory store stands in for S3 so each way a store can mislead (forgets the write, keeps other
bytes, forbids reading back, never answers) is one switch.
"""

from __future__ import annotations

import hashlib
import io
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from upload_helpers import make_item

from workstation.core.sync.target_s3 import S3Target
from workstation.core.sync.targets_base import RejectedUpload, TransientUploadError

pytest.importorskip("botocore", reason="boto3 (the s3 extra) is not installed")
from botocore.exceptions import ClientError


def _error(status: int, code: str, message: str = "", operation: str = "PutObject") -> ClientError:
    return ClientError(
        {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}},
        operation,
    )


@dataclass
class FakeStore:
    """Just enough of an S3 client: conditional PutObject, HeadObject, GetObject, and ways to mislead."""

    objects: dict[str, tuple[bytes, dict[str, str]]] = field(default_factory=dict)
    forget_writes: bool = False
    corrupt_writes: bool = False
    head_forbidden: bool = False
    etag_is_md5: bool = True
    put_delay_s: float = 0.0
    puts: int = 0
    gets: int = 0

    def _etag(self, body: bytes) -> str:
        return f'"{hashlib.md5(body).hexdigest()}"' if self.etag_is_md5 else '"kms-0123"'

    def put_object(self, **arguments: Any) -> dict[str, Any]:
        self.puts += 1
        time.sleep(self.put_delay_s)
        key, body = arguments["Key"], arguments["Body"]
        if arguments.get("IfNoneMatch") == "*" and key in self.objects:
            raise _error(
                412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold"
            )
        if self.corrupt_writes:  # other bytes of the same size, and our metadata lost
            self.objects[key] = (bytes(len(body)), {})
        elif not self.forget_writes:
            self.objects[key] = (body, dict(arguments.get("Metadata") or {}))
        return {"ETag": self._etag(body), "ResponseMetadata": {"HTTPStatusCode": 200}}

    def head_object(self, **arguments: Any) -> dict[str, Any]:
        if self.head_forbidden:
            raise _error(403, "403", operation="HeadObject")
        if arguments["Key"] not in self.objects:
            raise _error(404, "404", operation="HeadObject")
        body, metadata = self.objects[arguments["Key"]]
        return {"ContentLength": len(body), "Metadata": metadata, "ETag": self._etag(body)}

    def get_object(self, **arguments: Any) -> dict[str, Any]:
        self.gets += 1
        return {"Body": io.BytesIO(self.objects[arguments["Key"]][0])}


def test_a_write_is_acked_with_what_the_read_back_showed() -> None:
    item = make_item(1)
    store = FakeStore()
    receipt = S3Target("bucket", client=store).put(item.bundle_id, item.data)
    assert receipt.already_present is False
    assert receipt.proof == f"S3 object read back: {len(item.data)} bytes, sha256 metadata matches"


@pytest.mark.parametrize(
    ("misleading", "words"),
    [
        ("forget_writes", "is not there when read back"),
        ("corrupt_writes", "reads back as a different object"),
    ],
)
def test_a_store_that_answers_but_does_not_keep_our_bytes_gets_no_ack(misleading: str, words: str) -> None:
    item = make_item(2)
    store = FakeStore(**{misleading: True})
    with pytest.raises(TransientUploadError, match=words):
        S3Target("bucket", client=store).put(item.bundle_id, item.data)
    assert store.gets == (1 if misleading == "corrupt_writes" else 0)  # no metadata, no MD5: compared


def test_corrupted_bytes_found_on_the_retry_are_a_rejection_not_an_ack() -> None:
    item = make_item(3)
    store = FakeStore(corrupt_writes=True)
    target = S3Target("bucket", client=store)
    with pytest.raises(TransientUploadError):
        target.put(item.bundle_id, item.data)
    with pytest.raises(RejectedUpload, match="different object with the same size"):
        target.put(item.bundle_id, item.data)


def test_write_only_credentials_are_taken_at_the_md5_etag() -> None:
    item = make_item(4)
    receipt = S3Target("bucket", client=FakeStore(head_forbidden=True)).put(item.bundle_id, item.data)
    assert receipt.proof == "S3 PutObject ETag is the MD5 of the bytes sent (read-back not allowed)"


def test_write_only_credentials_without_an_md5_etag_need_the_412_of_a_second_try() -> None:
    item = make_item(5)
    store = FakeStore(head_forbidden=True, etag_is_md5=False)
    target = S3Target("bucket", client=store)
    with pytest.raises(TransientUploadError, match="no proof yet; allow s3:GetObject"):
        target.put(item.bundle_id, item.data)
    receipt = target.put(item.bundle_id, item.data)
    assert receipt.already_present is True and receipt.proof and receipt.proof.startswith("S3 412")
    assert store.puts == 2 and len(store.objects) == 1


def test_an_s3_call_that_never_returns_ends_at_the_time_limit() -> None:
    item = make_item(6)
    store = FakeStore(put_delay_s=3.0)
    started = time.monotonic()
    with pytest.raises(TransientUploadError, match=r"S3 did not finish within 0\.3 s"):
        S3Target("bucket", client=store).put(item.bundle_id, item.data, time_limit_s=0.3)
    assert time.monotonic() - started < 0.8


def test_escape_sequences_in_an_s3_error_are_made_safe() -> None:
    class Hostile(FakeStore):
        def put_object(self, **arguments: Any) -> dict[str, Any]:
            raise _error(400, "EntityTooLarge", "too big\x1b[2J\r\nreally")

    item = make_item(7)
    with pytest.raises(RejectedUpload) as caught:
        S3Target("bucket", client=Hostile()).put(item.bundle_id, item.data)
    assert caught.value.reason == "S3 EntityTooLarge: too big\ufffd[2J really"
