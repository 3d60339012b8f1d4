"""Which day a work session's active seconds belong to, when a sitting runs past midnight.

A session knows how many seconds were active and when it started and last saved, not when within
that span the writer was active. Its seconds are therefore spread over the span in proportion to
wall time: a sitting from 23:30 to 00:30 UTC with 40 active minutes gives 20 to each day. That
keeps every day's total between zero and the sitting's total and makes the days add up exactly to
the whole, whatever the span. A session with no span (started and saved in the same instant, as
the command line records them) belongs wholly to the instant it started.

Days are UTC dates: the store holds UTC, and one rule for everyone keeps totals comparable.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from workstation.core.clock import parse_iso_utc
from workstation.core.models import WorkSession

ONE_DAY = timedelta(days=1)


def seconds_within(session: WorkSession, start: datetime | None, end: datetime | None) -> float:
    """The share of ``session.active_seconds`` that falls in ``[start, end)`` (``None``: unbounded)."""
    began, ended = parse_iso_utc(session.started_at), parse_iso_utc(session.ended_at)
    low = began if start is None else max(began, start)
    high = ended if end is None else min(ended, end)
    span = (ended - began).total_seconds()
    if span <= 0:
        inside = (start is None or began >= start) and (end is None or began < end)
        return session.active_seconds if inside else 0.0
    if high <= low:
        return 0.0
    return session.active_seconds * (high - low).total_seconds() / span


def seconds_by_day(
    sessions: Iterable[WorkSession], start: datetime | None = None, end: datetime | None = None
) -> dict[date, float]:
    """Active seconds per UTC date, in date order, counting only the part of each session in
    ``[start, end)``. Days with no active time are left out."""
    totals: dict[date, float] = {}
    for session in sessions:
        began, ended = parse_iso_utc(session.started_at), parse_iso_utc(session.ended_at)
        day = (began if start is None else max(began, start)).date()
        last = (ended if end is None else min(ended, end)).date()
        while day <= last:
            midnight = datetime.combine(day, time(), tzinfo=UTC)
            low = midnight if start is None else max(midnight, start)
            high = midnight + ONE_DAY if end is None else min(midnight + ONE_DAY, end)
            if high > low:
                share = seconds_within(session, low, high)
                if share > 0:
                    totals[day] = totals.get(day, 0.0) + share
            day += ONE_DAY
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
