"""Fixtures of the reviewer tests: a reviewer's store in a temp data dir."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.verdicts.verdict_testkit import desk
from workstation.core.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "reviewer") as opened:
        yield opened


__all__ = ["desk", "store"]
