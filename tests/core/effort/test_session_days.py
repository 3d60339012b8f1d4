"""Spreading a sitting's seconds over the UTC days and ranges its span touches."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from workstation.core.clock import iso_utc
from workstation.core.effort.session_days import seconds_by_day, seconds_by_project, seconds_within
from workstation.core.models import WorkSession, WorkSessionSource


def sitting(started_at: str, ended_at: str, seconds: float, project: str = "Mail") -> WorkSession:
    return WorkSession(
        id=f"ws-{started_at}",
        task_id="t0",
        project=project,
        started_at=started_at,
        ended_at=ended_at,
        active_seconds=seconds,
        source=WorkSessionSource.APP,
    )


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_seconds_follow_wall_time_across_midnight() -> None:
    # 22:00 to 01:00: two thirds of the span on the first day.
    late = sitting("2025-03-02T22:00:00Z", "2025-03-03T01:00:00Z", 900.0)
    assert seconds_by_day([late]) == {date(2025, 3, 2): 600.0, date(2025, 3, 3): 300.0}


def test_a_sitting_over_several_days_and_a_range_inside_it() -> None:
    long = sitting("2025-03-01T12:00:00Z", "2025-03-04T12:00:00Z", 7200.0)
    assert seconds_by_day([long]) == {
        date(2025, 3, 1): 1200.0,
        date(2025, 3, 2): 2400.0,
        date(2025, 3, 3): 2400.0,
        date(2025, 3, 4): 1200.0,
    }
    assert seconds_by_day([long], utc("2025-03-02T06:00:00Z"), utc("2025-03-02T12:00:00Z")) == {
        date(2025, 3, 2): 600.0
    }
    assert seconds_within(long, utc("2025-03-05T00:00:00Z"), None) == 0.0


def test_an_instant_belongs_to_the_range_it_starts_in() -> None:
    instant = sitting("2025-03-03T00:00:00Z", "2025-03-03T00:00:00Z", 5.0)
    assert seconds_by_day([instant]) == {date(2025, 3, 3): 5.0}
    assert seconds_within(instant, utc("2025-03-03T00:00:00Z"), utc("2025-03-03T00:00:01Z")) == 5.0
    assert seconds_within(instant, utc("2025-03-02T00:00:00Z"), utc("2025-03-03T00:00:00Z")) == 0.0


def test_days_and_projects_leave_out_what_has_no_time() -> None:
    idle = sitting("2025-03-03T08:00:00Z", "2025-03-03T09:00:00Z", 0.0, project="Chat")
    busy = sitting("2025-03-04T08:00:00Z", "2025-03-04T09:00:00Z", 60.0)
    assert seconds_by_day([idle, busy]) == {date(2025, 3, 4): 60.0}
    assert seconds_by_project([busy, idle]) == {"Mail": 60.0}
    assert seconds_by_day([]) == {} and seconds_by_project([]) == {}


MOMENTS = st.datetimes(
    min_value=datetime(2024, 12, 25), max_value=datetime(2025, 1, 8), timezones=st.just(UTC)
)


@given(
    ends=st.tuples(MOMENTS, MOMENTS),
    seconds=st.floats(min_value=0, max_value=50_000, allow_nan=False),
    cut=MOMENTS,
)
def test_the_parts_always_add_up_to_the_whole(
    ends: tuple[datetime, datetime], seconds: float, cut: datetime
) -> None:
    began, ended = sorted(ends)
    session = sitting(iso_utc(began), iso_utc(ended), seconds)
    by_day = seconds_by_day([session])
    assert all(share >= 0 for share in by_day.values())
    assert math.isclose(math.fsum(by_day.values()), seconds, rel_tol=1e-9, abs_tol=1e-9)
    before, after = seconds_within(session, None, cut), seconds_within(session, cut, None)
    assert math.isclose(before + after, seconds, rel_tol=1e-9, abs_tol=1e-9)
