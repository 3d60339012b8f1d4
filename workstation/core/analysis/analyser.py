"""Everything the editor shows about a text pair, computed in one pass off or on the GUI thread:
the word diff and edit metrics, lint findings and prose metrics for each side, sentences touched,
and the rewrite's misspellings. Plain data; the GUI only paints it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workstation.core.analysis.comparison import Comparison, compare
from workstation.core.prose.findings import Finding
from workstation.core.prose.spelling import MisspelledWord, Span, SpellChecker
from workstation.core.prose.text_metrics import (
    SentenceComparison,
    TextMetrics,
    compare_sentences,
    text_metrics,
)
from workstation.core.text.line_breaks import editor_line_breaks
from workstation.core.text.markdown_scopes import skipped_spans

if TYPE_CHECKING:  # the linter is handed in: importing its engine (RE2, the rule kinds) is its owner's
    from workstation.core.prose.engine import Linter

type SpellingSkips = Callable[[str], Sequence[Span]]


@dataclass(frozen=True)
class ProseReport:
    """Lint findings and metrics of one text; ``problems`` names rules that lost findings on it
    (a slow pattern switched off), for the Findings dock to say so."""

    text: str
    findings: tuple[Finding, ...]
    metrics: TextMetrics
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Marks:
    """What the panes underline: each side's lint findings and the rewrite's misspellings.

    The first part of an analysis: the editor paints these before the metrics are counted.
    ``rewrite_problems`` and ``original_problems`` name the rules that lost findings on each text
    (a pattern too slow); an original whose findings were passed in is not linted again.
    """

    original: tuple[Finding, ...]
    rewrite: tuple[Finding, ...]
    misspelled: tuple[MisspelledWord, ...] = ()
    rewrite_problems: tuple[str, ...] = ()
    original_problems: tuple[str, ...] = ()


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
    """Misspellings found line by line and remembered per line, for one task's accepted words.

    A writer types in one paragraph at a time, so re-checking a 5,000-word text after each
    keystroke costs one paragraph's check (about a millisecond) instead of the whole text's.
    A line is remembered with the skipped spans that fall in it (Markdown code can span lines).
    """

    MAX_LINES = 4096

    def __init__(
        self,
        spelling: SpellChecker,
        accepted: AbstractSet[str] = frozenset(),
        task_words: AbstractSet[str] = frozenset(),
    ) -> None:
        self.spelling = spelling
        self.accepted = accepted
        self.task_words = task_words
        self._lines: dict[tuple[str, tuple[Span, ...]], tuple[MisspelledWord, ...]] = {}

    def clear(self) -> None:
        self._lines = {}

    def misspelled_spans(self, text: str, *, skipped: Sequence[Span] = ()) -> tuple[MisspelledWord, ...]:
        """As :meth:`SpellChecker.misspelled_spans` with this cache's accepted and task words."""
        found: list[MisspelledWord] = []
        offset = 0
        lines = self._lines
        if len(lines) > self.MAX_LINES:
            lines = self._lines = {}
        zones = sorted(skipped)
        first_zone = 0
        for line in text.split("\n"):
            end = offset + len(line)
            while first_zone < len(zones) and zones[first_zone][1] <= offset:
                first_zone += 1
            local = tuple(
                (max(start, offset) - offset, min(stop, end) - offset)
                for start, stop in zones[first_zone:]
                if start <= end and stop > offset
            )
            key = (line, local)
            words = lines.get(key)
            if words is None:
                words = self.spelling.misspelled_spans(
                    line, accepted=self.accepted, task_words=self.task_words, skipped=local
                )
                lines[key] = words
            found.extend(MisspelledWord(w.start + offset, w.end + offset, w.word) for w in words)
            offset = end + 1
        return tuple(found)


