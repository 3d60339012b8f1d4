"""What every upload target shares: the protocol, the receipt, and the three ways an upload fails.

A target stores one sealed bundle under its content address and answers with a `Receipt` only
on the target's proof that it holds exactly these bytes (docs/upload-protocol.md says what counts
as proof for each kind of target), or raises one of:

- `TransientUploadError`: try again later (network down, timeout, 5xx, 408, 429, an answer that
  is not proof); may carry the server's Retry-After in seconds.
- `RejectedUpload`: the target refused *this bundle* and will keep refusing it (4xx other than
  408/429, a different object already stored under the same id, a malformed bundle id).
- `TargetUnavailable`: the target itself cannot take anything (missing boto3, no credentials, no
  such bucket, folder not mounted). No bundle is to blame, so none is rejected; a push stops and
  leaves the remaining bundles pending.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
from dataclasses import asdict, dataclass
from typing import Any, Protocol, runtime_checkable

BUNDLE_MEDIA_TYPE = "application/vnd.rewrite-workstation.bundle.v1+zip"

_BUNDLE_ID_PATTERN = re.compile(r"sha256:([0-9a-f]{64})")


class UploadError(Exception):
    """Base of every upload failure; `reason` is a short human-readable sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TransientUploadError(UploadError):
    """A failure that may go away by itself; `retry_after` (seconds, ≥ 0) is the server's hint."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class RejectedUpload(UploadError):
    """The target refused this bundle for good; retrying the same bytes cannot succeed."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status


class InvalidBundleId(RejectedUpload):
    """The bundle id is not `sha256:` followed by 64 lowercase hex digits."""


class TargetUnavailable(UploadError):
    """The target is misconfigured or missing, so no upload can succeed until a person fixes it."""


@dataclass(frozen=True)
class Receipt:
    """Proof that a target holds a bundle; persisted by the outbox next to the acked row.

    `location` is where the bytes live (file path, URL, or `s3://bucket/key`); `uploaded_at` is
    seconds since the Unix epoch, from the target's clock; `proof` says in a few words what the
    target showed (e.g. "HTTP 200 OK with a collector receipt"). Text that came from a server
    (`location`, `etag`) is already one safe line (`core.text.safe_text.one_line`).
    """

    target_url: str
    bundle_id: str
    location: str
    already_present: bool
    size_bytes: int
    content_sha256: str
    uploaded_at: float
    http_status: int | None = None
    etag: str | None = None
    proof: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, for storing the receipt in SQLite."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Receipt:
        """Rebuild a receipt stored with `to_dict` (unknown keys are ignored)."""
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)


SLOWEST_UPLINK_BYTES_PER_S = 32 * 1024
"""A network attempt may take its base timeout plus the time to send the bundle at this rate
(256 kbit/s): a large bundle on a slow line still gets through, a stalled server is left."""


def attempt_limit_s(timeout_s: float, size_bytes: int) -> float:
    """The longest one network attempt to store `size_bytes` may take, in seconds."""
    return timeout_s + size_bytes / SLOWEST_UPLINK_BYTES_PER_S


@runtime_checkable
class UploadTarget(Protocol):
    """Somewhere bundles can be stored by content address, idempotently.

    Concrete targets also expose `url` (without secrets) for messages; the pusher needs only `put`.
    """

    def put(self, bundle_id: str, data: bytes, *, time_limit_s: float | None = None) -> Receipt:
        """Store `data` under `bundle_id` unless the same bytes are already there.

        `time_limit_s` (seconds) is how long this attempt may take at most, e.g. what is left of a
        push's deadline; a network target gives up by then (TransientUploadError), on top of its
        own per-attempt limit. None means only the target's own limit applies.
        """
        ...


def bundle_hex(bundle_id: str) -> str:
    """Return the 64 hex digits of a bundle id, refusing anything else (no path or URL tricks)."""
    if not isinstance(bundle_id, str):
        raise InvalidBundleId(f"bundle id must be a string, got {type(bundle_id).__name__}")
    match = _BUNDLE_ID_PATTERN.fullmatch(bundle_id)
    if match is None:
        raise InvalidBundleId(f"not a bundle id (expected sha256:<64 lowercase hex>): {bundle_id[:80]!r}")
    return match.group(1)


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of the bytes being uploaded (the bundle file, not its manifest)."""
    return hashlib.sha256(data).hexdigest()


def parse_retry_after(value: str | None, now_epoch_s: float) -> float | None:
    """Turn a Retry-After header (delta seconds or an HTTP-date) into seconds to wait from now.

    Returns None when absent or unreadable; past dates give 0.0. `now_epoch_s` is wall-clock time.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return float(int(text))
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - now_epoch_s)
