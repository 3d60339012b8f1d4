"""Tests on one line of Markdown for the block pass: indentation, markers, fences, rules, HTML.

Each pattern is anchored where the block pass points it and repeats nothing ambiguously, so it
reads a line once; :mod:`markdown_blocks` calls each at most a few times per line.
"""

from __future__ import annotations

import re

ATX_RE = re.compile(r"#{1,6}(?:[ \t]|$)")
FENCE_RE = re.compile(r"(`{3,}|~{3,})(.*)")
THEMATIC_RE = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
LIST_MARKER_RE = re.compile(r"(?:[-+*]|(\d{1,9})[.)])(?=[ \t]|$)")
SETEXT_RE = re.compile(r"(?:=+|-+)[ \t]*$")
TABLE_DELIMITER_RE = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
DEFINITION_RE = re.compile(
    r"\[(?:[^\[\]\\]|\\.){1,999}\]:[ \t]*(?:<[^<>]*>|\S+)"
    r"""(?:[ \t]+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?[ \t]*$"""
)
# HTML block starts (CommonMark types 1-7) and, for types 1-5, the text that ends them.
HTML_RAW_START_RE = re.compile(r"<(?:script|pre|style|textarea)(?:[\s>]|$)", re.IGNORECASE)
HTML_RAW_END_RE = re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE)
HTML_ENDS = {"<!--": "-->", "<?": "?>", "<![CDATA[": "]]>"}
HTML_DECLARATION_RE = re.compile(r"<![A-Za-z]")
HTML_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    "dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|"
    "hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|"
    "search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
HTML_KNOWN_START_RE = re.compile(rf"</?(?:{HTML_BLOCK_TAGS})(?:[ \t>]|/>|$)", re.IGNORECASE)
HTML_ANY_TAG_LINE_RE = re.compile(
    r"(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][\w.:-]*"
    r"""(?:[ \t]*=[ \t]*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*/?>"""
    r"|</[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$"
)


def skip_indent(line: str, pos: int, col: int, limit: int = 1 << 30) -> tuple[int, int]:
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


def after_quote_marker(line: str, pos: int, col: int) -> tuple[int, int]:
    """Position and column after the ``>`` at ``pos`` and the one space or tab that may follow it."""
    pos, col = pos + 1, col + 1
    if pos < len(line) and line[pos] in " \t":
        col = col + 1 if line[pos] == " " else col + 4 - col % 4
        pos += 1
    return pos, col


def fence_at(line: str, pos: int) -> re.Match[str] | None:
    """The code fence opening at ``pos`` (group 1 the fence, group 2 its info string), if any:
    a backtick fence whose info string holds a backtick is no fence."""
    fence = FENCE_RE.match(line, pos)
    if fence is None or (fence.group(1)[0] == "`" and "`" in fence.group(2)):
        return None
    return fence


def cells(row: str) -> int:
    """Cells in a pipe-table row: its unescaped pipes, less a leading and a trailing one."""
    row = row.strip(" \t")
    pipes = row.count("|") - row.count("\\|")
    if row.startswith("|"):
        pipes -= 1
    if row.endswith("|") and not row.endswith("\\|") and len(row) > 1:
        pipes -= 1
    return pipes + 1


def html_block_start(line: str, pos: int, *, interrupting: bool = False) -> tuple[str, str]:
    """The kind of HTML block starting at ``pos`` and what ends it: ``("html_raw", end)`` for a
    block skipped whole (``end`` is "raw" for a closing script/pre/style/textarea tag, else the
    text that ends it), ``("html_text", "")`` for one whose tags alone are markup, ``("", "")``
    for none. An ``interrupting`` line (one that would end a paragraph) cannot start a block of
    any tag alone on its line (CommonMark's type 7)."""
    if HTML_RAW_START_RE.match(line, pos):
        return "html_raw", "raw"
    for opener, closer in HTML_ENDS.items():
        if line.startswith(opener, pos):
            return "html_raw", closer
    if HTML_DECLARATION_RE.match(line, pos):
        return "html_raw", ">"
    if HTML_KNOWN_START_RE.match(line, pos):
        return "html_text", ""
    if not interrupting and HTML_ANY_TAG_LINE_RE.match(line, pos):
        return "html_text", ""
    return "", ""


def html_block_ends(end: str, rest: str) -> bool:
    """Whether ``rest`` of a line ends an HTML block that :func:`html_block_start` said ends at ``end``."""
    if end == "raw":
        return HTML_RAW_END_RE.search(rest) is not None
    return end in rest
