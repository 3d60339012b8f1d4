"""The block structure of a Markdown text, read line by line in one pass (CommonMark + GFM tables).

This is the first half of :mod:`workstation.core.text.markdown_scopes`: it finds the blocks (code
blocks, raw HTML blocks, link reference definitions, headings, list items, block quotes, pipe
tables) and the stretches of text inline constructs live in (paragraphs, heading text, table
rows). :mod:`~workstation.core.text.markdown_inline` reads those stretches.

Why a scanner of our own rather than a Markdown library: the lint path runs after every pause in
typing and needs character offsets, which parsers such as markdown-it-py do not give for inline
code; a line-based pass with anchored regular expressions costs well under a millisecond for a
5,000-word text. It follows CommonMark's container rules (block quotes and list items nest, a
paragraph line may continue lazily, a fenced block ends with its container) with these
simplifications: a tab counts as reaching the next multiple of four columns and is consumed
whole, a link reference definition is one line, and a list item that starts with a blank line
does not end at the second blank line.

Every regular expression here is anchored at a known position and has no nested ambiguous
repetition, so the whole pass is linear in the text's length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

Span = tuple[int, int]

QUOTE = "quote"
ITEM = "item"

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_ATX_RE = re.compile(r"#{1,6}(?:[ \t]|$)")
_FENCE_RE = re.compile(r"(`{3,}|~{3,})(.*)")
_THEMATIC_RE = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST_MARKER_RE = re.compile(r"(?:[-+*]|(\d{1,9})[.)])(?=[ \t]|$)")
_SETEXT_RE = re.compile(r"(?:=+|-+)[ \t]*$")
_TABLE_DELIMITER_RE = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_DEFINITION_RE = re.compile(
    r"\[(?:[^\[\]\\]|\\.){1,999}\]:[ \t]*(?:<[^<>]*>|\S+)"
    r"""(?:[ \t]+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?[ \t]*$"""
)
# HTML block starts (CommonMark types 1-7) and, for types 1-5, the text that ends them.
_HTML_RAW_START_RE = re.compile(r"<(?:script|pre|style|textarea)(?:[\s>]|$)", re.IGNORECASE)
_HTML_RAW_END_RE = re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE)
_HTML_ENDS = {"<!--": "-->", "<?": "?>", "<![CDATA[": "]]>"}
_HTML_DECLARATION_RE = re.compile(r"<![A-Za-z]")
_HTML_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    "dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|"
    "hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|"
    "search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
_HTML_KNOWN_START_RE = re.compile(rf"</?(?:{_HTML_BLOCK_TAGS})(?:[ \t>]|/>|$)", re.IGNORECASE)
_HTML_ANY_TAG_LINE_RE = re.compile(
    r"(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][\w.:-]*"
    r"""(?:[ \t]*=[ \t]*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*/?>"""
    r"|</[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$"
)


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


@dataclass(slots=True)
class _Container:
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


def _skip_indent(line: str, pos: int, col: int, limit: int = 1 << 30) -> tuple[int, int]:
    """Move over spaces and tabs from ``pos`` (column ``col``) until ``limit`` columns are passed."""
    start_col = col
    length = len(line)
    while pos < length and col - start_col < limit:
        char = line[pos]
        if char == " ":
            col += 1
        elif char == "\t":
            col += 4 - col % 4
        else:
            break
        pos += 1
    return pos, col


class _BlockScanner:
    """One pass over the lines; the state of the open containers and of the open leaf block."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.out = BlockScan()
        self.containers: list[_Container] = []
        self.leaf = ""  # "", "paragraph", "table", "fence", "indented", "html_raw", "html_text"
        self.leaf_start = 0
        self.leaf_end = 0
        self.paragraph_lines = 0
        self.paragraph_first_line = ""
        self.fence_char = ""
        self.fence_length = 0
        self.html_end = ""
        self.quote_indices: list[int] = []  # indices into containers of the block quotes
        self.owners: list[_Container] = []  # the innermost open quote and item
        self.owners_changed = False
        self.line_content_end = 0  # the current line's length without trailing spaces and tabs
        self.thematic_from: dict[str, int] = {}

    # ------------------------------------------------------------------ driving
    def run(self) -> BlockScan:
        text = self.text
        start = 0
        for match in _LINE_BREAK_RE.finditer(text):
            self._line(start, text[start : match.start()])
            start = match.end()
        if start < len(text):
            self._line(start, text[start:])
        self._close_leaf()
        self._close_containers(0)
        return self.out

    def _line(self, base: int, line: str) -> None:
        self.line_content_end = len(line.rstrip(" \t"))
        self.thematic_from.clear()
        pos, col, matched = self._match_containers(line)
        end = base + len(line)
        rest_blank = pos >= self.line_content_end
        if matched == len(self.containers) and self._continue_leaf(base, line, pos, col, rest_blank):
            self._own_line(base, line, end, rest_blank)
            return
        if matched < len(self.containers):
            if (
                self.leaf == "paragraph"
                and not rest_blank
                and not self._starts_block(line, pos, col, lazy=True)
            ):
                self.leaf_end = end  # a lazy continuation line: every container stays open
                self.paragraph_lines += 1
                self._own_line(base, line, end, rest_blank)
                return
            self._close_leaf()
            self._close_containers(matched)
        pos, col = self._open_containers(base, line, pos, col)
        self._start_leaf(base, line, pos, col)
        self._own_line(base, line, end, pos >= self.line_content_end)

    # ------------------------------------------------------------------ containers
    def _match_containers(self, line: str) -> tuple[int, int, int]:
        """How many open containers this line continues, and where their prefixes end.

        Where the rest of the line is blank, every list item up to the next block quote continues
        at once (found by bisecting, so blank lines under a deep list cost no more than others).
        """
        pos = col = matched = 0
        containers = self.containers
        while matched < len(containers):
            container = containers[matched]
            if container.kind == QUOTE:
                quote_pos, quote_col = _skip_indent(line, pos, col, 4)
                if quote_pos < len(line) and line[quote_pos] == ">" and quote_col - col <= 3:
                    pos, col = self._after_quote_marker(line, quote_pos, quote_col)
                    matched += 1
                    continue
                break
            if pos >= self.line_content_end:
                next_quote = bisect_right(self.quote_indices, matched)
                matched = (
                    self.quote_indices[next_quote]
                    if next_quote < len(self.quote_indices)
                    else len(containers)
                )
                pos = len(line)
                continue
            indent_pos, indent_col = _skip_indent(line, pos, col, container.indent)
            if indent_col - col < container.indent:
                break
            pos, col = indent_pos, indent_col
            matched += 1
        return pos, col, matched

    @staticmethod
    def _after_quote_marker(line: str, pos: int, col: int) -> tuple[int, int]:
        pos, col = pos + 1, col + 1
        if pos < len(line) and line[pos] in " \t":
            col = col + 1 if line[pos] == " " else col + 4 - col % 4
            pos += 1
        return pos, col

    def _open_containers(self, base: int, line: str, pos: int, col: int) -> tuple[int, int]:
        """Open the block quotes and list items that start on this line; where their content starts."""
        while True:
            start_pos, start_col = _skip_indent(line, pos, col)
            if start_col - col >= 4 or start_pos >= len(line):
                return pos, col
            if line[start_pos] == ">":
                self._close_leaf()
                self._push(QUOTE, 0, base + start_pos)
                pos, col = self._after_quote_marker(line, start_pos, start_col)
                continue
            marker = _LIST_MARKER_RE.match(line, start_pos)
            if marker is None or self._thematic_at(line, start_pos):
                return pos, col
            after_marker = marker.end()
            content_blank = after_marker >= self.line_content_end
            marker_col = start_col + (after_marker - start_pos)
            content_pos, content_col = _skip_indent(line, after_marker, marker_col)
            if content_blank or content_col - marker_col > 4:
                content_pos, content_col = min(after_marker + 1, len(line)), marker_col + 1
            self._close_leaf()
            self._push(ITEM, content_col - col, base + start_pos)
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
        return pos >= self.thematic_from[char] and _THEMATIC_RE.match(line, pos) is not None

    def _push(self, kind: str, indent: int, start: int) -> None:
        pieces = self.out.blockquotes if kind == QUOTE else self.out.list_items
        if kind == QUOTE:
            self.quote_indices.append(len(self.containers))
        self.containers.append(_Container(kind, indent, pieces, piece_start=start))
        self.owners_changed = True

    def _close_containers(self, keep: int) -> None:
        while len(self.containers) > keep:
            container = self.containers.pop()
            container.close_piece()
            if container.kind == QUOTE:
                self.quote_indices.pop()
            self.owners_changed = True

    def _own_line(self, base: int, line: str, end: int, blank: bool) -> None:
        """The innermost quote and item own this line; a same-kind container outside them pauses.

        Who owns a line changes only when a container opens or closes, so the walk over the open
        containers happens only then: a lazy or blank line under deep nesting costs nothing extra.
        """
        if self.owners_changed:
            self.owners_changed = False
            self.owners = []
            seen: set[str] = set()
            for container in reversed(self.containers):
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

    # ------------------------------------------------------------------ leaf blocks
    def _continue_leaf(self, base: int, line: str, pos: int, col: int, blank: bool) -> bool:
        """Whether this line (all containers matched) belongs to the open leaf; True means handled."""
        leaf, end = self.leaf, base + len(line)
        if leaf == "fence":
            fence_pos, fence_col = _skip_indent(line, pos, col, 4)
            close = _FENCE_RE.match(line, fence_pos) if fence_col - col <= 3 else None
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
            if leaf == "html_raw" and self._html_ends(line[pos:]):
                self._close_leaf()
            return True
        if leaf == "indented":
            if blank:
                return True
            if _skip_indent(line, pos, col)[1] - col >= 4:
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
        text_pos, text_col = _skip_indent(line, pos, col)
        end = base + len(line)
        if self.leaf == "paragraph" and text_col - col < 4:
            if _SETEXT_RE.match(line, text_pos):
                self.out.headings.append((self.leaf_start, end))
                self.out.inline_blocks.append((self.leaf_start, self.leaf_end))
                self.leaf = ""
                return True
            if (
                self.paragraph_lines == 1
                and "|" in self.paragraph_first_line
                and _TABLE_DELIMITER_RE.match(line, text_pos)
                and _cells(self.paragraph_first_line) == _cells(line[text_pos:])
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
        start_pos, start_col = _skip_indent(line, pos, col)
        if start_col - col >= 4 or start_pos >= len(line):
            return False
        char = line[start_pos]
        if char == ">":
            return True
        if char == "#":
            return _ATX_RE.match(line, start_pos) is not None
        if char in "`~":
            fence = _FENCE_RE.match(line, start_pos)
            return fence is not None and not (char == "`" and "`" in fence.group(2))
        if char in "-*_" and _THEMATIC_RE.match(line, start_pos):
            return True
        if char == "<":
            return self._html_start(line, start_pos, interrupting=not lazy) != ""
        marker = _LIST_MARKER_RE.match(line, start_pos)
        if marker is None:
            return False
        if lazy:
            return True
        return bool(line[marker.end() :].strip(" \t")) and (marker.group(1) or "1").lstrip("0") == "1"

    def _start_leaf(self, base: int, line: str, pos: int, col: int) -> None:
        """A new leaf block (or none, for a blank line or a rule) starting at ``pos``."""
        start_pos, start_col = _skip_indent(line, pos, col)
        end = base + len(line)
        if start_pos >= len(line):
            return
        if start_col - col >= 4:
            self._open_leaf("indented", base + pos, end)
            return
        char = line[start_pos]
        start = base + start_pos
        if char == "#" and _ATX_RE.match(line, start_pos):
            self.out.headings.append((start, end))
            self.out.inline_blocks.append((start, end))
            return
        fence = _FENCE_RE.match(line, start_pos) if char in "`~" else None
        if fence and not (char == "`" and "`" in fence.group(2)):
            self.fence_char, self.fence_length = char, len(fence.group(1))
            self._open_leaf("fence", start, end)
            return
        if char in "-*_" and _THEMATIC_RE.match(line, start_pos):
            return
        if char == "<" and (kind := self._html_start(line, start_pos, interrupting=False)):
            self._open_leaf(kind, start, end)
            if kind == "html_raw" and self._html_ends(line[start_pos + 1 :]):
                self._close_leaf()
            return
        if char == "[" and _DEFINITION_RE.match(line, start_pos):
            self.out.definitions.append((start, end))
            return
        self._open_leaf("paragraph", start, end)
        self.paragraph_lines = 1
        self.paragraph_first_line = line[start_pos:]

    def _html_start(self, line: str, pos: int, *, interrupting: bool) -> str:
        """The kind of HTML block starting at ``pos`` ("" for none), remembering how it ends."""
        if _HTML_RAW_START_RE.match(line, pos):
            self.html_end = "raw"
            return "html_raw"
        for opener, closer in _HTML_ENDS.items():
            if line.startswith(opener, pos):
                self.html_end = closer
                return "html_raw"
        if _HTML_DECLARATION_RE.match(line, pos):
            self.html_end = ">"
            return "html_raw"
        if _HTML_KNOWN_START_RE.match(line, pos):
            return "html_text"
        if not interrupting and _HTML_ANY_TAG_LINE_RE.match(line, pos):
            return "html_text"
        return ""

    def _html_ends(self, rest: str) -> bool:
        if self.html_end == "raw":
            return _HTML_RAW_END_RE.search(rest) is not None
        return self.html_end in rest

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


def _cells(row: str) -> int:
    """Cells in a pipe-table row: its unescaped pipes, less a leading and a trailing one."""
    row = row.strip(" \t")
    pipes = row.count("|") - row.count("\\|")
    if row.startswith("|"):
        pipes -= 1
    if row.endswith("|") and not row.endswith("\\|") and len(row) > 1:
        pipes -= 1
    return pipes + 1


def scan_blocks(text: str) -> BlockScan:
    """The blocks of ``text`` (see the module docstring); never raises."""
    return _BlockScanner(text).run()
