"""Cutting a long text into windows no token or run of white space crosses.

A regular expression or ``str.split`` over a whole 50,000-word text is one call into C of 5–15 ms,
and Python's interpreter lock is held for all of it: a worker thread doing it stalls the GUI
thread that long. Done window by window, each call is a fraction of a millisecond and the
interpreter changes hands between them. Each cut lies just before a non-space character that
follows white space, so a word, a punctuation token or a run of white space is always whole in
one window.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

WINDOW_CHARS = 16_384
"""About how many characters one window holds (a millisecond or less of C work on it)."""
SLICE_ITEMS = 8_192
"""About how many items (words, tokens) one bulk call into C should take (a millisecond or less):
a ``Counter`` or ``compress`` over the 60,000 words of a long text is 4-9 ms in one call."""

_TOKEN_AFTER_SPACE = re.compile(r"\s\S")


def token_windows(text: str, size: int = WINDOW_CHARS) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive windows tiling ``text``, each at least ``size`` characters
    long but the last; a text of up to ``size`` characters is one window (or none when empty)."""
    start, length = 0, len(text)
    while start < length:
        found = _TOKEN_AFTER_SPACE.search(text, start + size) if start + size < length else None
        end = found.start() + 1 if found else length
        yield start, end
        start = end


def item_slices[T](items: Sequence[T], size: int = SLICE_ITEMS) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of ``size``, so a bulk operation in C over each lets the
    interpreter change hands between them (the same reason as the text windows above)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
