"""Which day a work session's active seconds belong to, when a sitting runs past midnight.

A session knows how many seconds were active and when it started and last saved, not when within
that span the writer was active. Its seconds are therefore spread over the span in proportion to
wall time: a sitting from 23:30 to 00:30 UTC with 40 active minutes gives 20 to each day. That
keeps every day's total between zero and the sitting's total and makes the days add up exactly to
the whole, whatever the span. A session with no span (started and saved in the same instant, as
the command line records them) belongs wholly to the instant it started.

Days are calendar dates in a time zone the caller names: UTC by default (the store holds UTC,
and one rule for everyone keeps totals comparable across writers), or the writer's own zone for a
timesheet (see :mod:`workstation.core.reports.timesheet`). ``tz=None`` means this computer's zone,
read per instant, so a day that has a daylight-saving change is 23 or 25 hours long as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from workstation.core.clock import parse_iso_utc
from workstation.core.models import WorkSession

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class TimedSitting:
    """What day arithmetic needs of a sitting, with its times already parsed (aware UTC).

    Timesheets read these straight from the store (``WorkSessionQueries.timed_between``) rather
    than full :class:`WorkSession` models, which costs half as much for a year of sittings.
    """

    task_id: str
    project: str
    began: datetime
    ended: datetime
    active_seconds: float

    @classmethod
    def of(cls, session: WorkSession) -> TimedSitting:
        return cls(
            session.task_id,
            session.project,
            parse_iso_utc(session.started_at),
            parse_iso_utc(session.ended_at),
            session.active_seconds,
        )


def _timed(session: WorkSession | TimedSitting) -> TimedSitting:
    return session if isinstance(session, TimedSitting) else TimedSitting.of(session)


def seconds_within(
    session: WorkSession | TimedSitting, start: datetime | None, end: datetime | None
) -> float:
    """The share of ``session.active_seconds`` that falls in ``[start, end)`` (``None``: unbounded)."""
    sitting = _timed(session)
    began, ended = sitting.began, sitting.ended
    low = began if start is None else max(began, start)
    high = ended if end is None else min(ended, end)
    span = (ended - began).total_seconds()
    if span <= 0:
        inside = (start is None or began >= start) and (end is None or began < end)
        return sitting.active_seconds if inside else 0.0
    if high <= low:
        return 0.0
    return sitting.active_seconds * (high - low).total_seconds() / span


def day_start(day: date, tz: tzinfo | None = UTC) -> datetime:
    """The instant ``day`` begins in ``tz`` (``None``: this computer's zone), as an aware UTC datetime."""
    midnight = datetime.combine(day, time())
    local = midnight.astimezone() if tz is None else midnight.replace(tzinfo=tz)
    return local.astimezone(UTC)


def local_date(moment: datetime, tz: tzinfo | None = UTC) -> date:
    """The calendar date of ``moment`` (aware) in ``tz`` (``None``: this computer's zone)."""
    return moment.astimezone(tz).date()


def split_by_day(
    session: WorkSession | TimedSitting,
    start: datetime | None = None,
    end: datetime | None = None,
    tz: tzinfo | None = UTC,
) -> Iterator[tuple[date, float]]:
    """(date in ``tz``, seconds) for each day ``session`` has active time on within ``[start, end)``.

    The shares add up to :func:`seconds_within` the range, so no second is counted twice.
    """
    sitting = _timed(session)
    first = sitting.began if start is None else max(sitting.began, start)
    last = sitting.ended if end is None else min(sitting.ended, end)
    day, last_day = local_date(first, tz), local_date(last, tz)
    if sitting.began == sitting.ended or day == last_day:
        share = seconds_within(sitting, start, end)
        if share > 0:
            yield day, share
        return
    while day <= last_day:
        following = day + ONE_DAY
        low, high = day_start(day, tz), day_start(following, tz)
        low = low if start is None else max(low, start)
        high = high if end is None else min(high, end)
        if high > low:
            share = seconds_within(sitting, low, high)
            if share > 0:
                yield day, share
        day = following


def seconds_by_day(
    sessions: Iterable[WorkSession | TimedSitting],
    start: datetime | None = None,
    end: datetime | None = None,
    *,
    tz: tzinfo | None = UTC,
) -> dict[date, float]:
    """Active seconds per date in ``tz`` (UTC unless told), in date order, counting only the part
    of each session in ``[start, end)``. Days with no active time are left out."""
    totals: dict[date, float] = {}
    for session in sessions:
        for day, share in split_by_day(session, start, end, tz):
            totals[day] = totals.get(day, 0.0) + share
    return dict(sorted(totals.items()))


def seconds_by_project(
    sessions: Iterable[WorkSession], start: datetime | None = None, end: datetime | None = None
) -> dict[str, float]:
    """Active seconds per project, by name, counting only the part of each session in ``[start, end)``."""
    totals: dict[str, float] = {}
    for session in sessions:
        share = seconds_within(session, start, end)
        if share > 0:
            totals[session.project] = totals.get(session.project, 0.0) + share
    return dict(sorted(totals.items()))
