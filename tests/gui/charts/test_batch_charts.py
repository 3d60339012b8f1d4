"""The batch charts as a reviewer sees them: a row, bar or segment per group with the right
figures, tooltips in words, the group-by choice, both themes, and the look-at-first list."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from tests.core.review.batch_factory import make_item, sample_batch
from workstation.core.review.batch import batch_summary
from workstation.core.review.distribution import DENSITY_AFTER, EDIT_RATE, SECONDS_PER_100_WORDS
from workstation.core.review.triage import OutlierReason, triage
from workstation.gui.common.contrast import MARK_CONTRAST, TEXT_CONTRAST, contrast_ratio
from workstation.gui.common.theme import ThemeChoice, apply_theme
from workstation.gui.reviewer.charts import BatchChartsView, TriageListView
from workstation.gui.reviewer.charts.box_plot_chart import PLOT_INSET, BoxPlotChart
from workstation.gui.reviewer.charts.chart_base import ChartMark, ChartWidget
from workstation.gui.reviewer.charts.histogram_chart import HistogramChart
from workstation.gui.reviewer.charts.scoreboard_table import LABEL_COLUMN_MAX

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
    low, q1, median, q3, high = _by_label(rows)["gpt-4o"].points
    assert low < q1 < median < q3 < high


def test_the_box_plot_axis_reaches_past_the_largest_value_and_insets_zero(view: BatchChartsView) -> None:
    chart = view.box_plots[SECONDS_PER_100_WORDS.key]
    # the hostile-named model's one item took 320 s per 100 words: the axis must show it, not clip it
    assert chart.ticks[0] == 0.0 and 320.0 <= chart.ticks[-1] <= 400.0
    hostile = _by_label(chart.marks())[HOSTILE]
    x0, x1, _ = chart._axis
    assert x0 < hostile.points[2] < x1
    after = view.box_plots[DENSITY_AFTER.key]
    zero = _by_label(after.marks())[HOSTILE].points[2]  # a density of 0.0 after the rewrite
    ax0, _, _ = after._axis
    assert zero - ax0 >= PLOT_INSET  # the median line is drawn whole, clear of the axis end
    # the last tick label stays inside the chart
    metrics = QFontMetrics(chart.font())
    assert x1 + metrics.horizontalAdvance(SECONDS_PER_100_WORDS.format(chart.ticks[-1])) / 2 <= chart.width()


def test_values_beyond_the_whiskers_are_drawn_as_dots(qtbot: QtBot, light_theme: None) -> None:
    items = [make_item(f"i{n}", edit_rate=0.2 + 0.01 * n) for n in range(9)] + [
        make_item("far", edit_rate=2.5)
    ]
    chart = BoxPlotChart(EDIT_RATE)
    qtbot.addWidget(chart)
    chart.resize(600, 200)
    chart.set_groups(batch_summary(items, []).groups)
    (row,) = chart.marks()
    assert len(row.dots) == 1 and row.dots[0] > row.points[4]  # past the upper whisker
    assert chart.ticks[-1] >= 2.5
    assert "1 outlier beyond 1.5 × IQR" in row.tooltip


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


def test_histogram_ticks_sit_on_bin_edges_and_the_open_bin_is_labelled_at_its_edge(
    view: BatchChartsView,
) -> None:
    chart = view.histograms[SECONDS_PER_100_WORDS.key]
    labels = chart.tick_labels()
    assert labels[0] == (0, "0 s") and labels[-1] == (9, "270 s+")
    steps = {b - a for (a, _), (b, _) in itertools.pairwise(labels)}
    assert len(steps) == 1  # evenly spaced, so the last label does not crowd the one before
    metrics = QFontMetrics(chart.font())
    column = chart.marks()[0].rect.width()
    room = steps.pop() * column
    assert all(metrics.horizontalAdvance(text) < room for _, text in labels)
    narrow = HistogramChart(SECONDS_PER_100_WORDS)
    narrow.resize(330, 170)
    assert [text for _, text in narrow.tick_labels()][-1] == "270 s+"


def test_verdict_bars_count_items_by_state_at_one_scale(view: BatchChartsView) -> None:
    chart = view.verdict_chart
    segments = [(m.label, m.kind, int(m.value)) for m in chart.marks()]
    # three gpt-4o items: two accepted by all, one the reviewers disagree on (five judgements)
    assert [s for s in segments if s[0] == "gpt-4o"] == [("gpt-4o", "accepted", 2), ("gpt-4o", "disagree", 1)]
    assert [s for s in segments if s[0] == "llama-3"] == [
        ("llama-3", "revise", 1),
        ("llama-3", "rejected", 1),
        ("llama-3", "not_reviewed", 1),
    ]
    rejected = next(m for m in chart.marks() if m.kind == "rejected")
    assert chart.tooltip_at(rejected.rect.center()) == "llama-3\n1 item rejected (33% of 3)"
    totals = {label: (count, bar.width()) for label, count, bar in chart.row_totals()}
    assert totals["gpt-4o"][0] == 3 and totals["(no model named)"][0] == 1
    # a 1-item row is a third as long as a 3-item row
    assert totals["(no model named)"][1] == pytest.approx(totals["gpt-4o"][1] / 3, abs=1.0)


@pytest.mark.parametrize("theme", [ThemeChoice.LIGHT, ThemeChoice.DARK])
def test_chart_colours_have_enough_contrast_in_both_themes(theme: ThemeChoice, view: BatchChartsView) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    colors = view.box_plots[EDIT_RATE.key].colors
    background = colors.background
    assert contrast_ratio(colors.text, background) >= TEXT_CONTRAST
    assert contrast_ratio(colors.muted_text, background) >= TEXT_CONTRAST  # axis digits
    for mark in (colors.grid, colors.bar, colors.box_fill):
        assert contrast_ratio(mark, background) >= MARK_CONTRAST
    assert contrast_ratio(colors.median, colors.box_fill) >= MARK_CONTRAST
    for state, fill in colors.states.items():
        assert contrast_ratio(fill, background) >= MARK_CONTRAST, state
        assert contrast_ratio(colors.text_on(fill), fill) >= TEXT_CONTRAST, state


def test_the_charts_and_the_table_share_the_height_without_dead_space(
    qtbot: QtBot, light_theme: None
) -> None:
    widget = BatchChartsView()
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    items, verdicts = sample_batch()
    widget.set_batch(items, verdicts)
    widget.show()
    qtbot.waitExposed(widget)
    charts, table = widget.splitter.sizes()
    assert charts > table > 0
    assert table >= widget.scoreboard_table.rows_height() or table >= 0.39 * (charts + table)
    assert charts + table >= widget.height() - 120  # only the controls and the agreement line above
    # fewer groups than the charts' room: the charts grow into it, nothing below them is blank
    widget.resize(1280, 1400)
    qtbot.wait(10)
    scroll_content = widget.splitter.widget(0)
    verdicts_bottom = widget.verdict_chart.geometry().bottom()
    assert verdicts_bottom >= scroll_content.height() - 40


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
    # one reason each: "same" changed no word at all (100% out), "fast" is 93% under the reading time
    assert widget.shown_item_ids() == ["same", "fast"] and widget.count_label.text() == "2 items"
    widget.set_reason(OutlierReason.TOO_FAST)
    assert widget.shown_item_ids() == ["fast"] and widget.count_label.text() == "1 of 2 items"
    row = widget.tree.topLevelItem(0)
    assert row is not None
    assert row.text(0) == "bob · llama-3 · task-fast" and row.text(1) == "Too fast for the length"
    assert row.text(2) == "92%" and "Listed by severity" in row.toolTip(2)
    assert "reading them once at 300 words a minute" in row.toolTip(1)
    with qtbot.waitSignal(widget.item_activated) as activated:
        widget.tree.itemActivated.emit(row, 0)
    assert activated.args == ["fast"]
    widget.set_reason(None)
    assert len(widget.shown_item_ids()) == 2


def test_several_reasons_are_short_labels_and_an_empty_list_says_so(qtbot: QtBot) -> None:
    both = make_item("both", edit_rate=0.01, findings_before=8, findings_after=0, active_seconds=5.0)
    widget = TriageListView()
    qtbot.addWidget(widget)
    widget.set_triage(triage([both]), [both])
    row = widget.tree.topLevelItem(0)
    assert row is not None
    assert row.text(1) == "Near-zero edits · Too fast for the length · Cosmetic de-slopping"
    assert not widget.showing_empty_note()
    widget.set_reason(OutlierReason.EDIT_RATE_FAR_ABOVE)
    assert widget.showing_empty_note() and widget.empty_label.text() == "No item is listed for this reason."
    widget.set_triage([], [both])
    assert widget.showing_empty_note() and widget.empty_label.text() == "Nothing stands out in this batch."


def test_the_scoreboard_elides_long_names_and_aligns_numbers_under_their_headings(
    view: BatchChartsView,
) -> None:
    table = view.scoreboard_table
    assert table.columnWidth(0) <= LABEL_COLUMN_MAX
    hostile = next(row for row in range(table.rowCount()) if table.item(row, 0).text() == HOSTILE)  # type: ignore[union-attr]
    assert "&lt;script&gt;" in table.item(hostile, 0).toolTip()  # type: ignore[union-attr]
    right = Qt.AlignmentFlag.AlignRight
    for column in range(1, table.columnCount()):
        heading = table.horizontalHeaderItem(column)
        assert heading is not None and Qt.AlignmentFlag(heading.textAlignment()) & right
        assert Qt.AlignmentFlag(table.item(0, column).textAlignment()) & right  # type: ignore[union-attr]
    total_row = table.rowCount() - 1
    assert table.item(total_row, 0).text() == "All items"  # type: ignore[union-attr]
    shade = table.item(total_row, 3).background().color()  # type: ignore[union-attr]
    assert shade != table.palette().color(table.palette().ColorRole.Base)
    assert table.rowHeight(0) <= QFontMetrics(table.font()).height() + 8
