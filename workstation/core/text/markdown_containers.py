"""The open block quotes and list items of the Markdown block pass, and which of them owns a line.

A line belongs to the innermost open quote and the innermost open list item; an outer container
of the same kind pauses its span while a nested one is open and starts a new one after it, so
the spans of one scope never overlap. Matching a line against the open containers and handing it
to its owners cost no more than the line's own characters, however deep the nesting.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from workstation.core.text.markdown_lines import after_quote_marker, skip_indent
from workstation.core.text.span_set import Span

QUOTE = "quote"
ITEM = "item"


@dataclass(slots=True)
class Container:
    """An open block quote or list item; ``pieces`` gets the stretches of lines it owns directly."""

    kind: str
    indent: int  # list item: columns its content is indented by, relative to its parent's content
    pieces: list[Span]
    piece_start: int = -1  # start of the piece being extended, -1 when none is open
    last_end: int = -1  # end of the last non-blank line of that piece

    def close_piece(self) -> None:
        if self.piece_start >= 0 and self.last_end > self.piece_start:
            self.pieces.append((self.piece_start, self.last_end))
        self.piece_start = -1


class ContainerStack:
    """The open containers, outermost first."""

    def __init__(self) -> None:
        self.open: list[Container] = []
        self.quote_indices: list[int] = []  # indices into ``open`` of the block quotes
        self.owners: list[Container] = []  # the innermost open quote and item
        self.owners_changed = False

    def __len__(self) -> int:
        return len(self.open)

    def match(self, line: str, content_end: int) -> tuple[int, int, int]:
        """How many open containers ``line`` continues, and where their prefixes end (position, column).

        ``content_end`` is the line's length without trailing spaces and tabs.

        Where the rest of the line is blank, every list item up to the next block quote continues
        at once (found by bisecting, so blank lines under a deep list cost no more than others).
        """
        pos = col = matched = 0
        containers = self.open
        while matched < len(containers):
            container = containers[matched]
            if container.kind == QUOTE:
                quote_pos, quote_col = skip_indent(line, pos, col, 4)
                if quote_pos < len(line) and line[quote_pos] == ">" and quote_col - col <= 3:
                    pos, col = after_quote_marker(line, quote_pos, quote_col)
                    matched += 1
                    continue
                break
            if pos >= content_end:
                next_quote = bisect_right(self.quote_indices, matched)
                matched = (
                    self.quote_indices[next_quote]
                    if next_quote < len(self.quote_indices)
                    else len(containers)
                )
                pos = len(line)
                continue
            indent_pos, indent_col = skip_indent(line, pos, col, container.indent)
            if indent_col - col < container.indent:
                break
            pos, col = indent_pos, indent_col
            matched += 1
        return pos, col, matched

    def push(self, kind: str, indent: int, start: int, pieces: list[Span]) -> None:
        """Open a container whose marker is at ``start``; its spans go to ``pieces``."""
        if kind == QUOTE:
            self.quote_indices.append(len(self.open))
        self.open.append(Container(kind, indent, pieces, piece_start=start))
        self.owners_changed = True

    def close_to(self, keep: int) -> None:
        """Close every container but the outermost ``keep``."""
        while len(self.open) > keep:
            container = self.open.pop()
            container.close_piece()
            if container.kind == QUOTE:
                self.quote_indices.pop()
            self.owners_changed = True

    def own_line(self, base: int, line: str, end: int, blank: bool) -> None:
        """The innermost quote and item own this line; a same-kind container outside them pauses.

        Who owns a line changes only when a container opens or closes, so the walk over the open
        containers happens only then: a lazy or blank line under deep nesting costs nothing extra.
        """
        if self.owners_changed:
            self.owners_changed = False
            self.owners = []
            seen: set[str] = set()
            for container in reversed(self.open):
                if container.kind in seen:
                    container.close_piece()
                else:
                    seen.add(container.kind)
                    self.owners.append(container)
        if blank:
            return
        for container in self.owners:
            if container.piece_start < 0:
                container.piece_start = base + len(line) - len(line.lstrip(" \t>"))
            container.last_end = end
