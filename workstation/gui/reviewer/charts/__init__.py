"""The batch at a glance: chart widgets painting a frozen ``BatchSummary`` (core/review/batch.py).

Charts are painted with QPainter from data the core computed; they compute nothing but geometry.
Each chart keeps the list of what it paints (:class:`~chart_base.ChartMark`: where, which group
or bin, what value, what its tooltip says), so tests and hover read the same model the paint does.
"""

from workstation.gui.reviewer.charts.batch_charts_view import BatchChartsView
from workstation.gui.reviewer.charts.triage_list import TriageListView

__all__ = ["BatchChartsView", "TriageListView"]
