"""Plain-text search for the writer's Find bar: every match of a needle, in code points.

The needle is literal text, never a pattern. Matches do not overlap and run left to right, as a
writer reading the text would count them. Case-insensitive matching folds one character at a time
(Python's ``re.IGNORECASE``), so a match's span is always the span of the text it covers, never of
a folded copy whose length could differ ("ß" → "ss").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class FindOptions:
    """How a needle matches: ``match_case`` off folds case; ``whole_word`` needs no letter,
    digit or underscore on either side of the match."""

    match_case: bool = False
    whole_word: bool = False


def find_all(text: str, needle: str, options: FindOptions = FindOptions()) -> list[tuple[int, int]]:
    """(start, end) code-point spans of every non-overlapping match of ``needle`` in ``text``.

    An empty needle matches nothing (not every position).
    """
    if not needle:
        return []
    pattern = re.escape(needle)
    if options.whole_word:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    flags = 0 if options.match_case else re.IGNORECASE
    return [match.span() for match in re.finditer(pattern, text, flags)]


def match_after(matches: list[tuple[int, int]], position: int) -> int | None:
    """Index of the first match starting at or after ``position``, wrapping to the first; None if none."""
    if not matches:
        return None
    for index, (start, _end) in enumerate(matches):
        if start >= position:
            return index
    return 0


def match_before(matches: list[tuple[int, int]], position: int) -> int | None:
    """Index of the last match starting before ``position``, wrapping to the last; None if none."""
    if not matches:
        return None
    for index in range(len(matches) - 1, -1, -1):
        if matches[index][0] < position:
            return index
    return len(matches) - 1
