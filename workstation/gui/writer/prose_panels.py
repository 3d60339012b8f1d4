"""The prose docks: findings in both texts (with category toggles) and the metrics side by side."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.core.analysis.analyser import Analysis
from workstation.core.prose.findings import Finding
from workstation.gui.common.fixed_width_label import widest_advance, with_tabular_digits
from workstation.gui.common.plain_text import plain_label, shown_line, tooltip
from workstation.gui.common.wrapping_tree import WrappingTree
from workstation.gui.writer.findings_rows import FindingRows, SpanRole

if TYPE_CHECKING:  # the style pack is loaded after the window is painted
    from workstation.core.prose.style_pack import CategoryInfo

MAX_LISTED_FINDINGS = 400  # a 50,000-word text can have thousands; building them all stalls typing


def _listing(findings: tuple[Finding, ...]) -> tuple[tuple[str, str, str], ...]:
    """What the list shows of each finding (positions aside)."""
    return tuple((f.rule, f.level, f.matched) for f in findings[:MAX_LISTED_FINDINGS])


class CategoryList(QListWidget):
    """Rule categories with a check box each; emits ``changed(disabled names)``."""

    changed = Signal(set)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Rule categories")
        self.itemChanged.connect(lambda _item: self.changed.emit(self.disabled()))

    def set_categories(self, categories: Iterable[CategoryInfo], disabled: set[str]) -> None:
        self.blockSignals(True)
        self.clear()
        for category in categories:
            item = QListWidgetItem(shown_line(category.label or category.name))
            item.setData(Qt.ItemDataRole.UserRole, category.name)
            item.setToolTip(tooltip(category.description, multiline=True))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Unchecked if category.name in disabled else Qt.CheckState.Checked
            )
            self.addItem(item)
        self.blockSignals(False)

    def disabled(self) -> set[str]:
        return {
            str(self.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.count())
            if self.item(i).checkState() != Qt.CheckState.Checked
        }


class FindingsPanel(QWidget):
    """Emits ``finding_activated(side, start, end)`` (code points) and ``categories_changed(set)``."""

    finding_activated = Signal(str, int, int)
    categories_changed = Signal(set)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A finding is read whole, wrapped to the dock's width: cut at the edge, its message was
        # lost in any dock narrower than the longest finding.
        self.tree = WrappingTree()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Findings")
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self._shown: tuple[tuple[tuple[str, str, str], ...], ...] | None = None
        self._shown_counts: tuple[object, int, int] | None = None  # what was listed, and how many
        self._current: dict[str, tuple[Finding, ...]] = {}
        self.rows = FindingRows(MAX_LISTED_FINDINGS, self)
        self.rewrite_group = QTreeWidgetItem(["In your rewrite"])
        self.original_group = QTreeWidgetItem(["In the original"])
        for group in (self.rewrite_group, self.original_group):
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            group.setExpanded(True)
        # Rules that lost findings on these texts (a slow pattern switched off); hidden when none.
        self.notices = plain_label()
        self.notices.setWordWrap(True)
        self.notices.setAccessibleName("Rules switched off")
        self.notices.hide()
        self.categories = CategoryList()
        self.categories.setMaximumHeight(190)
        self.categories.changed.connect(self.categories_changed)
        box = QGroupBox("Check for")
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.categories)
        self.spelling_status = plain_label()  # which dictionary, or why none: may quote a file name
        self.spelling_status.setWordWrap(True)
        self.spelling_status.setAccessibleName("Spelling dictionary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.spelling_status)
        layout.addWidget(self.notices)
        layout.addWidget(box)

    def set_spelling_status(self, sentence: str) -> None:
        """Say which spelling dictionary checks the rewrite, or why none does."""
        self.spelling_status.setText(shown_line(sentence))

    def set_categories(self, categories: Iterable[CategoryInfo], disabled: set[str]) -> None:
        self.categories.set_categories(categories, disabled)

    def disabled_categories(self) -> set[str]:
        return self.categories.disabled()

    def show_findings(self, rewrite: tuple[Finding, ...], original: tuple[Finding, ...]) -> None:
        """List the findings. Only the rows that changed are rebuilt: the writer types in one
        place, so the findings before and after it are the same rows as before (rows hold no
        position: typing shifts every position after the cursor)."""
        self._current = {"rewrite": rewrite, "original": original}
        listed = (_listing(rewrite), _listing(original))
        if (listed, len(rewrite), len(original)) == self._shown_counts:
            return
        before = self._shown or ((), ())
        self._shown = listed
        self._shown_counts = (listed, len(rewrite), len(original))
        self.rows.finish()  # the rows of the last list, all in place before they are compared
        for group, findings, title, old, new in (
            (self.rewrite_group, rewrite, "In your rewrite", before[0], listed[0]),
            (self.original_group, original, "In the original", before[1], listed[1]),
        ):
            group.setText(0, f"{title} ({len(findings)})")
            self.rows.replace_changed(group, old, new, findings)

    def show_notices(self, notices: Iterable[str]) -> None:
        """Say which rules lost findings on these texts, one line each (none: the line hides)."""
        lines = [shown_line(notice) for notice in notices]
        self.notices.setText("\n".join(lines))
        self.notices.setVisible(bool(lines))

    def count(self, side: str) -> int:
        self.rows.finish()
        return (self.rewrite_group if side == "rewrite" else self.original_group).childCount()

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        group = item.parent()
        if group is None or item.data(0, SpanRole) is None:
            return  # a group's title, or the "and more" line
        self.rows.finish()  # every row at its finding's index
        side = "rewrite" if group is self.rewrite_group else "original"
        index = group.indexOfChild(item)
        findings = self._current.get(side, ())
        if 0 <= index < len(findings):
            finding = findings[index]
            self.finding_activated.emit(side, finding.start, finding.end)


# (key in TextMetrics.to_dict(), short label, format, tooltip)
METRIC_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("words", "Words", "{:.0f}", "Words in the text"),
    ("sentences", "Sentences", "{:.0f}", "Sentences in the text"),
    (
        "robotic_density_per_1000_words",
        "Robotic / 1k words",
        "{:.1f}",
        "Robotic-pattern findings per 1,000 words: lower is better",
    ),
    ("flesch_reading_ease", "Reading ease", "{:.0f}", "Flesch reading ease: higher reads more easily"),
    ("flesch_kincaid_grade", "Grade level", "{:.1f}", "Flesch–Kincaid grade level"),
    ("sentence_length_mean", "Sentence length", "{:.1f}", "Mean sentence length in words"),
    (
        "sentence_length_stdev",
        "Length spread",
        "{:.1f}",
        "Standard deviation of sentence length: human prose varies more",
    ),
    (
        "lexical_diversity_mattr",
        "Lexical diversity",
        "{:.2f}",
        "Moving-average type-token ratio over 50-word windows (0–1)",
    ),
    ("em_dash_density_per_1000_words", "Em dashes / 1k", "{:.1f}", "Em dashes per 1,000 words"),
)
FIGURE_SAMPLES = ("99999", "9999%", "100.0", "—")
"""The widest figures a column of the metrics table keeps room for."""
CELL_PADDING = 16
"""Pixels a table cell adds around its text (margins, focus frame), with a little to spare."""
EDIT_ROWS: tuple[tuple[str, str], ...] = (
    ("Edit rate", "Word-level edit distance divided by the original's words"),
    ("Words kept", "Words of the original still in the rewrite"),
    ("Words added", "Words in the rewrite that are not in the original"),
    ("Words removed", "Words of the original that the rewrite dropped"),
    ("Sentences touched", "Share of the original's sentences that were changed or removed"),
    ("New sentences", "Share of the rewrite's sentences not found in the original"),
)


class MetricsPanel(QTableWidget):
    """Prose metrics of the original and the rewrite side by side, then the edit figures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(len(METRIC_ROWS) + len(EDIT_ROWS), 3, parent)
        self.setHorizontalHeaderLabels(["", "Original", "Rewrite"])
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The figures' columns are as wide as their widest plausible value: sized to their
        # contents they widened as a count grew, and the labels beside them were cut anew.
        self.setFont(with_tabular_digits(self.font()))
        figures_width = widest_advance(self.font(), FIGURE_SAMPLES) + CELL_PADDING
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, max(figures_width, header.sectionSizeHint(column)))
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.setAccessibleName("Prose metrics")
        self.setAlternatingRowColors(True)
        labels = [(label, tip) for _key, label, _fmt, tip in METRIC_ROWS] + list(EDIT_ROWS)
        for row, (label, tip) in enumerate(labels):
            item = QTableWidgetItem(label)
            item.setToolTip(tooltip(tip))
            self.setItem(row, 0, item)
        # Never so narrow that a label is cut (the dock holding the table keeps this too).
        labels_width = widest_advance(self.font(), [label for label, _tip in labels]) + CELL_PADDING
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        figures = header.sectionSize(1) + header.sectionSize(2)
        self.setMinimumWidth(labels_width + figures + scroll_bar + 2 * self.frameWidth())

    def _set(self, row: int, column: int, text: str) -> None:
        """Change a cell's text in place (creating table items on every keystroke is slow)."""
        item = self.item(row, column)
        if item is None:
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, column, item)
        elif item.text() != text:
            item.setText(text)

    def show_analysis(self, analysis: Analysis) -> None:
        for column, metrics in ((1, analysis.original.metrics), (2, analysis.rewrite.metrics)):
            values = metrics.to_dict()
            for row, (key, _label, fmt, _tip) in enumerate(METRIC_ROWS):
                value = values.get(key)
                self._set(row, column, "—" if value is None else fmt.format(value))
        edit = analysis.comparison.metrics
        figures = (
            f"{edit.word_edit_rate:.0%}",
            str(edit.words_kept),
            str(edit.words_added),
            str(edit.words_removed),
            f"{analysis.sentences.touched_share:.0%}",
            f"{analysis.sentences.new_share:.0%}",
        )
        for offset, figure in enumerate(figures):
            self._set(len(METRIC_ROWS) + offset, 1, "")
            self._set(len(METRIC_ROWS) + offset, 2, figure)

    def value(self, row_key: str, column: int) -> str:
        """Displayed text of a metric row (``column`` 1 = original, 2 = rewrite)."""
        row = next(i for i, (key, *_rest) in enumerate(METRIC_ROWS) if key == row_key)
        item = self.item(row, column)
        return item.text() if item else ""
