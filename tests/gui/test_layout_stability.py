"""The window holds still while the writer types: no figure, pane, dock or splitter moves a pixel.

Tried on a real screen, the line under the panes changed width with its numbers, the panels
shifted 8–16 px and the original re-wrapped under the writer's eyes. These tests type through
the changes that caused it — every figure from one digit to four, the active time from seconds
to hours, the save line through "Saving…", "All changes saved" and "NOT SAVED" — and compare
the geometry of every part after each step with where it was when the task opened.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.layout_checks import Snapshot, layout_snapshot, moved_parts
from tests.gui.writer_driver import WriterDriver
from workstation.core.store import Store

WINDOW_SIZES = [(1280, 720), (1920, 1080)]


def _settle(writer: WriterDriver) -> None:
    """Let every timer due now run (the diff debounce, the autosave) and the layout catch up."""
    writer.qtbot.wait(120)
    QApplication.processEvents()


def _words(count: int, start: int = 0) -> str:
    return " ".join(f"word{number}" for number in range(start, start + count))


def _assert_still(writer: WriterDriver, before: Snapshot, step: str) -> None:
    _settle(writer)
    moved = moved_parts(before, layout_snapshot(writer.window))
    assert not moved, f"after {step}: {moved}"


@pytest.mark.parametrize(("width", "height"), WINDOW_SIZES)
def test_typing_moves_nothing_on_screen(
    make_window, demo_dir: Path, monkeypatch: pytest.MonkeyPatch, width: int, height: int
) -> None:  # type: ignore[no-untyped-def]
    writer: WriterDriver = make_window(demo_dir)
    writer.window.resize(width, height)
    writer.window.prose.metrics_dock.raise_()  # its figures change with every analysis
    with writer.wait_for_analysis():
        writer.refresh_analysis()
    _settle(writer)
    before = layout_snapshot(writer.window)
    bar = writer.window.metrics_bar

    writer.type_over_everything("Hi.")  # 280 words become one: every figure changes width
    _assert_still(writer, before, "typing over the whole draft")
    assert "Saving" in writer.save_line() or "saved" in writer.save_line()
    writer.type(" " + _words(12))  # two digits
    _assert_still(writer, before, "typing a dozen words")
    writer.type(" " + _words(40, 12))  # three digits on both sides of the arrow
    with writer.wait_for_analysis():
        writer.type(" " + _words(70, 52) + ".")
    _assert_still(writer, before, "typing a hundred words")
    assert "123 words" in writer.metrics_line()
    with writer.wait_for_analysis(timeout=10_000):
        writer.paste_with_ctrl_v(" " + _words(1200, 200))  # four digits, an edit rate past 100 %
    _assert_still(writer, before, "pasting 1,200 words")
    assert "1,323 words" in writer.metrics_line() or "1323 words" in writer.metrics_line()

    for seconds in (9, 59, 61, 599, 600, 3599, 3600, 36_000, 359_999):  # the clock ticking on
        bar.set_active_seconds(seconds)
        _assert_still(writer, before, f"{seconds} s of active time")

    writer.type(" More.")
    _assert_still(writer, before, "typing while a save is pending")
    writer.wait_saved()
    assert writer.save_line() == "All changes saved"
    _assert_still(writer, before, "the save confirmed")

    real_save = Store.save_work

    def full_disk(store, rewrite, session, **kwargs):  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "save_work", full_disk)
    writer.retry_saves_every(50)
    writer.type(" Kept in the editor.")
    writer.qtbot.waitUntil(lambda: "NOT SAVED" in writer.save_line(), timeout=3000)
    assert "disk is full" in writer.save_line()
    _settle(writer)
    # The reason is read where the failure shows: its cell widens into the empty part of the
    # status bar on its left, and only that cell (and the bar holding it) changes.
    failing = layout_snapshot(writer.window)
    grown = {"metrics bar: saveState", "metrics bar"}
    assert {name for name in moved_parts(before, failing)} <= grown
    for name in grown:
        (x0, _y0, w0, _h0), (x1, _y1, w1, _h1) = before[name], failing[name]
        assert x1 + w1 == x0 + w0 and w1 >= w0, name  # the right edge holds; it grows leftwards
    assert not bar.save_label.is_cut()
    monkeypatch.setattr(Store, "save_work", real_save)
    writer.qtbot.waitUntil(lambda: writer.save_line() == "All changes saved", timeout=3000)
    _assert_still(writer, before, "the retried save succeeding")


def test_deleting_back_to_nothing_moves_nothing(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """The other way: from a long rewrite down to an empty pane (no words, no edit rate)."""
    writer: WriterDriver = make_window(demo_dir)
    writer.window.resize(1280, 720)
    with writer.wait_for_analysis(timeout=10_000):
        writer.paste_with_ctrl_v(" " + _words(2000))
    _settle(writer)
    before = layout_snapshot(writer.window)
    with writer.wait_for_analysis():
        writer.type_over_everything("x")
    _assert_still(writer, before, "typing over 2,280 words")
    with writer.wait_for_analysis():
        writer.press_key(Qt.Key.Key_Backspace)
    assert writer.rewrite_text() == ""
    _assert_still(writer, before, "emptying the rewrite")
