"""The frozen result of a word diff: Meld-style chunks plus navigation and position mapping.

Chunks tile both texts completely and in order: ``chunks[0]`` starts at 0 in both texts, each
chunk starts where the previous one ended (in both texts), and the last one ends at the end of
both texts. All offsets are Python code points (``str`` indices); convert them with
``workstation.core.text.positions.Utf16Index`` before handing them to Qt.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, NamedTuple

ChunkTag = Literal["equal", "delete", "insert", "replace"]


class Chunk(NamedTuple):
    """One aligned piece of the two texts (a named tuple: a keystroke at 5,000 words builds
    about 1,500, three times faster than frozen dataclasses).

    - ``equal``: the same words and punctuation on both sides; the whitespace between them may
      differ (a double space, a re-wrapped line, CRLF vs LF).
    - ``delete``: text only in the original; ``b_start == b_end`` marks where it would have been.
    - ``insert``: text only in the rewrite; ``a_start == a_end``.
    - ``replace``: both sides changed.

    Changed chunks begin at the first changed token and end at the last one, so highlights never
    include the surrounding whitespace. ``a_words``/``b_words`` count the word tokens in each span
    (punctuation excluded); the edit metrics are computed from them.
    """

    tag: ChunkTag
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_words: int
    b_words: int

    @property
    def is_change(self) -> bool:
        """True for delete, insert and replace chunks."""
        return self.tag != "equal"


@dataclass(frozen=True)
class WordDiff:
    """Word-level alignment of an original text (side a) with its rewrite (side b).

    ``coarse`` is True when part of the texts was too large to align word by word within the
    work limit; those parts appear as large ``replace`` chunks (aligned by lines where possible).
    """

    chunks: tuple[Chunk, ...]
    a_length: int
    b_length: int
    coarse: bool = False

    def changes(self) -> tuple[Chunk, ...]:
        """The chunks that are not ``equal``, in order (what the reviewer steps through)."""
        return self._changes

    @cached_property
    def _changes(self) -> tuple[Chunk, ...]:
        # Worked out once: the editor's worker asks for them several times a keystroke, about
        # 1,500 at 5,000 words (the tag compared directly: ``is_change`` is a Python call).
        return tuple(chunk for chunk in self.chunks if chunk.tag != "equal")

    @cached_property
    def change_indices(self) -> tuple[int, ...]:
        """Indices into ``chunks`` of every change, in order (for next/previous-change jumps)."""
        return tuple(index for index, chunk in enumerate(self.chunks) if chunk.is_change)

    @property
    def has_changes(self) -> bool:
        """False when the two texts have the same words and punctuation (whitespace aside)."""
        return bool(self.change_indices)

    @cached_property
    def _a_starts(self) -> list[int]:
        return [chunk.a_start for chunk in self.chunks]

    @cached_property
    def _b_starts(self) -> list[int]:
        return [chunk.b_start for chunk in self.chunks]

    def chunk_index_at_a(self, position: int) -> int | None:
        """Index of the chunk holding code-point ``position`` of the original, None if no chunks.

        It is the last chunk starting at or before ``position``: a position on a boundary belongs
        to the chunk starting there (after any zero-width chunk, such as an ``insert`` seen from
        the original, at the same place), and ``position == a_length`` gives the last chunk.
        """
        return self._chunk_index_at(position, self.a_length, self._a_starts)

    def chunk_index_at_b(self, position: int) -> int | None:
        """Index of the chunk holding code-point ``position`` of the rewrite (see ``chunk_index_at_a``)."""
        return self._chunk_index_at(position, self.b_length, self._b_starts)

    def _chunk_index_at(self, position: int, length: int, starts: list[int]) -> int | None:
        _check_position(position, length)
        if not self.chunks:
            return None
        return max(0, bisect_right(starts, position) - 1)

    def map_a_to_b(self, position: int) -> int:
        """Position in the rewrite matching code-point ``position`` in the original.

        Inside a chunk the position is interpolated linearly (exact inside unchanged text with
        unchanged whitespace); the mapping never decreases as ``position`` grows, so synced
        scrolling never jumps backwards. A zero-width point maps to the end of the other side's span.
        """
        index = self.chunk_index_at_a(position)
        if index is None:
            return 0
        chunk = self.chunks[index]
        return _interpolate(position, chunk.a_start, chunk.a_end, chunk.b_start, chunk.b_end)

    def map_b_to_a(self, position: int) -> int:
        """Position in the original matching code-point ``position`` in the rewrite (see ``map_a_to_b``)."""
        index = self.chunk_index_at_b(position)
        if index is None:
            return 0
        chunk = self.chunks[index]
        return _interpolate(position, chunk.b_start, chunk.b_end, chunk.a_start, chunk.a_end)

    def next_change_index(self, chunk_index: int | None) -> int | None:
        """Index of the first change after chunk ``chunk_index`` (None: from the top), or None."""
        indices = self.change_indices
        start = -1 if chunk_index is None else chunk_index
        found = bisect_right(indices, start)
        return indices[found] if found < len(indices) else None

    def previous_change_index(self, chunk_index: int | None) -> int | None:
        """Index of the last change before chunk ``chunk_index`` (None: from the bottom), or None."""
        indices = self.change_indices
        if chunk_index is None:
            return indices[-1] if indices else None
        found = bisect_right(indices, chunk_index - 1)
        return indices[found - 1] if found > 0 else None


def _check_position(position: int, length: int) -> None:
    if not 0 <= position <= length:
        raise ValueError(f"position {position} outside the text (0..{length})")


def _interpolate(position: int, start: int, end: int, other_start: int, other_end: int) -> int:
    if end == start:
        return other_end
    return other_start + (position - start) * (other_end - other_start) // (end - start)
