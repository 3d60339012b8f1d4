"""A bounded memory of what was worked out from pieces of text (lines, paragraphs), by their text.

A keystroke changes one line or paragraph of a long text; whatever depends on that piece alone
(the repeats in a line, the words and sentences of a paragraph) can be looked up for every
other piece instead of being worked out again.

The memory is bounded by the characters of the pieces it holds, not by their number: past the
bound it forgets everything and starts again (a forgotten piece is only worked out again), and a
piece longer than an eighth of the bound is never kept. The analysis worker and the GUI thread
may use one memory at once, so keeping is locked; looking up is one dictionary read.
"""

from __future__ import annotations

import threading


class TextMemo[Value]:
    """Values worked out from pieces of text, by the piece's text, up to ``max_chars`` of them."""

    __slots__ = ("_chars", "_lock", "_values", "max_chars")

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self._values: dict[str, Value] = {}
        self._chars = 0
        self._lock = threading.Lock()

    def get(self, piece: str) -> Value | None:
        """What was kept for ``piece``, or None."""
        return self._values.get(piece)

    def keep(self, piece: str, value: Value) -> Value:
        """Remember ``value`` for ``piece`` (unless the piece is too long to keep); returns it."""
        if len(piece) <= self.max_chars // 8:
            with self._lock:
                if self._chars + len(piece) > self.max_chars:
                    self._values.clear()
                    self._chars = 0
                if piece not in self._values:
                    self._values[piece] = value
                    self._chars += len(piece)
        return value

    def __len__(self) -> int:
        return len(self._values)

    @property
    def chars(self) -> int:
        """The characters of the pieces held now."""
        return self._chars
