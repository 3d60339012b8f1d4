"""Run a style pack over a text and return sorted findings.

A :class:`Linter` is cheap to build from a loaded :class:`StylePack` (patterns are compiled at
load time), so the GUI makes a new one when the writer toggles a category. It is safe to call
from a worker thread; the only state it changes is the set of fallback patterns it has switched
off after they ran past their time budget (:mod:`fallback_budget`): such a pattern costs the
editor one budget and is then skipped on texts at least that long. Every pass says, in
``LintReport.problems``, which rules lost findings on its text that way.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from workstation.core.prose.fallback_budget import DEFAULT_BUDGET, FallbackBudget, GuardEvent, TrippedPatterns
from workstation.core.prose.findings import Finding, LintReport, level_rank
from workstation.core.prose.lint_context import LintContext
from workstation.core.prose.markdown_skip import lint_view
from workstation.core.prose.patterns import PatternTimeout
from workstation.core.prose.rule_base import CompiledRule
from workstation.core.prose.style_pack import StylePack
from workstation.core.prose.vale_style import is_markup_scope
from workstation.core.text.markdown_scopes import markdown_scopes


def _sort_key(finding: Finding) -> tuple[int, int, str]:
    return (finding.start, finding.end, finding.rule)


def _without_nested(findings: list[Finding]) -> list[Finding]:
    """Drop findings contained in an earlier-starting, longer (or equal) finding of their category.

    Categories are compared within one style: two styles never swallow each other's findings.
    """
    findings.sort(key=lambda finding: (finding.start, -finding.end, finding.rule))
    reach: dict[tuple[str, str], int] = {}  # (style, category) -> furthest end kept so far
    kept: list[Finding] = []
    for finding in findings:
        group = (finding.rule.partition(".")[0], finding.category)
        if finding.end <= reach.get(group, -1):
            continue
        reach[group] = finding.end
        kept.append(finding)
    return kept


def switched_off_notice(rule: str, events: list[GuardEvent], whole_rule: bool) -> str:
    """What the writer reads when a rule lost findings to the fallback engine's time limits."""
    what = "this rule" if whole_rule else "part of this rule"
    if all(event.reason == "pass time used up" for event in events):
        return f"{rule}: {what} was not run on this text (the time for slow patterns ran out)"
    return f"{rule}: {what} was switched off on this text (pattern too slow)"


def plain_text_notice(rule: str, scope: str) -> str:
    """What the writer reads when a rule scoped to Markdown blocks meets a plain-text linter."""
    shown = scope.replace("+", ", ")
    return f"{rule}: not run on plain text (its scope, {shown}, names Markdown blocks)"


class Linter:
    """Applies the enabled rules of a pack to texts.

    ``disabled_categories`` and ``disabled_rules`` (qualified names) switch rules off.
    ``merge_nested`` drops a finding that lies inside a longer one of the same category (say
    ``tapestry`` inside ``rich tapestry``), so a writer sees one underline and the density
    counts one problem.
    ``budget`` sets how long fallback-engine patterns may run (:class:`FallbackBudget`). Rules
    below the pack's ``min_level`` (a ``.vale.ini``'s ``MinAlertLevel``) do not run.
    ``markdown`` reads texts as Markdown, as Vale does: no finding starts in code, a link
    target, a URL or raw HTML (see :mod:`~workstation.core.prose.markdown_skip`), and rules
    scoped to Markdown blocks (``heading``, ``list``, ``blockquote``, ``table``) run on those
    blocks. Without it such rules do not run, and every report says so.
    """

    def __init__(
        self,
        pack: StylePack,
        disabled_categories: Iterable[str] = (),
        *,
        disabled_rules: Iterable[str] = (),
        budget: FallbackBudget = DEFAULT_BUDGET,
        merge_nested: bool = True,
        markdown: bool = True,
    ) -> None:
        self.pack = pack
        self.markdown = markdown
        self.merge_nested = merge_nested
        self.disabled_categories = frozenset(disabled_categories)
        self.disabled_rules = frozenset(disabled_rules)
        self.budget = budget
        least = level_rank(pack.min_level)
        enabled = [
            rule
            for rule in pack.rules
            if rule.category not in self.disabled_categories
            and rule.name not in self.disabled_rules
            and rule.spec.scope is not None
            and level_rank(rule.spec.level) >= least
        ]
        needs_markdown = [not markdown and is_markup_scope(rule.spec.scope or "text") for rule in enabled]
        self._rules: tuple[CompiledRule, ...] = tuple(
            rule for rule, skip in zip(enabled, needs_markdown, strict=True) if not skip
        )
        self._plain_text_notices = tuple(
            plain_text_notice(rule.name, rule.spec.scope or "")
            for rule, skip in zip(enabled, needs_markdown, strict=True)
            if skip
        )
        self._tripped = TrippedPatterns()
        self._tripped_rules: dict[str, int] = {}  # rule -> shortest text (bytes) it timed out on
        self._notices: dict[str, str] = {}  # rule -> the last notice about it
        self._lock = threading.Lock()

    @property
    def rules(self) -> tuple[CompiledRule, ...]:
        """The rules this linter runs (enabled, at or above the pack's minimum level, runnable)."""
        return self._rules

    @property
    def problems(self) -> tuple[str, ...]:
        """Every rule that lost findings to a time limit since this linter was made, one notice each."""
        with self._lock:
            return self._plain_text_notices + tuple(self._notices.values())

    def lint(self, text: str) -> tuple[Finding, ...]:
        """Findings in ``text``, sorted by position then rule name. Spans are code points."""
        return self.lint_report(text).findings

    def lint_report(self, text: str) -> LintReport:
        """Findings plus problems met on this text (a rule stopped by its time budget)."""
        if not text:
            return LintReport((), ())
        view = lint_view(text) if self.markdown else None
        context = LintContext(
            view.masked if view else text,
            budget=self.budget,
            tripped=self._tripped,
            markdown=markdown_scopes(text) if view else None,
        )
        events = context.guard.events
        findings: list[Finding] = []
        problems: list[str] = list(self._plain_text_notices)
        for rule in self._rules:
            limit = self._tripped_rules.get(rule.name)
            if limit is not None and context.guard.text_bytes >= limit:
                problems.append(self._notice(rule.name, switched_off_notice(rule.name, [], True)))
                continue
            seen = len(events)
            try:
                found = rule.run(context)
            except PatternTimeout:  # a short check (an exception, a key's groups) ran too long
                with self._lock:
                    self._tripped_rules[rule.name] = min(limit or 1 << 62, context.guard.text_bytes)
                problems.append(self._notice(rule.name, switched_off_notice(rule.name, [], True)))
                continue
            if view is not None:
                found = view.keep_outside(found)
            if len(events) > seen:
                whole = rule.pattern.engine == "fallback"
                problems.append(self._notice(rule.name, switched_off_notice(rule.name, events[seen:], whole)))
            if rule.spec.limit:
                found = sorted(found, key=_sort_key)[: rule.spec.limit]
            findings.extend(found)
        problems.extend(context.problems)  # rules' notes on this text (a metric with no score …)
        if self.merge_nested:
            findings = _without_nested(findings)
        findings.sort(key=_sort_key)
        return LintReport(tuple(findings), tuple(problems))

    def _notice(self, rule: str, notice: str) -> str:
        with self._lock:
            self._notices[rule] = notice
        return notice