def find_marks(
    original: str,
    rewrite: str,
    linter: Linter,
    *,
    spelling: SpellChecker | ParagraphSpellCache | None = None,
    spelling_skipped: Sequence[Span] = (),
    original_findings: tuple[Finding, ...] | None = None,
) -> Marks:
    """Lint both texts and spell-check the rewrite; pass the ``original_findings`` of an unchanged
    original to skip linting it again."""
    report = linter.lint_report(rewrite)
    original_report = linter.lint_report(original) if original_findings is None else None
    return Marks(
        original=original_report.findings if original_report is not None else original_findings or (),
        rewrite=report.findings,
        rewrite_problems=report.problems,
        original_problems=original_report.problems if original_report is not None else (),
        misspelled=(
            spelling.misspelled_spans(rewrite, skipped=spelling_skipped) if spelling is not None else ()
        ),
    )


def analyse(
    original: str,
    rewrite: str,
    linter: Linter,
    *,
    spelling: SpellChecker | ParagraphSpellCache | None = None,
    spelling_skipped: Sequence[Span] = (),
    original_report: ProseReport | None = None,
    comparison: Comparison | None = None,
    marks: Marks | None = None,
) -> Analysis:
    """Analyse a pair. Pass the previous ``original_report`` to skip re-linting an unchanged original;
    ``spelling_skipped`` are spans of the rewrite (code points) spelling does not check. ``marks``
    (from :func:`find_marks` on the same texts) and ``comparison`` are used when already made."""
    reusable = original_report is not None and original_report.text == original
    if marks is None:
        marks = find_marks(
            original,
            rewrite,
            linter,
            spelling=spelling,
            spelling_skipped=spelling_skipped,
            original_findings=original_report.findings if original_report is not None and reusable else None,
        )
    if original_report is None or not reusable:
        original_report = ProseReport(
            original, marks.original, text_metrics(original, marks.original), marks.original_problems
        )
    return Analysis(
        comparison=comparison or compare(original, rewrite),
        original=original_report,
        rewrite=ProseReport(
            rewrite, marks.rewrite, text_metrics(rewrite, marks.rewrite), marks.rewrite_problems
        ),
        sentences=compare_sentences(original, rewrite),
        misspelled=marks.misspelled,
    )


def rewrite_metrics(original: str, rewrite: str, linter: Linter) -> dict[str, Any]:
    """The metrics stored with a rewrite and sealed into its bundle record (see
    :meth:`Analysis.metrics_record`), for the texts as the editor holds them.

    The app stores what its analysis of the panes gives, and recomputes with this when a submit
    outruns the analysis; ``workstation rewrite`` stores what this gives. Both therefore store
    the same metrics for the same texts and the same linter. Line breaks are folded first
    (:func:`~workstation.core.text.line_breaks.editor_line_breaks`), as the panes fold them.
    """
    shown_original, shown_rewrite = editor_line_breaks(original), editor_line_breaks(rewrite)
    return analyse(shown_original, shown_rewrite, linter).metrics_record()


