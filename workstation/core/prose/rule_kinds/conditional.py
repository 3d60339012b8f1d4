"""``conditional`` rules: a term (``first``) is fine only where its definition (``second``) is.

The classic use: an acronym must be spelled out somewhere, as "World Health Organization
(WHO)". As Vale runs it, block by block in the rule's scope and in text order:

1. every match of ``second`` in the block adds the text of each of its capture groups to the
   defined terms (``WHO``);
2. every match of ``first`` in the block whose whole text is not a defined term (compared
   exactly, case included) and does not contain an exception (the rule's own, or a word the
   active vocabularies accept, unless ``vocab: false``) is reported; ``%s`` is its text.

So with ``scope: text`` (the default) a definition anywhere in the text counts; with
``scope: paragraph`` only one in the same or an earlier paragraph does. As in Vale,
``ignorecase`` does not change either pattern. Unlike Vale, defined terms belong to one rule and
one lint pass (Vale shares them between all conditional and consistency rules of a file).
"""

from __future__ import annotations

from workstation.core.prose.findings import Finding
from workstation.core.prose.lint_context import LintContext, format_message
from workstation.core.prose.patterns import RawMatch
from workstation.core.prose.rule_base import ExceptionFilter
from workstation.core.prose.rule_kinds.kind_rule import KindRule, by_block, compile_all, options_of
from workstation.core.prose.rule_kinds.options import ConditionalOptions
from workstation.core.prose.vale_style import RuleSpec


class ConditionalRule(KindRule[ConditionalOptions]):
    """Reports uses of ``first`` that no match of ``second`` defined (see the module docstring)."""

    __slots__ = ("_exceptions", "_first", "_second")

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        options = options_of(spec, ConditionalOptions)
        first, second = compile_all((options.first, options.second), allow_fallback)
        super().__init__(spec, options, (first, second))
        self._first = self.matcher(first)
        self._second = self.matcher(second)
        self._exceptions = ExceptionFilter(spec, allow_fallback)

    def run(self, context: LintContext) -> list[Finding]:
        text = context.text
        scope = self.spec.scope or "text"
        uses = self._first.in_scope(context)
        if not uses:
            return []
        definitions = by_block(context, scope, self._second.in_scope(context))
        defined: set[str] = set()
        findings: list[Finding] = []
        for block, block_uses in enumerate(by_block(context, scope, uses)):
            for match in definitions[block]:
                defined.update(self._captured(context, match))
            for match in block_uses:
                observed = text[match.start : match.end]
                if match.start == match.end or observed in defined:
                    continue
                if self._exceptions.excludes(observed, context.budget_s):
                    continue
                findings.append(
                    self._finding(match.start, match.end, text, format_message(self.spec.message, observed))
                )
        return findings

    def _captured(self, context: LintContext, match: RawMatch) -> tuple[str, ...]:
        """The non-empty capture groups of one match of ``second`` (none when it has no groups).

        The groups are read by matching the pattern again where the match starts, in the whole
        text (so look-around sees what the scan saw); where that match differs (an anchor that
        meant a block's edge) the whole matched text stands for its groups.
        """
        groups = self._second.groups_at(context, match)
        if groups is None:
            return (context.text[match.start : match.end],)
        return tuple(group for group in groups if group)
