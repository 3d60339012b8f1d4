"""The session clock the editor drives: one sitting per opening, its own seconds, the total kept."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from workstation.core.clock import iso_utc
from workstation.core.effort.active_time import ActiveTimeTracker
from workstation.core.effort.session_clock import NoOpenSession, SessionClock
from workstation.core.models import Rewrite, Task, WorkSessionSource
from workstation.core.store import Store, new_rewrite


class Clocks:
    """A monotonic clock and a wall clock that tests move by hand (seconds)."""

    def __init__(self) -> None:
        self.mono = 1000.0
        self.wall = datetime(2025, 3, 2, 23, 50, tzinfo=UTC)

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += timedelta(seconds=seconds)

    def wall_iso(self) -> str:
        return iso_utc(self.wall)


@pytest.fixture
def clocks() -> Clocks:
    return Clocks()


@pytest.fixture
def tracker() -> ActiveTimeTracker:
    return ActiveTimeTracker()


@pytest.fixture
def clock(tracker: ActiveTimeTracker, clocks: Clocks) -> SessionClock:
    return SessionClock(tracker, monotonic=lambda: clocks.mono, wall_clock=clocks.wall_iso)


@pytest.fixture
def store(data_dir: Path, tmp_path: Path) -> Iterator[Store]:
    source = tmp_path / "t.jsonl"
    lines = [json.dumps({"id": f"t{n}", "prompt": "p", "response": f"Robotic {n}."}) for n in range(2)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(data_dir) as opened:
        opened.import_file(source, project="Mail")
        yield opened


def task(store: Store, task_id: str = "t0") -> Task:
    found = store.tasks.get(task_id)
    assert found is not None
    return found


def opened_rewrite(store: Store, task_id: str = "t0") -> Rewrite:
    return store.rewrites.get(task_id) or new_rewrite(task(store, task_id))


def test_a_sitting_holds_only_its_own_seconds(
    store: Store, clock: SessionClock, tracker: ActiveTimeTracker, clocks: Clocks
) -> None:
    earlier = opened_rewrite(store).model_copy(update={"active_seconds": 100.0})
    began = clock.open(task(store), earlier)
    assert began.active_seconds == 0.0 and began.started_at == "2025-03-02T23:50:00.000Z"
    assert began.source is WorkSessionSource.APP and clock.current == began

    tracker.action(clocks.mono)  # the writer starts typing at once
    clocks.advance(30)
    tracker.action(clocks.mono)
    clocks.advance(12.34)
    rewrite, session = clock.stamp(earlier.model_copy(update={"text": "Typed."}))

    assert rewrite.active_seconds == 142.3 and rewrite.text == "Typed."  # the running total
    assert session.active_seconds == 42.3  # this sitting only
    assert session.id == began.id and session.ended_at == "2025-03-02T23:50:42.340Z"
    assert clock.current == session


def test_each_opening_is_a_new_sitting_and_the_store_adds_them_up(
    store: Store, clock: SessionClock, tracker: ActiveTimeTracker, clocks: Clocks
) -> None:
    # A total of odd precision, as a migrated store can hold, still adds up after new sittings.
    store.rewrites.save(opened_rewrite(store).model_copy(update={"active_seconds": 93.456}))
    ids = []
    for minutes in (3, 7):
        store.work_sessions.begin(clock.open(task(store), opened_rewrite(store)))
        tracker.action(clocks.mono)  # the writer starts at once
        for _ in range(minutes):
            clocks.advance(59.97)
            tracker.action(clocks.mono)
            store.save_work(*clock.stamp(opened_rewrite(store)))  # an autosave each minute
        ids.append(clock.current.id)  # type: ignore[union-attr]
        clock.close()
        clocks.advance(3600)  # away for an hour: not counted

    sessions = store.work_sessions.for_task("t0")
    assert [s.id for s in sessions] == ids and len(set(ids)) == 2
    assert [s.active_seconds for s in sessions] == [pytest.approx(179.9), pytest.approx(419.8)]
    total = store.rewrites.get("t0").active_seconds  # type: ignore[union-attr]
    assert total == pytest.approx(93.456 + 179.9 + 419.8)
    assert 93.456 + math.fsum(s.active_seconds for s in sessions) == pytest.approx(total, abs=1e-9)
    # Sittings past midnight UTC land on both days.
    assert sorted(store.work_sessions.seconds_by_day()) == [
        datetime(2025, 3, 2).date(),
        datetime(2025, 3, 3).date(),
    ]


def test_a_clock_set_back_never_ends_a_sitting_before_it_began(
    store: Store, clock: SessionClock, tracker: ActiveTimeTracker, clocks: Clocks
) -> None:
    began = clock.open(task(store), opened_rewrite(store))
    tracker.action(clocks.mono)
    clocks.mono += 20
    tracker.action(clocks.mono)
    clocks.wall -= timedelta(hours=2)  # the laptop's clock is set back mid-sitting
    _, session = clock.stamp(opened_rewrite(store))
    assert session.ended_at == began.started_at and session.active_seconds == 20.0
    store.save_work(*clock.stamp(opened_rewrite(store)))  # and the store takes it


def test_time_starts_at_the_first_input_after_opening_never_at_the_opening(
    store: Store, clock: SessionClock, tracker: ActiveTimeTracker, clocks: Clocks
) -> None:
    clock.open(task(store), opened_rewrite(store).model_copy(update={"active_seconds": 10.0}))
    clocks.advance(60)  # the app was launched and left alone for a minute
    rewrite, session = clock.stamp(opened_rewrite(store))
    assert (rewrite.active_seconds, session.active_seconds, tracker.tick(clocks.mono)) == (10.0, 0.0, 10.0)
    clocks.advance(45)  # still nothing
    tracker.action(clocks.mono)  # the first key
    clocks.advance(20)
    rewrite, session = clock.stamp(opened_rewrite(store))
    assert (rewrite.active_seconds, session.active_seconds) == (30.0, 20.0)
    assert session.longest_idle_seconds is None  # no recorder here: not recorded
    assert tracker.longest_idle_seconds == 0.0  # opening is not an action, so no gap since it


def test_a_monotonic_clock_going_back_adds_nothing(store: Store, clock: SessionClock, clocks: Clocks) -> None:
    clock.open(task(store), opened_rewrite(store).model_copy(update={"active_seconds": 50.0}))
    clocks.mono -= 100
    rewrite, session = clock.stamp(opened_rewrite(store))
    assert (rewrite.active_seconds, session.active_seconds) == (50.0, 0.0)


def test_stamping_without_the_task_open_is_refused(store: Store, clock: SessionClock) -> None:
    with pytest.raises(NoOpenSession, match="no task is open"):
        clock.stamp(opened_rewrite(store))
    clock.open(task(store), opened_rewrite(store))
    with pytest.raises(NoOpenSession, match="for task 't0', not 't1'"):
        clock.stamp(opened_rewrite(store, "t1"))
    clock.close()
    assert clock.current is None
    with pytest.raises(NoOpenSession):
        clock.stamp(opened_rewrite(store))


def test_the_tracker_keeps_counting_unfocused_time_out(
    store: Store, clock: SessionClock, tracker: ActiveTimeTracker, clocks: Clocks
) -> None:
    clock.open(task(store), opened_rewrite(store), focused=False)
    clocks.advance(40)
    tracker.action(clocks.mono)
    _, session = clock.stamp(opened_rewrite(store))
    assert session.active_seconds == 0.0  # another window had the focus
