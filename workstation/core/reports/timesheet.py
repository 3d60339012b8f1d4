"""The timesheet: active time per task, day, ISO week and project, from the work sessions.

Days are the writer's local calendar days in the zone given (see :mod:`.zones`); a sitting that
runs past local midnight is split over both days in proportion to wall time
(:func:`~workstation.core.effort.session_days.split_by_day`), so the days add up to the whole.

How overlapping sittings count: every sitting counts its own active seconds once, in full.
Those seconds were measured on the monotonic clock while the writer acted, and one data folder
has one editor at a time (the data folder lock), so two sittings cannot hold the same real
seconds. Their wall-clock spans overlap only when the laptop's clock was changed (set back, or
synced after drifting); merging the spans would then drop work that really happened. The wall
clock only decides which day a sitting's seconds land on. A sitting never holds negative time
and never ends before it starts (the model and the schema refuse both), so a clock set back
mid-sitting gives a sitting of zero span whose seconds all belong to the day it started.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Any

from workstation.core.effort.session_days import TimedSitting, day_start, split_by_day
from workstation.core.models import WorkSession
from workstation.core.reports.zones import zone_name
from workstation.core.store.work_sessions import WorkSessionQueries

EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(9998, 12, 31)
"""Days a timesheet may cover: wide enough for any clock, narrow enough for every zone's offset."""


class BadRange(ValueError):
    """A timesheet range that ends before it starts or lies outside the days a calendar holds."""


def iso_week(day: date) -> str:
    """The ISO 8601 week ``day`` is in, as ``2025-W09`` (weeks start on Monday)."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class TimesheetEntry:
    """Active seconds on one task on one day; ``sessions`` counts the sittings that contributed."""

    day: date
    project: str
    task_id: str
    seconds: float
    sessions: int

    @property
    def week(self) -> str:
        return iso_week(self.day)


def _totals(pairs: Iterable[tuple[Any, float]]) -> dict[Any, float]:
    totals: dict[Any, float] = {}
    for key, seconds in pairs:
        totals[key] = totals.get(key, 0.0) + seconds
    return dict(sorted(totals.items()))


@dataclass(frozen=True)
class Timesheet:
    """Work from ``first_day`` to ``last_day`` (both included) in zone ``time_zone``.

    ``entries`` are sorted by day, project and task and hold only (day, task) pairs with time;
    a range without work has none, which is an empty timesheet, not an error.
    """

    first_day: date
    last_day: date
    time_zone: str
    project: str | None
    entries: tuple[TimesheetEntry, ...]

    @property
    def total_seconds(self) -> float:
        return sum(entry.seconds for entry in self.entries)

    @property
    def is_empty(self) -> bool:
        return not self.entries

    def days(self) -> list[tuple[date, float]]:
        """Every day of the range with its seconds, zero included (what the chart draws)."""
        worked = self.by_day()
        count = (self.last_day - self.first_day).days + 1
        days = (self.first_day + timedelta(days=offset) for offset in range(count))
        return [(day, worked.get(day, 0.0)) for day in days]

    def by_day(self) -> dict[date, float]:
        """Seconds per day that has work, in date order."""
        return _totals((entry.day, entry.seconds) for entry in self.entries)

    def by_week(self) -> dict[str, float]:
        """Seconds per ISO week (``2025-W09``) that has work, in week order."""
        return _totals((entry.week, entry.seconds) for entry in self.entries)

    def by_project(self) -> dict[str, float]:
        return _totals((entry.project, entry.seconds) for entry in self.entries)

    def by_task(self) -> dict[tuple[str, str], float]:
        """Seconds per (project, task id)."""
        return _totals(((entry.project, entry.task_id), entry.seconds) for entry in self.entries)


def check_range(first_day: date, last_day: date) -> None:
    """Raise BadRange unless ``first_day <= last_day`` and both lie in the calendar we handle."""
    if last_day < first_day:
        raise BadRange(f"the range ends ({last_day}) before it starts ({first_day})")
    if first_day < EARLIEST_DAY or last_day > LATEST_DAY:
        raise BadRange(f"a timesheet covers days from {EARLIEST_DAY} to {LATEST_DAY}")


def build_timesheet(
    sessions: Iterable[WorkSession | TimedSitting],
    first_day: date,
    last_day: date,
    *,
    tz: tzinfo | None,
    project: str | None = None,
) -> Timesheet:
    """The timesheet of ``sessions`` over ``first_day``..``last_day`` in ``tz`` (None: this computer's
    zone). Sessions of other projects than ``project`` (when given) are left out."""
    check_range(first_day, last_day)
    start, end = day_start(first_day, tz), day_start(last_day + timedelta(days=1), tz)
    seconds: dict[tuple[date, str, str], float] = {}
    sittings: dict[tuple[date, str, str], int] = {}
    for session in sessions:
        if project is not None and session.project != project:
            continue
        for day, share in split_by_day(session, start, end, tz):
            key = (day, session.project, session.task_id)
            seconds[key] = seconds.get(key, 0.0) + share
            sittings[key] = sittings.get(key, 0) + 1
    entries = tuple(
        TimesheetEntry(day=day, project=name, task_id=task_id, seconds=total, sessions=sittings[key])
        for key, total in sorted(seconds.items())
        for day, name, task_id in (key,)
    )
    return Timesheet(
        first_day=first_day, last_day=last_day, time_zone=zone_name(tz), project=project, entries=entries
    )


def timesheet_from_store(
    work_sessions: WorkSessionQueries,
    first_day: date,
    last_day: date,
    *,
    tz: tzinfo | None,
    project: str | None = None,
) -> Timesheet:
    """Read the sittings that touch the range from ``store.work_sessions`` and build the timesheet."""
    check_range(first_day, last_day)
    start, end = day_start(first_day, tz), day_start(last_day + timedelta(days=1), tz)
    sessions = work_sessions.timed_between(start, end, project=project)
    return build_timesheet(sessions, first_day, last_day, tz=tz, project=project)
