"""The "track changes" view: one merged text with deletions and insertions in reading order.

Reviewers who prefer a single column over two panes read this; a word processor shows the same.
A replacement reads as the deleted text followed by the inserted text. Whitespace that differs
inside an otherwise equal stretch is shown as a deleted and/or inserted whitespace segment, so
the segments always rebuild both texts exactly:
``"".join(s.text for s in segments if s.kind != "inserted") == original`` and
``"".join(s.text for s in segments if s.kind != "deleted") == rewrite``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from workstation.core.diff.result import WordDiff
from workstation.core.diff.worddiff import diff_words

SegmentKind = Literal["equal", "deleted", "inserted"]

_WHITESPACE_RUN = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the merged text; ``text`` is plain text, never markup."""

    kind: SegmentKind
    text: str


class _SegmentList:
    """Collects segments, dropping empty ones and merging neighbours of the same kind."""

    def __init__(self) -> None:
        self.kinds: list[SegmentKind] = []
        self.texts: list[list[str]] = []

    def add(self, kind: SegmentKind, text: str) -> None:
        if not text:
            return
        if self.kinds and self.kinds[-1] == kind:
            self.texts[-1].append(text)
        else:
            self.kinds.append(kind)
            self.texts.append([text])

    def build(self) -> tuple[Segment, ...]:
        return tuple(
            Segment(kind, "".join(parts)) for kind, parts in zip(self.kinds, self.texts, strict=True)
        )


def _common_head(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _whitespace_by_position(text: str) -> tuple[dict[int, str], list[str]]:
    """Whitespace runs keyed by how many non-space characters precede them, and the non-space pieces."""
    runs: dict[int, str] = {}
    pieces: list[str] = []
    cursor = 0
    visible = 0
    for match in _WHITESPACE_RUN.finditer(text):
        piece = text[cursor : match.start()]
        pieces.append(piece)
        visible += len(piece)
        runs[visible] = match.group()
        cursor = match.end()
    pieces.append(text[cursor:])
    return runs, pieces


def _add_whitespace_variant(segments: _SegmentList, a_text: str, b_text: str) -> None:
    """Segments for two strings with the same non-space characters and different whitespace."""
    head = _common_head(a_text, b_text)
    segments.add("equal", a_text[:head])
    a_rest, b_rest = a_text[head:], b_text[head:]
    tail = _common_head(a_rest[::-1], b_rest[::-1])
    a_middle, b_middle = a_rest[: len(a_rest) - tail], b_rest[: len(b_rest) - tail]
    a_runs, a_pieces = _whitespace_by_position(a_middle)
    b_runs, _b_pieces = _whitespace_by_position(b_middle)
    visible_text = "".join(a_pieces)  # identical on both sides by construction
    cursor = 0
    for position in sorted(a_runs.keys() | b_runs.keys()):
        segments.add("equal", visible_text[cursor:position])
        a_space, b_space = a_runs.get(position, ""), b_runs.get(position, "")
        if a_space == b_space:
            segments.add("equal", a_space)
        else:
            segments.add("deleted", a_space)
            segments.add("inserted", b_space)
        cursor = position
    segments.add("equal", visible_text[cursor:])
    segments.add("equal", a_rest[len(a_rest) - tail :])


def inline_segments(original: str, rewrite: str, diff: WordDiff | None = None) -> tuple[Segment, ...]:
    """Merged track-changes segments of ``original`` -> ``rewrite`` (diffs them if ``diff`` is None).

    Raises ValueError when ``diff`` was computed for texts of other lengths.
    """
    if diff is None:
        diff = diff_words(original, rewrite)
    if diff.a_length != len(original) or diff.b_length != len(rewrite):
        raise ValueError("the diff was computed for different texts")
    segments = _SegmentList()
    for chunk in diff.chunks:
        a_text = original[chunk.a_start : chunk.a_end]
        b_text = rewrite[chunk.b_start : chunk.b_end]
        if chunk.tag != "equal":
            segments.add("deleted", a_text)
            segments.add("inserted", b_text)
        elif a_text == b_text:
            segments.add("equal", a_text)
        else:
            _add_whitespace_variant(segments, a_text, b_text)
    return segments.build()
