"""Lint findings and misspellings painted on a pane, and looked up again for tooltips and fixes.

Findings arrive as plain data with code-point spans. The worker turns them into a
:class:`~workstation.gui.compare.pane_plans.MarksPlan` (UTF-16 spans sorted for lookups, and the
highlight layers cut into blocks), so painting them here is handing the plan to the pane.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from PySide6.QtGui import QColor, QTextCharFormat

from workstation.core.prose.findings import Finding
from workstation.core.prose.spelling import MisspelledWord
from workstation.core.text.positions import Utf16Index
from workstation.gui.common.theme import HighlightColors
from workstation.gui.compare.pane_plans import LEVEL_LAYERS, SPELLING_LAYER, MarksPlan, plan_marks
from workstation.gui.compare.text_pane import TextPane

__all__ = ["LEVEL_LAYERS", "SPELLING_LAYER", "PaneMarks", "define_lint_layers"]


def _wavy(color: QColor) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(color)
    return fmt


def define_lint_layers(pane: TextPane, colors: HighlightColors) -> None:
    """Underlines in a colour per level; misspellings in the error colour, dotted to tell them apart."""
    pane.highlighter.define_layer(LEVEL_LAYERS["suggestion"], _wavy(colors.lint_suggestion))
    pane.highlighter.define_layer(LEVEL_LAYERS["warning"], _wavy(colors.lint_warning))
    pane.highlighter.define_layer(LEVEL_LAYERS["error"], _wavy(colors.lint_error))
    spelling = QTextCharFormat()
    spelling.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    spelling.setUnderlineColor(colors.misspelled)
    pane.highlighter.define_layer(SPELLING_LAYER, spelling)


class PaneMarks:
    """The findings shown on one pane, in UTF-16 positions, with lookups by position."""

    def __init__(self, pane: TextPane) -> None:
        self.pane = pane
        self.findings: tuple[Finding, ...] = ()
        self.misspelled: tuple[MisspelledWord, ...] = ()
        self._text: str | None = None
        self._index = Utf16Index("")
        self._finding_spans: list[tuple[int, int, Finding]] = []
        self._spelling_spans: list[tuple[int, int, MisspelledWord]] = []

    def paint(
        self, text: str, findings: Iterable[Finding], misspelled: Iterable[MisspelledWord] = ()
    ) -> None:
        """Work out the marks of ``findings`` here and paint them (the worker usually has: see
        :meth:`apply`)."""
        new_findings = tuple(findings)
        new_misspelled = tuple(misspelled)
        if text == self._text and new_findings == self.findings and new_misspelled == self.misspelled:
            return  # the original pane while the writer types: nothing to repaint
        self.apply(plan_marks(self.pane.text_lines(), new_findings, new_misspelled))

    def apply(self, plan: MarksPlan) -> None:
        """Show the marks of ``plan`` (made for the pane's current text)."""
        if plan.text == self._text and plan.findings == self.findings and plan.misspelled == self.misspelled:
            return
        self._text = plan.text
        self.findings = plan.findings
        self.misspelled = plan.misspelled
        self._index = plan.index
        self._finding_spans = plan.finding_spans
        self._spelling_spans = plan.spelling_spans
        highlighter = self.pane.highlighter
        with highlighter.batch():
            for layer, blocks in plan.layers.items():
                highlighter.set_block_spans(layer, blocks)

    def forget(self) -> None:
        """The pane's highlighter was reset for a new text: start from no marks."""
        self._text = None
        self.findings = ()
        self.misspelled = ()
        self._finding_spans = []
        self._spelling_spans = []

    def findings_at(self, position: int) -> list[Finding]:
        """Findings whose span covers the UTF-16 ``position`` (or ends right at it)."""
        limit = bisect_right(self._finding_spans, (position, float("inf")))
        return [
            f for start, end, f in self._finding_spans[:limit] if start <= position <= end and end > start
        ]

    def misspelled_at(self, position: int) -> MisspelledWord | None:
        for start, end, word in self._spelling_spans:
            if start <= position <= end:
                return word
            if start > position:
                break
        return None

    def utf16_span(self, start: int, end: int) -> tuple[int, int]:
        return self._index.to_utf16(start), self._index.to_utf16(end)

    def tooltip(self, position: int) -> str | None:
        lines = [f"{f.level.capitalize()}: {f.message}" for f in self.findings_at(position)]
        word = self.misspelled_at(position)
        if word is not None:
            lines.append(f"Spelling: “{word.word}” is not in the dictionary (right-click for suggestions).")
        return "\n".join(lines) or None
