"""A rater sees the choices made: a selected rating and a checked tag stand out from the options
beside them by at least 3:1 (WCAG's contrast for marks) in both themes, and keyboard focus is not
mistaken for a choice. Every figure is measured from the rendered pixels of the real side panel."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from workstation.core.demo import load_demo_project
from workstation.gui.common.contrast import MARK_CONTRAST, TEXT_CONTRAST, contrast_ratio
from workstation.gui.common.theme import ThemeChoice, apply_theme
from workstation.gui.writer.side_panel import SidePanel

RING_BAND = 3
"""Pixels along a button's edge where a focus ring is looked for."""


@pytest.fixture(params=[ThemeChoice.LIGHT, ThemeChoice.DARK], ids=["light", "dark"])
def theme(request: pytest.FixtureRequest) -> Iterator[ThemeChoice]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, request.param)
    yield request.param
    apply_theme(app, ThemeChoice.LIGHT)


@pytest.fixture
def panel(qtbot: QtBot, theme: ThemeChoice) -> SidePanel:
    """The side panel on the demo project: "Natural voice" rated 3, the 1st and 3rd tags checked."""
    project = load_demo_project()
    widget = SidePanel()
    qtbot.addWidget(widget)
    widget.resize(320, 900)
    widget.set_project(project)
    widget.load(ratings={"naturalness": 3}, tags=(project.tags[0], project.tags[2]), notes="")
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
    return widget


