"""Keeping line-relative spans on the text they mark while that text is edited.

Between a keystroke and the analysis of the new text, a pane still paints the spans of the
previous analysis. Moved with the edit (the rest of the line shifts by what was typed, the lines
after an Enter are renumbered) they stay on the words they mark; left as they were, every mark
after the cursor would sit a character off, and after an Enter every line below would show the
marks of the line above it. Moving them also tells which lines really change when the new
analysis arrives: only those are painted again, not every line after the edit.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

from workstation.core.text.line_spans import LineSpans

Span = tuple[int, int]  # (offset from the line's start, length), UTF-16 units


@dataclass(frozen=True, slots=True)
class LineEdit:
    """One edit as a text document reports it, placed on lines (all offsets in UTF-16 units).

    The edit begins at ``offset`` in line ``line``, where ``removed`` units were replaced by
    ``added``. Before it, the replaced text reached line ``line + old_lines``; after it, the new
    text reaches line ``line + new_lines``, and the text that followed the edit starts there at
    ``tail_offset``.
    """

    line: int
    offset: int
    removed: int
    added: int
    old_lines: int
    new_lines: int
    tail_offset: int

    @property
    def lines_grown(self) -> int:
        """How many lines the text gained (negative: lost) with this edit."""
        return self.new_lines - self.old_lines


def _split_edited_line(spans: tuple[Span, ...], edit: LineEdit) -> tuple[list[Span], list[Span]]:
    """The edited line's spans as pieces before the edit (they stay) and after it (they move).

    A span around an insertion point grows with what was typed when the line was not split.
    When the edit removed line breaks, the text after it comes from a later line whose spans
    are not known here: only the pieces before the edit are kept.
    """
    head: list[Span] = []
    tail: list[Span] = []
    offset = edit.offset
    cut_end = offset + edit.removed
    shift = edit.tail_offset - cut_end
    for start, length in spans:
        end = start + length
        if edit.old_lines == 0 and edit.new_lines == 0 and start < offset and end > cut_end:
            head.append((start, end + shift - start))  # typed inside the marked words
            continue
        if start < offset:
            head.append((start, min(end, offset) - start))
        if edit.old_lines == 0 and end > cut_end:
            moved_from = max(start, cut_end)
            tail.append((moved_from + shift, end - moved_from))
    return head, tail


def follow_edit(lines: LineSpans, edit: LineEdit) -> LineSpans:
    """``lines`` moved with ``edit``; lines the edit replaced lose their spans until re-analysed."""
    if not lines:
        return lines
    first, old_last, grown = edit.line, edit.line + edit.old_lines, edit.lines_grown
    if grown == 0 and edit.old_lines == 0 and first not in lines:
        return lines  # typed on a line without marks
    moved: dict[int, tuple[Span, ...]] = {}
    for number, spans in lines.items():
        if number < first:
            moved[number] = spans
        elif number > old_last:
            moved[number + grown] = spans
    head, tail = _split_edited_line(lines.get(first, ()), edit)
    if edit.new_lines == 0:
        head.extend(tail)
        tail = []
    if head:
        moved[first] = tuple(head)
    if tail:
        moved[first + edit.new_lines] = tuple(tail)
    return moved


def renumber_lines(numbers: Set[int], edit: LineEdit) -> set[int]:
    """Line numbers moved with ``edit``, leaving out the lines the edit itself rewrote."""
    first, old_last, grown = edit.line, edit.line + edit.old_lines, edit.lines_grown
    return {
        number if number < first else number + grown for number in numbers if not first <= number <= old_last
    }
