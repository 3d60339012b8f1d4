"""`s3://bucket/prefix` target: S3-compatible object storage, content-addressed, create-if-absent.

Key: `<prefix>/sha256/<hex>.zip`. The upload is a `PutObject` with `If-None-Match: *`, so two
laptops (or a retry after a lost reply) can never overwrite a stored bundle; a 412 answer means
"already there", confirmed by a HEAD that the stored object has the same size and SHA-256. Stores
that do not support conditional writes get HEAD-then-PUT instead.

Proof, as strict as the HTTP collector's receipt: a successful PutObject is read back with a HEAD
before the bundle counts as uploaded (size, and the `sha256` metadata we wrote, or the MD5 ETag,
or at most size + 1 bytes of the object compared). Credentials that may not read (HEAD → 403) are
taken at S3's own word: a PutObject ETag equal to the MD5 of our bytes (S3 checked Content-MD5),
or a 412 on the bundle's content address. Any other outcome fails the attempt, to be retried.

boto3 has no deadline for a whole call (its timeouts restart at each read), so each attempt runs
on a helper thread and is given up after its time limit; a late finish is harmless because the
write is create-if-absent and the next attempt confirms it.

boto3 is an optional extra (`rewrite-workstation[s3]`) and is imported only when an S3 target is
built. Credentials come from boto3's usual chain (env, profile, instance role). The endpoint of an
S3-compatible store comes from `?endpoint=` in the URL, else `AWS_ENDPOINT_URL_S3` /
`AWS_ENDPOINT_URL`.
"""

from __future__ import annotations

import base64
import hashlib
import os
import time
import urllib.parse
from collections.abc import Callable
from typing import Any

from workstation.core.sync.deadline import DeadlinePassed, run_within
from workstation.core.sync.targets_base import (
    BUNDLE_MEDIA_TYPE,
    Receipt,
    RejectedUpload,
    TargetUnavailable,
    TransientUploadError,
    UploadError,
    attempt_limit_s,
    bundle_hex,
    parse_retry_after,
    sha256_hex,
)
from workstation.core.text.safe_text import one_line

DEFAULT_TIMEOUT_S = 30.0
INSTALL_HINT = "The s3:// upload target needs boto3: pip install 'rewrite-workstation[s3]'"
_URL_OPTIONS = frozenset({"endpoint", "region", "addressing"})
_TRANSIENT_CODES = frozenset(
    {
        "SlowDown", "RequestTimeout", "Throttling", "ThrottlingException", "RequestLimitExceeded",
        "InternalError", "ServiceUnavailable", "ConditionalRequestConflict", "OperationAborted",
    }
)  # fmt: skip
_CONFIGURATION_CODES = frozenset(
    {
        "NoSuchBucket", "AccessDenied", "AllAccessDisabled", "InvalidAccessKeyId", "SignatureDoesNotMatch",
        "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "AuthorizationHeaderMalformed",
        "PermanentRedirect", "InvalidBucketName", "AccountProblem", "RequestTimeTooSkewed",
    }
)  # fmt: skip


