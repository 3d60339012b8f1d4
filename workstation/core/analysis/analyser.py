"""Everything the editor shows about a text pair, computed in one pass off or on the GUI thread:
the word diff and edit metrics, lint findings and prose metrics for each side, sentences touched,
and the rewrite's misspellings. Plain data; the GUI only paints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workstation.core.analysis.comparison import Comparison, compare
from workstation.core.prose.engine import Linter
from workstation.core.prose.findings import Finding
from workstation.core.prose.spelling import MisspelledWord, SpellChecker
from workstation.core.prose.text_metrics import (
    SentenceComparison,
    TextMetrics,
    compare_sentences,
    text_metrics,
)


@dataclass(frozen=True)
class ProseReport:
    """Lint findings and metrics of one text; ``problems`` names rules that lost findings on it
    (a slow pattern switched off), for the Findings dock to say so."""

    text: str
    findings: tuple[Finding, ...]
    metrics: TextMetrics
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    comparison: Comparison
    original: ProseReport
    rewrite: ProseReport
    sentences: SentenceComparison
    misspelled: tuple[MisspelledWord, ...]

    @property
    def original_text(self) -> str:
        return self.comparison.original

    @property
    def rewrite_text(self) -> str:
        return self.comparison.rewrite

    @property
    def lint_problems(self) -> tuple[str, ...]:
        """Rules that lost findings on either text, each named once (rewrite first)."""
        return tuple(dict.fromkeys(self.rewrite.problems + self.original.problems))

    def metrics_record(self) -> dict[str, Any]:
        """What is stored with the rewrite (and sealed into bundles) for reviewers."""
        return {
            "edit": self.comparison.metrics.to_dict(),
            "original": self.original.metrics.to_dict(),
            "rewrite": self.rewrite.metrics.to_dict(),
            "sentences": self.sentences.to_dict(),
        }


def prose_report(text: str, linter: Linter) -> ProseReport:
    report = linter.lint_report(text)
    return ProseReport(text, report.findings, text_metrics(text, report.findings), report.problems)


class ParagraphSpellCache:
    """Misspellings found line by line and remembered per line.

    A writer types in one paragraph at a time, so re-checking a 5,000-word text after each
    keystroke costs one paragraph's check (about a millisecond) instead of the whole text's (40).
    """

    MAX_LINES = 4096

    def __init__(self, spelling: SpellChecker) -> None:
        self.spelling = spelling
        self._lines: dict[str, tuple[MisspelledWord, ...]] = {}

    def clear(self) -> None:
        self._lines = {}

    def misspelled_spans(self, text: str) -> tuple[MisspelledWord, ...]:
        found: list[MisspelledWord] = []
        offset = 0
        lines = self._lines
        if len(lines) > self.MAX_LINES:
            lines = self._lines = {}
        for line in text.split("\n"):
            words = lines.get(line)
            if words is None:
                words = lines[line] = self.spelling.misspelled_spans(line)
            found.extend(MisspelledWord(w.start + offset, w.end + offset, w.word) for w in words)
            offset += len(line) + 1
        return tuple(found)


def analyse(
    original: str,
    rewrite: str,
    linter: Linter,
    *,
    spelling: SpellChecker | ParagraphSpellCache | None = None,
    original_report: ProseReport | None = None,
    comparison: Comparison | None = None,
) -> Analysis:
    """Analyse a pair. Pass the previous ``original_report`` to skip re-linting an unchanged original."""
    if original_report is None or original_report.text != original:
        original_report = prose_report(original, linter)
    return Analysis(
        comparison=comparison or compare(original, rewrite),
        original=original_report,
        rewrite=prose_report(rewrite, linter),
        sentences=compare_sentences(original, rewrite),
        misspelled=spelling.misspelled_spans(rewrite) if spelling is not None else (),
    )


class Analyser:
    """Holds the linter and spell checker the editor uses, and remembers the last original's report.

    Safe to call from a worker thread: the linter and spell checker lock what they share, and the
    cached report is replaced whole.
    """

    def __init__(self, linter: Linter, spelling: SpellChecker | None = None) -> None:
        self.linter = linter
        self._spelling_cache: ParagraphSpellCache | None = None
        self.spelling = spelling
        self._original_report: ProseReport | None = None

    @property
    def spelling(self) -> SpellChecker | None:
        return self._spelling_cache.spelling if self._spelling_cache else None

    @spelling.setter
    def spelling(self, checker: SpellChecker | None) -> None:
        self._spelling_cache = ParagraphSpellCache(checker) if checker is not None else None

    def dictionary_changed(self) -> None:
        """The writer added a word: forget remembered misspellings."""
        if self._spelling_cache is not None:
            self._spelling_cache.clear()

    def set_linter(self, linter: Linter) -> None:
        self.linter = linter
        self._original_report = None

    def analyse(self, original: str, rewrite: str, comparison: Comparison | None = None) -> Analysis:
        """Everything for the pair; pass the ``comparison`` if it was already computed."""
        analysis = analyse(
            original,
            rewrite,
            self.linter,
            spelling=self._spelling_cache,
            original_report=self._original_report,
            comparison=comparison,
        )
        self._original_report = analysis.original
        return analysis
