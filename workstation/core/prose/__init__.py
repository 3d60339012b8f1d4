"""Prose assistance: lint rules, readability, spelling and text metrics.

Typical use::

    from workstation.core.prose import Linter, default_style_pack, text_metrics

    linter = Linter(default_style_pack(), disabled_categories={"wordiness"})
    findings = linter.lint(text)            # tuple[Finding, ...], code-point spans
    metrics = text_metrics(text, findings)  # TextMetrics, .to_dict() for storage

Modules: :mod:`vale_style` reads Vale YAML rules, :mod:`rules` compiles and runs them,
:mod:`rule_kinds` holds the kinds beyond the first four (conditional, consistency,
capitalization, metric, readability, spelling), :mod:`patterns` keeps every regex safe (RE2, or a
time-limited fallback), :mod:`style_pack`
finds and loads style folders, :mod:`engine` is the linter, :mod:`sentences` and
:mod:`readability` split and score text, :mod:`counting` is the one word and sentence count,
:mod:`text_metrics` computes per-text figures and
:mod:`spelling` wraps the offline spell checker.
"""

from workstation.core.prose.counting import TextCounts, count_text, sentence_count, word_count
from workstation.core.prose.engine import Linter
from workstation.core.prose.findings import LEVELS, Finding, Level, LintReport, StyleIssue
from workstation.core.prose.readability import Readability, readability, syllable_count
from workstation.core.prose.sentences import paragraph_spans, sentence_spans, split_sentences
from workstation.core.prose.spelling import MisspelledWord, SpellChecker
from workstation.core.prose.style_pack import CategoryInfo, StylePack, default_style_pack, load_styles
from workstation.core.prose.text_metrics import (
    SentenceComparison,
    TextMetrics,
    compare_sentences,
    text_metrics,
)

__all__ = [
    "LEVELS",
    "CategoryInfo",
    "Finding",
    "Level",
    "LintReport",
    "Linter",
    "MisspelledWord",
    "Readability",
    "SentenceComparison",
    "SpellChecker",
    "StyleIssue",
    "StylePack",
    "TextCounts",
    "TextMetrics",
    "compare_sentences",
    "count_text",
    "default_style_pack",
    "load_styles",
    "paragraph_spans",
    "readability",
    "sentence_count",
    "sentence_spans",
    "split_sentences",
    "syllable_count",
    "text_metrics",
    "word_count",
]