class S3Target:
    """Uploads bundles to one bucket and key prefix; see the module docstring for the rules.

    `client` may be passed in (tests, custom sessions); otherwise one is built from boto3 with
    `timeout_s` for connecting and reading and botocore's own retries switched off (the pusher
    retries with backoff).
    """

    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        addressing_style: str | None = None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        client: Any = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not bucket or "/" in bucket:
            raise ValueError(f"bad bucket name: {bucket!r}")
        self.bucket = bucket
        self.prefix = "/".join(part for part in prefix.split("/") if part)
        self._clock = clock
        self.timeout_s = timeout_s
        self._conditional_writes = True
        self._client = client or _make_client(endpoint_url, region, addressing_style, timeout_s)

    @property
    def url(self) -> str:
        """`s3://bucket/prefix` (the endpoint is configuration, not identity)."""
        return f"s3://{self.bucket}/{self.prefix}" if self.prefix else f"s3://{self.bucket}"

    @property
    def client(self) -> Any:
        """The boto3 S3 client (for the reviewer's pull, ``sync.s3_pull``)."""
        return self._client

    def key_for(self, bundle_id: str) -> str:
        """The object key for a bundle (validates the id first)."""
        name = f"sha256/{bundle_hex(bundle_id)}.zip"
        return f"{self.prefix}/{name}" if self.prefix else name

    def put(self, bundle_id: str, data: bytes, *, time_limit_s: float | None = None) -> Receipt:
        """Create the object if absent and read it back; same object already there → already present.

        The attempt ends within `attempt_limit_s(timeout_s, size)` seconds, or `time_limit_s` if
        shorter (see the module docstring for what happens to a call still running then).
        """
        key = self.key_for(bundle_id)
        budget_s = attempt_limit_s(self.timeout_s, len(data))
        if time_limit_s is not None:
            budget_s = max(0.0, min(budget_s, time_limit_s))
        try:
            return run_within(budget_s, lambda: self._put_now(bundle_id, key, data))
        except DeadlinePassed:
            raise TransientUploadError(
                f"S3 did not finish within {budget_s:.1f} s; will retry (a late write is harmless)"
            ) from None

    def _put_now(self, bundle_id: str, key: str, data: bytes) -> Receipt:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            if self._conditional_writes:
                try:
                    response = self._put_object(key, bundle_id, data, if_none_match=True)
                    return self._confirm_written(bundle_id, key, data, response)
                except ClientError as error:
                    if _status(error) == 412 or _code(error) == "PreconditionFailed":
                        return self._confirm_existing(bundle_id, key, data)
                    if not _conditional_write_unsupported(error):
                        raise
                    self._conditional_writes = False
            existing = self._head(key)
            if existing is not None:
                return self._confirm_existing(bundle_id, key, data, head=existing)
            response = self._put_object(key, bundle_id, data, if_none_match=False)
            return self._confirm_written(bundle_id, key, data, response)
        except ClientError as error:
            raise classify_client_error(error, self._clock()) from error
        except BotoCoreError as error:
            raise classify_botocore_error(error) from error

    def _put_object(self, key: str, bundle_id: str, data: bytes, *, if_none_match: bool) -> dict[str, Any]:
        arguments: dict[str, Any] = {
            "Bucket": self.bucket,
            "Key": key,
            "Body": data,
            "ContentType": BUNDLE_MEDIA_TYPE,
            "ContentMD5": base64.b64encode(_md5(data).digest()).decode("ascii"),
            "Metadata": {"sha256": sha256_hex(data), "bundle-id": bundle_id},
        }
        if if_none_match:
            arguments["IfNoneMatch"] = "*"
        result: dict[str, Any] = self._client.put_object(**arguments)
        return result

    def _head(self, key: str) -> dict[str, Any] | None:
        from botocore.exceptions import ClientError

        try:
            result: dict[str, Any] = self._client.head_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            if _status(error) == 404 or _code(error) in ("404", "NoSuchKey", "NotFound"):
                return None
            raise
        return result

    def _confirm_written(self, bundle_id: str, key: str, data: bytes, put: dict[str, Any]) -> Receipt:
        """Read back what PutObject said it stored; only a match is proof of the upload."""
        from botocore.exceptions import ClientError

        location = f"s3://{self.bucket}/{key}"
        try:
            head = self._head(key)
        except ClientError as error:
            if _status(error) != 403:
                raise
            if _etag(put) == _md5(data).hexdigest():
                proof = "S3 PutObject ETag is the MD5 of the bytes sent (read-back not allowed)"
                return self._receipt(bundle_id, key, data, put, already_present=False, proof=proof)
            raise TransientUploadError(
                f"S3 took {location} but these credentials may not read it back (HEAD 403) and its "
                "ETag is not the MD5 of the bytes sent, so there is no proof yet; allow s3:GetObject"
            ) from None
        if head is None:
            raise TransientUploadError(f"S3 took {location} but it is not there when read back; will retry")
        matched = self._same_object(key, data, head)
        if matched is None:
            raise TransientUploadError(f"S3 took {location} but it reads back as a different object")
        return self._receipt(bundle_id, key, data, {**head, **put}, already_present=False, proof=matched)

    def _confirm_existing(
        self, bundle_id: str, key: str, data: bytes, head: dict[str, Any] | None = None
    ) -> Receipt:
        """Check that the object under our key holds our bytes before calling it already present."""
        from botocore.exceptions import ClientError

        try:
            head = head or self._head(key)
        except ClientError as error:
            if _status(error) != 403:
                raise
            # Upload-only credentials may not read back. The 412 proved the key exists, and the key
            # is the bundle's content address, so accept it rather than reject good work.
            proof = "S3 412: an object exists under the content address (read-back not allowed)"
            return self._receipt(bundle_id, key, data, {}, already_present=True, proof=proof)
        if head is None:
            raise TransientUploadError(f"s3://{self.bucket}/{key} vanished while being checked; will retry")
        location = f"s3://{self.bucket}/{key}"
        stored_size = head.get("ContentLength")
        if stored_size != len(data):
            raise RejectedUpload(
                one_line(f"a different object ({stored_size} bytes) already exists at {location}")
            )
        matched = self._same_object(key, data, head)
        if matched is None:
            raise RejectedUpload(f"a different object with the same size already exists at {location}")
        return self._receipt(bundle_id, key, data, head, already_present=True, proof=matched)

    def _same_object(self, key: str, data: bytes, head: dict[str, Any]) -> str | None:
        """How the object under `key` was shown to hold `data` (a proof phrase), or None if it does not.

        Uses the `sha256` metadata we write, else the MD5 ETag of a single-part upload, else reads
        at most `len(data) + 1` bytes of the object and compares them.
        """
        if head.get("ContentLength") != len(data):
            return None
        stored_sha256 = (head.get("Metadata") or {}).get("sha256")
        if stored_sha256 is not None:
            same = stored_sha256 == sha256_hex(data)
            return f"S3 object read back: {len(data)} bytes, sha256 metadata matches" if same else None
        if _etag(head) == _md5(data).hexdigest():
            return f"S3 object read back: {len(data)} bytes, MD5 ETag matches"
        body = self._client.get_object(Bucket=self.bucket, Key=key)["Body"]
        try:
            content = body.read(len(data) + 1)
        finally:
            body.close()
        return f"S3 object read back: {len(data)} bytes, identical" if content == data else None

    def _receipt(
        self,
        bundle_id: str,
        key: str,
        data: bytes,
        response: dict[str, Any],
        *,
        already_present: bool,
        proof: str,
    ) -> Receipt:
        metadata = response.get("ResponseMetadata") or {}
        etag = response.get("ETag")
        return Receipt(
            target_url=self.url,
            bundle_id=bundle_id,
            location=f"s3://{self.bucket}/{key}",
            already_present=already_present,
            size_bytes=len(data),
            content_sha256=sha256_hex(data),
            uploaded_at=self._clock(),
            http_status=metadata.get("HTTPStatusCode"),
            etag=one_line(etag, 200) if isinstance(etag, str) and etag else None,
            proof=proof,
        )


