"""Fixtures for upload tests: a fake clock and a loopback bundle server."""

from __future__ import annotations

import os
import sys

import pytest

# The helper modules sit next to the tests; make them importable under any pytest import mode.
sys.path.insert(0, os.path.dirname(__file__))

from upload_helpers import FakeTime


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()
