"""Per-text state shared by all rules in one lint pass, and small helpers the rules share.

The context encodes the text to UTF-8 once (RE2 runs on bytes) and splits paragraphs and
sentences only if a rule's scope asks for them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

from workstation.core.prose.patterns import DEFAULT_FALLBACK_BUDGET_S, EncodedText
from workstation.core.prose.sentences import Span, paragraph_spans, sentence_spans


class LintContext:
    """One text being linted: its encodings, lazily computed blocks, and problems met so far."""

    __slots__ = ("_blocks", "_starts", "budget_s", "encoded", "problems", "text")

    def __init__(self, text: str, *, budget_s: float = DEFAULT_FALLBACK_BUDGET_S) -> None:
        self.text = text
        self.encoded = EncodedText(text)
        self.budget_s = budget_s
        self.problems: list[str] = []
        self._blocks: dict[str, tuple[Span, ...]] = {}
        self._starts: dict[str, list[int]] = {}

    def blocks(self, scope: str) -> tuple[Span, ...]:
        """Spans a scope divides the text into: the whole text, its paragraphs or its sentences."""
        if scope not in self._blocks:
            if scope == "sentence":
                self._blocks[scope] = sentence_spans(self.text)
            elif scope == "paragraph":
                self._blocks[scope] = paragraph_spans(self.text)
            else:
                self._blocks[scope] = ((0, len(self.text)),) if self.text else ()
        return self._blocks[scope]

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


def join_alternatives(template: str, options: list[str]) -> str:
    """Text for the first ``%s`` of a substitution message when there are several suggestions.

    When the template quotes that placeholder (``'%s'``), each option gets its own quotes:
    ``'use' or 'apply'``.
    """
    if len(options) <= 1:
        return options[0] if options else ""
    first = template.find("%s")
    quote = template[first - 1] if first > 0 and template[first - 1] in "'\"\u2018\u201c" else ""
    closing = {"\u2018": "\u2019", "\u201c": "\u201d"}.get(quote, quote)
    glue_or = f"{closing} or {quote}"
    if len(options) == 2:
        return glue_or.join(options)
    return f"{closing}, {quote}".join(options[:-1]) + glue_or + options[-1]
