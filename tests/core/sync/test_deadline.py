"""Deadline and run_within: an attempt's budget, and a bound for calls that take no timeout."""

from __future__ import annotations

import threading
import time

import pytest
from upload_helpers import FakeTime

from workstation.core.sync.deadline import Deadline, DeadlinePassed, run_within


def test_each_step_gets_the_time_left_at_most_its_own_limit(fake_time: FakeTime) -> None:
    deadline = Deadline(10.0, clock=fake_time.clock)
    assert deadline.step_timeout_s(3.0) == 3.0
    fake_time.now += 8.5
    assert deadline.step_timeout_s(3.0) == pytest.approx(1.5)
    fake_time.now += 2.0
    assert deadline.remaining_s() == 0.0 and deadline.elapsed_s() == pytest.approx(10.5)
    with pytest.raises(DeadlinePassed, match=r"no time left after 10\.5 s"):
        deadline.step_timeout_s(3.0)


def test_a_negative_budget_is_refused() -> None:
    with pytest.raises(ValueError):
        Deadline(-1.0)


def test_run_within_returns_the_result_or_the_callers_error() -> None:
    assert run_within(1.0, lambda: 42) == 42

    def broken() -> int:
        raise KeyError("lookup failed")

    with pytest.raises(KeyError, match="lookup failed"):
        run_within(1.0, broken)


def test_run_within_gives_up_on_a_call_that_hangs() -> None:
    release = threading.Event()
    started = time.monotonic()
    with pytest.raises(DeadlinePassed, match=r"no answer within 0\.2 s"):
        run_within(0.2, lambda: release.wait(5))
    assert time.monotonic() - started < 0.7
    release.set()
