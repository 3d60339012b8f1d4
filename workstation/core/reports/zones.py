"""Which time zone a timesheet's days are counted in, and its name as the timesheet prints it.

A timesheet is the writer's own record of their working days, so its days are the writer's local
calendar days: work from 23:00 to 01:00 local time belongs to two of *their* days, whatever UTC
says. The store keeps UTC instants; only the grouping into days depends on the zone, and the zone
is written into every exported timesheet so a reader knows which midnight was meant.
"""

from __future__ import annotations

import os
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_LOCALTIME = Path("/etc/localtime")


class UnknownTimeZone(ValueError):
    """A zone name that is not in the time zone database (``Europe/Berlin`` is one that is)."""


def named_zone(name: str) -> ZoneInfo:
    """The IANA zone ``name`` (``UTC``, ``Europe/Berlin``); raises UnknownTimeZone in words."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownTimeZone(
            f"{name!r} is not a time zone this computer knows; use a name like Europe/Berlin or UTC"
        ) from None


def local_zone() -> tzinfo | None:
    """This computer's zone as an IANA zone when it can be named (``$TZ`` or /etc/localtime),
    else None, which the day arithmetic reads as "the system's own rules, per instant"."""
    candidates = [os.environ.get("TZ", "").removeprefix(":")]
    try:
        target = str(_LOCALTIME.resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return None


def zone_name(tz: tzinfo | None) -> str:
    """How a timesheet names its zone: the IANA key, else the system's abbreviation now."""
    key = getattr(tz, "key", None)
    if isinstance(key, str):
        return key
    if tz is not None:
        return str(tz)
    return f"local ({datetime.now().astimezone().tzname()})"
