"""Regression tests for problems a review found: lost edits, unchanged submits, stale metrics."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workstation.core.models import RewriteStatus
from workstation.core.store import Store


def test_switching_after_a_failed_save_keeps_the_edits_and_saves_them_later(
    qtbot, make_window, demo_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    real_save = Store.save_work
    broken = {"on": True}

    def save(store, rewrite, session, **kwargs):  # type: ignore[no-untyped-def]
        if broken["on"]:
            raise sqlite3.OperationalError("database or disk is full")
        return real_save(store, rewrite, session, **kwargs)

    monkeypatch.setattr(Store, "save_work", save)
    writer.retry_saves_every(50)
    writer.move_cursor_to_start()
    writer.type("Precious words. ")
    assert writer.open_task("demo-002")  # never blocked: the edits stay in memory
    qtbot.waitUntil(lambda: "NOT SAVED" in writer.save_line(), timeout=3000)
    assert "1 other task" in writer.save_line_detail() + writer.save_line()
    assert writer.unsaved_task_ids == ("demo-001",)
    assert writer.open_task("demo-001")
    assert writer.rewrite_text().startswith("Precious words. ")
    assert writer.open_task("demo-002")
    broken["on"] = False  # the disk has room again: the retry saves the task left behind
    qtbot.waitUntil(lambda: not writer.unsaved_task_ids, timeout=3000)
    assert writer.stored_rewrite("demo-001").text.startswith("Precious words. ")
    assert "All changes saved" in writer.save_line()


def test_submitting_the_untouched_original_asks_first(make_window, demo_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    monkeypatch.setattr("workstation.gui.writer.commands.ask_to_proceed", lambda *a: False)
    writer.submit()
    assert writer.current_task_id == "demo-001"
    assert writer.stored_rewrite("demo-001") is None
    monkeypatch.setattr("workstation.gui.writer.commands.ask_to_proceed", lambda *a: True)
    writer.submit()
    assert writer.stored_rewrite("demo-001").status is RewriteStatus.SUBMITTED


def test_metrics_saved_on_submit_match_the_submitted_text(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.move_cursor_to_start()
    writer.type("Eight brand new words typed right before submitting. ")
    writer.submit()  # at once: no analysis has run for this text yet
    stored = writer.stored_rewrite("demo-001")
    assert stored.status is RewriteStatus.SUBMITTED
    assert stored.metrics["edit"]["words_added"] >= 8


def test_undoing_start_from_empty_restores_where_the_rewrite_started(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.trigger("start_empty")
    assert writer.current_rewrite.started_from == "empty"
    writer.trigger("undo")
    assert writer.rewrite_text() == writer.original_text()
    assert writer.current_rewrite.started_from == "original"


def test_closing_stops_timers_and_later_results_are_ignored(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.move_cursor_to_start()
    writer.type("Bye. ")
    writer.quit()
    assert writer.closed
    assert writer.save_timers_stopped()
    writer.outbox.refresh()  # a late background result must not touch the closed store
    with Store(demo_dir, readonly=True) as reader:
        assert reader.rewrites.get("demo-001").text.startswith("Bye. ")


def test_cancelled_quit_keeps_background_uploads_running(make_window, demo_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)

    def full_disk(store, rewrite, session, **kwargs):  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "save_work", full_disk)
    monkeypatch.setattr("workstation.gui.writer.window.ask_to_proceed", lambda *a: False)
    writer.type_at_start("Not saved yet. ")
    assert not writer.close()  # the save failed and the writer chose to stay
    assert writer.outbox.background_timer_running() and not writer.closed
    assert writer.rewrite_text().startswith("Not saved yet. ")
