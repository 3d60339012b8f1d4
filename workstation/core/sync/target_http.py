"""`http(s)://host/path` target: one HTTP PUT per bundle to `{base}/{bundle_id}`, as the collector
protocol says (docs/upload-protocol.md).

A bundle counts as uploaded only on the collector's proof: `201 Created`, or `200 OK` with a
receipt naming this bundle's id, SHA-256 and size (`collector_receipt`). Any other 2xx, and a 200
without a matching receipt (a captive portal's page, a proxy's, an empty body), fails the attempt
with a sentence saying what arrived, and it is tried again later. The bundle id doubles as the
`Idempotency-Key`, so a PUT retried after a lost reply is harmless.

Every attempt is bounded (`http_exchange`): it ends within `attempt_limit_s` (or the caller's
`time_limit_s`, if shorter) however slowly the server answers, and reads at most 64 KiB of any
answer. Redirects are followed only when they keep the method and body (307, 308) and stay on
the same scheme, host and port, at most `MAX_REDIRECTS` times: anything else could send the
bundle and the credentials somewhere the person did not choose (a portal's login page, another
host, plain http), so it is refused with a sentence naming where it pointed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import ssl
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from workstation.core.sync.collector_receipt import (
    RECEIPT_MEDIA_TYPE,
    CollectorReceipt,
    NotProof,
    check_receipt,
    describe_body,
    is_receipt_type,
    looks_like_html,
    status_words,
)
from workstation.core.sync.deadline import Deadline
from workstation.core.sync.http_exchange import ExchangeFailed, HttpAnswer, HttpLimits, exchange
from workstation.core.sync.targets_base import (
    BUNDLE_MEDIA_TYPE,
    Receipt,
    RejectedUpload,
    TargetUnavailable,
    TransientUploadError,
    attempt_limit_s,
    bundle_hex,
    parse_retry_after,
)
from workstation.core.text.safe_text import one_line

DEFAULT_TIMEOUT_S = 30.0
MAX_REDIRECTS = 3
_FOLLOWED_REDIRECTS = frozenset({307, 308})
_RETRYABLE_CLIENT_STATUSES = frozenset({408, 429})
_CREDENTIAL_STATUSES = frozenset({401, 407})
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class _Upload:
    """One bundle being sent; `digest` is the SHA-256 of `data`, computed once per attempt."""

    bundle_id: str
    data: bytes
    digest: bytes


@dataclass(frozen=True)
class _Endpoint:
    scheme: str
    host: str
    port: int | None
    base_path: str
    query: str
    authorization: str | None

    @property
    def effective_port(self) -> int:
        return self.port if self.port is not None else _DEFAULT_PORTS[self.scheme]

    def request_path(self, bundle_id: str) -> str:
        path = f"{self.base_path.rstrip('/')}/{urllib.parse.quote(bundle_id, safe='')}"
        return f"{path}?{self.query}" if self.query else path

    def origin_url(self) -> str:
        """`scheme://host[:port]`, without credentials."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}" if self.port is None else f"{self.scheme}://{host}:{self.port}"

    def public_url(self) -> str:
        return self.origin_url() + (self.base_path or "/")


def _parse_endpoint(url: str) -> _Endpoint:
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https"):
        raise ValueError(f"not an http(s) URL: {url!r}")
    if not parsed.hostname:
        raise ValueError(f"http(s) URL needs a host: {url!r}")
    if parsed.fragment:
        raise ValueError(f"http(s) upload URL takes no #fragment: {url!r}")
    try:
        port = parsed.port
    except ValueError as error:
        raise ValueError(f"bad port in {url!r}") from error
    authorization = None
    if parsed.username is not None:
        user = urllib.parse.unquote(parsed.username)
        password = urllib.parse.unquote(parsed.password or "")
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        authorization = f"Basic {token}"
    return _Endpoint(parsed.scheme, parsed.hostname, port, parsed.path, parsed.query, authorization)


