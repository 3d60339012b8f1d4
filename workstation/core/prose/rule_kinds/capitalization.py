"""``capitalization`` rules: each block of the rule's scope must be cased as ``match`` says.

``match`` is ``$title`` (AP or Chicago, see :mod:`case_styles`), ``$sentence``, ``$lower``,
``$upper`` or a pattern that must match somewhere in the block. As Vale judges it:

* ``$lower``/``$upper``: the block equals its lower-/upper-case form, or contains an exception;
* a pattern: it matches the block, or the block contains an exception;
* ``$title``/``$sentence``: the block's words (an exception, possibly of several words, counts
  as one) are compared with the expected ones; a word passes when it is as expected, contains
  an exception, or (in a title) is all capitals. The block passes when at least ``threshold``
  of its words pass (default 0.8); in sentence case a first word that is not capitalized fails
  the block at once. ``prefix`` (a pattern at the start, "a. ") is left as written.

A finding covers the block; the message's first ``%s`` is the block, the second what was
expected. Vale gives these rules ``scope: heading``. On plain text there are no headings and the
rule never fires (the loader says so); on a plain-text scope (``sentence``, ``paragraph``,
``text``) it checks each block. A Markdown heading's ``#`` marks (or its ``===`` underline) are
not part of what is checked, so the same rule works on heading blocks once the linter gives
Markdown scopes (:func:`heading_content` is where a heading block becomes its words).
"""

from __future__ import annotations

import re

from workstation.core.prose.findings import Finding
from workstation.core.prose.lint_context import LintContext, format_message
from workstation.core.prose.patterns import EncodedText, SafePattern, compile_pattern
from workstation.core.prose.rule_base import ExceptionFilter
from workstation.core.prose.rule_kinds.case_styles import (
    Vocabulary,
    capitalized,
    sentence_case,
    title_case,
    title_matches,
)
from workstation.core.prose.rule_kinds.kind_rule import KindRule, options_of
from workstation.core.prose.rule_kinds.options import CapitalizationOptions
from workstation.core.prose.vale_style import RuleSpec

_CASE_MATCHES = ("$title", "$sentence", "$lower", "$upper")
# A word as the check counts words: letters, digits or "*", then anything up to white space.
_WORD = r"[\p{N}\p{L}*]+\S*"
_ATX_OPEN_RE = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")


def heading_content(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a block's words: white space, an ATX heading's ``#`` marks and a setext
    heading's ``===``/``---`` underline trimmed off (other blocks are only trimmed of white space).

    String methods only, no backtracking: linear in the block's length whatever it holds.
    """
    block = text[start:end].rstrip()
    head, newline, last_line = block.rpartition("\n")
    underline = last_line.strip()
    if newline and underline and (set(underline) == {"="} or set(underline) == {"-"}):
        block = head.rstrip()
    opening = _ATX_OPEN_RE.match(block)
    lead = opening.end() if opening else 0
    without_marks = block.rstrip("#")
    if len(without_marks) < len(block) and without_marks[lead:].endswith((" ", "\t")):
        block = without_marks.rstrip()  # a closing sequence: "## Title ##"
    body = block[lead:]
    first = lead + len(body) - len(body.lstrip())
    last = lead + len(body.rstrip())
    return (start + first, start + max(first, last))


class CapitalizationRule(KindRule[CapitalizationOptions]):
    """Reports blocks not cased as ``match`` says (see the module docstring)."""

    __slots__ = ("_exceptions", "_match", "_prefix", "_vocabulary", "_words")

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        options = options_of(spec, CapitalizationOptions)
        terms = [term if term.startswith("(?i)") else f"(?-i){term}" for term in spec.exceptions]
        terms.sort(key=len, reverse=True)
        exception_words = rf"(?m)\b(?:{'|'.join(terms)})\b|" if terms else ""
        words = compile_pattern(exception_words + _WORD, allow_fallback=allow_fallback)
        match = None
        if options.match not in _CASE_MATCHES:
            match = compile_pattern(options.match, allow_fallback=allow_fallback)
        prefix = compile_pattern(options.prefix, allow_fallback=allow_fallback) if options.prefix else None
        any_entry = None
        if spec.exceptions:
            entries = "|".join(f"(?:{entry})" for entry in spec.exceptions)
            any_entry = compile_pattern(entries, allow_fallback=allow_fallback)
        patterns = tuple(pattern for pattern in (match, words, prefix, any_entry) if pattern is not None)
        super().__init__(spec, options, patterns)
        self._words: SafePattern = words
        self._match = match
        self._prefix = prefix
        self._vocabulary = Vocabulary(spec.exceptions, any_entry)
        self._exceptions = ExceptionFilter(spec.exceptions, allow_fallback)

    def run(self, context: LintContext) -> list[Finding]:
        text = context.text
        findings: list[Finding] = []
        for block_start, block_end in context.blocks(self.spec.scope or "text"):
            start, end = heading_content(text, block_start, block_end)
            if start == end:
                continue
            observed = text[start:end]
            expected = self._failure(observed, context.budget_s)
            if expected is not None:
                message = format_message(self.spec.message, observed, expected)
                findings.append(self._finding(start, end, text, message))
        return findings

    def _failure(self, observed: str, budget_s: float) -> str | None:
        """What ``observed`` should have looked like, or None when it is cased as it should be."""
        kind = self.options.match
        if self._match is not None:
            matched = self._match.search(observed, budget_s=budget_s)
            return None if matched or self._exceptions.excludes(observed, budget_s) else self._match.source
        if kind in ("$lower", "$upper"):
            expected = observed.lower() if kind == "$lower" else observed.upper()
            return None if observed == expected or self._exceptions.excludes(observed, budget_s) else expected
        prefix_end = self._prefix_end(observed, budget_s)
        lead, rest = observed[:prefix_end], observed[prefix_end:]
        if kind == "$title":
            expected = lead + title_case(rest, self.options.style, self._vocabulary, budget_s)
            passed = self._title_passes(observed, expected, budget_s)
        else:
            lead_words, rest_words = self._tokens(lead, budget_s), self._tokens(rest, budget_s)
            converted = sentence_case(rest_words, self.options.indicators, self._vocabulary, budget_s)
            expected = lead + " ".join(converted)
            passed = self._sentence_passes(lead_words + rest_words, lead_words + converted, budget_s)
        return None if passed else expected

    def _prefix_end(self, observed: str, budget_s: float) -> int:
        if self._prefix is None:
            return 0
        found = self._prefix.matches(EncodedText(observed), budget_s=budget_s)
        return found[0].end if found and found[0].start == 0 else 0

    def _tokens(self, piece: str, budget_s: float) -> list[str]:
        matches = self._words.matches(EncodedText(piece), budget_s=budget_s)
        return [piece[match.start : match.end] for match in matches if match.end > match.start]

    def _title_passes(self, observed: str, expected: str, budget_s: float) -> bool:
        words, wanted = self._tokens(observed, budget_s), self._tokens(expected, budget_s)
        passing = sum(
            index >= len(wanted)
            or title_matches(word, wanted[index], self.options.style)
            or word == word.upper()
            or self._exceptions.excludes(word, budget_s)
            for index, word in enumerate(words)
        )
        return not words or passing / len(words) >= self.options.threshold

    def _sentence_passes(self, words: list[str], wanted: list[str], budget_s: float) -> bool:
        passing = 0
        for index, word in enumerate(words):
            if index >= len(wanted) or word == wanted[index] or self._exceptions.excludes(word, budget_s):
                passing += 1
            elif index == 0 and word != capitalized(word):
                return False
        return not words or passing / len(words) >= self.options.threshold
