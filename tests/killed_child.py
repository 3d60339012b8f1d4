"""Crash tests: run a Python script in a child process and SIGKILL it at a line it prints."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def kill_at_line(script: Path, args: Sequence[str], *, wait_for: str, delay_s: float = 0.0) -> list[str]:
    """Start ``script`` (importing this checkout's code), read its output until a line starting with
    ``wait_for``, wait ``delay_s`` seconds, then kill it with no chance to clean up.

    Returns every line it printed, the ones written just before it died included. Fails the test
    if the script ends before printing ``wait_for``.
    """
    child = subprocess.Popen(
        [sys.executable, str(script), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
    )
    assert child.stdout is not None and child.stderr is not None
    lines: list[str] = []
    try:
        for line in child.stdout:
            lines.append(line.strip())
            if line.startswith(wait_for):
                break
        else:
            pytest.fail(f"the child ended before printing {wait_for!r}: {lines} {child.stderr.read()}")
        time.sleep(delay_s)
        child.send_signal(signal.SIGKILL)
        lines.extend(line.strip() for line in child.stdout)
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
    return lines
