"""What every recorded sitting must satisfy, whoever wrote it and however it ended."""

from __future__ import annotations

from workstation.core.clock import parse_iso_utc
from workstation.core.effort.session_clock import SECONDS_PRECISION
from workstation.core.models import WorkSession

ROUNDING_S = 0.5 * 10**-SECONDS_PRECISION + 0.001
"""Seconds are stored rounded, timestamps to the millisecond: this much slack, no more."""


def assert_possible_sitting(session: WorkSession) -> None:
    """It ends no earlier than it starts, and claims no more active time than it lasted."""
    assert session.started_at <= session.ended_at, session
    lasted = (parse_iso_utc(session.ended_at) - parse_iso_utc(session.started_at)).total_seconds()
    assert 0 <= session.active_seconds <= lasted + ROUNDING_S, (session.active_seconds, lasted)
