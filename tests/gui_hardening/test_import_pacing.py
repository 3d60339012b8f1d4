"""An import steps aside while the writer types, but only for part of its time: the writer's
autosaves wait behind the import's transaction, so typing must not stretch it without end."""

from __future__ import annotations

import pytest

from workstation.gui.common.writer_activity import LONGEST_YIELD_S, YIELD_SHARE, WriterActivity


class TypingClock:
    """Time that moves only when someone sleeps or works; a key arrives in every step."""

    def __init__(self) -> None:
        self.now = 50.0
        self.activity: WriterActivity | None = None

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        assert self.activity is not None
        self.activity.touch()


def test_a_writer_who_never_stops_delays_a_job_by_at_most_its_share() -> None:
    clock = TypingClock()
    activity = WriterActivity(clock, clock.sleep)
    clock.activity = activity
    activity.touch()
    pace = activity.pacer()
    waited = 0.0
    for _ in range(2000):  # 2,000 steps of 5 ms of the job's own work, with a pace after each
        clock.now += 0.005
        waited += pace()
    work_s = 2000 * 0.005
    assert waited <= YIELD_SHARE / (1 - YIELD_SHARE) * work_s + LONGEST_YIELD_S
    assert waited >= 0.8 * YIELD_SHARE / (1 - YIELD_SHARE) * work_s, "it still steps aside"
    assert activity.yield_while_active() >= LONGEST_YIELD_S - 0.02, "a job without a pacer waits fully"


def test_no_waiting_when_the_writer_is_not_typing_and_no_bad_share() -> None:
    clock = TypingClock()
    activity = WriterActivity(clock, lambda seconds: None)
    pace = activity.pacer()
    clock.now += 10
    assert pace() == 0.0
    with pytest.raises(ValueError):
        activity.pacer(1.0)
