"""Device nodes for tests that write to devices, made so a regression cannot break the machine.

A writer that renames over its target would, as root, replace ``/dev/full`` or ``/dev/null`` with
a regular file for every program on the machine (an early run of these tests against the old
writer did exactly that). As root the tests therefore write to a private node with the same
device numbers inside their temp folder; elsewhere they use the real node, which a non-root
writer cannot replace.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

DEVICE_NUMBERS = {"null": (1, 3), "full": (1, 7), "zero": (1, 5)}


def device_node(tmp_path: Path, name: str) -> Path:
    """A character device that behaves as ``/dev/<name>``; skips the test where there is none."""
    major, minor = DEVICE_NUMBERS[name]
    if os.geteuid() == 0:
        node = tmp_path / f"dev-{name}"
        try:
            os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(major, minor))
        except OSError as exc:
            pytest.skip(f"cannot make a private /dev/{name} node here: {exc.strerror}")
        return node
    real = Path(f"/dev/{name}")
    if not real.exists() or not stat.S_ISCHR(real.stat().st_mode):
        pytest.skip(f"no /dev/{name} device here")
    return real