def _colors(image: QImage, rect: QRect) -> Counter[int]:
    return Counter(
        image.pixel(x, y)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


def _dominant(image: QImage, rect: QRect) -> QColor:
    """The colour most pixels of ``rect`` have: a button's fill, not its digit or its border."""
    return QColor.fromRgb(_colors(image, rect).most_common(1)[0][0])


def _most_distinct(image: QImage, rect: QRect, against: QColor) -> QColor:
    """The pixel of ``rect`` that contrasts most with ``against``: the core of a glyph or mark."""
    return max((QColor.fromRgb(p) for p in _colors(image, rect)), key=lambda c: contrast_ratio(c, against))


def _edge_band(image: QImage, rect: QRect) -> QColor:
    """The dominant colour of the band along ``rect``'s left and right edges (where a ring runs)."""
    counts: Counter[int] = Counter()
    middle = rect.adjusted(0, RING_BAND + 1, 0, -RING_BAND - 1)
    for band in (
        QRect(middle.left(), middle.top(), RING_BAND, middle.height()),
        QRect(middle.right() - RING_BAND + 1, middle.top(), RING_BAND, middle.height()),
    ):
        counts += _colors(image, band)
    return QColor.fromRgb(counts.most_common(1)[0][0])


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return widget.rect().translated(widget.mapTo(ancestor, QPoint(0, 0)))


def _interior(rect: QRect) -> QRect:
    return rect.adjusted(RING_BAND + 1, RING_BAND + 1, -RING_BAND - 1, -RING_BAND - 1)


def _rating_buttons(panel: SidePanel) -> dict[int, QWidget]:
    """The buttons of the first question, "Natural voice", by value (as a screen reader names them)."""
    buttons = {b.accessibleName(): b for b in panel.rubric.findChildren(QPushButton)}
    return {value: buttons[f"Natural voice {value}"] for value in range(1, 6)}


def test_a_selected_rating_stands_out_from_the_ratings_beside_it(panel: SidePanel) -> None:
    buttons = _rating_buttons(panel)
    image = panel.grab().toImage()
    fills = {value: _dominant(image, _interior(_rect_in(b, panel))) for value, b in buttons.items()}
    for neighbour in (2, 4):
        ratio = contrast_ratio(fills[3], fills[neighbour])
        assert ratio >= MARK_CONTRAST, f"selected 3 vs unselected {neighbour}: {ratio:.2f}:1"
    assert contrast_ratio(fills[2], fills[4]) < 1.1  # the unselected ones look alike
    digit = _most_distinct(image, _interior(_rect_in(buttons[3], panel)), fills[3])
    assert contrast_ratio(digit, fills[3]) >= TEXT_CONTRAST, "the selected digit is hard to read"


def test_a_sealed_tasks_rating_stays_visible_though_it_cannot_change(panel: SidePanel) -> None:
    panel.set_editable(False)
    buttons = _rating_buttons(panel)
    image = panel.grab().toImage()
    chosen = _dominant(image, _interior(_rect_in(buttons[3], panel)))
    other = _dominant(image, _interior(_rect_in(buttons[2], panel)))
    assert not buttons[3].isEnabled()
    assert contrast_ratio(chosen, other) >= MARK_CONTRAST


def test_keyboard_focus_on_a_rating_is_a_ring_not_a_fill(panel: SidePanel) -> None:
    buttons = _rating_buttons(panel)
    buttons[2].setFocus(Qt.FocusReason.TabFocusReason)
    assert buttons[2].hasFocus()
    image = panel.grab().toImage()
    focused, idle, chosen = (_rect_in(buttons[value], panel) for value in (2, 4, 3))
    focused_fill = _dominant(image, _interior(focused))
    idle_fill = _dominant(image, _interior(idle))
    chosen_fill = _dominant(image, _interior(chosen))
    assert contrast_ratio(focused_fill, idle_fill) < 1.1, "focus must not look like a choice"
    assert contrast_ratio(focused_fill, chosen_fill) >= MARK_CONTRAST
    ring = _edge_band(image, focused)
    assert contrast_ratio(ring, focused_fill) >= MARK_CONTRAST, "the focus ring is hard to see"
    assert contrast_ratio(_edge_band(image, idle), idle_fill) < MARK_CONTRAST  # no ring without focus


def test_keyboard_focus_shows_on_a_selected_rating_too(panel: SidePanel) -> None:
    buttons = _rating_buttons(panel)
    image_before = panel.grab().toImage()
    buttons[3].setFocus(Qt.FocusReason.TabFocusReason)
    image = panel.grab().toImage()
    rect = _rect_in(buttons[3], panel)
    fill = _dominant(image, _interior(rect))
    assert contrast_ratio(fill, _dominant(image_before, _interior(rect))) < 1.1  # still chosen
    assert contrast_ratio(_edge_band(image, rect), fill) >= MARK_CONTRAST


def _tag_boxes(panel: SidePanel) -> tuple[QImage, list[QRect]]:
    """The list's pixels and, per tag, the square at the start of its row (where its box is)."""
    tags = panel.tag_list
    image = tags.viewport().grab().toImage()
    squares = []
    for row in range(tags.count()):
        rect = tags.visualItemRect(tags.item(row))
        squares.append(QRect(rect.left(), rect.top(), rect.height(), rect.height()))
    return image, squares


def test_a_checked_tag_stands_out_from_the_unchecked_ones(panel: SidePanel) -> None:
    image, squares = _tag_boxes(panel)
    checked = [_dominant(image, square.adjusted(3, 3, -3, -3)) for square in squares[:3]]
    assert [panel.tag_list.item(i).checkState() for i in range(3)] == [
        Qt.CheckState.Checked,
        Qt.CheckState.Unchecked,
        Qt.CheckState.Checked,
    ]
    ratio = contrast_ratio(checked[0], checked[1])
    assert ratio >= MARK_CONTRAST, f"checked vs unchecked tag: {ratio:.2f}:1"
    assert contrast_ratio(checked[2], checked[1]) >= MARK_CONTRAST
    mark = _most_distinct(image, squares[0].adjusted(3, 3, -3, -3), checked[0])
    assert contrast_ratio(mark, checked[0]) >= MARK_CONTRAST, "the check mark is hard to see"


def test_an_unchecked_tag_box_is_visible_on_the_list(panel: SidePanel) -> None:
    image, squares = _tag_boxes(panel)
    background = _dominant(image, QRect(0, 0, image.width(), image.height()))
    outline = _most_distinct(image, squares[1], background)
    assert contrast_ratio(outline, background) >= MARK_CONTRAST


def test_clicking_a_tags_name_toggles_it_and_space_toggles_the_current_one(
    panel: SidePanel, qtbot: QtBot
) -> None:
    tags = panel.tag_list
    hedging = tags.item(1)
    where = tags.visualItemRect(hedging).center()
    with qtbot.waitSignal(panel.tags_changed) as blocker:
        qtbot.mouseClick(tags.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert hedging.text() in blocker.args[0]
    qtbot.mouseClick(tags.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert hedging.checkState() == Qt.CheckState.Unchecked
    tags.setFocus()
    tags.setCurrentRow(1)
    qtbot.keyClick(tags, Qt.Key.Key_Space)
    assert panel.tags() == [tags.item(0).text(), hedging.text(), tags.item(2).text()]
    assert tags.selectedItems() == []  # no highlighted row to mistake for a checked tag
