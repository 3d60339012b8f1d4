"""Background parsing steps aside while the writer types, and never waits forever."""

from __future__ import annotations

from workstation.gui.common.writer_activity import LONGEST_YIELD_S, QUIET_S, WriterActivity


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_no_wait_when_the_writer_is_not_typing() -> None:
    clock = FakeClock()
    activity = WriterActivity(clock, clock.sleep)
    assert activity.yield_while_active() == 0.0
    activity.touch()
    clock.now += QUIET_S + 0.01
    assert activity.yield_while_active() == 0.0


def test_waits_until_the_pause_after_the_last_key() -> None:
    clock = FakeClock()
    activity = WriterActivity(clock, clock.sleep)
    activity.touch()
    waited = activity.yield_while_active()
    assert QUIET_S - 0.02 <= waited <= QUIET_S + 0.02
    assert not activity.active()


def test_a_writer_who_never_stops_still_lets_the_work_go_on() -> None:
    clock = FakeClock()

    def sleep_while_typing(seconds: float) -> None:
        clock.sleep(seconds)
        activity.touch()  # a key arrives in every step

    activity = WriterActivity(clock, sleep_while_typing)
    activity.touch()
    assert abs(activity.yield_while_active() - LONGEST_YIELD_S) < 0.02
