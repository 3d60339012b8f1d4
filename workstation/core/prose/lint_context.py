"""Per-text state shared by all rules in one lint pass, and small helpers the rules share.

The context encodes the text to UTF-8 once (RE2 runs on bytes), splits paragraphs and sentences
only if a rule's scope asks for them, and holds the pass's :class:`FallbackGuard`, which keeps
slow fallback-engine patterns within their time budgets.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

from workstation.core.prose.fallback_budget import (
    DEFAULT_BUDGET,
    FallbackBudget,
    FallbackGuard,
    TrippedPatterns,
)
from workstation.core.prose.patterns import EncodedText
from workstation.core.prose.sentences import Span, paragraph_spans, sentence_spans
from workstation.core.text.markdown_scopes import MarkdownScopes, heading_level

_HEADING_LEVEL_PREFIX = "heading.h"


class LintContext:
    """One text being linted: its encodings, lazily computed blocks and the fallback time guard.

    ``budget_s`` is the time one fallback pattern may take on a short piece of this text (an
    exception check, a swap key's groups); whole-text scans go through ``guard``. ``problems``
    collects what rules noted about this text (:meth:`note`); the linter adds them to the pass's
    report. ``markdown`` holds the Markdown blocks of the writer's text when it is read as
    Markdown (``text`` may be a masked copy of the same length); without it Markdown block
    scopes have no blocks.
    """

    __slots__ = ("_blocks", "_markdown", "_starts", "budget_s", "encoded", "guard", "problems", "text")

    def __init__(
        self,
        text: str,
        *,
        budget: FallbackBudget = DEFAULT_BUDGET,
        tripped: TrippedPatterns | None = None,
        markdown: MarkdownScopes | None = None,
    ) -> None:
        self.text = text
        self._markdown = markdown
        self.encoded = EncodedText(text)
        self.guard = FallbackGuard(budget, len(self.encoded.data), tripped)
        self.budget_s = self.guard.part_s
        self._blocks: dict[str, tuple[Span, ...]] = {}
        self._starts: dict[str, list[int]] = {}
        self.problems: list[str] = []

    def note(self, problem: str) -> None:
        """Record a sentence for the writer about this text (a score with no value, a missing
        dictionary); each distinct sentence is kept once."""
        if problem not in self.problems:
            self.problems.append(problem)

    def blocks(self, scope: str) -> tuple[Span, ...]:
        """Spans a scope divides the text into: the whole text, its paragraphs or its sentences,
        or Markdown blocks (``heading``, ``heading.h2``, ``list``, ``blockquote``, ``table``, or
        several joined by ``+``), sorted and without overlaps."""
        if scope not in self._blocks:
            if scope == "sentence":
                self._blocks[scope] = sentence_spans(self.text)
            elif scope == "paragraph":
                self._blocks[scope] = paragraph_spans(self.text)
            elif scope == "text":
                self._blocks[scope] = ((0, len(self.text)),) if self.text else ()
            else:
                self._blocks[scope] = self._markup_blocks(scope)
        return self._blocks[scope]

    def _markup_blocks(self, scope: str) -> tuple[Span, ...]:
        if self._markdown is None:
            return ()
        spans: list[Span] = []
        for name in scope.split("+"):
            if name.startswith(_HEADING_LEVEL_PREFIX):
                level = int(name.removeprefix(_HEADING_LEVEL_PREFIX))
                headings = self._markdown.headings
                spans.extend(span for span in headings if heading_level(self.text, span) == level)
            else:
                spans.extend(self._markdown.spans(name))
        spans.sort()
        # Blocks of one kind never overlap; where two kinds do (a quote inside a list item), the
        # first keeps its span, so every offset lies in at most one block.
        kept: list[Span] = []
        for span in spans:
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        return tuple(kept)

    def block_index(self, scope: str, start: int, end: int) -> int | None:
        """Index of the block that holds the whole span [start, end), or None if none does."""
        if scope not in self._starts:
            self._starts[scope] = [block_start for block_start, _ in self.blocks(scope)]
        index = bisect_right(self._starts[scope], start) - 1
        if index < 0:
            return None
        block_start, block_end = self.blocks(scope)[index]
        return index if block_start <= start and end <= block_end else None


def is_word_char(char: str) -> bool:
    """Unicode-aware word character: letters, digits, underscore and combining marks."""
    return char.isalnum() or char == "_" or unicodedata.category(char)[0] == "M"


def has_word_boundary(text: str, offset: int) -> bool:
    """Whether ``offset`` sits on a word boundary, judged with Unicode word characters."""
    before = is_word_char(text[offset - 1]) if offset > 0 else False
    after = is_word_char(text[offset]) if offset < len(text) else False
    return before != after


def word_bounds_hold(text: str, start: int, end: int) -> bool:
    """Re-check a word-bounded match with Unicode rules where RE2's ASCII ``\\b`` cannot judge.

    RE2 treats every non-ASCII character as a non-word character, so ``ve`` would match inside
    ``naïve`` and ``cafe`` before a combining accent. Where a neighbour is ASCII on both sides
    RE2 was already right and nothing is re-checked.
    """
    for offset in (start, end):
        left = text[offset - 1] if offset > 0 else " "
        right = text[offset] if offset < len(text) else " "
        if (not left.isascii() or not right.isascii()) and not has_word_boundary(text, offset):
            return False
    return True


_FORMAT_RE = re.compile(r"%%|%[sd]")


def format_message(template: str, *values: object) -> str:
    """Fill Vale's ``%s``/``%d`` placeholders in order (``%%`` is a literal percent sign).

    Placeholders beyond the values given are left empty, so a template with a stray ``%s``
    never raises.
    """
    if len(values) == 1 and "%" not in template.replace("%s", "", 1):
        return template.replace("%s", str(values[0]), 1)  # the common case, without a regex
    remaining = list(values)

    def fill(match: re.Match[str]) -> str:
        if match.group() == "%%":
            return "%"
        return str(remaining.pop(0)) if remaining else ""

    return _FORMAT_RE.sub(fill, template)


def quoted_list(options: list[str]) -> str:
    """Options as Vale words them in a message: ``'a'``, ``'a' or 'b'``, ``'a', 'b', or 'c'``."""
    quoted = [f"'{option}'" for option in options]
    if len(quoted) <= 2:
        return " or ".join(quoted)
    return ", ".join(quoted[:-1]) + ", or " + quoted[-1]


def unquote_first_placeholder(template: str) -> str:
    """Vale's fix for templates that quote both placeholders (``'%s' … '%s'``).

    :func:`quoted_list` adds the quotes around each option, so the first quoted ``%s`` loses its
    own quotes; a template with a bare first ``%s`` is left alone (and gets quoted options).
    """
    for spec in ("'%s'", '"%s"'):
        if template.count(spec) == 2:
            template = template.replace(spec, "%s", 1)
    return template


def cap_first(text: str) -> str:
    """``text`` with its first character in upper case (Vale's ``CapFirst``)."""
    return text[:1].upper() + text[1:]


def is_phrase(text: str) -> bool:
    """Vale's test for a replacement that is plain words: letters, digits, spaces and hyphens only."""
    return all(char.isalpha() or char.isdigit() or char in " -" for char in text)
