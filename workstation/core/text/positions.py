"""Code-point <-> UTF-16 position conversion for the Qt edge.

Python indexes strings by code point; Qt (``QString``, ``QTextCursor``, ``QTextLayout``) by
UTF-16 code unit, where every character above U+FFFF (most emoji, some CJK, math letters)
takes two units. The core computes every span in code points; the GUI converts here, once per
text, or every highlight after the first emoji would drift.

``Utf16Index`` is built once per text. A text without astral characters (the usual case) needs
no table at all and converts by identity; otherwise conversion is a binary search over the
positions of the astral characters, so a 200,000-word text costs one scan to build and
O(log n) per conversion.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (what ``QString.length()`` reports)."""
    if not text.isascii() and _ASTRAL.search(text):
        return len(text) + len(_ASTRAL.findall(text))
    return len(text)


class Utf16Index:
    """Converts positions in one text between code points and UTF-16 code units.

    A UTF-16 position that falls between the two halves of a surrogate pair does not name a
    code-point position; ``to_codepoint`` rounds it down to the start of that character and
    ``span_to_codepoint`` widens a span to whole characters.
    """

    __slots__ = ("_astral_code_points", "_astral_units", "length", "utf16_length")

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # Code-point index of every astral character, and its UTF-16 index. A regex scan runs
        # in C: ``max(text)`` would walk a 50,000-word text in Python (~8 ms per keystroke).
        self._astral_code_points = (
            [] if text.isascii() else [match.start() for match in _ASTRAL.finditer(text)]
        )
        self._astral_units = [position + rank for rank, position in enumerate(self._astral_code_points)]
        self.utf16_length = self.length + len(self._astral_code_points)

    @property
    def is_identity(self) -> bool:
        """True when the text has no astral characters, so positions are equal in both units."""
        return not self._astral_code_points

    def to_utf16(self, position: int) -> int:
        """UTF-16 position of code-point ``position`` (0..len(text)); ValueError outside."""
        if not 0 <= position <= self.length:
            raise ValueError(f"code-point position {position} outside 0..{self.length}")
        if not self._astral_code_points:
            return position
        return position + bisect_left(self._astral_code_points, position)

    def to_codepoint(self, position: int) -> int:
        """Code-point position of UTF-16 ``position`` (0..utf16_length), rounding down inside a pair."""
        if not 0 <= position <= self.utf16_length:
            raise ValueError(f"UTF-16 position {position} outside 0..{self.utf16_length}")
        if not self._astral_code_points:
            return position
        # Astral characters starting strictly before ``position`` each took one extra unit...
        before = bisect_left(self._astral_units, position)
        # ...unless ``position`` is the low half of the last one: then round down to its start.
        if before and self._astral_units[before - 1] == position - 1:
            return self._astral_code_points[before - 1]
        return position - before

    def to_codepoint_rounding_up(self, position: int) -> int:
        """Like ``to_codepoint`` but a position inside a surrogate pair goes to the character's end."""
        code_point = self.to_codepoint(position)
        if self._astral_code_points and self.to_utf16(code_point) != position:
            return code_point + 1
        return code_point

    def span_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        """UTF-16 span of the code-point span ``start..end`` (ValueError if reversed or outside)."""
        if start > end:
            raise ValueError(f"span start {start} after end {end}")
        return self.to_utf16(start), self.to_utf16(end)

    def span_to_codepoint(self, start: int, end: int) -> tuple[int, int]:
        """Code-point span covering the UTF-16 span ``start..end`` (widened to whole characters)."""
        if start > end:
            raise ValueError(f"span start {start} after end {end}")
        return self.to_codepoint(start), self.to_codepoint_rounding_up(end)
