from workstation.core.effort.active_time import ActiveTimeTracker


def test_counts_only_focused_time_within_a_minute_of_the_last_action() -> None:
    tracker = ActiveTimeTracker()
    tracker.reset(0.0, now=0.0, focused=True)
    tracker.action(0.0)
    assert tracker.tick(30.0) == 30.0
    # No action for a long time: only the first 60 s after the last action count.
    assert tracker.tick(200.0) == 60.0
    tracker.action(300.0)
    assert tracker.tick(310.0) == 70.0


def test_unfocused_time_is_not_counted() -> None:
    tracker = ActiveTimeTracker(base_seconds=100.0)
    tracker.reset(100.0, now=0.0, focused=True)
    tracker.action(0.0)
    tracker.set_focused(False, 10.0)
    tracker.action(20.0)
    assert tracker.tick(50.0) == 110.0
    tracker.set_focused(True, 50.0)
    tracker.action(50.0)
    assert tracker.tick(55.0) == 115.0


def test_clock_going_backwards_adds_nothing() -> None:
    tracker = ActiveTimeTracker()
    tracker.reset(0.0, now=100.0, focused=True)
    tracker.action(100.0)
    assert tracker.tick(90.0) == 0.0
