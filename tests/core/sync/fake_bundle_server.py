"""A bundle collector on loopback that follows docs/upload-protocol.md and can be told to misbehave.

Well-behaved, it answers PUT /bundles/<bundle id> (or /moved/bundles/<id>, where redirects point)
with 201 + receipt when it stores the bundle, 200 + receipt when it already has the same bytes,
409 for different bytes and 400 for a body whose X-Content-SHA256 is wrong. Each request consumes
one fault, from the scripted `faults` queue first, else from `fault_picker` (random runs), else
"ok":

    "reset"          read part of the body, then abort the connection (TCP RST)
    "timeout"        say nothing for `stall_s` seconds, then hang up without storing
    "500"            answer 500
    "429"            answer 429 with `Retry-After: <retry_after_s>`
    "drop_reply"     store the bundle, then close the socket without any reply
    "reject"         answer 422 with a long explanation
    "redirect"       answer 308 pointing at https://elsewhere.example/bundles (another origin)
    "redirect_here"  answer 307 pointing at /moved/<same path> on this server
    "slow_headers"   do not store; send the status line, then a header byte every `trickle_s`
    "slow_body"      store, then answer 200 with a receipt trickled a byte every `trickle_s`
    "huge_201"       store, then answer 201 with a 1 GiB body, sent as fast as the client reads
    "html_200"       do not store; answer 200 with a captive portal's HTML page
    "wrong_receipt"  do not store; answer 200 with a receipt for another bundle
    "empty_200"      do not store; answer 200 with an empty body (a web server ignoring PUT)
    "slow_201"       store, then answer 201 with a receipt trickled a byte every `trickle_s`
    "fat_headers"    do not store; answer 200 with 40 KiB of headers, sent at once
    "many_headers"   do not store; answer 200 with 150 short headers
    "hostile_reason" do not store; answer 422 with escape sequences in the phrase and the body
    "hostile_201"    store, then answer 201 with escape sequences in Location and ETag
    "status:NNN"     do not store; answer status NNN with an empty body
    "html_502"       do not store; answer 502 with the captive portal's page (a proxy's error page)
    "slow_reader"    read the body 64 KiB every `trickle_s`, then store and answer as usual

A trickle stops when the client hangs up, or after `trickle_limit_s` at the latest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import socket
import struct
import threading
import time
import urllib.parse
from collections import Counter, deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from workstation.core.sync.collector_receipt import RECEIPT_MEDIA_TYPE

_BUNDLE_PATH = re.compile(r"(?:/moved)?/bundles/(sha256:[0-9a-f]{64})")
REJECT_TEXT = "bundle signer is not enrolled in this project. " * 20
PORTAL_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>Caf\xc3\xa9 Wi-Fi \xe2\x80\x94 please log in</title></head>"
    b"<body><form action='/login'><input name=room></form></body></html>\n"
)
HOSTILE_TEXT = "\x1b[2J\x1b]0;owned\x07\r\nSet-Cookie: x=1\u202eevil"
HUGE_BODY_BYTES = 1 << 30
_HUGE_CHUNK = b"\0" * 65536


def receipt_body(bundle_id: str, data: bytes) -> bytes:
    """The receipt the protocol defines, for `data` stored under `bundle_id`."""
    receipt = {
        "bundle_id": bundle_id,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "location": f"/bundles/{bundle_id}",
    }
    return json.dumps(receipt).encode()


class BundleStore:
    """What the server holds, shared across restarts; all access under `lock`.

    `stores` counts how often each bundle was written (a correct run never exceeds 1);
    `huge_bytes_sent` how much of the "huge_201" bodies the server managed to send.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.objects: dict[str, bytes] = {}
        self.stores: Counter[str] = Counter()
        self.put_requests: Counter[str] = Counter()
        self.faults: deque[str] = deque()
        self.fault_picker: Callable[[], str] | None = None
        self.faults_served: Counter[str] = Counter()
        self.seen_headers: list[dict[str, str]] = []
        self.stall_s = 0.4
        self.retry_after_s = 2
        self.trickle_s = 0.05
        self.trickle_limit_s = 30.0
        self.huge_bytes_sent = 0

    def next_fault(self) -> str:
        with self.lock:
            if self.faults:
                fault = self.faults.popleft()
            else:
                fault = self.fault_picker() if self.fault_picker is not None else "ok"
            self.faults_served[fault] += 1
            return fault

    def keep(self, bundle_id: str, body: bytes) -> bytes | None:
        """Store `body` unless something is already stored; returns what was there before."""
        with self.lock:
            existing = self.objects.get(bundle_id)
            if existing is None:
                self.objects[bundle_id] = body
                self.stores[bundle_id] += 1
            return existing


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        return

    def do_PUT(self) -> None:
        store = self.server.store
        fault = store.next_fault()
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        match = _BUNDLE_PATH.fullmatch(path)
        length = int(self.headers.get("Content-Length", "0"))
        with store.lock:
            store.put_requests[path] += 1
            store.seen_headers.append(dict(self.headers.items()))
        if fault == "reset":
            self.rfile.read(length // 2)
            self._abort_with_reset()
            return
        if fault == "timeout":
            time.sleep(store.stall_s)
            self._hang_up()
            return
        body = self._read_slowly(length) if fault == "slow_reader" else self.rfile.read(length)
        if self._answer_without_storing(fault, path):
            return
        if match is None:
            self._reply(404, b"no such bundle path")
            return
        if self.headers.get("X-Content-SHA256") != hashlib.sha256(body).hexdigest():
            self._reply(400, b"digest mismatch")
            return
        bundle_id = match.group(1)
        existing = store.keep(bundle_id, body)
        if fault == "drop_reply":
            self._hang_up()
        elif fault in ("slow_body", "slow_201"):
            self._trickle_receipt(bundle_id, body, 201 if fault == "slow_201" else 200)
        elif fault == "hostile_201":
            self._reply(201, b"", {"Location": "/bundles/\x1b[31mred", "ETag": '"v1\x1b[0m"'})
        elif fault == "huge_201":
            self._huge_created()
        elif existing is None:
            self._reply(201, receipt_body(bundle_id, body), self._created_headers(bundle_id))
        elif existing == body:
            self._reply(200, receipt_body(bundle_id, body), {"Content-Type": RECEIPT_MEDIA_TYPE})
        else:
            self._reply(409, b'{"message": "a different bundle is stored under this id"}')

    def _answer_without_storing(self, fault: str, path: str) -> bool:
        """Faults that answer before anything is stored; True when one did."""
        store = self.server.store
        if fault == "500":
            self._reply(500, b"database is having a moment")
        elif fault == "429":
            self._reply(429, b"slow down", {"Retry-After": str(store.retry_after_s)})
        elif fault == "reject":
            self._reply(422, REJECT_TEXT.encode())
        elif fault == "redirect":
            self._reply(308, b"", {"Location": "https://elsewhere.example/bundles"})
        elif fault == "redirect_here":
            self._reply(307, b"", {"Location": "/moved" + self.path.removeprefix("/moved")})
        elif fault == "html_200":
            self._reply(200, PORTAL_PAGE, {"Content-Type": "text/html; charset=utf-8"})
        elif fault == "html_502":
            self._reply(502, PORTAL_PAGE, {"Content-Type": "text/html"})
        elif fault == "empty_200":
            self._reply(200, b"")
        elif fault == "wrong_receipt":
            other = "sha256:" + "0" * 64
            self._reply(200, receipt_body(other, b"something else"), {"Content-Type": RECEIPT_MEDIA_TYPE})
        elif fault == "slow_headers":
            self._trickle(b"HTTP/1.1 200 OK\r\n", b"X-Padding: " + b"a" * 100_000)
        elif fault == "fat_headers":
            self._reply(200, b"", {f"X-Fat-{n}": "f" * 1000 for n in range(40)})
        elif fault == "many_headers":
            self._reply(200, b"", {f"X-Many-{n}": "m" for n in range(150)})
        elif fault == "hostile_reason":
            self.send_response(422, "Bad\x1b[31m Request")
            body = HOSTILE_TEXT.encode()
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True
        elif fault.startswith("status:"):
            self._reply(int(fault.removeprefix("status:")), b"")
        else:
            return False
        return True

    def _read_slowly(self, length: int) -> bytes:
        pieces: list[bytes] = []
        while length > 0:
            time.sleep(self.server.store.trickle_s)
            piece = self.rfile.read(min(length, 65536))
            if not piece:
                break
            pieces.append(piece)
            length -= len(piece)
        return b"".join(pieces)

    @staticmethod
    def _created_headers(bundle_id: str) -> dict[str, str]:
        return {"Content-Type": RECEIPT_MEDIA_TYPE, "Location": f"/bundles/{bundle_id}", "ETag": '"v1"'}

    def _trickle_receipt(self, bundle_id: str, body: bytes, status: int) -> None:
        receipt = receipt_body(bundle_id, body)
        phrase = "Created" if status == 201 else "OK"
        head = (
            f"HTTP/1.1 {status} {phrase}\r\nContent-Type: {RECEIPT_MEDIA_TYPE}\r\n"
            f"Content-Length: {len(receipt)}\r\nConnection: close\r\n\r\n"
        )
        self._trickle(head.encode(), receipt)

    def _trickle(self, prefix: bytes, drip: bytes) -> None:
        """Send `prefix` at once, then `drip` one byte every `trickle_s`, until the client leaves."""
        store = self.server.store
        self.close_connection = True
        ends_at = time.monotonic() + store.trickle_limit_s
        with contextlib.suppress(OSError):
            self.wfile.write(prefix)
            for index in range(len(drip)):
                if time.monotonic() > ends_at:
                    break
                time.sleep(store.trickle_s)
                self.wfile.write(drip[index : index + 1])

    def _huge_created(self) -> None:
        store = self.server.store
        self.close_connection = True
        head = (
            f"HTTP/1.1 201 Created\r\nContent-Type: application/octet-stream\r\n"
            f"Content-Length: {HUGE_BODY_BYTES}\r\nConnection: close\r\n\r\n"
        )
        with contextlib.suppress(OSError):
            self.wfile.write(head.encode())
            for _ in range(HUGE_BODY_BYTES // len(_HUGE_CHUNK)):
                self.wfile.write(_HUGE_CHUNK)
                with store.lock:
                    store.huge_bytes_sent += len(_HUGE_CHUNK)

    def _reply(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def _hang_up(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _abort_with_reset(self) -> None:
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    def finish(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            super().finish()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    store: BundleStore

    def handle_error(self, request: object, client_address: object) -> None:  # aborted sockets are expected
        return


class FakeBundleServer:
    """Runs `_Server` in a thread on 127.0.0.1; can be stopped and restarted on the same port."""

    def __init__(self) -> None:
        self.store = BundleStore()
        self.port = 0
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bundles"

    def start(self) -> None:
        server = _Server(("127.0.0.1", self.port), _Handler)
        server.store = self.store
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
