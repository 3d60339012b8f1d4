"""Inline Markdown constructs inside the text blocks :mod:`markdown_blocks` found.

Finds code spans, inline link and image targets (the ``(url "title")`` part), autolinks
(``<https://…>``, ``<name@host>``), bare URLs and e-mail addresses (GitHub's extended autolinks)
and raw HTML (tags, comments, processing instructions, declarations, CDATA). Code spans come
first, as in CommonMark: whatever starts inside one is not looked at again.

Linear time on any input, however hostile: backtick runs are paired through a per-length index
instead of a search from each run; link brackets are counted, once per block that has a "](";
URLs and e-mail addresses are found from their "://", "www." or "@" with ``str.find`` (much
faster than a regular expression tried at every position); every pattern starts with a literal
character, repeats nothing ambiguously and caps what may run unclosed (a title, a quoted
attribute) at a few thousand characters; comments and the like look for their end once, and
stop looking once it is known to be missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from workstation.core.text.span_set import Span, SpanSet, without_overlaps

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
_URL_BODY_RE = re.compile(r"[^\s<]+")
_EMAIL_DOMAIN_RE = re.compile(r"[\w\-]+(?:\.[\w\-]+)+")
_URL_TRAILING = "?!.,:*_~'\""


class InlineScan:
    """The inline spans of a text, each list sorted and without overlaps."""

    __slots__ = ("code_spans", "html_tags", "link_targets", "urls")

    def __init__(self) -> None:
        self.code_spans: list[Span] = []
        self.link_targets: list[Span] = []
        self.urls: list[Span] = []
        self.html_tags: list[Span] = []


def _escaped(text: str, position: int) -> bool:
    """Whether the character at ``position`` follows an odd number of backslashes."""
    count = 0
    while position - count > 0 and text[position - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _code_spans(text: str, blocks: SpanSet) -> list[Span]:
    """CommonMark code spans: a run of N backticks up to the next run of exactly N in its block."""
    runs: list[tuple[int, int, int]] = []  # start, end, block
    position = text.find("`")
    while position >= 0:  # str.find skips prose far faster than a regular expression scan
        end = _BACKTICKS_RE.match(text, position).end()  # type: ignore[union-attr]
        block = blocks.index_holding(position, end)
        if block >= 0:
            runs.append((position, end, block))
        position = text.find("`", end)
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


def _link_targets(text: str, blocks: SpanSet, code: SpanSet) -> list[Span]:
    """The ``(destination "title")`` after each ``]`` that closes a ``[`` of its block.

    Only blocks holding a ``](`` are read, each once, counting its open brackets.
    """
    with_links: list[int] = []
    for position in _occurrences(text, "]("):
        block = blocks.index_holding(position, position + 2)
        if block >= 0 and (not with_links or with_links[-1] != block):
            with_links.append(block)
    spans: list[Span] = []
    for block in with_links:
        block_start, block_end = blocks.spans[block]
        open_brackets = 0
        skip_until = 0
        for match in _BRACKETS_RE.finditer(text, block_start, block_end):
            position = match.start()
            if position < skip_until or match.group()[0] == "\\" or position in code:
                continue
            if match.group() == "[":
                open_brackets += 1
                continue
            if open_brackets == 0:
                continue
            open_brackets -= 1
            tail = _LINK_TAIL_RE.match(text, position + 1, block_end)
            if tail is not None:
                spans.append(tail.span())
                skip_until = tail.end()
    return spans


def _occurrences(text: str, needle: str) -> Iterator[int]:
    """Every position of ``needle`` in ``text``, left to right (overlapping ones too)."""
    position = text.find(needle)
    while position >= 0:
        yield position
        position = text.find(needle, position + 1)


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
    text: str, blocks: SpanSet, tag_blocks: SpanSet, code: SpanSet
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
        if blocks.index_holding(start, end) < 0 and tag_blocks.index_holding(start, end) < 0:
            continue
        if _AUTOLINK_START_RE.match(text, start) and blocks.index_holding(start, end) >= 0:
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


def _url_starts(text: str) -> list[int]:
    """Where bare URLs start: before "://" of an http, https or ftp scheme, and at "www.", each
    at a word's start (no letter, digit or URL character just before)."""
    starts: list[int] = []
    for position in _occurrences(text, "://"):
        scheme = text[max(0, position - 5) : position].lower()
        for name in ("https", "http", "ftp"):
            if scheme.endswith(name):
                starts.append(position - len(name))
                break
    starts.extend(_occurrences(text, "www."))
    return sorted(start for start in starts if start == 0 or not _continues_url(text[start - 1]))


def _continues_url(char: str) -> bool:
    return char.isalnum() or char in "_/.:+-"


def _email_spans(text: str) -> Iterator[Span]:
    """E-mail addresses: the run of name characters before each "@", and a dotted domain after."""
    for at in _occurrences(text, "@"):
        start = at
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.+-"):
            start -= 1
        if start == at or (start > 0 and text[start - 1] == "@"):
            continue
        domain = _EMAIL_DOMAIN_RE.match(text, at + 1)
        if domain is not None:
            yield start, domain.end()


def _bare_urls(text: str, blocks: SpanSet, taken: SpanSet) -> list[Span]:
    """Bare URLs (``https://``, ``www.``) and e-mail addresses in text blocks, outside other spans."""
    spans: list[Span] = []
    reach = 0
    for start in _url_starts(text):
        if start < reach:
            continue
        end = _trimmed_url_end(text, start, _URL_BODY_RE.match(text, start).end())  # type: ignore[union-attr]
        if end - start > 4 and start not in taken and blocks.index_holding(start, end) >= 0:
            spans.append((start, end))
            reach = end
    if "@" in text:
        urls = SpanSet(spans)
        for start, end in _email_spans(text):
            if start not in taken and start not in urls and blocks.index_holding(start, end) >= 0:
                spans.append((start, end))
        spans.sort()
    return spans


def scan_inline(text: str, text_blocks: Sequence[Span], html_blocks: Sequence[Span]) -> InlineScan:
    """Inline spans of ``text`` inside ``text_blocks`` (sorted, non-overlapping); raw HTML tags are
    also looked for inside ``html_blocks``, where Markdown is not read."""
    found = InlineScan()
    blocks = SpanSet(text_blocks)
    tag_blocks = SpanSet(html_blocks)
    if "`" in text:
        found.code_spans = _code_spans(text, blocks)
    code = SpanSet(found.code_spans)
    if "](" in text:
        found.link_targets = _link_targets(text, blocks, code)
    autolinks: list[Span] = []
    if "<" in text:
        found.html_tags, autolinks = _html_and_autolinks(text, blocks, tag_blocks, code)
    if "://" in text or "www." in text or "@" in text:
        taken = SpanSet(without_overlaps(found.code_spans + found.link_targets + found.html_tags + autolinks))
        found.urls = without_overlaps(autolinks + _bare_urls(text, blocks, taken))
    else:
        found.urls = autolinks
    return found
