"""One HTTP request and its answer, bounded in time and in size, with the stdlib's `http.client`.

`http.client` parses and frames HTTP well but bounds nothing as a whole: its socket timeout
restarts at every read, so a server that trickles a header byte a second holds it forever, and
`read()` takes a body of any size. Here `http.client` talks through `_BoundedSocket`, which
before every send and receive asks the attempt's `Deadline` how long it may block and counts the
bytes received against a budget:

- the whole exchange (name lookup, connect, TLS handshake, sending, waiting, reading) ends by the
  deadline; no single step waits more than `HttpLimits.longest_step_s` without progress, except
  the wait for the answer's first bytes, which may take the rest of the deadline (a large bundle
  sits in the kernel's buffers long after `sendall` returns, and the server answers only once it
  has all of it);
- the status line and headers may take `max_head_bytes` (and `http.client` itself stops at 100
  header lines of at most 64 KiB each);
- at most `max_body_bytes` of the body are read; a longer body is not read further, and the answer
  says so in `body_problem` (the caller decides what an unread body means).

A failure before the status line arrives raises `ExchangeFailed` with a sentence saying what
happened and when; once the status is known the answer is returned, with `body_problem` set if
the body could not be read completely.
"""

from __future__ import annotations

import http.client
import io
import math
import socket
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import Message
from typing import Any

from workstation.core.sync.deadline import Deadline, DeadlinePassed, run_within
from workstation.core.text.safe_text import one_line

_SEND_CHUNK_BYTES = 64 * 1024
_CHUNK_FRAMING_SLACK_BYTES = 4096
_AddressInfo = tuple[socket.AddressFamily, socket.SocketKind, int, str, Any]


@dataclass(frozen=True)
class HttpLimits:
    """What one answer may cost: bytes of head and body, and the longest wait for any one step (s)."""

    max_head_bytes: int = 32 * 1024
    max_body_bytes: int = 64 * 1024
    longest_step_s: float = 30.0


@dataclass(frozen=True)
class HttpAnswer:
    """A server's answer as received: the phrase, headers and body are the server's own words.

    `body` holds at most `HttpLimits.max_body_bytes`; `body_problem` is None when the whole body
    was read, else a short phrase ("over the 64 KiB cap", "timed out after 3.0 s", …).
    """

    status: int
    reason: str
    headers: Message
    body: bytes
    body_problem: str | None

    def header(self, name: str) -> str | None:
        """One header's value as the server sent it, or None."""
        value = self.headers.get(name)
        return value if isinstance(value, str) else None


class ExchangeFailed(Exception):
    """No answer arrived; `reason` says what went wrong and when (safe to show)."""

    def __init__(self, reason: str, *, untrusted_certificate: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.untrusted_certificate = untrusted_certificate


class _AnswerTooLarge(Exception):
    """More bytes arrived than the current budget allows."""


class _BoundedSocket:
    """The socket `http.client` sees: every send and receive is limited by the deadline and budget."""

    def __init__(self, sock: socket.socket, deadline: Deadline, longest_step_s: float, budget: int) -> None:
        self._sock = sock
        self._deadline = deadline
        self.longest_step_s = longest_step_s
        self.received = 0
        self.receive_limit = budget

    def _arm(self) -> None:
        self._sock.settimeout(self._deadline.step_timeout_s(self.longest_step_s))

    def sendall(self, data: bytes) -> None:
        view = memoryview(data)
        for start in range(0, len(view), _SEND_CHUNK_BYTES):
            self._arm()  # each chunk gets the time left, so a slow but moving upload is not cut early
            self._sock.sendall(view[start : start + _SEND_CHUNK_BYTES])

    def recv_into(self, buffer: memoryview) -> int:
        room = self.receive_limit - self.received
        if room <= 0:
            raise _AnswerTooLarge
        self._arm()
        count = self._sock.recv_into(buffer[:room])
        self.received += count
        return count

    def makefile(self, mode: str = "rb", *args: object, **kwargs: object) -> io.BufferedReader:
        if mode != "rb":
            raise ValueError("only binary reading is supported")
        return io.BufferedReader(_BoundedReader(self))

    def close(self) -> None:
        """`http.client` closes when it thinks the answer is complete; `exchange` closes for real."""


class _BoundedReader(io.RawIOBase):
    def __init__(self, sock: _BoundedSocket) -> None:
        self._sock = sock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        return self._sock.recv_into(memoryview(buffer).cast("B"))


def exchange(
    scheme: str,
    host: str,
    port: int,
    method: str,
    path: str,
    body: bytes,
    headers: Mapping[str, str],
    *,
    deadline: Deadline,
    limits: HttpLimits,
    ssl_context: ssl.SSLContext | None = None,
) -> HttpAnswer:
    """Send one request to `scheme://host:port` and return the answer, within `deadline` and `limits`.

    Raises `ExchangeFailed` when no status line arrived (refused, reset, timed out, not HTTP…).
    """
    phase = f"looking up {host}"
    raw: socket.socket | None = None
    bounded: _BoundedSocket | None = None
    try:
        addresses = _resolve(host, port, deadline, limits)
        phase = "connecting"
        raw = _connect(addresses, deadline, limits)
        if scheme == "https":
            context = ssl_context or ssl.create_default_context()
            phase = "in the TLS handshake"
            raw.settimeout(deadline.step_timeout_s(limits.longest_step_s))  # the whole handshake's
            raw = context.wrap_socket(raw, server_hostname=host)
        bounded = _BoundedSocket(raw, deadline, limits.longest_step_s, limits.max_head_bytes)
        connection = http.client.HTTPConnection(host, port)
        connection.default_port = 443 if scheme == "https" else 80  # Host: without a redundant port
        connection.sock = bounded
        phase = "sending the bundle"
        connection.request(method, path, body=body, headers=dict(headers))
        phase = "waiting for the answer"
        bounded.longest_step_s = math.inf  # until the status line and headers are in: the deadline
        response = connection.getresponse()
        bounded.longest_step_s = limits.longest_step_s
        bounded.receive_limit = bounded.received + 2 * limits.max_body_bytes + _CHUNK_FRAMING_SLACK_BYTES
        content, problem = _read_body(response, limits.max_body_bytes, deadline)
        return HttpAnswer(response.status, response.reason, response.headers, content, problem)
    except ssl.SSLCertVerificationError as error:
        message = one_line(f"TLS certificate of {host} not trusted: {error.verify_message or error}")
        raise ExchangeFailed(message, untrusted_certificate=True) from error
    except _AnswerTooLarge as error:
        limit_kib = limits.max_head_bytes // 1024
        raise ExchangeFailed(f"the answer's status line and headers are over {limit_kib} KiB") from error
    except (OSError, http.client.HTTPException) as error:
        received = bounded.received if bounded is not None else 0
        raise ExchangeFailed(_failure_reason(error, phase, deadline, received)) from error
    finally:
        if raw is not None:
            raw.close()


def _resolve(host: str, port: int, deadline: Deadline, limits: HttpLimits) -> Sequence[_AddressInfo]:
    """Addresses for `host`; a numeric address costs nothing, a name lookup is bounded by the deadline."""
    try:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
    except socket.gaierror:
        pass
    wait_s = deadline.step_timeout_s(limits.longest_step_s)
    return run_within(wait_s, lambda: socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))


