"""``metric`` and ``readability`` rules: a score of the whole text, reported when it is too high.

Both read the :class:`~workstation.core.prose.readability.ReadingFigures` of the text (the
project's one count of words, sentences and syllables), computed once per text and shared by
every such rule in a lint pass. As in Vale they ignore ``scope`` (always the whole text), report
nothing on a text without words, and put their one finding at the start of the text; ``%s`` in
the message is the score with two decimals.

* ``metric``: ``formula`` (see :mod:`formula`) is evaluated and compared with ``condition``. As
  Vale does, the score is rounded to six decimals before the comparison. A formula with no value
  on this text (a division by zero …) gives no finding, and a notice in the lint report.
* ``readability``: the mean of the named grade levels (Flesch-Kincaid, Gunning Fog,
  Coleman-Liau, SMOG, Automated Readability), reported when it is above ``grade``.
"""

from __future__ import annotations

from collections.abc import Callable

from workstation.core.prose.findings import Finding
from workstation.core.prose.lint_context import LintContext, format_message
from workstation.core.prose.readability import (
    ReadingFigures,
    automated_readability,
    coleman_liau,
    flesch_kincaid_grade,
    gunning_fog,
    reading_figures,
    smog,
)
from workstation.core.prose.rule_kinds.formula import TEXT_VARIABLES, UndefinedResult, evaluate
from workstation.core.prose.rule_kinds.kind_rule import (
    KindRule,
    options_of,
    whole_text_anchor,
)
from workstation.core.prose.rule_kinds.options import MetricOptions, ReadabilityOptions
from workstation.core.prose.vale_style import RuleSpec


def _flesch_kincaid(figures: ReadingFigures) -> float | None:
    return flesch_kincaid_grade(figures.words, figures.sentences, figures.syllables)


GRADE_LEVELS: dict[str, Callable[[ReadingFigures], float | None]] = {
    "Flesch-Kincaid": _flesch_kincaid,
    "Gunning Fog": gunning_fog,
    "Coleman-Liau": coleman_liau,
    "SMOG": smog,
    "Automated Readability": automated_readability,
}
"""Each readability metric's formula, by the name a rule gives it."""


def formula_variables(figures: ReadingFigures) -> dict[str, float]:
    """The variables a metric formula may use, for one text; markup counts are 0 in plain text
    (a formula reads any variable it does not find here as 0, as Vale does)."""
    return {name: float(getattr(figures, name)) for name in TEXT_VARIABLES}


class _WholeTextRule[OptionsT](KindRule[OptionsT]):
    __slots__ = ()

    def _report(self, context: LintContext, score: float) -> Finding:
        start, end = whole_text_anchor(context.text)
        message = format_message(self.spec.message, f"{score:.2f}")
        return self._finding(start, end, context.text, message)


class MetricRule(_WholeTextRule[MetricOptions]):
    """Reports a text whose ``formula`` meets ``condition`` (see the module docstring)."""

    __slots__ = ()

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        super().__init__(spec, options_of(spec, MetricOptions), ())

    def run(self, context: LintContext) -> list[Finding]:
        figures = reading_figures(context.text)
        if figures.words == 0:
            return []
        variables = formula_variables(figures)
        try:
            score = evaluate(self.options.formula, variables)
            met = self.options.condition.holds(float(f"{score:f}"), variables)
        except UndefinedResult as exc:
            context.note(f"{self.spec.name}: no score for this text: {exc}")
            return []
        return [self._report(context, score)] if met else []


class ReadabilityRule(_WholeTextRule[ReadabilityOptions]):
    """Reports a text whose mean grade level is above ``grade`` (see the module docstring)."""

    __slots__ = ()

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        options = options_of(spec, ReadabilityOptions)
        super().__init__(spec, options, ())

    def run(self, context: LintContext) -> list[Finding]:
        figures = reading_figures(context.text)
        grades = [GRADE_LEVELS[name](figures) for name in self.options.metrics]
        known = [grade for grade in grades if grade is not None]
        if not known:
            return []
        mean = sum(known) / len(self.options.metrics)
        return [self._report(context, mean)] if mean > self.options.grade else []
