"""Wall-clock timestamps as the store and bundles write them.

One textual form everywhere (UTC, millisecond precision, ``Z`` suffix), so timestamps sort and
compare as plain strings in SQL and never need a time zone to be read.
"""

from __future__ import annotations

from datetime import UTC, datetime


def iso_utc(moment: datetime) -> str:
    """``moment`` (time-zone aware) as UTC ISO 8601 with a ``Z`` suffix and millisecond precision."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def now_iso() -> str:
    """Current UTC time in the form of :func:`iso_utc`."""
    return iso_utc(datetime.now(UTC))


def parse_iso_utc(text: str) -> datetime:
    """Read an ISO 8601 timestamp that names its offset (``Z`` or ``+hh:mm``) as an aware UTC datetime.

    Raises :class:`ValueError` for text that is not a timestamp or has no offset: a time without
    one could be any of 27 hours, so it is refused rather than guessed.
    """
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{text!r} has no UTC offset (end it with Z or +hh:mm)")
    return moment.astimezone(UTC)
