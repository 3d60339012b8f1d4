"""Running Debian's real ``minisign`` in interop tests (skipped where it is not installed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_minisign = pytest.mark.skipif(
    shutil.which("minisign") is None, reason="minisign is not installed (apt-get install minisign)"
)


def run_minisign(
    *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["minisign", *args], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=60, check=False
    )


def make_unencrypted_keypair(folder: Path, name: str = "m") -> tuple[Path, Path]:
    """A real minisign key pair made with ``minisign -G -W``: (public key file, secret key file)."""
    public, secret = folder / f"{name}.pub", folder / f"{name}.key"
    result = run_minisign("-G", "-W", "-p", str(public), "-s", str(secret), cwd=folder)
    assert result.returncode == 0, result.stderr
    return public, secret
