"""The batch charts as a reviewer sees them: a row, bar or segment per group with the right
figures, tooltips in words, the group-by choice, both themes, and the look-at-first list."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPointF
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from tests.core.review.batch_factory import make_item, sample_batch
from workstation.core.review.batch import batch_summary
from workstation.core.review.distribution import EDIT_RATE, SECONDS_PER_100_WORDS
from workstation.core.review.triage import OutlierReason, triage
from workstation.gui.common.theme import ThemeChoice, apply_theme
from workstation.gui.reviewer.charts import BatchChartsView, TriageListView
from workstation.gui.reviewer.charts.chart_base import ChartMark, ChartWidget
from workstation.gui.reviewer.charts.histogram_chart import HistogramChart

HOSTILE = '<script>alert("x")</script> =HYPERLINK("http://x")'


@pytest.fixture
def light_theme() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, ThemeChoice.LIGHT)
    yield
    apply_theme(app, ThemeChoice.LIGHT)


@pytest.fixture
def view(qtbot: QtBot, light_theme: None) -> BatchChartsView:
    widget = BatchChartsView()
    qtbot.addWidget(widget)
    widget.resize(1200, 1100)
    items, verdicts = sample_batch()
    widget.set_batch(items, verdicts)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _by_label(marks: tuple[ChartMark, ...]) -> dict[str, ChartMark]:
    return {mark.label: mark for mark in marks}


def test_each_model_has_a_box_row_with_its_item_count(view: BatchChartsView) -> None:
    rows = view.box_plots[EDIT_RATE.key].marks()
    assert [(mark.label, mark.value) for mark in rows] == [
        ("(no model named)", 1),
        (HOSTILE, 1),
        ("gpt-4o", 3),
        ("llama-3", 3),
    ]
    low, q1, median, q3, high, clipped = _by_label(rows)["gpt-4o"].points
    assert low < q1 < median < q3 < high and clipped == 0.0


def test_a_box_tooltip_says_the_figures_in_words(view: BatchChartsView) -> None:
    chart = view.box_plots[EDIT_RATE.key]
    mark = _by_label(chart.marks())["gpt-4o"]
    text = chart.tooltip_at(mark.rect.center())
    assert text.splitlines() == [
        "gpt-4o",
        "Word edit rate (share of the original's words), 3 items",
        "median 32%, middle half 16%–36%",
        "lowest 0%, highest 41%",
    ]
    assert chart.tooltip_at(QPointF(5, 2)) == ""


def test_a_hovered_hostile_name_is_shown_as_text(view: BatchChartsView, qtbot: QtBot) -> None:
    chart = view.box_plots[EDIT_RATE.key]
    centre = _by_label(chart.marks())[HOSTILE].rect.center().toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, centre, chart.mapToGlobal(centre)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "&lt;script&gt;" in QToolTip.text()
    assert "<script>" not in QToolTip.text()
    QToolTip.hideText()


def test_histogram_bars_count_the_batch_then_the_picked_group(view: BatchChartsView) -> None:
    chart = view.histograms[EDIT_RATE.key]
    assert [int(mark.value) for mark in chart.marks()] == [3, 0, 1, 1, 1, 1, 0, 0, 0, 1]
    assert chart.title == "Word edit rate: All items"
    view.histogram_group.setCurrentIndex(view.histogram_group.findData("llama-3"))
    assert [int(mark.value) for mark in chart.marks()] == [2, 0, 0, 0, 0, 1, 0, 0, 0, 0]
    assert chart.tooltip_at(chart.marks()[0].rect.center()) == "0%–10%: 2 items (llama-3)"
    time_chart = view.histograms[SECONDS_PER_100_WORDS.key]
    assert sum(int(mark.value) for mark in time_chart.marks()) == 3


def test_verdict_bars_stack_each_groups_latest_verdicts(view: BatchChartsView) -> None:
    segments = [(m.label, m.kind, int(m.value)) for m in view.verdict_chart.marks()]
    assert [s for s in segments if s[0] == "gpt-4o"] == [("gpt-4o", "accept", 4), ("gpt-4o", "revise", 1)]
    assert [s for s in segments if s[0] == "llama-3"] == [
        ("llama-3", "accept", 1),
        ("llama-3", "reject", 2),
        ("llama-3", "unjudged", 1),
    ]
    reject = next(m for m in view.verdict_chart.marks() if m.kind == "reject")
    assert view.verdict_chart.tooltip_at(reject.rect.center()) == "llama-3\n2 reject verdicts (50%)"


def test_grouping_by_writer_redraws_every_chart(view: BatchChartsView, qtbot: QtBot) -> None:
    with qtbot.waitSignal(view.group_by_changed) as changed:
        view.group_by.setCurrentIndex(view.group_by.findData("writer"))
    assert changed.args == ["writer"]
    assert view.summary is not None and view.summary.by.value == "writer"
    assert [mark.label for mark in view.box_plots[EDIT_RATE.key].marks()] == ["alice", "bob"]
    assert view.scoreboard_table.rowCount() == 3  # two writers and all items
    assert view.histogram_group.count() == 3


def test_a_given_summary_is_shown_and_another_grouping_is_asked_for(qtbot: QtBot, light_theme: None) -> None:
    widget = BatchChartsView()
    qtbot.addWidget(widget)
    items, verdicts = sample_batch()
    widget.set_summary(batch_summary(items, verdicts, by="bundle"))
    assert widget.current_group_by().value == "bundle"
    assert len(widget.verdict_chart.marks()) > 0
    with qtbot.waitSignal(widget.group_by_changed) as changed:
        widget.group_by.setCurrentIndex(widget.group_by.findData("model"))
    assert changed.args == ["model"] and widget.summary is not None and widget.summary.by.value == "bundle"


def test_agreement_and_scoreboard_are_shown(view: BatchChartsView) -> None:
    assert view.agreement_label.text().startswith("2 of 3 items judged by two or more reviewers")
    table = view.scoreboard_table
    labels = [table.item(row, 0).text() for row in range(table.rowCount())]  # type: ignore[union-attr]
    assert labels == ["(no model named)", HOSTILE, "gpt-4o", "llama-3", "All items"]


def test_switching_the_theme_repaints_in_the_new_colours(view: BatchChartsView, qtbot: QtBot) -> None:
    chart = view.box_plots[EDIT_RATE.key]
    light_background = chart.colors.background.name()
    painted = chart.paint_count
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, ThemeChoice.DARK)
    qtbot.waitUntil(lambda: chart.paint_count > painted, timeout=2000)
    assert chart.colors.background.name() != light_background
    assert chart.colors.text.lightnessF() > 0.5 > chart.colors.background.lightnessF()


def test_an_empty_batch_paints_no_marks_and_no_error(qtbot: QtBot, light_theme: None) -> None:
    widget = BatchChartsView()
    qtbot.addWidget(widget)
    widget.set_batch([], [])
    widget.grab()
    assert widget.box_plots[EDIT_RATE.key].marks() == ()
    assert all(mark.value == 0 for mark in widget.histograms[EDIT_RATE.key].marks())
    assert widget.agreement_label.text() == "No item has been judged by two reviewers yet."


def test_a_histogram_refuses_another_figures_distribution(qtbot: QtBot) -> None:
    chart = HistogramChart(EDIT_RATE)
    qtbot.addWidget(chart)
    summary = batch_summary([make_item("1")], [])
    with pytest.raises(ValueError):
        chart.set_distribution(summary.overall.seconds_per_100_words, "All items")
    assert isinstance(chart, ChartWidget)


def _triage_view(qtbot: QtBot) -> tuple[TriageListView, list]:
    ordinary = [make_item(f"ok{n}", edit_rate=0.2 + 0.02 * n, findings_before=1) for n in range(10)]
    fast = make_item("fast", writer="bob", model="llama-3", active_seconds=3.0, findings_before=0)
    same = make_item("same", edit_rate=0.0, findings_before=0)
    items = [*ordinary, fast, same]
    widget = TriageListView()
    qtbot.addWidget(widget)
    widget.set_triage(triage(items), items)
    return widget, items


def test_the_triage_list_filters_by_reason_and_opens_an_item(qtbot: QtBot) -> None:
    widget, _ = _triage_view(qtbot)
    assert widget.shown_item_ids() == ["fast", "same"] and widget.count_label.text() == "2 items"
    widget.set_reason(OutlierReason.TOO_FAST)
    assert widget.shown_item_ids() == ["fast"] and widget.count_label.text() == "1 of 2 items"
    row = widget.tree.topLevelItem(0)
    assert row is not None
    assert row.text(0) == "bob · llama-3 · task-fast" and row.text(1) == "Too fast for the length"
    assert "reading them once at 300 words a minute" in row.toolTip(1)
    with qtbot.waitSignal(widget.item_activated) as activated:
        widget.tree.itemActivated.emit(row, 0)
    assert activated.args == ["fast"]
    widget.set_reason(None)
    assert len(widget.shown_item_ids()) == 2
