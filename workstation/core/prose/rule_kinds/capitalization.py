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
expected. Vale gives these rules ``scope: heading``: on Markdown each heading is a block, its
``#`` marks (or its ``===`` underline) not part of what is checked (:func:`heading_content` is
where a heading block becomes its words); on plain text the linter does not run such a rule and
says so. On a plain-text scope (``sentence``, ``paragraph``, ``text``) it checks each block.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from workstation.core.prose.findings import Finding
from workstation.core.prose.lint_context import LintContext, format_message
from workstation.core.prose.patterns import EncodedText, SafePattern, compile_pattern
from workstation.core.prose.rule_base import ExceptionFilter, rule_exceptions
from workstation.core.prose.rule_kinds.case_styles import (
    Vocabulary,
    capitalized,
    sentence_case,
    title_case,
    title_matches,
)
from workstation.core.prose.rule_kinds.kind_rule import KindRule, options_of
from workstation.core.prose.rule_kinds.options import CapitalizationOptions
from workstation.core.prose.sentences import Span
from workstation.core.prose.vale_style import RuleSpec

_CASE_MATCHES = ("$title", "$sentence", "$lower", "$upper")
# A word as the check counts words: letters, digits or "*", then anything up to white space.
_WORD_RE = re.compile(r"(?:[^\W_]|\*)+\S*")
# An exception that can span words ("Visual Studio", "Basic\s+authentication") is one word.
_SPANS_WORDS_RE = re.compile(r"\s|\\s|\\p\{Z")
#: Distinct words whose verdict one rule remembers.
_MAX_REMEMBERED = 50_000
#: Blocks that hold less than 1/this of the text have their words read block by block.
_FEW_BLOCKS_SHARE = 4
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
    """Reports blocks not cased as ``match`` says (see the module docstring).

    Words are found once per text (one pass of the word pattern) and handed to each block;
    what a word's case should be, and whether it contains an exception, is remembered per
    distinct word, so a text that repeats words costs little more than its distinct words.
    """

    __slots__ = ("_exceptions", "_excluded", "_match", "_phrases", "_prefix", "_vocabulary")

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        options = options_of(spec, CapitalizationOptions)
        exceptions = rule_exceptions(spec)
        phrases = [term for term in exceptions if _SPANS_WORDS_RE.search(term)]
        terms = [term if term.startswith("(?i)") else f"(?-i){term}" for term in phrases]
        terms.sort(key=len, reverse=True)
        phrase_words = None
        if terms:
            phrase_words = compile_pattern(rf"(?m)\b(?:{'|'.join(terms)})\b", allow_fallback=allow_fallback)
        match = None
        if options.match not in _CASE_MATCHES:
            match = compile_pattern(options.match, allow_fallback=allow_fallback)
        prefix = None
        if options.prefix:
            prefix = compile_pattern(f"^(?:{options.prefix})", allow_fallback=allow_fallback)
        any_entry = None
        if exceptions:
            entries = "|".join(f"(?:{entry})" for entry in exceptions)
            any_entry = compile_pattern(entries, allow_fallback=allow_fallback)
        patterns = tuple(
            pattern for pattern in (match, phrase_words, prefix, any_entry) if pattern is not None
        )
        super().__init__(spec, options, patterns)
        self._phrases: SafePattern | None = phrase_words
        self._match = match
        self._prefix = prefix
        self._vocabulary = Vocabulary(exceptions, any_entry)
        self._exceptions = ExceptionFilter(spec, allow_fallback)
        self._excluded: dict[str, bool] = {}

    def run(self, context: LintContext) -> list[Finding]:
        text = context.text
        budget = context.budget_s
        blocks = context.blocks(self.spec.scope or "text")
        if not blocks:  # a heading rule on a text without headings
            return []
        by_words = self.options.match in ("$title", "$sentence")
        spans = self._word_spans(context, blocks) if by_words else []
        starts = [start for start, _ in spans]
        findings: list[Finding] = []
        for block_start, block_end in blocks:
            start, end = heading_content(text, block_start, block_end)
            if start == end:
                continue
            observed = text[start:end]
            if by_words:
                first, last = bisect_left(starts, start), bisect_left(starts, end)
                words = [
                    (word_start - start, min(word_end, end) - start)
                    for word_start, word_end in spans[first:last]
                ]
                expected = self._cased_failure(observed, words, budget)
            else:
                expected = self._whole_failure(observed, budget)
            if expected is not None:
                message = format_message(self.spec.message, observed, expected)
                findings.append(self._finding(start, end, text, message))
        return findings

    def _word_spans(self, context: LintContext, blocks: tuple[Span, ...]) -> list[tuple[int, int]]:
        """The words of the blocks, in order; an exception spanning words is one word.

        Blocks that cover the text (sentences, paragraphs) are read in one pass of the word
        pattern; a few headings are read alone, so a long text with short headings costs little.

        As in Vale's check, a phrase exception that starts where a word starts takes the place
        of the words it covers.
        """
        text = context.text
        covered = sum(end - start for start, end in blocks)
        if covered * _FEW_BLOCKS_SHARE < len(text):
            words = [match.span() for start, end in blocks for match in _WORD_RE.finditer(text, start, end)]
        else:
            words = [match.span() for match in _WORD_RE.finditer(text)]
        if self._phrases is None:
            return words
        phrases = {
            match.start: match.end
            for match in self._phrases.matches(context.encoded, budget_s=context.budget_s)
            if match.end > match.start
        }
        if not phrases:
            return words
        merged: list[tuple[int, int]] = []
        covered_to = -1
        for start, end in words:
            if start < covered_to:
                continue
            phrase_end = phrases.get(start)
            if phrase_end is not None and phrase_end > end:
                merged.append((start, phrase_end))
                covered_to = phrase_end
            else:
                merged.append((start, end))
        return merged

    def _whole_failure(self, observed: str, budget_s: float) -> str | None:
        """For a pattern, $lower or $upper: what was expected, or None when ``observed`` passes."""
        if self._match is not None:
            matched = self._match.search(observed, budget_s=budget_s)
            return None if matched or self._exceptions.excludes(observed, budget_s) else self._match.source
        expected = observed.lower() if self.options.match == "$lower" else observed.upper()
        return None if observed == expected or self._exceptions.excludes(observed, budget_s) else expected

    def _cased_failure(self, observed: str, words: list[tuple[int, int]], budget_s: float) -> str | None:
        """For $title and $sentence: what was expected, or None when ``observed`` passes.

        ``words`` are the spans of the block's words, relative to ``observed``.
        """
        prefix_end = self._prefix_end(observed, budget_s)
        lead_count = sum(1 for start, _ in words if start < prefix_end)
        tokens = [observed[start:end] for start, end in words]
        if self.options.match == "$title":
            expected = observed[:prefix_end] + title_case(
                observed[prefix_end:], self.options.style, self._vocabulary, budget_s
            )
            wanted = [expected[start:end] for start, end in words]  # the same length, so aligned
            return None if self._title_passes(tokens, wanted, budget_s) else expected
        rest = tokens[lead_count:]
        converted = sentence_case(rest, self.options.indicators, self._vocabulary, budget_s)
        expected = observed[:prefix_end] + " ".join(converted)
        passed = self._sentence_passes(tokens, tokens[:lead_count] + converted, budget_s)
        return None if passed else expected

    def _prefix_end(self, observed: str, budget_s: float) -> int:
        if self._prefix is None:
            return 0
        found = self._prefix.match_at(EncodedText(observed), 0, budget_s=budget_s)
        return found[0] if found else 0

    def _is_excluded(self, word: str, budget_s: float) -> bool:
        excluded = self._excluded.get(word)
        if excluded is None:
            excluded = self._exceptions.excludes(word, budget_s)
            if len(self._excluded) >= _MAX_REMEMBERED:
                self._excluded = {}
            self._excluded[word] = excluded
        return excluded

    def _title_passes(self, words: list[str], wanted: list[str], budget_s: float) -> bool:
        style = self.options.style
        passing = sum(
            title_matches(word, expected, style) or word == word.upper() or self._is_excluded(word, budget_s)
            for word, expected in zip(words, wanted, strict=True)
        )
        return not words or passing / len(words) >= self.options.threshold

    def _sentence_passes(self, words: list[str], wanted: list[str], budget_s: float) -> bool:
        passing = 0
        for index, (word, expected) in enumerate(zip(words, wanted, strict=True)):
            if word == expected or self._is_excluded(word, budget_s):
                passing += 1
            elif index == 0 and word != capitalized(word):
                return False
        return not words or passing / len(words) >= self.options.threshold
