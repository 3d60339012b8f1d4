"""The block structure of a Markdown text, read line by line in one pass (CommonMark + GFM tables).

This is the first half of :mod:`workstation.core.text.markdown_scopes`: it finds the blocks (code
blocks, raw HTML blocks, link reference definitions, headings, list items, block quotes, pipe
tables) and the stretches of text inline constructs live in (paragraphs, heading text, table
rows). :mod:`~workstation.core.text.markdown_inline` reads those stretches.

It follows CommonMark's container rules (block quotes and list items nest, a paragraph line may
continue lazily, a fenced block ends with its container) with these simplifications: a tab
reaches the next multiple of four columns and is consumed whole, a link reference definition is
one line, and a list item that starts with a blank line does not end at the second blank line.
The line tests (:mod:`markdown_lines`) read a line once each; walks over the open containers
happen only where a line's own characters pay for them, so the pass is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workstation.core.text.markdown_containers import ITEM, QUOTE, ContainerStack
from workstation.core.text.markdown_lines import (
    ATX_RE,
    DEFINITION_RE,
    FENCE_RE,
    LIST_MARKER_RE,
    SETEXT_RE,
    TABLE_DELIMITER_RE,
    THEMATIC_RE,
    after_quote_marker,
    cells,
    fence_at,
    html_block_ends,
    html_block_start,
    skip_indent,
)
from workstation.core.text.span_set import Span

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


@dataclass(slots=True)
class BlockScan:
    """What the block pass found: code-point spans, each list in text order."""

    code_blocks: list[Span] = field(default_factory=list)
    html_blocks: list[Span] = field(default_factory=list)  # skipped whole: script/pre/style, comments …
    definitions: list[Span] = field(default_factory=list)  # link reference definitions
    headings: list[Span] = field(default_factory=list)
    list_items: list[Span] = field(default_factory=list)
    blockquotes: list[Span] = field(default_factory=list)
    tables: list[Span] = field(default_factory=list)
    inline_blocks: list[Span] = field(default_factory=list)  # paragraphs, heading text, table rows
    html_text_blocks: list[Span] = field(default_factory=list)  # other HTML blocks: tags inside only


class _BlockScanner:
    """One pass over the lines; the state of the open containers and of the open leaf block."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.out = BlockScan()
        self.containers = ContainerStack()
        self.leaf = ""  # "", "paragraph", "table", "fence", "indented", "html_raw", "html_text"
        self.leaf_start = 0
        self.leaf_end = 0
        self.paragraph_lines = 0
        self.paragraph_first_line = ""
        self.fence_char = ""
        self.fence_length = 0
        self.html_end = ""
        self.line_content_end = 0  # the current line's length without trailing spaces and tabs
        self.thematic_from: dict[str, int] = {}

    # ------------------------------------------------------------------ driving
    def run(self) -> BlockScan:
        text = self.text
        start = 0
        if "\r" in text:
            for match in _LINE_BREAK_RE.finditer(text):
                self._line(start, text[start : match.start()])
                start = match.end()
            if start < len(text):
                self._line(start, text[start:])
        else:  # the usual case: str.split is much faster than a regular expression
            for line in text.split("\n"):
                if line or start < len(text):
                    self._line(start, line)
                start += len(line) + 1
        self._close_leaf()
        self.containers.close_to(0)
        return self.out

    def _line(self, base: int, line: str) -> None:
        self.line_content_end = len(line.rstrip(" \t"))
        if not self.line_content_end and not self.containers:  # a blank line at the top level
            if self.leaf in ("fence", "html_raw"):
                self.leaf_end = base + len(line)
            elif self.leaf != "indented":
                self._close_leaf()
            return
        self.thematic_from.clear()
        pos, col, matched = self.containers.match(line, self.line_content_end)
        end = base + len(line)
        rest_blank = pos >= self.line_content_end
        if matched == len(self.containers) and self._continue_leaf(base, line, pos, col, rest_blank):
            self.containers.own_line(base, line, end, rest_blank)
            return
        if matched < len(self.containers):
            if (
                self.leaf == "paragraph"
                and not rest_blank
                and not self._starts_block(line, pos, col, lazy=True)
            ):
                self.leaf_end = end  # a lazy continuation line: every container stays open
                self.paragraph_lines += 1
                self.containers.own_line(base, line, end, rest_blank)
                return
            self._close_leaf()
            self.containers.close_to(matched)
        pos, col = self._open_containers(base, line, pos, col)
        self._start_leaf(base, line, pos, col)
        self.containers.own_line(base, line, end, pos >= self.line_content_end)

    # ------------------------------------------------------------------ containers
    def _open_containers(self, base: int, line: str, pos: int, col: int) -> tuple[int, int]:
        """Open the block quotes and list items that start on this line; where their content starts."""
        while True:
            start_pos, start_col = skip_indent(line, pos, col)
            if start_col - col >= 4 or start_pos >= len(line):
                return pos, col
            if line[start_pos] == ">":
                self._close_leaf()
                self.containers.push(QUOTE, 0, base + start_pos, self.out.blockquotes)
                pos, col = after_quote_marker(line, start_pos, start_col)
                continue
            marker = LIST_MARKER_RE.match(line, start_pos)
            if marker is None or self._thematic_at(line, start_pos):
                return pos, col
            after_marker = marker.end()
            content_blank = after_marker >= self.line_content_end
            marker_col = start_col + (after_marker - start_pos)
            content_pos, content_col = skip_indent(line, after_marker, marker_col)
            if content_blank or content_col - marker_col > 4:
                content_pos, content_col = min(after_marker + 1, len(line)), marker_col + 1
            self._close_leaf()
            self.containers.push(ITEM, content_col - col, base + start_pos, self.out.list_items)
            pos, col = content_pos, content_col

    def _thematic_at(self, line: str, pos: int) -> bool:
        """Whether ``line[pos:]`` is a thematic break (``* * *``), in constant time after the first
        ask per line and character, so a line of a thousand "- " markers stays linear."""
        char = line[pos]
        if char not in "-*_":
            return False
        if char not in self.thematic_from:
            # Where the line's tail of only this character, spaces and tabs begins.
            tail = len(line)
            while tail > 0 and line[tail - 1] in (char, " ", "\t"):
                tail -= 1
            self.thematic_from[char] = tail
        return pos >= self.thematic_from[char] and THEMATIC_RE.match(line, pos) is not None

    # ------------------------------------------------------------------ leaf blocks
    def _continue_leaf(self, base: int, line: str, pos: int, col: int, blank: bool) -> bool:
        """Whether this line (all containers matched) belongs to the open leaf; True means handled."""
        leaf, end = self.leaf, base + len(line)
        if leaf == "fence":
            fence_pos, fence_col = skip_indent(line, pos, col, 4)
            close = FENCE_RE.match(line, fence_pos) if fence_col - col <= 3 else None
            self.leaf_end = end
            if (
                close
                and close.group(1)[0] == self.fence_char
                and len(close.group(1)) >= self.fence_length
                and not close.group(2).strip(" \t")
            ):
                self._close_leaf()
            return True
        if leaf in ("html_raw", "html_text"):
            if leaf == "html_text" and blank:
                self._close_leaf()
                return True
            self.leaf_end = end
            if leaf == "html_raw" and html_block_ends(self.html_end, line[pos:]):
                self._close_leaf()
            return True
        if leaf == "indented":
            if blank:
                return True
            if skip_indent(line, pos, col)[1] - col >= 4:
                self.leaf_end = end
                return True
            self._close_leaf()
            return False
        if leaf in ("paragraph", "table"):
            if blank:
                self._close_leaf()
                return True
            return self._continue_text(base, line, pos, col)
        return False

    def _continue_text(self, base: int, line: str, pos: int, col: int) -> bool:
        text_pos, text_col = skip_indent(line, pos, col)
        end = base + len(line)
        if self.leaf == "paragraph" and text_col - col < 4:
            if SETEXT_RE.match(line, text_pos):
                self.out.headings.append((self.leaf_start, end))
                self.out.inline_blocks.append((self.leaf_start, self.leaf_end))
                self.leaf = ""
                return True
            if (
                self.paragraph_lines == 1
                and "|" in self.paragraph_first_line
                and TABLE_DELIMITER_RE.match(line, text_pos)
                and cells(self.paragraph_first_line) == cells(line[text_pos:])
            ):
                self.out.inline_blocks.append((self.leaf_start, self.leaf_end))
                self.leaf, self.leaf_end = "table", end
                return True
        if self._starts_block(line, pos, col) or (self.leaf == "table" and text_col - col >= 4):
            self._close_leaf()
            return False
        if self.leaf == "table":
            self.out.inline_blocks.append((base + text_pos, end))
        self.leaf_end = end
        self.paragraph_lines += 1
        return True

    def _starts_block(self, line: str, pos: int, col: int, *, lazy: bool = False) -> bool:
        """Whether the line interrupts a paragraph: a quote, list item, heading, fence, rule or HTML.

        ``lazy``: the line did not continue every open container, so it would be a lazy
        continuation; there any list item and any HTML tag line starts a block (CommonMark's
        limits on interrupting a paragraph hold only inside the paragraph's own container).
        """
        start_pos, start_col = skip_indent(line, pos, col)
        if start_col - col >= 4 or start_pos >= len(line):
            return False
        char = line[start_pos]
        if char == ">":
            return True
        if char == "#":
            return ATX_RE.match(line, start_pos) is not None
        if char in "`~":
            return fence_at(line, start_pos) is not None
        if char in "-*_" and THEMATIC_RE.match(line, start_pos):
            return True
        if char == "<":
            return html_block_start(line, start_pos, interrupting=not lazy)[0] != ""
        marker = LIST_MARKER_RE.match(line, start_pos)
        if marker is None:
            return False
        if lazy:
            return True
        return bool(line[marker.end() :].strip(" \t")) and (marker.group(1) or "1").lstrip("0") == "1"

    def _start_leaf(self, base: int, line: str, pos: int, col: int) -> None:
        """A new leaf block (or none, for a blank line or a rule) starting at ``pos``."""
        start_pos, start_col = skip_indent(line, pos, col)
        end = base + len(line)
        if start_pos >= len(line):
            return
        if start_col - col >= 4:
            self._open_leaf("indented", base + pos, end)
            return
        char = line[start_pos]
        start = base + start_pos
        if char == "#" and ATX_RE.match(line, start_pos):
            self.out.headings.append((start, end))
            self.out.inline_blocks.append((start, end))
            return
        fence = fence_at(line, start_pos) if char in "`~" else None
        if fence:
            self.fence_char, self.fence_length = char, len(fence.group(1))
            self._open_leaf("fence", start, end)
            return
        if char in "-*_" and THEMATIC_RE.match(line, start_pos):
            return
        kind, self.html_end = html_block_start(line, start_pos) if char == "<" else ("", "")
        if kind:
            self._open_leaf(kind, start, end)
            if kind == "html_raw" and html_block_ends(self.html_end, line[start_pos + 1 :]):
                self._close_leaf()
            return
        if char == "[" and DEFINITION_RE.match(line, start_pos):
            self.out.definitions.append((start, end))
            return
        self._open_leaf("paragraph", start, end)
        self.paragraph_lines = 1
        self.paragraph_first_line = line[start_pos:]

    def _open_leaf(self, kind: str, start: int, end: int) -> None:
        self.leaf, self.leaf_start, self.leaf_end = kind, start, end

    def _close_leaf(self) -> None:
        leaf, span = self.leaf, (self.leaf_start, self.leaf_end)
        self.leaf = ""
        if not leaf or span[1] <= span[0]:
            return
        if leaf == "paragraph":
            self.out.inline_blocks.append(span)
        elif leaf == "table":
            self.out.tables.append(span)
        elif leaf in ("fence", "indented"):
            self.out.code_blocks.append(span)
        elif leaf == "html_raw":
            self.out.html_blocks.append(span)
        else:
            self.out.html_text_blocks.append(span)


def scan_blocks(text: str) -> BlockScan:
    """The blocks of ``text`` (see the module docstring); never raises."""
    return _BlockScanner(text).run()