class HttpTarget:
    """PUTs bundles to an HTTP(S) collector.

    `timeout_s` is the longest any one network step may wait without progress, and the base of
    the whole attempt's budget (`attempt_limit_s`). `extra_headers` lets a caller add e.g. an
    `Authorization: Bearer …` header; user:password in the URL becomes Basic auth. `limits`
    overrides the answer size caps (tests).
    """

    def __init__(
        self,
        url: str,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        extra_headers: Mapping[str, str] | None = None,
        ssl_context: ssl.SSLContext | None = None,
        clock: Callable[[], float] = time.time,
        limits: HttpLimits | None = None,
    ) -> None:
        if timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        self._endpoint = _parse_endpoint(url)
        self._timeout_s = timeout_s
        self._limits = limits or HttpLimits(longest_step_s=timeout_s)
        self._extra_headers = dict(extra_headers or {})
        self._ssl_context = ssl_context
        self._clock = clock

    @property
    def url(self) -> str:
        """The base URL without credentials or query string."""
        return self._endpoint.public_url()

    def attempt_limit_s(self, size_bytes: int) -> float:
        """The longest one attempt to upload `size_bytes` may take, in seconds, redirects included."""
        return attempt_limit_s(self._timeout_s, size_bytes)

    def put(self, bundle_id: str, data: bytes, *, time_limit_s: float | None = None) -> Receipt:
        """PUT the bundle; a receipt only on the collector's proof, else raise per the module rules."""
        bundle_hex(bundle_id)
        budget_s = self.attempt_limit_s(len(data))
        if time_limit_s is not None:
            budget_s = max(0.0, min(budget_s, time_limit_s))
        deadline = Deadline(budget_s)
        upload = _Upload(bundle_id, data, hashlib.sha256(data).digest())  # hashed once: 16 MiB ≈ 10 ms
        headers = self._headers(upload)
        path = self._endpoint.request_path(bundle_id)
        for _hop in range(MAX_REDIRECTS + 1):
            answer = self._exchange(path, data, headers, deadline)
            if answer.status not in _FOLLOWED_REDIRECTS:
                return self._judge(upload, answer, path)
            path = self._redirected_path(path, answer)
        raise TargetUnavailable(
            f"the collector redirected more than {MAX_REDIRECTS} times; check the target URL"
        )

    def _exchange(self, path: str, data: bytes, headers: Mapping[str, str], deadline: Deadline) -> HttpAnswer:
        endpoint = self._endpoint
        if endpoint.scheme == "https" and self._ssl_context is None:
            self._ssl_context = ssl.create_default_context()  # once: loading the CA store takes ~40 ms
        try:
            return exchange(
                endpoint.scheme,
                endpoint.host,
                endpoint.effective_port,
                "PUT",
                path,
                data,
                headers,
                deadline=deadline,
                limits=self._limits,
                ssl_context=self._ssl_context,
            )
        except ExchangeFailed as failure:
            if failure.untrusted_certificate:
                raise TargetUnavailable(failure.reason) from failure
            raise TransientUploadError(failure.reason) from failure

    def _headers(self, upload: _Upload) -> dict[str, str]:
        digest_b64 = base64.b64encode(upload.digest).decode("ascii")
        headers = {
            "Content-Type": BUNDLE_MEDIA_TYPE,
            "Content-Length": str(len(upload.data)),
            "Accept": RECEIPT_MEDIA_TYPE,
            "Idempotency-Key": upload.bundle_id,
            "Content-Digest": f"sha-256=:{digest_b64}:",
            "Digest": f"SHA-256={digest_b64}",
            "X-Content-SHA256": upload.digest.hex(),
            "User-Agent": "rewrite-workstation",
        }
        if self._endpoint.authorization:
            headers["Authorization"] = self._endpoint.authorization
        headers.update(self._extra_headers)
        return headers

    def _judge(self, upload: _Upload, answer: HttpAnswer, path: str) -> Receipt:
        """Turn the final answer into a receipt (proof) or the right kind of failure."""
        status = answer.status
        if status in (200, 201):
            collector_receipt = self._checked_receipt(upload, answer)
            return self._receipt(upload, answer, path, collector_receipt)
        said = status_words(status)
        if 200 <= status < 300:
            raise TransientUploadError(
                f"{said} is not proof that the collector stored the bundle "
                "(the protocol asks for 201 Created, or 200 OK with a receipt)"
            )
        reason = _server_reason(answer)
        message = one_line(f"{said}: {reason}" if reason else said)
        if 500 <= status < 600 or status in _RETRYABLE_CLIENT_STATUSES:
            retry_after = parse_retry_after(answer.header("Retry-After"), self._clock())
            raise TransientUploadError(message, retry_after=retry_after)
        if 300 <= status < 400:
            raise _redirect_not_followed(said, answer.header("Location") or "nowhere")
        if status in _CREDENTIAL_STATUSES:
            raise TargetUnavailable(f"{message}; check the credentials for the upload target")
        if 400 <= status < 500:
            raise RejectedUpload(message, status=status)
        raise TransientUploadError(f"{said} is not an answer the upload protocol knows")

    def _checked_receipt(self, upload: _Upload, answer: HttpAnswer) -> CollectorReceipt | None:
        """The receipt a 200 must carry and a 201 may carry; a 201's unread or foreign body is ignored."""
        content_type = answer.header("Content-Type")
        if answer.status == 201 and not (is_receipt_type(content_type) and answer.body_problem is None):
            return None
        try:
            return check_receipt(
                answer.status,
                content_type,
                answer.body,
                answer.body_problem,
                bundle_id=upload.bundle_id,
                sha256=upload.digest.hex(),
                size=len(upload.data),
            )
        except NotProof as not_proof:
            raise TransientUploadError(not_proof.reason) from None

    def _receipt(
        self, upload: _Upload, answer: HttpAnswer, path: str, collector: CollectorReceipt | None
    ) -> Receipt:
        said = status_words(answer.status)
        here = self._endpoint.origin_url() + path.split("?", 1)[0]
        named = (
            collector.location if collector is not None and collector.location else answer.header("Location")
        )
        location = one_line(urllib.parse.urljoin(here, named), 500) if named else here
        etag = answer.header("ETag")
        return Receipt(
            target_url=self.url,
            bundle_id=upload.bundle_id,
            location=location,
            already_present=answer.status == 200,
            size_bytes=len(upload.data),
            content_sha256=upload.digest.hex(),
            uploaded_at=self._clock(),
            http_status=answer.status,
            etag=one_line(etag, 200) if etag else None,
            proof=f"{said} with a collector receipt" if collector is not None else said,
        )

    def _redirected_path(self, path: str, answer: HttpAnswer) -> str:
        """Where a 307/308 points, if it stays on this scheme, host and port; else TargetUnavailable."""
        said = status_words(answer.status)
        location = (answer.header("Location") or "").strip()
        if not location:
            raise TargetUnavailable(f"{said} without a Location header; check the target URL")
        moved = same_origin_redirect(self._endpoint.origin_url() + path, location)
        if moved is None:
            raise _redirect_not_followed(said, location)
        return moved