class Analyser:
    """Holds the linter and spell checker the editor uses, and remembers the last original's report.

    Safe to call from a worker thread: the linter and spell checker lock what they share, and the
    cached report and spelling cache are replaced whole. ``spelling_skips`` is the hook for the
    spans of a rewrite spelling must not check: a function of the rewrite's text returning
    code-point spans, None to skip nothing more. It follows the linter: a linter that reads
    Markdown skips Markdown's code blocks, code spans, link targets, URLs and raw HTML for
    spelling too.
    """

    def __init__(self, linter: Linter | Callable[[], Linter], spelling: SpellChecker | None = None) -> None:
        """``linter``, or a function that builds one: then it is built on first use, by whichever
        thread lints first (the analysis worker, for a window), so a window is painted before its
        rules are loaded."""
        self._linter: Linter | None = None
        self._build_linter: Callable[[], Linter] | None = None
        if callable(linter):
            self._build_linter = linter
        else:
            self._linter = linter
        self._linter_lock = threading.Lock()
        self._task_words: AbstractSet[str] = frozenset()
        self._ignored: AbstractSet[str] = frozenset()
        self._spelling_cache: ParagraphSpellCache | None = None
        self.spelling = spelling
        self._spelling_skips: SpellingSkips | None = None
        self._skips_follow_linter = True
        self._original_report: tuple[Linter, ProseReport] | None = None
        self._original_findings: tuple[Linter, str, tuple[Finding, ...]] | None = None

    @property
    def linter(self) -> Linter:
        """The linter, built now if it was handed in as a function and nobody linted yet."""
        linter = self._linter
        if linter is None:
            with self._linter_lock:
                if self._linter is None:
                    assert self._build_linter is not None
                    self._linter = self._build_linter()
                    self._build_linter = None
                linter = self._linter
        return linter

    @property
    def linter_built(self) -> bool:
        """Whether :attr:`linter` is at hand without building it (the rules are loaded)."""
        return self._linter is not None

    @property
    def spelling_skips(self) -> SpellingSkips | None:
        if self._skips_follow_linter:
            return skipped_spans if self.linter.markdown else None
        return self._spelling_skips

    @spelling_skips.setter
    def spelling_skips(self, skips: SpellingSkips | None) -> None:
        self._spelling_skips, self._skips_follow_linter = skips, False

    @property
    def spelling(self) -> SpellChecker | None:
        return self._spelling_cache.spelling if self._spelling_cache else None

    @spelling.setter
    def spelling(self, checker: SpellChecker | None) -> None:
        self._spelling_cache = (
            ParagraphSpellCache(checker, self._ignored, self._task_words) if checker is not None else None
        )

    def set_task_words(self, task_words: AbstractSet[str], ignored: AbstractSet[str] = frozenset()) -> None:
        """Another task opened, or the writer ignored a word in this one: the task's own words
        (accepted unless they look like a typo) and the words ignored in it (always accepted),
        as :mod:`workstation.core.prose.task_words` gives them."""
        self._task_words = task_words
        self._ignored = ignored
        self.spelling = self.spelling

    def dictionary_changed(self) -> None:
        """The writer added a word: forget remembered misspellings."""
        if self._spelling_cache is not None:
            self._spelling_cache.clear()

    def set_linter(self, linter: Linter) -> None:
        with self._linter_lock:  # a build under way finishes first, then this one replaces it
            self._linter, self._build_linter = linter, None
        self._original_report = None
        self._original_findings = None

    def marks(self, original: str, rewrite: str) -> Marks:
        """The lint findings of both texts and the rewrite's misspellings: what the panes
        underline, ahead of the metrics :meth:`analyse` adds."""
        spelling, linter, known = self._spelling_cache, self.linter, self._original_findings
        marks = find_marks(
            original,
            rewrite,
            linter,
            spelling=spelling,
            spelling_skipped=self.spelling_skips(rewrite) if spelling and self.spelling_skips else (),
            original_findings=known[2] if known is not None and known[:2] == (linter, original) else None,
        )
        self._original_findings = (linter, original, marks.original)
        return marks

    def analyse(
        self, original: str, rewrite: str, comparison: Comparison | None = None, marks: Marks | None = None
    ) -> Analysis:
        """Everything for the pair; pass the ``comparison`` and ``marks`` if already computed."""
        spelling, linter, known = self._spelling_cache, self.linter, self._original_report
        analysis = analyse(
            original,
            rewrite,
            linter,
            spelling=spelling,
            spelling_skipped=self.spelling_skips(rewrite) if spelling and self.spelling_skips else (),
            original_report=known[1] if known is not None and known[0] is linter else None,
            comparison=comparison,
            marks=marks,
        )
        # Kept with the linter that made it: one switched meanwhile must not reuse it.
        self._original_report = (linter, analysis.original)
        self._original_findings = (linter, original, analysis.original.findings)
        return analysis
