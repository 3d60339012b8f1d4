"""Pulling bundles from an ``s3://bucket/prefix`` target: what writers pushed, for a reviewer.

The same layout the push writes (``<prefix>/sha256/<hex>.zip``, see ``target_s3``). Every call is
bounded: the listing stops at :data:`~workstation.core.sync.target_file.MAX_LISTED_BUNDLES`
names, an object is fetched only when its stated size is within the caller's cap and read no
further than one byte past it, and each call is given up after the target's time limit plus the
time to fetch the bytes at the slowest uplink rate.
"""

from __future__ import annotations

import re
from typing import Any

from workstation.core.sync.deadline import DeadlinePassed, run_within
from workstation.core.sync.target_file import MAX_LISTED_BUNDLES
from workstation.core.sync.target_s3 import S3Target, classify_botocore_error, classify_client_error
from workstation.core.sync.targets_base import (
    RejectedUpload,
    TargetUnavailable,
    TransientUploadError,
    UploadError,
    attempt_limit_s,
)

_BUNDLE_KEY_NAME = re.compile(r"sha256/([0-9a-f]{64})\.zip")


def list_s3_bundle_ids(target: S3Target, *, limit: int = MAX_LISTED_BUNDLES) -> list[str]:
    """The ids of the bundles under the target's prefix, sorted. Objects of another name are skipped.

    Raises TargetUnavailable (no bucket, no permission, more than ``limit`` bundles) or
    TransientUploadError (the store did not answer in time, a network error).
    """
    return _bounded(target, target.timeout_s * 4, lambda: _list_now(target, limit))


def fetch_s3_bundle(target: S3Target, bundle_id: str, *, max_bytes: int) -> bytes:
    """One bundle's bytes; RejectedUpload for an object over ``max_bytes`` or one that vanished."""
    key = target.key_for(bundle_id)
    budget_s = attempt_limit_s(target.timeout_s, max_bytes)
    return _bounded(target, budget_s, lambda: _fetch_now(target, key, max_bytes))


def _bounded(target: S3Target, budget_s: float, call: Any) -> Any:
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        return run_within(budget_s, call)
    except DeadlinePassed:
        raise TransientUploadError(f"{target.url} did not answer within {budget_s:.0f} s") from None
    except ClientError as error:
        raise _as_pull_error(classify_client_error(error, 0.0)) from error
    except BotoCoreError as error:
        raise _as_pull_error(classify_botocore_error(error)) from error


def _as_pull_error(error: UploadError) -> UploadError:
    """A refusal of the whole bucket (wrong name, no permission) is the target's, not one bundle's."""
    if isinstance(error, RejectedUpload):
        return TargetUnavailable(error.reason)
    return error


def _list_now(target: S3Target, limit: int) -> list[str]:
    prefix = f"{target.prefix}/sha256/" if target.prefix else "sha256/"
    start = len(target.prefix) + 1 if target.prefix else 0
    found: list[str] = []
    pages = target.client.get_paginator("list_objects_v2").paginate(Bucket=target.bucket, Prefix=prefix)
    for page in pages:
        for entry in page.get("Contents") or ():
            match = _BUNDLE_KEY_NAME.fullmatch(str(entry.get("Key", ""))[start:])
            if match is not None:
                found.append(f"sha256:{match.group(1)}")
        if len(found) > limit:
            raise TargetUnavailable(f"{target.url} holds more than the {limit} bundles one pull takes")
    return sorted(found)


def _fetch_now(target: S3Target, key: str, max_bytes: int) -> bytes:
    from botocore.exceptions import ClientError

    location = f"s3://{target.bucket}/{key}"
    try:
        response = target.client.get_object(Bucket=target.bucket, Key=key)
    except ClientError as error:
        if (error.response.get("Error") or {}).get("Code") in ("NoSuchKey", "404"):
            raise RejectedUpload(f"{location} was listed but is gone") from None
        raise
    body = response["Body"]
    try:
        size = response.get("ContentLength")
        if isinstance(size, int) and size > max_bytes:
            raise RejectedUpload(f"{location} is {size} bytes, more than the {max_bytes} a bundle may be")
        data: bytes = body.read(max_bytes + 1)
    finally:
        body.close()
    if len(data) > max_bytes:
        raise RejectedUpload(f"{location} holds more than the {max_bytes} bytes a bundle may be")
    return data