def _redirect_not_followed(said: str, location: str) -> TargetUnavailable:
    return TargetUnavailable(
        f"{said}: the server redirects to {one_line(location, 200)}, which is not followed (only 307 "
        "and 308 to the same scheme, host and port are); if that is the collector, use that URL as the target"
    )


def same_origin_redirect(current_url: str, location: str) -> str | None:
    """The path (with query) a redirect's `location` names, if it keeps `current_url`'s origin.

    The origin is scheme, host and port: never https to http, never another host (the bundle and
    any credentials go only where the person pointed), no user:password, and only printable ASCII
    (a Location is the server's text). Returns None when the redirect is not to be followed.
    """
    if not (location.isascii() and location.isprintable()) or " " in location:
        return None
    here = urllib.parse.urlsplit(current_url)
    there = urllib.parse.urlsplit(urllib.parse.urljoin(current_url, location))
    try:
        here_port = here.port or _DEFAULT_PORTS.get(here.scheme)
        there_port = there.port or _DEFAULT_PORTS.get(there.scheme)
    except ValueError:
        return None
    same_origin = (
        there.scheme == here.scheme
        and (there.hostname or "").lower() == (here.hostname or "").lower()
        and there_port == here_port
        and there.username is None
        and there.password is None
    )
    if not same_origin:
        return None
    path = there.path or "/"
    return f"{path}?{there.query}" if there.query else path


def _server_reason(answer: HttpAnswer) -> str:
    """The server's explanation of a failure: a JSON `message`/`error`/`detail`/`reason`, a text
    body, an HTML page's title, or a reason phrase other than the standard one; "" when none."""
    text = answer.body.decode("utf-8", errors="replace").strip()
    if text.startswith("{"):
        try:
            document = json.loads(text)
        except (ValueError, RecursionError):
            document = None
        if isinstance(document, dict):
            for field in ("message", "error", "detail", "reason"):
                value = document.get(field)
                if isinstance(value, str) and value.strip():
                    return one_line(value)
    content_type = answer.header("Content-Type")
    if text and looks_like_html(content_type, answer.body):
        return describe_body(content_type, answer.body)
    if text and not text.startswith("<"):
        return one_line(text)
    phrase = one_line(answer.reason or "", 80)
    standard = status_words(answer.status).split(" ", 2)[-1]
    return phrase if phrase and phrase.lower() != standard.lower() else ""
