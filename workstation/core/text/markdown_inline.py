"""Inline Markdown constructs inside the text blocks :mod:`markdown_blocks` found.

Finds code spans, inline link and image targets (the ``(url "title")`` part), autolinks
(``<https://…>``, ``<name@host>``), bare URLs and e-mail addresses (GitHub's extended autolinks)
and raw HTML (tags, comments, processing instructions, declarations, CDATA). Code spans come
first, as in CommonMark: whatever starts inside one is not looked at again.

Linear time on any input, however hostile: backtick runs are paired through a per-length index
instead of a search from each run; link brackets are counted, not searched for; every pattern
starts with a literal character or a look-behind that lets it start only once per run, repeats
nothing ambiguously, and caps what may run unclosed (a title, a quoted attribute) at a few
thousand characters; comments and the like look for their end once, and stop looking once it is
known to be missing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

Span = tuple[int, int]

_BACKTICKS_RE = re.compile(r"`+")
_BRACKETS_RE = re.compile(r"\\.|[\[\]]", re.DOTALL)
# "(" destination [title] ")": a destination in <…> or without white space (balanced parens).
_LINK_TAIL_RE = re.compile(
    r"\(\s*(?:<(?:[^<>\n\\]|\\.){0,2000}>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.){0,2000}\)){0,2000})"
    r"""(?:\s+(?:"(?:[^"\\]|\\.){0,2000}"|'(?:[^'\\]|\\.){0,2000}'|\((?:[^()\\]|\\.){0,2000}\)))?\s*\)""",
    re.DOTALL,
)
_ANGLE_RE = re.compile(
    r"<(?:"
    r"[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>"  # autolink
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]{1,256}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?){0,100}>"  # e-mail autolink
    r"|[A-Za-z][A-Za-z0-9\-]*(?:\s+[A-Za-z_:][\w.:\-]*"
    r"""(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']{0,2000}'|"[^"]{0,2000}"))?){0,200}\s*/?>"""  # open tag
    r"|/[A-Za-z][A-Za-z0-9\-]*\s*>"  # closing tag
    r")"
)
_DECLARATION_RE = re.compile(r"<![A-Za-z]")
_ANGLE_ENDS = (("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>"))
_AUTOLINK_START_RE = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:|<[^\s<>@]{1,256}@")
_BARE_URL_RE = re.compile(r"(?<![\w/.:+\-])(?:(?:https?|ftp)://|www\.)[^\s<]+", re.IGNORECASE)
_EMAIL_RE = re.compile(r"(?<![\w.+\-@])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_URL_TRAILING = "?!.,:*_~'\""


class InlineScan:
    """The inline spans of a text, each list sorted and without overlaps."""

    __slots__ = ("code_spans", "html_tags", "link_targets", "urls")

    def __init__(self) -> None:
        self.code_spans: list[Span] = []
        self.link_targets: list[Span] = []
        self.urls: list[Span] = []
        self.html_tags: list[Span] = []


class _Blocks:
    """Looks up which text block (paragraph, heading, table row) holds a position."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, blocks: Sequence[Span]) -> None:
        self._starts = [start for start, _ in blocks]
        self._ends = [end for _, end in blocks]

    def index(self, start: int, end: int) -> int:
        """Index of the block holding all of [start, end), or -1."""
        index = bisect_right(self._starts, start) - 1
        if index >= 0 and end <= self._ends[index]:
            return index
        return -1

    def end_of(self, index: int) -> int:
        return self._ends[index]


class _Covered:
    """Whether a position falls inside one of a sorted list of non-overlapping spans."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Sequence[Span]) -> None:
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]

    def __contains__(self, position: int) -> bool:
        index = bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._ends[index]