def s3_target_from_url(
    url: str, *, timeout_s: float = DEFAULT_TIMEOUT_S, clock: Callable[[], float] = time.time
) -> S3Target:
    """Build a target from `s3://bucket/prefix?endpoint=…&region=…&addressing=path|virtual`."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme != "s3" or not parsed.netloc:
        raise ValueError(f"not an s3://bucket/prefix URL: {url!r}")
    options = urllib.parse.parse_qs(parsed.query, keep_blank_values=False, strict_parsing=False)
    unknown = set(options) - _URL_OPTIONS
    if unknown:
        raise ValueError(f"unknown s3 URL option(s) {sorted(unknown)}; known: {sorted(_URL_OPTIONS)}")
    endpoint = _single(options, "endpoint")
    if endpoint is not None and urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise ValueError(f"endpoint must be an http(s) URL, got {endpoint!r}")
    addressing = _single(options, "addressing")
    if addressing not in (None, "path", "virtual", "auto"):
        raise ValueError(f"addressing must be path, virtual or auto, got {addressing!r}")
    return S3Target(
        parsed.netloc,
        urllib.parse.unquote(parsed.path),
        endpoint_url=endpoint,
        region=_single(options, "region"),
        addressing_style=addressing,
        timeout_s=timeout_s,
        clock=clock,
    )


def _single(options: dict[str, list[str]], name: str) -> str | None:
    values = options.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise ValueError(f"s3 URL option {name!r} given more than once")
    return values[0]


def _make_client(
    endpoint_url: str | None, region: str | None, addressing_style: str | None, timeout_s: float
) -> Any:
    """Import boto3 now (not at module import) and build a client with our timeouts and no retries."""
    try:
        import boto3
        from botocore.config import Config
        from botocore.exceptions import BotoCoreError
    except ImportError as error:
        raise TargetUnavailable(INSTALL_HINT) from error
    endpoint = endpoint_url or os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL")
    style = addressing_style or ("path" if endpoint else "auto")
    settings: dict[str, Any] = {
        "connect_timeout": timeout_s,
        "read_timeout": timeout_s,
        "retries": {"total_max_attempts": 1},
        "s3": {"addressing_style": style},
        # Newer botocore adds CRC checksums that older S3-compatible stores refuse; ask only when required.
        "request_checksum_calculation": "when_required",
        "response_checksum_validation": "when_required",
    }
    try:
        try:
            config = Config(**settings)
        except TypeError:  # botocore older than 1.36 has no checksum settings
            del settings["request_checksum_calculation"], settings["response_checksum_validation"]
            config = Config(**settings)
        session = boto3.session.Session(region_name=region)
        return session.client("s3", endpoint_url=endpoint, config=config)
    except BotoCoreError as error:
        raise TargetUnavailable(f"cannot set up the S3 client: {error}") from error


def _md5(data: bytes) -> Any:
    # MD5 only for S3's Content-MD5 integrity check and ETag comparison, never for security.
    return hashlib.md5(data, usedforsecurity=False)


def _etag(response: dict[str, Any]) -> str:
    """An S3 ETag without its quotes ("" when absent)."""
    return str(response.get("ETag") or "").strip('"')


def _status(error: Any) -> int | None:
    status = (error.response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
    return int(status) if status is not None else None


def _code(error: Any) -> str:
    return str((error.response.get("Error") or {}).get("Code", ""))


def _message(error: Any) -> str:
    return str((error.response.get("Error") or {}).get("Message", "")) or str(error)


def _conditional_write_unsupported(error: Any) -> bool:
    """Whether a store told us it does not do `If-None-Match` on PutObject."""
    if _status(error) == 501 or _code(error) == "NotImplemented":
        return True
    mentions_header = "if-none-match" in _message(error).lower()
    return _status(error) == 400 and _code(error) in ("InvalidArgument", "InvalidRequest") and mentions_header


def classify_client_error(error: Any, now_epoch_s: float) -> UploadError:
    status = _status(error) or 0
    code = _code(error)
    message = one_line(f"S3 {code or status}: {_message(error)}")
    if code in _TRANSIENT_CODES or status >= 500 or status in (408, 429):
        headers = (error.response.get("ResponseMetadata") or {}).get("HTTPHeaders") or {}
        retry_after = parse_retry_after(headers.get("retry-after"), now_epoch_s)
        return TransientUploadError(message, retry_after=retry_after)
    if code in _CONFIGURATION_CODES or status in (401, 403) or code in ("401", "403"):
        return TargetUnavailable(message)
    return RejectedUpload(message, status=status or None)


def classify_botocore_error(error: Exception) -> UploadError:
    from botocore import exceptions

    message = one_line(f"S3: {error}")
    if isinstance(error, exceptions.SSLError) and "CERTIFICATE_VERIFY_FAILED" in str(error):
        return TargetUnavailable(message)
    if isinstance(error, exceptions.ConnectionError | exceptions.HTTPClientError):
        return TransientUploadError(message)
    return TargetUnavailable(message)
