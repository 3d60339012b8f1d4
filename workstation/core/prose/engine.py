"""Run a style pack over a text and return sorted findings.

A :class:`Linter` is cheap to build from a loaded :class:`StylePack` (patterns are compiled at
load time), so the GUI makes a new one when the writer toggles a category. It is safe to call
from a worker thread; the only state it changes is the set of fallback rules it has switched
off after they ran past their time budget, so one pathological rule costs the editor at most
one budget and then never runs again in that linter.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from workstation.core.prose.findings import Finding, LintReport
from workstation.core.prose.lint_context import LintContext
from workstation.core.prose.patterns import DEFAULT_FALLBACK_BUDGET_S, PatternTimeout
from workstation.core.prose.rule_base import CompiledRule
from workstation.core.prose.style_pack import StylePack


def _sort_key(finding: Finding) -> tuple[int, int, str]:
    return (finding.start, finding.end, finding.rule)


def _without_nested(findings: list[Finding]) -> list[Finding]:
    """Drop findings contained in an earlier-starting, longer (or equal) finding of their category."""
    findings.sort(key=lambda finding: (finding.start, -finding.end, finding.rule))
    reach: dict[str, int] = {}  # category -> furthest end of the findings kept so far
    kept: list[Finding] = []
    for finding in findings:
        if finding.end <= reach.get(finding.category, -1):
            continue
        reach[finding.category] = finding.end
        kept.append(finding)
    return kept


class Linter:
    """Applies the enabled rules of a pack to texts.

    ``disabled_categories`` and ``disabled_rules`` (qualified names) switch rules off.
    ``merge_nested`` drops a finding that lies inside a longer one of the same category (say
    ``tapestry`` inside ``rich tapestry``), so a writer sees one underline and the density
    counts one problem.
    ``fallback_budget_s`` is the time, in seconds, one fallback-engine rule may spend on one
    text before it is stopped and switched off for this linter.
    """

    def __init__(
        self,
        pack: StylePack,
        disabled_categories: Iterable[str] = (),
        *,
        disabled_rules: Iterable[str] = (),
        fallback_budget_s: float = DEFAULT_FALLBACK_BUDGET_S,
        merge_nested: bool = True,
    ) -> None:
        self.pack = pack
        self.merge_nested = merge_nested
        self.disabled_categories = frozenset(disabled_categories)
        self.disabled_rules = frozenset(disabled_rules)
        self.fallback_budget_s = fallback_budget_s
        self._rules: tuple[CompiledRule, ...] = tuple(
            rule
            for rule in pack.rules
            if rule.category not in self.disabled_categories
            and rule.name not in self.disabled_rules
            and rule.spec.scope is not None
        )
        self._tripped: dict[str, str] = {}
        self._lock = threading.Lock()

    @property
    def rules(self) -> tuple[CompiledRule, ...]:
        """The rules this linter runs (enabled, runnable on plain text, not switched off)."""
        return tuple(rule for rule in self._rules if rule.name not in self._tripped)

    @property
    def problems(self) -> tuple[str, ...]:
        """Why rules were switched off while linting (e.g. a fallback pattern timed out)."""
        with self._lock:
            return tuple(self._tripped.values())

    def lint(self, text: str) -> tuple[Finding, ...]:
        """Findings in ``text``, sorted by position then rule name. Spans are code points."""
        return self.lint_report(text).findings

    def lint_report(self, text: str) -> LintReport:
        """Findings plus problems met on this text (a rule stopped by its time budget)."""
        context = LintContext(text, budget_s=self.fallback_budget_s)
        findings: list[Finding] = []
        problems: list[str] = []
        if not text:
            return LintReport((), ())
        for rule in self._rules:
            if rule.name in self._tripped:
                continue
            try:
                found = rule.run(context)
            except PatternTimeout as exc:
                problem = f"{rule.name}: {exc}; rule switched off"
                with self._lock:
                    self._tripped[rule.name] = problem
                problems.append(problem)
                continue
            if rule.spec.limit:
                found = sorted(found, key=_sort_key)[: rule.spec.limit]
            findings.extend(found)
        problems.extend(context.problems)  # rules' notes on this text (a metric with no score …)
        if self.merge_nested:
            findings = _without_nested(findings)
        findings.sort(key=_sort_key)
        return LintReport(tuple(findings), tuple(problems))