def _connect(addresses: Sequence[_AddressInfo], deadline: Deadline, limits: HttpLimits) -> socket.socket:
    """Connect to the first address that answers, all tries together within the deadline."""
    last_error: OSError = OSError("no address to connect to")
    for family, kind, protocol, _name, address in addresses:
        sock = socket.socket(family, kind, protocol)
        try:
            sock.settimeout(deadline.step_timeout_s(limits.longest_step_s))
            sock.connect(address)
        except OSError as error:
            sock.close()
            if isinstance(error, DeadlinePassed):
                raise
            last_error = error
            continue
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock
    raise last_error


def _read_body(
    response: http.client.HTTPResponse, max_bytes: int, deadline: Deadline
) -> tuple[bytes, str | None]:
    """Up to `max_bytes` of the body, and why it is incomplete (None when it is all there)."""
    cap = f"over the {max_bytes // 1024} KiB cap (not read further)"
    declared = response.length
    if declared is not None and declared > max_bytes:
        return b"", f"{declared} bytes declared, {cap}"
    try:
        content = response.read(max_bytes + 1)
    except _AnswerTooLarge:
        return b"", cap
    except http.client.IncompleteRead as error:
        return b"", f"the connection closed after {len(error.partial)} bytes of the body"
    except TimeoutError:
        return b"", f"timed out after {deadline.elapsed_s():.1f} s reading the body"
    except (OSError, http.client.HTTPException) as error:
        return b"", one_line(f"the body broke off: {error.__class__.__name__}: {error}", 120)
    if len(content) > max_bytes:
        return content[:max_bytes], cap
    if declared is not None and len(content) < declared:  # http.client returns a short body silently
        return b"", f"the connection closed after {len(content)} of {declared} bytes of the body"
    return content, None


def _failure_reason(error: BaseException, phase: str, deadline: Deadline, received: int) -> str:
    """One sentence for a failure before any answer: what happened, during what, after how long."""
    elapsed = f"{deadline.elapsed_s():.1f} s"
    if isinstance(error, TimeoutError):
        if phase == "waiting for the answer" and received:
            return f"timed out after {elapsed}: only {received} bytes of the answer's headers had arrived"
        return f"timed out {phase} after {elapsed}"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, http.client.RemoteDisconnected):
        return "server closed the connection without replying"
    if isinstance(error, ConnectionResetError | BrokenPipeError):
        return f"connection reset by the server while {phase}"
    if isinstance(error, socket.gaierror):
        return one_line(f"cannot resolve host: {error.strerror or error}")
    if isinstance(error, ssl.SSLError):
        return one_line(f"TLS failed {phase}: {error.reason or error}")
    if isinstance(error, http.client.HTTPException):
        return one_line(f"the answer is not valid HTTP ({type(error).__name__}: {error})", 160)
    return one_line(f"{phase}: {type(error).__name__}: {error}")
