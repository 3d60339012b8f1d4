"""The batch at a glance: box plots of each figure per group, histograms, verdict bars, agreement.

The view paints a frozen :class:`~workstation.core.review.batch.BatchSummary`. Given the items
and verdicts (:meth:`BatchChartsView.set_batch`) it recomputes the summary itself when the
reviewer picks another grouping; given only a summary (:meth:`set_summary`) it shows that and
announces the choice (``group_by_changed``) for its owner to supply the matching one.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workstation.core.models import Verdict
from workstation.core.review.batch import BatchSummary, GroupBy, GroupSummary, batch_summary
from workstation.core.review.distribution import (
    DENSITY_AFTER,
    DENSITY_BEFORE,
    EDIT_RATE,
    METRICS,
    SECONDS_PER_100_WORDS,
)
from workstation.core.review.items import AuditItem
from workstation.core.review.scoreboard import scoreboard
from workstation.gui.common.plain_text import plain_label, shown_line
from workstation.gui.common.sizes import MARGIN, SPACING
from workstation.gui.reviewer.charts.box_plot_chart import BoxPlotChart
from workstation.gui.reviewer.charts.histogram_chart import HistogramChart
from workstation.gui.reviewer.charts.scoreboard_table import ScoreboardTable
from workstation.gui.reviewer.charts.verdict_bar_chart import VerdictBarChart

GROUP_BY_LABELS = {GroupBy.MODEL: "Model", GroupBy.WRITER: "Writer", GroupBy.BUNDLE: "Bundle"}
ALL_ITEMS = "All items"
HISTOGRAM_METRICS = (EDIT_RATE, SECONDS_PER_100_WORDS)
TABLE_SHARE = 0.4
"""The most of the view's height the scoreboard takes at first; its own scroll bar does the rest."""


class BatchChartsView(QWidget):
    """Charts of one batch summary, with a group-by selector and a group picker for the histograms."""

    group_by_changed = Signal(str)  # a GroupBy value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summary: BatchSummary | None = None
        self._batch: tuple[tuple[AuditItem, ...], tuple[Verdict, ...]] | None = None
        self.group_by = QComboBox()
        for choice, label in GROUP_BY_LABELS.items():
            self.group_by.addItem(label, choice.value)
        self.group_by.currentIndexChanged.connect(self._group_by_picked)
        self.histogram_group = QComboBox()
        self.histogram_group.setMinimumContentsLength(24)
        self.histogram_group.currentIndexChanged.connect(self._show_histograms)
        self.agreement_label = plain_label()
        self.agreement_label.setWordWrap(True)
        self.box_plots = {metric.key: BoxPlotChart(metric) for metric in METRICS}
        self.histograms = {metric.key: HistogramChart(metric) for metric in HISTOGRAM_METRICS}
        self.verdict_chart = VerdictBarChart()
        self.scoreboard_table = ScoreboardTable()
        self._build()

    def _build(self) -> None:
        controls = QHBoxLayout()
        controls.addWidget(plain_label("Group by"))
        controls.addWidget(self.group_by)
        controls.addSpacing(MARGIN * 2)
        controls.addWidget(plain_label("Histograms for"))
        controls.addWidget(self.histogram_group)
        controls.addStretch(1)
        charts = QWidget()
        grid = QGridLayout(charts)
        grid.setSpacing(SPACING)
        grid.addWidget(self.box_plots[EDIT_RATE.key], 0, 0)
        grid.addWidget(self.histograms[EDIT_RATE.key], 0, 1)
        grid.addWidget(self.box_plots[SECONDS_PER_100_WORDS.key], 1, 0)
        grid.addWidget(self.histograms[SECONDS_PER_100_WORDS.key], 1, 1)
        grid.addWidget(self.box_plots[DENSITY_BEFORE.key], 2, 0)
        grid.addWidget(self.box_plots[DENSITY_AFTER.key], 2, 1)
        grid.addWidget(self.verdict_chart, 3, 0, 1, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(charts)
        # the charts and the scoreboard share the height; the reviewer can move the divide
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.scoreboard_table)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(controls)
        layout.addWidget(self.agreement_label)
        layout.addWidget(self.splitter, 1)

    @property
    def summary(self) -> BatchSummary | None:
        return self._summary

    def set_batch(self, items: Sequence[AuditItem], verdicts: Sequence[Verdict]) -> None:
        """Summarise ``items`` and ``verdicts`` by the chosen grouping and show it (~40 ms for 10,000)."""
        self._batch = (tuple(items), tuple(verdicts))
        self.set_summary(batch_summary(items, verdicts, by=self.current_group_by()))

    def set_summary(self, summary: BatchSummary) -> None:
        """Show ``summary``; the selector follows its grouping without asking for another."""
        self._summary = summary
        index = self.group_by.findData(summary.by.value)
        self.group_by.blockSignals(True)
        self.group_by.setCurrentIndex(index)
        self.group_by.blockSignals(False)
        for chart in self.box_plots.values():
            chart.set_groups(summary.groups)
        self.verdict_chart.set_groups(summary.groups)
        self.agreement_label.setText(shown_line(summary.agreement.summary, 1000))
        self.scoreboard_table.set_scoreboard(scoreboard(summary))
        self._share_height()
        self._fill_histogram_groups(summary.groups)

    def current_group_by(self) -> GroupBy:
        return GroupBy(self.group_by.currentData())

    def _share_height(self) -> None:
        """Give the table the height of its rows (at most :data:`TABLE_SHARE` of the view), the
        charts the rest."""
        total = sum(self.splitter.sizes()) or self.splitter.height()
        if total <= 0:
            return
        table = min(self.scoreboard_table.rows_height(), int(total * TABLE_SHARE))
        self.splitter.setSizes([total - table, table])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._share_height()

    def _fill_histogram_groups(self, groups: Sequence[GroupSummary]) -> None:
        previous = self.histogram_group.currentData()
        self.histogram_group.blockSignals(True)
        self.histogram_group.clear()
        self.histogram_group.addItem(ALL_ITEMS, None)
        for group in groups:
            self.histogram_group.addItem(shown_line(group.label), group.key)
        found = self.histogram_group.findData(previous) if previous is not None else 0
        self.histogram_group.setCurrentIndex(max(found, 0))
        self.histogram_group.blockSignals(False)
        self._show_histograms()

    def _show_histograms(self) -> None:
        if self._summary is None:
            return
        key = self.histogram_group.currentData()
        group = next((g for g in self._summary.groups if g.key == key), None) if key is not None else None
        shown = group or self._summary.overall
        label = ALL_ITEMS if group is None else group.label
        for metric_key, chart in self.histograms.items():
            chart.set_distribution(shown.distribution(metric_key), label)

    def _group_by_picked(self) -> None:
        choice = self.current_group_by()
        if self._batch is not None:
            items, verdicts = self._batch
            self.set_summary(batch_summary(items, verdicts, by=choice))
        self.group_by_changed.emit(choice.value)
