"""Prose assistance: lint rules, readability, spelling and text metrics.

Typical use::

    from workstation.core.prose import Linter, default_style_pack, text_metrics

    linter = Linter(default_style_pack(), disabled_categories={"wordiness"})
    findings = linter.lint(text)            # tuple[Finding, ...], code-point spans
    metrics = text_metrics(text, findings)  # TextMetrics, .to_dict() for storage

Modules: :mod:`vale_style` reads Vale YAML rules, :mod:`rules` and :mod:`substitution` compile and
run them, :mod:`patterns` keeps every regex safe (RE2, or a time-limited fallback),
:mod:`rule_kinds` holds the kinds beyond the first four (conditional, consistency, capitalization,
metric, readability, spelling), :mod:`rule_pattern` sends only the alternatives RE2 refuses to that
fallback and :mod:`fallback_budget` times it, :mod:`style_pack` finds and loads style folders (with
:mod:`vale_ini` for a ``.vale.ini`` and :mod:`vocabulary` for Vale's vocabularies and built-in
rules), :mod:`engine` is the linter, :mod:`sentences` and :mod:`readability` split and score text,
:mod:`counting` is the one word and sentence count, :mod:`text_metrics` computes per-text figures.
Spelling: :mod:`dictionary_files` finds and checks Hunspell dictionaries, :mod:`hunspell_dictionary`
loads one, :mod:`spelling` checks text against it and :mod:`user_dictionary` (the writer's
words), :mod:`task_words` gives a task's own words and :mod:`spelling_language` picks the
dictionary for a project.
"""

from typing import TYPE_CHECKING

from workstation.core.lazy_names import lazy_module_getattr

# Imported now: these two functions share their module's name, and a lazy name would lose to the
# submodule the import system binds on the package. Both are light (stdlib and counting only).
from workstation.core.prose.readability import Readability, readability, syllable_count
from workstation.core.prose.text_metrics import (
    SentenceComparison,
    TextMetrics,
    compare_sentences,
    text_metrics,
)

if TYPE_CHECKING:
    from workstation.core.prose.counting import TextCounts, count_text, sentence_count, word_count
    from workstation.core.prose.dictionary_files import DictionaryError, DictionaryFiles, shipped_dictionaries
    from workstation.core.prose.engine import Linter
    from workstation.core.prose.findings import LEVELS, Finding, Level, LintReport, StyleIssue
    from workstation.core.prose.hunspell_dictionary import HunspellDictionary, load_dictionary
    from workstation.core.prose.sentences import paragraph_spans, sentence_spans, split_sentences
    from workstation.core.prose.spelling import MisspelledWord, SpellChecker
    from workstation.core.prose.style_pack import CategoryInfo, StylePack, default_style_pack, load_styles

# Each name and the module it lives in, imported on first use: importing one light submodule
# (findings, counting) must not load the linter, RE2 and the rule packs.
_LAZY_NAMES = {
    "TextCounts": "workstation.core.prose.counting",
    "count_text": "workstation.core.prose.counting",
    "sentence_count": "workstation.core.prose.counting",
    "word_count": "workstation.core.prose.counting",
    "DictionaryError": "workstation.core.prose.dictionary_files",
    "DictionaryFiles": "workstation.core.prose.dictionary_files",
    "shipped_dictionaries": "workstation.core.prose.dictionary_files",
    "Linter": "workstation.core.prose.engine",
    "LEVELS": "workstation.core.prose.findings",
    "Finding": "workstation.core.prose.findings",
    "Level": "workstation.core.prose.findings",
    "LintReport": "workstation.core.prose.findings",
    "StyleIssue": "workstation.core.prose.findings",
    "HunspellDictionary": "workstation.core.prose.hunspell_dictionary",
    "load_dictionary": "workstation.core.prose.hunspell_dictionary",
    "paragraph_spans": "workstation.core.prose.sentences",
    "sentence_spans": "workstation.core.prose.sentences",
    "split_sentences": "workstation.core.prose.sentences",
    "MisspelledWord": "workstation.core.prose.spelling",
    "SpellChecker": "workstation.core.prose.spelling",
    "CategoryInfo": "workstation.core.prose.style_pack",
    "StylePack": "workstation.core.prose.style_pack",
    "default_style_pack": "workstation.core.prose.style_pack",
    "load_styles": "workstation.core.prose.style_pack",
}

__all__ = [
    "LEVELS",
    "CategoryInfo",
    "DictionaryError",
    "DictionaryFiles",
    "Finding",
    "HunspellDictionary",
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
    "load_dictionary",
    "load_styles",
    "paragraph_spans",
    "readability",
    "sentence_count",
    "sentence_spans",
    "shipped_dictionaries",
    "split_sentences",
    "syllable_count",
    "text_metrics",
    "word_count",
]

__getattr__ = lazy_module_getattr(__name__, _LAZY_NAMES)
