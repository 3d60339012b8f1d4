"""The Vale rule kinds beyond the first four: conditional, consistency, capitalization, metric,
readability and spelling.

:mod:`fields` reads their YAML keys into :mod:`options`; one module per kind compiles and runs
them (:mod:`conditional`, :mod:`consistency`, :mod:`capitalization` with :mod:`case_styles`,
:mod:`scored` for metric and readability with :mod:`formula`, :mod:`spelling_rule` with
:mod:`spelling_sources`); :mod:`kind_rule` is what they share.
:func:`~workstation.core.prose.rules.compile_rule` finds them in :data:`NEWER_KIND_RULES`.
"""

from __future__ import annotations

from collections.abc import Callable

from workstation.core.prose.rule_base import CompiledRule
from workstation.core.prose.rule_kinds.capitalization import CapitalizationRule
from workstation.core.prose.rule_kinds.conditional import ConditionalRule
from workstation.core.prose.rule_kinds.consistency import ConsistencyRule
from workstation.core.prose.rule_kinds.scored import MetricRule, ReadabilityRule
from workstation.core.prose.rule_kinds.spelling_rule import SpellingRule, attach_spelling
from workstation.core.prose.rule_kinds.spelling_sources import DictionaryRequest, SpellingBackend, WordChecker
from workstation.core.prose.vale_style import RuleSpec

NEWER_KIND_RULES: dict[str, Callable[[RuleSpec, bool], CompiledRule]] = {
    "conditional": ConditionalRule,
    "consistency": ConsistencyRule,
    "capitalization": CapitalizationRule,
    "metric": MetricRule,
    "readability": ReadabilityRule,
    "spelling": SpellingRule,
}
"""Each kind's rule class, by the name ``extends`` gives it."""

__all__ = [
    "NEWER_KIND_RULES",
    "CapitalizationRule",
    "ConditionalRule",
    "ConsistencyRule",
    "DictionaryRequest",
    "MetricRule",
    "ReadabilityRule",
    "SpellingBackend",
    "SpellingRule",
    "WordChecker",
    "attach_spelling",
]
