"""Spans cut at line breaks and placed relative to each line: the form a pane's formats take.

A plain-text pane paints formats block by block (a block is one line of its text), in UTF-16
offsets from the block's start. Cutting the spans of a diff or a lint pass into that form is
arithmetic over the text alone, so it runs on the analysis worker; the GUI thread only hands
each block its ranges, and only for the blocks whose ranges changed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterable, Sequence

from workstation.core.text.positions import Utf16Index

LineSpans = dict[int, tuple[tuple[int, int], ...]]
"""Line number -> ((UTF-16 offset from the line's start, UTF-16 length), ...), in span order."""


def reuse_equal(new: LineSpans, old: LineSpans) -> LineSpans:
    """``new``, with each line's spans that equal ``old``'s given as ``old``'s very tuple: a pane
    painting ``old`` then tells the unchanged lines by identity, without comparing their spans
    (at 50,000 words, a few milliseconds of the GUI thread per analysis)."""
    if not old:
        return new
    return {number: (kept if (kept := old.get(number)) == spans else spans) for number, spans in new.items()}


def cut_at_lines(spans: Iterable[tuple[int, int]], starts: Sequence[int], text_end: int) -> LineSpans:
    """Cut ``spans`` (UTF-16 start, end; end exclusive) at the lines beginning at ``starts``.

    ``starts`` are the UTF-16 starts of every line (ascending, the first 0) and ``text_end`` the
    text's UTF-16 length. The line break ending a line belongs to no line, so a span over it
    goes on in the next line. Spans are clipped to the text; empty ones are dropped.
    """
    cut: dict[int, list[tuple[int, int]]] = {}
    last = len(starts) - 1
    for start, end in spans:
        start = max(start, 0)
        end = min(end, text_end)
        if end <= start:
            continue
        number = bisect_right(starts, start) - 1
        line_start = starts[number]
        line_end = starts[number + 1] - 1 if number < last else text_end
        if end <= line_end:  # the usual case: the span lies inside one line
            cut.setdefault(number, []).append((start - line_start, end - start))
            continue
        while number <= last and starts[number] < end:
            line_start = starts[number]
            line_end = starts[number + 1] - 1 if number < last else text_end
            low, high = max(start, line_start), min(end, line_end)
            if high > low:
                cut.setdefault(number, []).append((low - line_start, high - low))
            number += 1
    return {number: tuple(pieces) for number, pieces in cut.items()}


class TextLines:
    """One text's lines as a pane holds them: UTF-16 positions and where each line starts.

    ``soft_breaks`` are the code-point positions of line breaks that do not start a new line
    (Shift+Enter in a pane: shown as "\\n" in its text, kept inside one block by Qt).
    Safe to build and use on any thread; it never changes after it is built.
    """

    __slots__ = ("index", "starts", "text")

    def __init__(self, text: str, soft_breaks: Collection[int] = ()) -> None:
        self.text = text
        self.index = Utf16Index(text)
        soft = frozenset(soft_breaks)
        starts = [0]
        found = text.find("\n")
        while found >= 0:
            if found not in soft:
                starts.append(found + 1)
            found = text.find("\n", found + 1)
        to16 = self.index.to_utf16
        self.starts = starts if self.index.is_identity else [to16(start) for start in starts]

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def cut(self, spans: Iterable[tuple[int, int]]) -> LineSpans:
        """``spans`` in code points (start, end), converted to UTF-16 and cut at the lines."""
        index = self.index
        if not index.is_identity:
            spans = [index.span_to_utf16(start, end) for start, end in spans]
        return cut_at_lines(spans, self.starts, index.utf16_length)
