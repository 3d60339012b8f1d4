"""A bundle collection server on loopback that can be told to misbehave, for upload tests.

It follows the HTTP target's contract (PUT /bundles/<bundle id>: 201 stored, 200 already there,
409 different bytes, 400 bad request) and consumes one scripted fault per request from `faults`:

    "reset"       read part of the body, then abort the connection (TCP RST)
    "timeout"     say nothing for `stall_s` seconds, then hang up without storing
    "500"         answer 500
    "429"         answer 429 with `Retry-After: <retry_after_s>`
    "drop_reply"  store the bundle, then close the socket without any reply
    "reject"      answer 422 with a long explanation
    "redirect"    answer 308 pointing at https://elsewhere.example/bundles
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import socket
import struct
import threading
import time
import urllib.parse
from collections import Counter, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_BUNDLE_PATH = re.compile(r"/bundles/(sha256:[0-9a-f]{64})")
REJECT_TEXT = "bundle signer is not enrolled in this project. " * 20


class BundleStore:
    """What the server holds, shared across restarts; all access under `lock`."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.objects: dict[str, bytes] = {}
        self.put_requests: Counter[str] = Counter()
        self.faults: deque[str] = deque()
        self.seen_headers: list[dict[str, str]] = []
        self.stall_s = 0.4
        self.retry_after_s = 2

    def next_fault(self) -> str:
        with self.lock:
            return self.faults.popleft() if self.faults else "ok"


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
        body = self.rfile.read(length)
        if fault == "500":
            self._reply(500, b"database is having a moment")
            return
        if fault == "429":
            self._reply(429, b"slow down", {"Retry-After": str(store.retry_after_s)})
            return
        if fault == "reject":
            self._reply(422, REJECT_TEXT.encode())
            return
        if fault == "redirect":
            self._reply(308, b"", {"Location": "https://elsewhere.example/bundles"})
            return
        if match is None:
            self._reply(404, b"no such bundle path")
            return
        if self.headers.get("X-Content-SHA256") != hashlib.sha256(body).hexdigest():
            self._reply(400, b"digest mismatch")
            return
        bundle_id = match.group(1)
        with store.lock:
            existing = store.objects.get(bundle_id)
            if existing is None:
                store.objects[bundle_id] = body
        if fault == "drop_reply":
            self._hang_up()
            return
        if existing is None:
            self._reply(201, b"", {"Location": f"/bundles/{bundle_id}", "ETag": '"v1"'})
        elif existing == body:
            self._reply(200, b"", {"ETag": '"v1"'})
        else:
            self._reply(409, b'{"message": "a different bundle is stored under this id"}')

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
