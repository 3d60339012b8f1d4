"""Regression tests for problems a review found: lost edits, unchanged submits, stale metrics."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtGui import QTextCursor

from tests.gui.conftest import quit_window
from workstation.core.models import RewriteStatus
from workstation.core.store import Store


def type_at_start(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    pane = window.diff_view.rewrite_pane
    pane.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(pane, text)


def test_switching_after_a_failed_save_keeps_the_edits_and_saves_them_later(
    qtbot, make_window, demo_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    real_save = Store.save_work
    broken = {"on": True}

    def save(store, rewrite, session):  # type: ignore[no-untyped-def]
        if broken["on"]:
            raise sqlite3.OperationalError("database or disk is full")
        return real_save(store, rewrite, session)

    monkeypatch.setattr(Store, "save_work", save)
    window.session._retry.setInterval(50)
    type_at_start(qtbot, window, "Precious words. ")
    assert window.editor.open_task("demo-002")  # never blocked: the edits stay in memory
    qtbot.waitUntil(lambda: "NOT SAVED" in window.metrics_bar.save_label.text(), timeout=3000)
    assert "1 other task" in window.metrics_bar.save_label.toolTip() + window.metrics_bar.save_label.text()
    assert window.session.unsaved_task_ids == ("demo-001",)
    assert window.editor.open_task("demo-001")
    assert window.diff_view.rewrite_pane.text().startswith("Precious words. ")
    assert window.editor.open_task("demo-002")
    broken["on"] = False  # the disk has room again: the retry saves the task left behind
    qtbot.waitUntil(lambda: not window.session.unsaved_task_ids, timeout=3000)
    assert window.context.store.rewrites.get("demo-001").text.startswith("Precious words. ")
    assert "All changes saved" in window.metrics_bar.save_label.text()


def test_submitting_the_untouched_original_asks_first(make_window, demo_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    monkeypatch.setattr("workstation.gui.writer.commands.ask_to_proceed", lambda *a: False)
    window.actions_by_name["submit"].trigger()
    assert window.session.task.id == "demo-001"
    assert window.context.store.rewrites.get("demo-001") is None
    monkeypatch.setattr("workstation.gui.writer.commands.ask_to_proceed", lambda *a: True)
    window.actions_by_name["submit"].trigger()
    assert window.context.store.rewrites.get("demo-001").status is RewriteStatus.SUBMITTED


def test_metrics_saved_on_submit_match_the_submitted_text(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    type_at_start(qtbot, window, "Eight brand new words typed right before submitting. ")
    window.task_commands.submit()  # at once: no analysis has run for this text yet
    stored = window.context.store.rewrites.get("demo-001")
    assert stored.status is RewriteStatus.SUBMITTED
    assert stored.metrics["edit"]["words_added"] >= 8


def test_undoing_start_from_empty_restores_where_the_rewrite_started(
    qtbot, make_window, demo_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    window.actions_by_name["start_empty"].trigger()
    assert window.session.rewrite.started_from == "empty"
    window.actions_by_name["undo"].trigger()
    assert window.diff_view.rewrite_pane.text() == window.diff_view.original_pane.text()
    assert window.session.rewrite.started_from == "original"


def test_closing_stops_timers_and_later_results_are_ignored(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    type_at_start(qtbot, window, "Bye. ")
    quit_window(window)
    assert window.closed
    assert not window.session._retry.isActive() and not window.session._debounce.isActive()
    window.outbox.refresh()  # a late background result must not touch the closed store
    with Store(demo_dir, readonly=True) as reader:
        assert reader.rewrites.get("demo-001").text.startswith("Bye. ")


def test_cancelled_quit_keeps_background_uploads_running(make_window, demo_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    monkeypatch.setattr(window.session, "flush", lambda **_kw: False)
    monkeypatch.setattr("workstation.gui.writer.window.ask_to_proceed", lambda *a: False)
    assert not window.close()
    assert window.outbox.timer.isActive() and not window.closed
