"""Shared fixtures: every test gets its own data dir and never touches the user's files."""

from __future__ import annotations

import os

# Set before any Qt import anywhere in the test session.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.sync.fake_bundle_server import FakeBundleServer


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point HOME-based folders (settings, data dir, passphrase) at a temp folder for each test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("WORKSTATION_DATA_DIR", raising=False)
    monkeypatch.delenv("WORKSTATION_PASSPHRASE", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def bundle_server() -> Iterator[FakeBundleServer]:
    """A loopback HTTP server that stores bundles and can be told to misbehave."""
    server = FakeBundleServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
