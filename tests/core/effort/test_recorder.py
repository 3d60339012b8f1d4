"""The per-sitting effort recorder and the session clock that stamps its counts on each save."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from workstation.core.clock import iso_utc
from workstation.core.effort.active_time import ActiveTimeTracker
from workstation.core.effort.recorder import EFFORT_FIELDS, EffortRecorder
from workstation.core.effort.session_clock import SessionClock
from workstation.core.models import Task
from workstation.core.store import Store, new_rewrite


def test_each_kind_of_edit_is_counted_apart() -> None:
    recorder = EffortRecorder()
    recorder.start("Start.")
    for _ in range(5):
        recorder.typed(1)
    recorder.typed(0)  # a Backspace: a key press that changed the text, no character typed
    recorder.pasted(120)
    recorder.pasted(30)
    recorder.external(9)
    recorder.undone()
    recorder.redone()
    recorder.redone()
    recorder.saved("Start. More")
    recorder.saved("Start. More")  # a save that changed nothing is no revision
    recorder.saved("Start. Most")
    assert recorder.counts(12.5) == {
        "keystrokes": 6,
        "typed_chars": 5,
        "pasted_chars": 150,
        "paste_events": 2,
        "largest_paste_chars": 120,
        "external_chars": 9,
        "undo_count": 1,
        "redo_count": 2,
        "revisions": 2,
        "longest_idle_seconds": 12.5,
    }


def test_a_new_sitting_starts_from_zero() -> None:
    recorder = EffortRecorder()
    recorder.start("a")
    recorder.typed(1)
    recorder.pasted(4)
    recorder.start("ab")
    assert recorder.counts(0.0) == {**dict.fromkeys(EFFORT_FIELDS, 0), "longest_idle_seconds": 0.0}


def test_switched_off_every_count_is_not_recorded_never_zero() -> None:
    recorder = EffortRecorder(enabled=False)
    recorder.start("a")
    recorder.typed(1)
    recorder.pasted(10)
    recorder.saved("b")
    assert recorder.counts(3.0) == dict.fromkeys(EFFORT_FIELDS)


def test_a_sitting_switched_off_part_way_stays_not_recorded_until_the_next() -> None:
    recorder = EffortRecorder()
    recorder.start("a")
    recorder.typed(1)
    recorder.set_enabled(False)
    assert recorder.counts(1.0) == dict.fromkeys(EFFORT_FIELDS)
    recorder.set_enabled(True)  # back on: this sitting's counts would be partial
    recorder.typed(1)
    assert recorder.counts(1.0) == dict.fromkeys(EFFORT_FIELDS)
    recorder.start("ab")  # the next sitting is recorded whole
    recorder.typed(1)
    assert recorder.counts(0.0)["keystrokes"] == 1


class Clocks:
    def __init__(self) -> None:
        self.mono = 50.0
        self.wall = datetime(2025, 6, 1, 9, tzinfo=UTC)

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += timedelta(seconds=seconds)


@pytest.fixture
def store(data_dir: Path, tmp_path: Path) -> Iterator[Store]:
    source = tmp_path / "t.jsonl"
    source.write_text(
        json.dumps({"id": "t0", "prompt": "p", "response": "Robotic."}) + "\n", encoding="utf-8"
    )
    with Store(data_dir) as opened:
        opened.import_file(source, project="Mail")
        yield opened


def the_task(store: Store) -> Task:
    found = store.tasks.get("t0")
    assert found is not None
    return found


def test_the_session_carries_the_counts_and_the_longest_idle_gap(store: Store) -> None:
    clocks = Clocks()
    tracker = ActiveTimeTracker()
    recorder = EffortRecorder()
    clock = SessionClock(
        tracker, monotonic=lambda: clocks.mono, wall_clock=lambda: iso_utc(clocks.wall), effort=recorder
    )
    rewrite = new_rewrite(the_task(store))
    began = clock.open(the_task(store), rewrite)
    assert began.keystrokes == 0 and began.longest_idle_seconds == 0.0  # recorded, nothing done yet
    store.work_sessions.begin(began)
    for gap in (2.0, 47.25, 3.0):
        clocks.advance(gap)
        tracker.action(clocks.mono)
        recorder.typed(1)
    clocks.advance(500)  # a gap still open at the save is not counted: no action ended it
    store.save_work(*clock.stamp(rewrite.model_copy(update={"text": "Robotic!!!"})))
    [session] = store.work_sessions.for_task("t0")
    assert (session.keystrokes, session.typed_chars, session.revisions) == (3, 3, 1)
    assert session.longest_idle_seconds == 47.2  # tenths, like the active seconds (47.25 rounds down)
    assert session.external_chars == 0 and session.redo_count == 0


def test_without_a_recorder_the_session_records_no_counts(store: Store) -> None:
    clock = SessionClock(ActiveTimeTracker())
    rewrite = new_rewrite(the_task(store))
    clock.open(the_task(store), rewrite)
    store.save_work(*clock.stamp(rewrite))
    [session] = store.work_sessions.for_task("t0")
    assert all(getattr(session, name) is None for name in EFFORT_FIELDS)


def test_the_tracker_gap_ignores_a_clock_going_back() -> None:
    tracker = ActiveTimeTracker()
    tracker.reset(0.0, 100.0, focused=True)
    tracker.action(100.0)
    tracker.action(90.0)  # the monotonic reading went back: no negative gap, no huge one
    tracker.action(95.0)
    assert tracker.longest_idle_seconds == 5.0
    tracker.reset(0.0, 200.0, focused=True)
    assert tracker.longest_idle_seconds == 0.0