def _escaped(text: str, position: int) -> bool:
    """Whether the character at ``position`` follows an odd number of backslashes."""
    count = 0
    while position - count > 0 and text[position - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _code_spans(text: str, blocks: _Blocks) -> list[Span]:
    """CommonMark code spans: a run of N backticks up to the next run of exactly N in its block."""
    runs: list[tuple[int, int, int]] = []  # start, end, block
    for match in _BACKTICKS_RE.finditer(text):
        block = blocks.index(match.start(), match.end())
        if block >= 0:
            runs.append((match.start(), match.end(), block))
    # Run indices by (block, length), and a cursor into each list that only moves forward.
    by_key: dict[tuple[int, int], list[int]] = {}
    for index, (start, end, block) in enumerate(runs):
        by_key.setdefault((block, end - start), []).append(index)
    cursors: dict[tuple[int, int], int] = {}
    spans: list[Span] = []
    index = 0
    while index < len(runs):
        start, end, block = runs[index]
        if _escaped(text, start):
            start += 1  # "\`" is a literal backtick; the rest of the run may still open a span
        key = (block, end - start)
        candidates = by_key.get(key, [])
        cursor = cursors.get(key, 0)
        while cursor < len(candidates) and candidates[cursor] <= index:
            cursor += 1
        cursors[key] = cursor
        if end > start and cursor < len(candidates):
            closer = candidates[cursor]
            spans.append((start, runs[closer][1]))
            index = closer + 1
        else:
            index += 1
    return spans


def _link_targets(text: str, blocks: _Blocks, code: _Covered) -> list[Span]:
    """The ``(destination "title")`` after each ``]`` that closes a ``[`` of its block."""
    spans: list[Span] = []
    open_brackets = 0
    current_block = -1
    skip_until = 0
    for match in _BRACKETS_RE.finditer(text):
        position = match.start()
        if position < skip_until or match.group()[0] == "\\" or position in code:
            continue
        block = blocks.index(position, position + 1)
        if block < 0:
            continue
        if block != current_block:
            current_block, open_brackets = block, 0
        if match.group() == "[":
            open_brackets += 1
            continue
        if open_brackets == 0:
            continue
        open_brackets -= 1
        tail = _LINK_TAIL_RE.match(text, position + 1, blocks.end_of(block))
        if tail is not None:
            spans.append(tail.span())
            skip_until = tail.end()
    return spans


def _delimited(text: str, opener: str, closer: str) -> Iterator[Span]:
    """Every ``opener … closer`` stretch, left to right, without re-reading the text for each."""
    position = text.find(opener)
    while position >= 0:
        end = text.find(closer, position + len(opener))
        if end < 0:
            return  # no later opener can close either
        yield position, end + len(closer)
        position = text.find(opener, end + len(closer))


def _declarations(text: str) -> Iterator[Span]:
    """Every ``<!DOCTYPE …>``-like declaration; the next ``>`` is looked for once per stretch."""
    close = 0
    for match in _DECLARATION_RE.finditer(text):
        if close < match.end():
            close = text.find(">", match.end())
            if close < 0:
                return
        yield match.start(), close + 1


def _html_and_autolinks(
    text: str, blocks: _Blocks, tag_blocks: _Blocks, code: _Covered
) -> tuple[list[Span], list[Span]]:
    """Raw HTML spans and ``<…>`` autolinks, each inside one block and outside code spans."""
    tags: list[Span] = []
    autolinks: list[Span] = []
    found: list[Span] = [match.span() for match in _ANGLE_RE.finditer(text)]
    if "<!" in text or "<?" in text:
        for opener, closer in _ANGLE_ENDS:
            found.extend(_delimited(text, opener, closer))
        found.extend(_declarations(text))
        found.sort()
    for start, end in found:
        if start in code:
            continue
        if blocks.index(start, end) < 0 and tag_blocks.index(start, end) < 0:
            continue
        if _AUTOLINK_START_RE.match(text, start) and blocks.index(start, end) >= 0:
            autolinks.append((start, end))
        else:
            tags.append((start, end))
    return without_overlaps(tags), autolinks


def _trimmed_url_end(text: str, start: int, end: int) -> int:
    """GitHub's rule: trailing punctuation, and a ")" without its "(", are not part of a bare URL."""
    opened, closed = text.count("(", start, end), text.count(")", start, end)
    while end > start:
        last = text[end - 1]
        if last in _URL_TRAILING:
            end -= 1
        elif last == ")" and opened < closed:
            end -= 1
            closed -= 1
        else:
            break
    return end


def _bare_urls(text: str, blocks: _Blocks, taken: _Covered) -> list[Span]:
    """Bare URLs (``https://``, ``www.``) and e-mail addresses in text blocks, outside other spans."""
    spans: list[Span] = []
    for match in _BARE_URL_RE.finditer(text):
        start = match.start()
        end = _trimmed_url_end(text, start, match.end())
        if end - start > 4 and start not in taken and blocks.index(start, end) >= 0:
            spans.append((start, end))
    if "@" in text:
        urls = _Covered(spans)
        for match in _EMAIL_RE.finditer(text):
            start, end = match.span()
            if start not in taken and start not in urls and blocks.index(start, end) >= 0:
                spans.append((start, end))
        spans.sort()
    return spans


def without_overlaps(spans: list[Span]) -> list[Span]:
    """Sorted ``spans`` with every span that starts inside an earlier one left out."""
    spans.sort()
    kept: list[Span] = []
    reach = -1
    for start, end in spans:
        if start >= reach and end > start:
            kept.append((start, end))
            reach = end
    return kept


def scan_inline(text: str, text_blocks: Sequence[Span], html_blocks: Sequence[Span]) -> InlineScan:
    """Inline spans of ``text`` inside ``text_blocks`` (sorted, non-overlapping); raw HTML tags are
    also looked for inside ``html_blocks``, where Markdown is not read."""
    found = InlineScan()
    blocks = _Blocks(text_blocks)
    tag_blocks = _Blocks(html_blocks)
    if "`" in text:
        found.code_spans = _code_spans(text, blocks)
    code = _Covered(found.code_spans)
    if "](" in text:
        found.link_targets = _link_targets(text, blocks, code)
    autolinks: list[Span] = []
    if "<" in text:
        found.html_tags, autolinks = _html_and_autolinks(text, blocks, tag_blocks, code)
    if "://" in text or "www." in text.lower() or "@" in text:
        taken = _Covered(
            without_overlaps(found.code_spans + found.link_targets + found.html_tags + autolinks)
        )
        found.urls = without_overlaps(autolinks + _bare_urls(text, blocks, taken))
    else:
        found.urls = autolinks
    return found
