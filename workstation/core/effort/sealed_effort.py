"""Effort signals as a bundle carries them: read back from a sealed record, and added up.

A rewrite bundle record (format version 2 on) holds ``effort``, the JSON object of
:meth:`EffortSignals.as_record` made when the rewrite was sealed. Bundles of version 1 have no
``effort`` at all; that reads back as "not recorded", the same as a writer who turned recording
off, never as zeros.

Reading is strict about what the signals rest on (the status, the counts, the final length) and
ignores the sealed shares and flag: they are recomputed from the counts with the one rule in
``signals``, so every reader flags by the same threshold whatever the writer's app wrote.
Unknown keys are ignored, so a later minor addition does not refuse a bundle.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from workstation.core.effort.recorder import EFFORT_FIELDS
from workstation.core.effort.signals import EffortSignals, RecordingStatus, recording_status, shares_of

RECORD_FIELD = "effort"
"""The name of the effort object in a bundle record."""

_SECONDS_FIELD = "longest_idle_seconds"
_LARGEST = ("largest_paste_chars", _SECONDS_FIELD)
"""Counts that are the largest of any sitting; every other count is a sum over the sittings."""


class EffortRecordError(ValueError):
    """A sealed effort object that contradicts itself or is not of the form sealers write."""


def _count(value: Any, name: str) -> int:
    if type(value) is not int or value < 0:
        raise EffortRecordError(f"effort.{name} must be a whole number of at least 0")
    return value


def _seconds(value: Any) -> float:
    if type(value) not in (int, float) or not math.isfinite(value) or value < 0:
        raise EffortRecordError(f"effort.{_SECONDS_FIELD} must be a number of seconds of at least 0")
    return float(value)


def effort_from_record(value: Any, final_chars: int) -> EffortSignals:
    """The signals of a sealed ``effort`` object (None: absent, a version 1 bundle).

    ``final_chars`` is the length in code points of the record's rewrite; the object must name
    the same length. Raises EffortRecordError naming the first field that is wrong.
    """
    if value is None:
        return EffortSignals(RecordingStatus.NOT_RECORDED, 0, 0, final_chars)
    if not isinstance(value, Mapping):
        raise EffortRecordError("effort must be a JSON object")
    try:
        status = RecordingStatus(str(value.get("status")))
    except ValueError:
        raise EffortRecordError(f"effort.status {value.get('status')!r} is not a recording status") from None
    sessions = _count(value.get("sessions"), "sessions")
    recorded = _count(value.get("recorded_sessions"), "recorded_sessions")
    if recorded > sessions or recording_status(recorded, sessions) is not status:
        raise EffortRecordError(
            f"effort.status {status.value!r} does not fit {recorded} recorded of {sessions} sittings"
        )
    if value.get("final_chars") != final_chars:
        raise EffortRecordError(f"effort.final_chars is not the rewrite's length ({final_chars})")
    if status is not RecordingStatus.RECORDED:
        if any(value.get(name) is not None for name in EFFORT_FIELDS):
            raise EffortRecordError(f"effort is {status.value!r} but holds counts")
        return EffortSignals(status, sessions, recorded, final_chars)
    counts: dict[str, Any] = {
        name: _seconds(value.get(name)) if name == _SECONDS_FIELD else _count(value.get(name), name)
        for name in EFFORT_FIELDS
    }
    shares = shares_of(final_chars, counts["typed_chars"], counts["pasted_chars"], counts["external_chars"])
    return EffortSignals(status, sessions, recorded, final_chars, **counts, shares=shares)


def combined_effort(parts: Sequence[EffortSignals]) -> EffortSignals:
    """The signals of several rewrites taken together (a bundle's, a portfolio's).

    Counts are summed, except the largest paste and the longest idle gap (the largest of any);
    the shares are over the rewrites' characters together. Counts and shares are given only
    when every part is ``recorded``: a total over some of them would pass part off as the whole.
    """
    sessions = sum(part.sessions for part in parts)
    recorded = sum(part.recorded_sessions for part in parts)
    final_chars = sum(part.final_chars for part in parts)
    if not parts or any(part.status is not RecordingStatus.RECORDED for part in parts):
        status = RecordingStatus.NOT_RECORDED if recorded == 0 else RecordingStatus.PARTLY_RECORDED
        return EffortSignals(status, sessions, recorded, final_chars)
    counts: dict[str, Any] = {}
    for name in EFFORT_FIELDS:
        values = [getattr(part, name) for part in parts]
        counts[name] = max(values) if name in _LARGEST else sum(values)
    shares = shares_of(final_chars, counts["typed_chars"], counts["pasted_chars"], counts["external_chars"])
    return EffortSignals(RecordingStatus.RECORDED, sessions, recorded, final_chars, **counts, shares=shares)
