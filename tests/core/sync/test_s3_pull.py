"""Pulling bundles from an s3:// target (moto's S3 server on loopback) into the reviewer's inbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_target_s3 import _admin, bucket, moto_endpoint  # noqa: F401 (fixtures)

from tests.core.review.review_testkit import ADA, ADA_KEY, chain
from workstation.core.review.receive import receive
from workstation.core.store import Store
from workstation.core.sync.s3_pull import fetch_s3_bundle, list_s3_bundle_ids
from workstation.core.sync.target_s3 import S3Target
from workstation.core.sync.targets_base import RejectedUpload


def test_a_reviewer_pulls_what_a_writer_pushed_and_nothing_else(
    moto_endpoint: str,  # noqa: F811
    bucket: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    bundles = chain(ADA_KEY, ADA, 3)
    pushed = S3Target(bucket, "team/june", endpoint_url=moto_endpoint)
    for bundle in bundles:
        pushed.put(bundle.bundle_id, bundle.data)
    admin = _admin(moto_endpoint)
    admin.put_object(Bucket=bucket, Key="team/june/notes.txt", Body=b"not a bundle")
    admin.put_object(Bucket=bucket, Key="team/june/sha256/short.zip", Body=b"not a bundle name")
    admin.put_object(Bucket=bucket, Key="team/other/sha256/" + "a" * 64 + ".zip", Body=b"another prefix")

    assert list_s3_bundle_ids(pushed) == sorted(bundle.bundle_id for bundle in bundles)
    with Store(tmp_path / "reviewer") as store:
        store.writers.trust(ADA, ADA_KEY.public_key)
        report = receive(store, [f"s3://{bucket}/team/june?endpoint={moto_endpoint}"])
        assert report.refused == [] and len(report.added) == 3
        assert store.inbox.count() == 6
        assert all(added.source.startswith(f"s3://{bucket}/team/june/sha256/") for added in report.added)
        missing = receive(store, [f"s3://no-such-bucket/x?endpoint={moto_endpoint}"])
        assert len(missing.refused) == 1 and "NoSuchBucket" in missing.refused[0].reason


def test_an_object_over_the_cap_is_refused_without_reading_it_whole(
    moto_endpoint: str,  # noqa: F811
    bucket: str,  # noqa: F811
) -> None:
    (bundle,) = chain(ADA_KEY, ADA, 1)
    target = S3Target(bucket, endpoint_url=moto_endpoint)
    target.put(bundle.bundle_id, bundle.data)
    assert fetch_s3_bundle(target, bundle.bundle_id, max_bytes=len(bundle.data)) == bundle.data
    with pytest.raises(RejectedUpload, match="more than"):
        fetch_s3_bundle(target, bundle.bundle_id, max_bytes=len(bundle.data) - 1)
