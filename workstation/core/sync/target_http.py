"""`http(s)://host/path` target: one HTTP PUT per bundle to `{base}/{bundle_id}`.

The server answers 201 when it stored the bundle and 200 when it already had it; the bundle id
doubles as the `Idempotency-Key`, so a retried PUT after a lost reply is harmless. Only the
standard library is used (`http.client`), with a fresh connection per upload and a timeout on
connecting and on every read.
"""

from __future__ import annotations

import base64
import http.client
import json
import socket
import ssl
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from workstation.core.sync.targets_base import (
    BUNDLE_MEDIA_TYPE,
    Receipt,
    RejectedUpload,
    TargetUnavailable,
    TransientUploadError,
    bundle_hex,
    parse_retry_after,
    readable_reason,
    sha256_base64,
    sha256_hex,
)

DEFAULT_TIMEOUT_S = 30.0
_ERROR_BODY_LIMIT_BYTES = 16 * 1024
_RETRYABLE_CLIENT_STATUSES = frozenset({408, 429})


@dataclass(frozen=True)
class _Endpoint:
    scheme: str
    host: str
    port: int | None
    base_path: str
    query: str
    authorization: str | None

    def request_path(self, bundle_id: str) -> str:
        path = f"{self.base_path.rstrip('/')}/{urllib.parse.quote(bundle_id, safe='')}"
        return f"{path}?{self.query}" if self.query else path

    def public_url(self) -> str:
        netloc = self.host if self.port is None else f"{self.host}:{self.port}"
        if ":" in self.host:
            netloc = f"[{self.host}]" if self.port is None else f"[{self.host}]:{self.port}"
        return urllib.parse.urlunsplit((self.scheme, netloc, self.base_path or "/", "", ""))


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
    """PUTs bundles to an HTTP(S) collection endpoint.

    `timeout_s` bounds connecting and each socket read (seconds). `extra_headers` lets a caller
    add e.g. an `Authorization: Bearer …` header; user:password in the URL becomes Basic auth.
    """

    def __init__(
        self,
        url: str,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        extra_headers: Mapping[str, str] | None = None,
        ssl_context: ssl.SSLContext | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        self._endpoint = _parse_endpoint(url)
        self._timeout_s = timeout_s
        self._extra_headers = dict(extra_headers or {})
        self._ssl_context = ssl_context
        self._clock = clock

    @property
    def url(self) -> str:
        """The base URL without credentials or query string."""
        return self._endpoint.public_url()

    def put(self, bundle_id: str, data: bytes) -> Receipt:
        """PUT the bundle; 201 → created, 200 → already there, else raise per the module rules."""
        bundle_hex(bundle_id)
        path = self._endpoint.request_path(bundle_id)
        connection = self._connect()
        try:
            connection.request("PUT", path, body=data, headers=self._headers(bundle_id, data))
            response = connection.getresponse()
            status = response.status
            reason_phrase = response.reason
            body = response.read(_ERROR_BODY_LIMIT_BYTES) if status >= 300 else b""
            if status < 300:
                response.read()
            headers = response.headers
        except ssl.SSLCertVerificationError as error:
            message = f"TLS certificate of {self._endpoint.host} not trusted: {error}"
            raise TargetUnavailable(message) from error
        except (OSError, http.client.HTTPException) as error:
            raise TransientUploadError(_network_reason(error)) from error
        finally:
            connection.close()
        return self._interpret(bundle_id, data, status, reason_phrase, headers, body)

    def _connect(self) -> http.client.HTTPConnection:
        endpoint = self._endpoint
        if endpoint.scheme == "https":
            context = self._ssl_context or ssl.create_default_context()
            return http.client.HTTPSConnection(
                endpoint.host, endpoint.port, timeout=self._timeout_s, context=context
            )
        return http.client.HTTPConnection(endpoint.host, endpoint.port, timeout=self._timeout_s)

    def _headers(self, bundle_id: str, data: bytes) -> dict[str, str]:
        digest_b64 = sha256_base64(data)
        headers = {
            "Content-Type": BUNDLE_MEDIA_TYPE,
            "Content-Length": str(len(data)),
            "Idempotency-Key": bundle_id,
            "Content-Digest": f"sha-256=:{digest_b64}:",
            "Digest": f"SHA-256={digest_b64}",
            "X-Content-SHA256": sha256_hex(data),
            "User-Agent": "rewrite-workstation",
        }
        if self._endpoint.authorization:
            headers["Authorization"] = self._endpoint.authorization
        headers.update(self._extra_headers)
        return headers

    def _interpret(
        self,
        bundle_id: str,
        data: bytes,
        status: int,
        reason_phrase: str,
        headers: http.client.HTTPMessage,
        body: bytes,
    ) -> Receipt:
        if 200 <= status < 300:
            return Receipt(
                target_url=self.url,
                bundle_id=bundle_id,
                location=headers.get("Location") or self._absolute_url(bundle_id),
                already_present=status == 200,
                size_bytes=len(data),
                content_sha256=sha256_hex(data),
                uploaded_at=self._clock(),
                http_status=status,
                etag=headers.get("ETag"),
            )
        message = readable_reason(f"HTTP {status}: {_server_reason(body, reason_phrase)}")
        if status >= 500 or status in _RETRYABLE_CLIENT_STATUSES:
            retry_after = parse_retry_after(headers.get("Retry-After"), self._clock())
            raise TransientUploadError(message, retry_after=retry_after)
        if 300 <= status < 400:
            where = headers.get("Location", "somewhere else")
            raise TargetUnavailable(f"{message}; the server redirects to {where}: use that URL as the target")
        raise RejectedUpload(message, status=status)

    def _absolute_url(self, bundle_id: str) -> str:
        base = self.url.rstrip("/")
        return f"{base}/{urllib.parse.quote(bundle_id, safe='')}"


def _server_reason(body: bytes, reason_phrase: str) -> str:
    """The server's explanation: a JSON `message`/`error`/`detail`, else the text body, else the phrase."""
    text = body.decode("utf-8", errors="replace").strip()
    if text.startswith("{"):
        try:
            document = json.loads(text)
        except ValueError:
            document = None
        if isinstance(document, dict):
            for field in ("message", "error", "detail", "reason"):
                value = document.get(field)
                if isinstance(value, str) and value.strip():
                    return readable_reason(value)
    if text and not text.lstrip().startswith("<"):
        return readable_reason(text)
    return readable_reason(reason_phrase or "no reason given")


def _network_reason(error: BaseException) -> str:
    if isinstance(error, TimeoutError):
        return "timed out waiting for the server"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, http.client.RemoteDisconnected):
        return "server closed the connection without replying"
    if isinstance(error, ConnectionResetError | BrokenPipeError):
        return "connection reset by the server"
    if isinstance(error, socket.gaierror):
        return f"cannot resolve host: {error.strerror or error}"
    return readable_reason(f"{type(error).__name__}: {error}")
