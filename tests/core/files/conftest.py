"""Fixtures shared by the tests of core/files: special files to refuse or write through."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    """A bound Unix socket in the test's folder (neither readable nor writable as a file)."""
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        yield path
    finally:
        server.close()
