"""Compiled rules: one safe pattern per rule, and the four Vale extension points that run it.

Semantics follow Vale's documentation for each extension point:

* ``existence`` — tokens become one alternation wrapped in word boundaries (``\\b``) unless
  ``nonword: true``; ``raw`` entries are joined as they are, before the tokens (after them with
  ``append: true``). ``%s`` in the message is the matched text.
* ``substitution`` — each ``swap`` key is a pattern, its value the replacement; ``a|b`` in a value
  offers two suggestions and ``$1`` refers to a group of the key. A match that already equals a
  suggestion is not reported. The first ``%s`` is the suggestion, the second the matched text.
* ``occurrence`` — counts ``token`` per scope block (text, paragraph or sentence); reports when
  the count is above ``max`` or below ``min`` (0 means no limit), at the first match (or over
  the whole block when there is none). ``%s``/``%d`` is the count.
* ``repetition`` — reports a token repeated back to back within one sentence (``the the``);
  ``max`` is how many repeats in a row are allowed, ``alpha`` limits it to alphabetic tokens.

``exceptions`` are case-sensitive patterns (unless they start with ``(?i)``); a match that
contains one, word-bounded, is not reported. ``limit`` keeps the first N findings of a rule.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable

from workstation.core.prose.findings import Finding
from workstation.core.prose.lint_context import (
    LintContext,
    format_message,
    join_alternatives,
    word_bounds_hold,
)
from workstation.core.prose.patterns import RawMatch, SafePattern, compile_pattern
from workstation.core.prose.rule_base import (
    CompiledRule,
    ExceptionFilter,
    alternation,
    bounded_token,
    flag_prefix,
    group_text,
    is_literal,
    non_capturing,
)
from workstation.core.prose.rule_kinds import NEWER_KIND_RULES
from workstation.core.prose.vale_style import RuleSpec

_SENTENCE_GAP_RE = re.compile(r"[.!?\u2026\u3002\uff01\uff1f\r\n\u2028\u2029]")
# A token that is one character class repeated ("[^\s.!?]+", "\w+"): stdlib re runs it in linear
# time, and much faster per match than RE2 through its Python binding.
_SIMPLE_TOKEN_RE = re.compile(r"(?:\\b)?(?:\[(?:[^\]\\]|\\.)+\]|\\[wWsSdD]|\.)[+*](?:\\b)?")
# "[^\s.!?]+" and the like: runs of anything but white space and a few literal characters,
# which str.replace + str.split find even faster than a regular expression.
_NOT_SPACE_OR_RE = re.compile(r"\[\^\\s([^\]\\^-]*)\]\+")


class ExistenceRule(CompiledRule):
    """Reports every match of its tokens."""

    __slots__ = ("_exceptions", "_word_bounded")

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        self._word_bounded = not spec.nonword and bool(spec.tokens)
        body = alternation(spec.tokens, self._word_bounded) if spec.tokens else ""
        raw = "".join(spec.raw)
        source = flag_prefix(spec.ignorecase, multiline=True) + (body + raw if spec.append else raw + body)
        super().__init__(spec, compile_pattern(source, allow_fallback=allow_fallback))
        self._exceptions = ExceptionFilter(spec.exceptions, allow_fallback)

    def run(self, context: LintContext) -> list[Finding]:
        text = context.text
        check_bounds = self._word_bounded and not context.encoded.is_ascii
        findings: list[Finding] = []
        for match in self._matches_in_scope(context):
            start, end = match.start, match.end
            if start == end or (check_bounds and not word_bounds_hold(text, start, end)):
                continue
            observed = text[start:end]
            if self._exceptions.excludes(observed, context.budget_s):
                continue
            findings.append(self._finding(start, end, text, format_message(self.spec.message, observed)))
        return findings


class SubstitutionRule(CompiledRule):
    """Reports matches of ``swap`` keys with the replacement(s) as suggestions.

    Which key matched is read from the capture group that took part. When every key is plain
    text (the usual case) the scan uses a pattern without groups and looks the matched text up
    in a table instead, which saves RE2 the work of tracking dozens of groups per match.
    """

    __slots__ = (
        "_capturing",
        "_exceptions",
        "_key_patterns",
        "_literal_index",
        "_replacements",
        "_word_bounded",
    )

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        ordered = sorted(spec.swap, key=lambda pair: len(pair[0]), reverse=True)
        self._word_bounded = not spec.nonword
        prefix = flag_prefix(spec.ignorecase, multiline=True)
        groups = [f"({bounded_token(non_capturing(key), self._word_bounded)})" for key, _ in ordered]
        self._capturing = compile_pattern(
            prefix + "(?:" + "|".join(groups) + ")", allow_fallback=allow_fallback
        )
        self._replacements = [value for _, value in ordered]
        self._literal_index: dict[str, int] | None = None
        scan = self._capturing
        if all(is_literal(key) for key, _ in ordered):
            fold = str.casefold if spec.ignorecase else str
            self._literal_index = {}
            for index, (key, _) in enumerate(ordered):
                self._literal_index.setdefault(fold(key), index)
            plain = "|".join(bounded_token(key, self._word_bounded) for key, _ in ordered)
            scan = compile_pattern(prefix + "(?:" + plain + ")", allow_fallback=allow_fallback)
        super().__init__(spec, scan)
        # Keys whose replacement refers to their groups ($1) are compiled on their own too.
        self._key_patterns: dict[int, SafePattern] = {
            index: compile_pattern(flag_prefix(spec.ignorecase) + key, allow_fallback=allow_fallback)
            for index, (key, value) in enumerate(ordered)
            if re.search(r"\$\d", value)
        }
        self._exceptions = ExceptionFilter(spec.exceptions, allow_fallback)

    def run(self, context: LintContext) -> list[Finding]:
        text = context.text
        check_bounds = self._word_bounded and not context.encoded.is_ascii
        want_groups = self._literal_index is None
        findings: list[Finding] = []
        for start, end, group in self._matches_in_scope(context, want_groups=want_groups):
            if start == end or (check_bounds and not word_bounds_hold(text, start, end)):
                continue
            observed = text[start:end]
            index = self._key_index(observed, group, context.budget_s)
            if index is None:
                continue
            options = self._options(index, observed, context.budget_s)
            if observed in options or self._exceptions.excludes(observed, context.budget_s):
                continue
            shown = join_alternatives(self.spec.message, options)
            message = format_message(self.spec.message, shown, observed)
            findings.append(self._finding(start, end, text, message, tuple(options)))
        return findings

    def _key_index(self, observed: str, group: int, budget_s: float) -> int | None:
        """Index (into the length-sorted keys) of the swap key that produced this match."""
        if self._literal_index is None:
            return group - 1 if group > 0 else None
        found = self._literal_index.get(observed.casefold() if self.spec.ignorecase else observed)
        if found is not None:
            return found
        groups = self._capturing.groups_of(observed, budget_s=budget_s) or ()
        return next((position for position, value in enumerate(groups) if value is not None), None)

    def _options(self, index: int, observed: str, budget_s: float) -> list[str]:
        replacement = self._replacements[index]
        key_pattern = self._key_patterns.get(index)
        if key_pattern is not None:
            groups = key_pattern.groups_of(observed, budget_s=budget_s) or ()
            replacement = re.sub(r"\$(\d)", lambda ref: group_text(groups, int(ref.group(1))), replacement)
        options = [option.replace("\x00", "|") for option in replacement.replace(r"\|", "\x00").split("|")]
        options = [option for option in options if option]
        if self.spec.capitalize and observed[:1].isupper():
            options = [option[:1].upper() + option[1:] for option in options]
        return options


class OccurrenceRule(CompiledRule):
    """Counts ``token`` per block and reports blocks above ``max`` or below ``min``."""

    __slots__ = ()

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        source = flag_prefix(spec.ignorecase) + f"(?:{spec.token})"
        super().__init__(spec, compile_pattern(source, allow_fallback=allow_fallback))

    def run(self, context: LintContext) -> list[Finding]:
        scope = self.spec.scope or "text"
        blocks = context.blocks(scope)
        per_block: list[list[RawMatch]] = [[] for _ in blocks]
        for match in self._matches_in_scope(context):
            if match.end > match.start or self.spec.min:
                index = context.block_index(scope, match.start, match.end)
                if index is not None:
                    per_block[index].append(match)
        text = context.text
        findings: list[Finding] = []
        for (block_start, block_end), matches in zip(blocks, per_block, strict=True):
            count = len(matches)
            too_many = self.spec.max > 0 and count > self.spec.max
            too_few = self.spec.min > 0 and count < self.spec.min
            if not (too_many or too_few):
                continue
            visible = [match for match in matches if text[match.start : match.end].strip()]
            start, end = (visible[0].start, visible[0].end) if visible else (block_start, block_end)
            findings.append(self._finding(start, end, text, format_message(self.spec.message, count)))
        return findings


class RepetitionRule(CompiledRule):
    """Reports a token repeated back to back (``the the``) inside one sentence."""

    __slots__ = ("_exceptions", "_simple", "_splitter")

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        source = flag_prefix(spec.ignorecase) + "(" + "|".join(spec.tokens) + ")"
        super().__init__(spec, compile_pattern(source, allow_fallback=allow_fallback))
        self._exceptions = ExceptionFilter(spec.exceptions, allow_fallback)
        self._simple: re.Pattern[str] | None = None
        self._splitter: str | None = None
        if len(spec.tokens) == 1 and (split_class := _NOT_SPACE_OR_RE.fullmatch(spec.tokens[0])):
            self._splitter = split_class.group(1)
        if len(spec.tokens) == 1 and _SIMPLE_TOKEN_RE.fullmatch(spec.tokens[0]):
            candidate = re.compile(spec.tokens[0], re.IGNORECASE if spec.ignorecase else 0)
            if not candidate.search(" \t\n"):
                self._simple = candidate

    def run(self, context: LintContext) -> list[Finding]:
        text = context.text
        if self._simple is not None:
            folded = text.lower() if self.spec.ignorecase else text
            if len(folded) == len(text):
                # Cheap C-level check first: most texts have no word twice in a row.
                if self._splitter is not None:
                    for char in self._splitter:  # str.replace is C-fast even on non-ASCII text
                        folded = folded.replace(char, " ")
                    items = folded.split()
                else:
                    items = self._simple.findall(folded)
                if not any(map(operator.eq, items, items[1:])):
                    return []
            spans = [match.span() for match in self._simple.finditer(text)]
        else:
            spans = [(match.start, match.end) for match in self._matches_in_scope(context)]
        return self._repeats(context, spans)

    def _repeats(self, context: LintContext, spans: list[tuple[int, int]]) -> list[Finding]:
        text = context.text
        same: Callable[[str, str], bool] = (
            (lambda a, b: a.casefold() == b.casefold()) if self.spec.ignorecase else operator.eq
        )
        findings: list[Finding] = []
        previous: tuple[int, int, str] | None = None
        run_length = 0
        for start, end in spans:
            current = text[start:end].strip()
            hit = (
                previous is not None
                and current != ""
                and same(current, previous[2])
                and (not self.spec.alpha or current.isalpha())
                and not _SENTENCE_GAP_RE.search(text, previous[1], start)
            )
            run_length = run_length + 1 if hit else 0
            if hit and run_length > self.spec.max and previous is not None:
                covered = text[previous[0] : end]
                if not self._exceptions.excludes(covered, context.budget_s):
                    findings.append(
                        self._finding(previous[0], end, text, format_message(self.spec.message, current))
                    )
                    run_length = 0
            previous = (start, end, current)
        return findings


def compile_rule(spec: RuleSpec, *, allow_fallback: bool = True) -> CompiledRule:
    """Compile a spec; raises :class:`~workstation.core.prose.patterns.PatternError` with a reason."""
    factory: dict[str, Callable[[RuleSpec, bool], CompiledRule]] = {
        "existence": ExistenceRule,
        "substitution": SubstitutionRule,
        "occurrence": OccurrenceRule,
        "repetition": RepetitionRule,
        **NEWER_KIND_RULES,
    }
    return factory[spec.kind](spec, allow_fallback)
