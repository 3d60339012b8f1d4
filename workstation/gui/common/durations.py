"""Durations as both windows show them (the writer's active time, the reviewer's view of it)."""

from __future__ import annotations


def format_duration(seconds: float) -> str:
    """``1:05:09`` or ``5:09``: hours only when there are some."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
