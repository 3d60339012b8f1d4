"""Active time starts at the writer's first input after a task opens, never at the opening:
the app launched and left alone earns nothing, and typing earns time from the first key on."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPoint

from workstation.gui.writer import task_session

TICK_WAIT_MS = 3000


class FakeClock:
    """The monotonic clock active time is measured with, moved by hand (seconds)."""

    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(task_session, "time", SimpleNamespace(monotonic=fake))
    return fake


def _ticked(writer, qtbot) -> float:  # type: ignore[no-untyped-def]
    """The active seconds of the next tick of the status line's clock."""
    with qtbot.waitSignal(writer.window.session.active_seconds_changed, timeout=TICK_WAIT_MS) as blocker:
        pass
    return float(blocker.args[0])


def _active_label(writer) -> str:  # type: ignore[no-untyped-def]
    return writer.window.metrics_bar.time_label.text()


def test_a_minute_without_input_after_launch_earns_nothing_then_typing_earns_time(
    qtbot, make_window, demo_dir: Path, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)  # the app's start: it opens the first task
    assert writer.current_task_id == "demo-001"
    clock.advance(60)
    assert _ticked(writer, qtbot) == 0.0
    assert _active_label(writer) == "Active 0:00"

    writer.type("Well. ")  # the first input
    clock.advance(25)
    assert _ticked(writer, qtbot) == 25.0
    assert _active_label(writer) == "Active 0:25"
    assert writer.save(wait=True)
    stored = writer.stored_rewrite("demo-001")
    assert stored is not None and stored.active_seconds == 25.0
    (sitting,) = writer.work_sessions("demo-001")
    assert sitting.active_seconds == 25.0


def test_a_task_opened_from_the_queue_earns_nothing_until_the_writer_acts_in_it(
    qtbot, make_window, demo_dir: Path, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.type("Started. ")
    clock.advance(10)
    assert writer.open_task("demo-002")  # the first task's 10 s went with it
    writer.drain_operations()  # the switch hands the save to the store thread
    assert writer.stored_rewrite("demo-001").active_seconds == 10.0
    clock.advance(50)  # reading the new original without touching anything
    assert _ticked(writer, qtbot) == 0.0

    writer.click_in_rewrite(QPoint(5, 5))  # a click in the pane is input
    clock.advance(30)
    assert _ticked(writer, qtbot) == 30.0
