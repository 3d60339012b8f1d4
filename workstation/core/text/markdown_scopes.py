"""Where a Markdown text's constructs are, by scope, in code-point spans (half-open, sorted).

Most model output is Markdown, and a prose linter or a spell checker that reads code, URLs and
markup as prose flags ``npm install`` and ``https://example.com/teh``. Vale, on Markdown, lints
neither code blocks nor code spans, nor link targets, URLs or raw HTML; it also lets a rule name
the block it applies to: ``heading``, ``list``, ``blockquote``, ``table``. This module finds both
kinds of scope:

- **skipped**: fenced and indented code blocks, code spans, link and image targets (the
  ``(url "title")`` part) and link reference definitions (``[x]: url``), autolinks, bare URLs and
  e-mail addresses, raw HTML (tags, comments, and ``<script>``/``<pre>``/``<style>`` blocks whole);
- **blocks**: headings (ATX and setext), list items, block quotes, GitHub pipe tables. A nested
  list item or quote is its own span, and its parent's span stops before it and starts again
  after it, so the spans of one scope never overlap.

Why our own scanner and not markdown-it-py: markdown-it-py gives line ranges, not character
offsets, for inline code, and on a 5,000-word text it parses in about 25 ms where this scan takes
about 1 ms (the lint path runs at every pause in typing). The block pass is in
:mod:`markdown_blocks`, the inline pass in :mod:`markdown_inline`; both are linear in the length
of the text, whatever it holds, and never raise.

Usage::

    scopes = markdown_scopes(text)
    scopes.spans("heading")        # ((0, 12), …)
    skipped_spans(text)            # what lint and spelling leave alone, merged
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from workstation.core.text.markdown_blocks import scan_blocks
from workstation.core.text.markdown_inline import scan_inline
from workstation.core.text.span_set import Span, merged

SKIPPED_SCOPES = ("code", "link", "url", "html")
"""Scopes a linter and a spell checker leave alone, as Vale does for Markdown."""

BLOCK_SCOPES = ("heading", "list", "blockquote", "table")
"""Vale's Markdown block scopes, for rules that apply to one kind of block only."""


@dataclass(frozen=True, slots=True)
class MarkdownScopes:
    """The spans of one text, per construct; each tuple sorted and without overlaps."""

    code_blocks: tuple[Span, ...] = ()  # fenced (fence lines included) and indented
    code_spans: tuple[Span, ...] = ()  # backticks included
    link_targets: tuple[Span, ...] = ()  # the "(url "title")" of an inline link or image
    link_definitions: tuple[Span, ...] = ()  # a whole "[label]: url "title"" line
    urls: tuple[Span, ...] = ()  # <autolinks>, bare http(s)/ftp/www URLs, e-mail addresses
    html_blocks: tuple[Span, ...] = ()  # <script>, <pre>, <style>, <textarea>, comments … whole
    html_tags: tuple[Span, ...] = ()  # one tag, comment or declaration inside text
    headings: tuple[Span, ...] = ()  # the whole heading line(s), markers and underline included
    list_items: tuple[Span, ...] = ()  # from the marker to the item's last line (nested items apart)
    blockquotes: tuple[Span, ...] = ()  # from the first ">" to the quote's last line
    tables: tuple[Span, ...] = ()  # header row to last row

    def spans(self, scope: str) -> tuple[Span, ...]:
        """Spans of a scope named in :data:`SKIPPED_SCOPES` or :data:`BLOCK_SCOPES`; KeyError otherwise."""
        parts = {
            "code": (self.code_blocks, self.code_spans),
            "link": (self.link_targets, self.link_definitions),
            "url": (self.urls,),
            "html": (self.html_blocks, self.html_tags),
            "heading": (self.headings,),
            "list": (self.list_items,),
            "blockquote": (self.blockquotes,),
            "table": (self.tables,),
        }[scope]
        if len(parts) == 1:
            return parts[0]
        return tuple(merged(span for part in parts for span in part))

    @property
    def block_skipped(self) -> tuple[Span, ...]:
        """Skipped spans made of whole lines: code blocks, HTML blocks, link definitions (merged)."""
        return tuple(merged([*self.code_blocks, *self.html_blocks, *self.link_definitions]))

    @property
    def inline_skipped(self) -> tuple[Span, ...]:
        """Skipped spans inside a line of text: code spans, link targets, URLs, HTML tags (merged)."""
        return tuple(merged([*self.code_spans, *self.link_targets, *self.urls, *self.html_tags]))

    @property
    def skipped(self) -> tuple[Span, ...]:
        """Every span of :data:`SKIPPED_SCOPES`, overlapping and touching ones merged."""
        return tuple(merged([*self.block_skipped, *self.inline_skipped]))


@lru_cache(maxsize=16)
def markdown_scopes(text: str) -> MarkdownScopes:
    """Every scope of ``text``. Cached for the last few texts: lint and spelling ask for the same."""
    if not text:
        return MarkdownScopes()
    blocks = scan_blocks(text)
    inline = scan_inline(text, sorted(blocks.inline_blocks), blocks.html_text_blocks)
    return MarkdownScopes(
        code_blocks=tuple(blocks.code_blocks),
        code_spans=tuple(inline.code_spans),
        link_targets=tuple(inline.link_targets),
        link_definitions=tuple(blocks.definitions),
        urls=tuple(inline.urls),
        html_blocks=tuple(blocks.html_blocks),
        html_tags=tuple(inline.html_tags),
        headings=tuple(blocks.headings),
        list_items=tuple(sorted(blocks.list_items)),
        blockquotes=tuple(sorted(blocks.blockquotes)),
        tables=tuple(blocks.tables),
    )


def heading_level(text: str, heading: Span) -> int:
    """The level (1-6) of a heading span of ``text``: an ATX heading's count of ``#``, a setext
    heading's 1 (``===`` underline) or 2 (``---``)."""
    start, end = heading
    block = text[start:end]
    line = block.lstrip(" \t")
    if line.startswith("#"):
        return min(6, len(line) - len(line.lstrip("#")))
    return 1 if block.rstrip().endswith("=") else 2


def skipped_spans(text: str) -> list[Span]:
    """The code-point spans of ``text`` a prose checker leaves alone (code, link targets, URLs,
    raw HTML), sorted and merged: a word that starts inside one is not prose."""
    return list(markdown_scopes(text).skipped)
