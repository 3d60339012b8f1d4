"""The review window's Batch tab: the batch charts beside the "look at first" triage list.

The tab only shows what it is given (:meth:`BatchTab.show_batch`); the window decides when the
batch is worth summarising again (after the inbox or the verdicts changed, and only while the tab
is in view), so a reviewer moving from item to item never pays for the charts.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from workstation.core.models import Verdict
from workstation.core.review.items import AuditItem
from workstation.core.review.triage import TriageEntry
from workstation.gui.common import sizes
from workstation.gui.reviewer.charts import BatchChartsView, TriageListView

SPLIT = [790, 470]  # pixels: charts | triage list, at the default window width


class BatchTab(QWidget):
    """Emits ``item_activated(item_id)`` when the reviewer picks an item in the triage list."""

    item_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchTab")
        self.charts = BatchChartsView()
        self.triage_list = TriageListView()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.charts)
        self.splitter.addWidget(self.triage_list)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes(SPLIT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(sizes.MARGIN, 0, sizes.MARGIN, 0)
        layout.addWidget(self.splitter)
        self.triage_list.item_activated.connect(self.item_activated)

    def show_batch(
        self, items: Sequence[AuditItem], verdicts: Sequence[Verdict], entries: Sequence[TriageEntry]
    ) -> None:
        """Chart ``items`` with every reviewer's ``verdicts``; list the triage ``entries``."""
        self.charts.set_batch(items, verdicts)
        self.triage_list.set_triage(entries, items)
