"""Sorted code-point spans: merging them, and asking which one holds a position in O(log n).

Markdown scopes, the lint mask and (later) spelling all ask "does this word start inside code or a
URL?" many times per text; a :class:`SpanSet` answers by bisecting instead of scanning.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

Span = tuple[int, int]


class SpanSet:
    """Non-overlapping half-open spans, sorted by start (as given: they are not re-sorted)."""

    __slots__ = ("_ends", "_starts", "spans")

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = spans
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]

    def __contains__(self, position: object) -> bool:
        """Whether code point ``position`` lies inside one of the spans."""
        if not isinstance(position, int):
            return False
        index = bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._ends[index]

    def index_holding(self, start: int, end: int) -> int:
        """Index of the span that holds all of [start, end), or -1."""
        index = bisect_right(self._starts, start) - 1
        if index >= 0 and end <= self._ends[index]:
            return index
        return -1

    def end_of(self, index: int) -> int:
        return self._ends[index]


def merged(spans: Iterable[Span]) -> list[Span]:
    """``spans`` sorted, with overlapping or touching spans joined into one; empty spans dropped."""
    out: list[Span] = []
    for start, end in sorted(span for span in spans if span[1] > span[0]):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def without_overlaps(spans: Iterable[Span]) -> list[Span]:
    """``spans`` sorted, with every span that starts inside an earlier one (and every empty one) left out."""
    kept: list[Span] = []
    reach = -1
    for start, end in sorted(spans):
        if start >= reach and end > start:
            kept.append((start, end))
            reach = end
    return kept
