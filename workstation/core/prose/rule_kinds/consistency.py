"""``consistency`` rules: a text should spell a word one way throughout (``advisor``/``adviser``).

Each ``either`` pair is one pattern, both spellings as alternatives, word-bounded unless
``nonword`` (and case-blind with ``ignorecase``). As Vale runs it, block by block in the rule's
scope and in text order, per pair: the spellings met so far are remembered, and a block that
holds a match of the pair once both spellings have been met gets one finding, at the block's
last match of that pair (``%s`` is its text). Vale does not pick the minority spelling: with
``scope: text`` (the default) each inconsistent pair is reported once, at its last use in the
text, whichever spelling that is.
"""

from __future__ import annotations

from workstation.core.prose.findings import Finding
from workstation.core.prose.lint_context import LintContext, format_message, word_bounds_hold
from workstation.core.prose.patterns import RawMatch
from workstation.core.prose.rule_base import bounded_token, flag_prefix, non_capturing
from workstation.core.prose.rule_kinds.kind_rule import KindRule, Matcher, by_block, compile_all, options_of
from workstation.core.prose.rule_kinds.options import ConsistencyOptions
from workstation.core.prose.vale_style import RuleSpec


def pair_pattern(one: str, other: str, *, ignorecase: bool, word_bounded: bool) -> str:
    """The pattern of one pair: group 1 matches the first spelling, group 2 the other."""
    alternatives = (f"({bounded_token(non_capturing(spelling), word_bounded)})" for spelling in (one, other))
    return flag_prefix(ignorecase, multiline=True) + "(?:" + "|".join(alternatives) + ")"


def _side(pair: Matcher, context: LintContext, match: RawMatch) -> int:
    """Which spelling of the pair ``match`` is: 1 or 2 (its capture group), 0 if neither took part."""
    groups = pair.groups_at(context, match)
    if not groups:
        return 0
    return 1 if groups[0] is not None else 2 if len(groups) > 1 and groups[1] is not None else 0


class ConsistencyRule(KindRule[ConsistencyOptions]):
    """Reports a spelling pair used both ways (see the module docstring)."""

    __slots__ = ("_pairs",)

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        options = options_of(spec, ConsistencyOptions)
        sources = tuple(
            pair_pattern(one, other, ignorecase=spec.ignorecase, word_bounded=not spec.nonword)
            for one, other in options.either
        )
        patterns = compile_all(sources, allow_fallback)
        super().__init__(spec, options, patterns)
        self._pairs: tuple[Matcher, ...] = tuple(self.matcher(pattern) for pattern in patterns)

    def run(self, context: LintContext) -> list[Finding]:
        text = context.text
        scope = self.spec.scope or "text"
        check_bounds = not self.spec.nonword and not context.encoded.is_ascii
        findings: list[Finding] = []
        for pair in self._pairs:
            matches = [
                match
                for match in pair.in_scope(context)
                if match.end > match.start
                and (not check_bounds or word_bounds_hold(text, match.start, match.end))
            ]
            if not matches:
                continue
            seen: set[int] = set()
            for block_matches in by_block(context, scope, matches):
                if not block_matches:
                    continue
                if len(seen) < 2:
                    seen.update(_side(pair, context, match) for match in block_matches)
                    seen.discard(0)
                if len(seen) == 2:
                    last = block_matches[-1]
                    message = format_message(self.spec.message, text[last.start : last.end])
                    findings.append(self._finding(last.start, last.end, text, message))
        return findings
