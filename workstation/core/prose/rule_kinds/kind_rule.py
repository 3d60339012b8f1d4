"""What the rules of the newer kinds share: typed options, several patterns, matches per block.

These kinds compile more than one pattern (an antecedent and its definition, one pattern per
spelling pair, a tokenizer and exceptions), so a rule keeps each in a :class:`Matcher` and its
``pattern`` (which the loader reports on) is the one that needs the slower fallback engine, if
any does. Matching in scope reuses :class:`~workstation.core.prose.rule_base.CompiledRule`'s
own, so every kind reads a scope the same way. A kind that needs a match's capture groups asks
its matcher (:meth:`Matcher.groups_at`), which keeps the compiled
:class:`~workstation.core.prose.patterns.SafePattern` and reads them with ``match_at``, as
substitution rules read theirs.
"""

from __future__ import annotations

import re

from workstation.core.prose.findings import Finding
from workstation.core.prose.lint_context import LintContext
from workstation.core.prose.patterns import RawMatch, SafePattern, compile_pattern
from workstation.core.prose.rule_base import CompiledRule
from workstation.core.prose.rule_pattern import pattern_of
from workstation.core.prose.vale_style import RuleSpec

_FIRST_WORD_RE = re.compile(r"\S+")

NO_PATTERN = ""
"""The ``pattern`` of a rule that has none (metric, readability; a capitalization rule without
exceptions): it matches nothing a rule reports."""


class Matcher(CompiledRule):
    """One more pattern of a rule, run in that rule's scope (never run as a rule itself)."""

    __slots__ = ("compiled",)

    def __init__(self, spec: RuleSpec, compiled: SafePattern) -> None:
        super().__init__(spec, pattern_of(compiled))
        self.compiled = compiled

    def in_scope(self, context: LintContext) -> list[RawMatch]:
        """Matches inside one block of the rule's scope, leftmost first."""
        return self._matches_in_scope(context)

    def groups_at(self, context: LintContext, match: RawMatch) -> tuple[str | None, ...] | None:
        """The capture groups of ``match`` (one of :meth:`in_scope`'s), or None when the pattern,
        run again where the match starts, does not end where it did (a pattern whose anchors
        meant a block's edges). A fallback pattern may raise ``PatternTimeout`` past the
        context's short budget."""
        found = self.compiled.match_at(context.encoded, match.start, budget_s=context.budget_s)
        return found[1] if found is not None and found[0] == match.end else None

    def run(self, context: LintContext) -> list[Finding]:
        raise TypeError("a Matcher is part of a rule and is not run on its own")


class KindRule[OptionsT](CompiledRule):
    """A rule with ``options`` of its kind (from its spec); ``pattern`` as described above."""

    __slots__ = ("options",)

    def __init__(self, spec: RuleSpec, options: OptionsT, patterns: tuple[SafePattern, ...]) -> None:
        slower = [pattern for pattern in patterns if pattern.engine == "fallback"]
        super().__init__(spec, pattern_of((slower or list(patterns) or [compile_pattern(NO_PATTERN)])[0]))
        self.options = options

    def matcher(self, pattern: SafePattern) -> Matcher:
        """A :class:`Matcher` for another pattern of this rule, in this rule's scope."""
        return Matcher(self.spec, pattern)


def options_of[OptionsT](spec: RuleSpec, options_type: type[OptionsT]) -> OptionsT:
    """The spec's ``options``, checked to be of the kind's type (a TypeError is a bug, not input)."""
    if not isinstance(spec.options, options_type):
        raise TypeError(f"{spec.name}: expected {options_type.__name__} options, got {spec.options!r}")
    return spec.options


def compile_all(sources: tuple[str, ...], allow_fallback: bool) -> tuple[SafePattern, ...]:
    """Each source through :func:`~workstation.core.prose.patterns.compile_pattern` (RE2 first)."""
    return tuple(compile_pattern(source, allow_fallback=allow_fallback) for source in sources)


def by_block(context: LintContext, scope: str, matches: list[RawMatch]) -> list[list[RawMatch]]:
    """``matches`` (each inside one block, as :meth:`Matcher.in_scope` gives them) grouped by
    the block of ``scope`` they lie in, one list per block in text order."""
    grouped: list[list[RawMatch]] = [[] for _ in context.blocks(scope)]
    for match in matches:
        index = context.block_index(scope, match.start, match.end)
        if index is not None:
            grouped[index].append(match)
    return grouped


def whole_text_anchor(text: str) -> tuple[int, int]:
    """Where a finding about a whole text goes: its first run of non-space characters (Vale
    reports such findings at line 1, column 1). (0, 0) for a text of white space only."""
    found = _FIRST_WORD_RE.search(text)
    return found.span() if found else (0, 0)
