"""What each pane paints for an analysis, worked out as plain data on the analysis worker.

The GUI thread's part of painting a 50,000-word analysis used to be most of its cost: converting
thousands of spans to UTF-16, cutting them into blocks and sorting findings for tooltips. Here
that is done where the analysis is made (no Qt objects are touched; this module does not import
Qt), and the panes only hand each changed block its ranges (see ``LayeredHighlighter``).

The layer names are defined here because the plans fill them; the panes define their formats.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from workstation.core.analysis.analyser import Marks
from workstation.core.analysis.comparison import Comparison
from workstation.core.diff.pane_positions import PanePositions
from workstation.core.prose.findings import Finding
from workstation.core.prose.spelling import MisspelledWord
from workstation.core.text.line_spans import LineSpans, TextLines, reuse_equal
from workstation.core.text.positions import Utf16Index

DIFF_LAYER = "diff"
CURRENT_LAYER = "current-change"
LEVEL_LAYERS = {"suggestion": "lint-suggestion", "warning": "lint-warning", "error": "lint-error"}
SPELLING_LAYER = "spelling"


@dataclass(frozen=True)
class PaneTexts:
    """Both panes' texts as taken on the GUI thread, with their soft line breaks (code points of
    the "\\n" that Qt keeps inside a block), so lines can be worked out on any thread."""

    original: str
    rewrite: str
    original_soft_breaks: tuple[int, ...] = ()
    rewrite_soft_breaks: tuple[int, ...] = ()


@dataclass(frozen=True)
class DiffPlan:
    """A comparison ready to paint: the diff layer of each pane and the scroll mapping."""

    comparison: Comparison
    positions: PanePositions
    deleted: LineSpans  # on the original pane
    inserted: LineSpans  # on the rewrite pane


def plan_diff(
    comparison: Comparison, original: TextLines, rewrite: TextLines, *, deleted: LineSpans | None = None
) -> DiffPlan:
    """``comparison`` of the texts ``original`` and ``rewrite`` describe, cut into their lines
    (``deleted``: the original pane's layer, when already cut for the same spans)."""
    changes = comparison.diff.changes()
    return DiffPlan(
        comparison=comparison,
        positions=PanePositions(comparison.diff, original.index, rewrite.index),
        deleted=original.cut(_deleted_spans(comparison)) if deleted is None else deleted,
        inserted=rewrite.cut((c.b_start, c.b_end) for c in changes if c.b_end > c.b_start),
    )


def _deleted_spans(comparison: Comparison) -> list[tuple[int, int]]:
    """The original's side of each change that takes text away from it."""
    return [(c.a_start, c.a_end) for c in comparison.diff.changes() if c.a_end > c.a_start]


def _by_start[T](items: Iterable[tuple[int, int, T]]) -> list[tuple[int, int, T]]:
    return sorted(items, key=lambda item: (item[0], item[1]))


@dataclass(frozen=True)
class MarksPlan:
    """One pane's lint findings and misspellings: UTF-16 spans sorted for lookups, and layers."""

    text: str
    index: Utf16Index
    findings: tuple[Finding, ...] = ()
    misspelled: tuple[MisspelledWord, ...] = ()
    finding_spans: list[tuple[int, int, Finding]] = field(default_factory=list)
    spelling_spans: list[tuple[int, int, MisspelledWord]] = field(default_factory=list)
    layers: dict[str, LineSpans] = field(default_factory=dict)


def plan_marks(
    lines: TextLines, findings: Iterable[Finding], misspelled: Iterable[MisspelledWord] = ()
) -> MarksPlan:
    """The marks of ``findings`` and ``misspelled`` (code-point spans) on the text of ``lines``."""
    findings, misspelled = tuple(findings), tuple(misspelled)
    to16 = lines.index.to_utf16
    finding_spans = _by_start((to16(f.start), to16(f.end), f) for f in findings)
    spelling_spans = _by_start((to16(m.start), to16(m.end), m) for m in misspelled)
    by_level: dict[str, list[tuple[int, int]]] = {layer: [] for layer in LEVEL_LAYERS.values()}
    for finding in findings:
        by_level[LEVEL_LAYERS.get(finding.level, LEVEL_LAYERS["warning"])].append(
            (finding.start, finding.end)
        )
    layers = {layer: lines.cut(spans) for layer, spans in by_level.items()}
    layers[SPELLING_LAYER] = lines.cut((m.start, m.end) for m in misspelled)
    return MarksPlan(lines.text, lines.index, findings, misspelled, finding_spans, spelling_spans, layers)


@dataclass(frozen=True)
class PairMarks:
    """Both panes' marks for one pair of texts, and the lint result they come from."""

    marks: Marks
    original: MarksPlan
    rewrite: MarksPlan


class OriginalPlans:
    """The original pane's lines and marks from the last analysis, reused while they still hold:
    the original does not change as the writer types, so they are worked out once per task,
    not once per keystroke. The layers of the last plans are kept too, so a new plan hands the
    panes the same tuples for the lines that did not change (see ``reuse_equal``). Used by one
    thread at a time (the refresher's one job)."""

    def __init__(self) -> None:
        self._lines: tuple[tuple[int, ...], TextLines] | None = None
        self._marks: MarksPlan | None = None
        self._last_layers: dict[str, LineSpans] = {}
        self._deleted: tuple[TextLines, list[tuple[int, int]], LineSpans] | None = None

    def _reused(self, name: str, spans: LineSpans) -> LineSpans:
        spans = reuse_equal(spans, self._last_layers.get(name, {}))
        self._last_layers[name] = spans
        return spans

    def diff(self, comparison: Comparison, original: TextLines, rewrite: TextLines) -> DiffPlan:
        """:func:`plan_diff`, its layers sharing the last plan's tuples where lines are unchanged.

        A keystroke rarely moves what the original loses, so its pane's layer is cut again only
        when those spans changed (about a quarter of the plan's time at 5,000 words)."""
        removed = _deleted_spans(comparison)
        known = self._deleted
        if known is None or known[0] is not original or known[1] != removed:
            known = self._deleted = (original, removed, self._reused("deleted", original.cut(removed)))
        plan = plan_diff(comparison, original, rewrite, deleted=known[2])
        return replace(plan, inserted=self._reused("inserted", plan.inserted))

    def lines(self, texts: PaneTexts) -> tuple[TextLines, TextLines]:
        known = self._lines
        if known is None or known[0] != texts.original_soft_breaks or known[1].text != texts.original:
            known = self._lines = (
                texts.original_soft_breaks,
                TextLines(texts.original, texts.original_soft_breaks),
            )
        return known[1], TextLines(texts.rewrite, texts.rewrite_soft_breaks)

    def pair_marks(self, marks: Marks, original: TextLines, rewrite: TextLines) -> PairMarks:
        known = self._marks
        if known is None or known.findings is not marks.original or known.text != original.text:
            known = self._marks = plan_marks(original, marks.original)
        planned = plan_marks(rewrite, marks.rewrite, marks.misspelled)
        layers = {layer: self._reused(layer, spans) for layer, spans in planned.layers.items()}
        return PairMarks(marks, known, replace(planned, layers=layers))
