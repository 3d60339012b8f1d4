"""Drive the editor as a writer would: type, watch the diff, submit with the keyboard, reopen."""

from __future__ import annotations

from pathlib import Path

from workstation.core.models import RewriteStatus
from workstation.core.store import Store


def test_first_start_selects_first_task_with_cursor_in_rewrite(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    assert writer.current_task_id == "demo-001"
    assert writer.rewrite_has_focus()
    assert writer.is_read_only("original")
    assert writer.rewrite_text() == writer.original_text()
    assert writer.queue.size() == 48


def test_typing_updates_diff_spans_and_metrics(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    with writer.wait_for_comparison() as blocker:
        writer.type_over_first_line("Here is my draft.")
    comparison = blocker.args[0]
    assert comparison.rewrite.startswith("Here is my draft.")
    assert comparison.metrics.words_added >= 4
    assert comparison.metrics.words_removed >= 8
    inserted = writer.diff_spans("rewrite")
    deleted = writer.diff_spans("original")
    assert inserted and deleted
    start, length = inserted[0]
    assert writer.rewrite_text()[start : start + length].startswith("Here")
    assert "added" in writer.metrics_line()
    assert f"+{comparison.metrics.words_added} added" in writer.metrics_line()


def test_autosave_writes_within_half_a_second(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.type_at_start("Dear team, ")
    with Store(demo_dir, readonly=True) as reader:
        qtbot.waitUntil(lambda: (reader.rewrites.get("demo-001") or None) is not None, timeout=1500)
        assert reader.rewrites.get("demo-001").text.startswith("Dear team, ")
    # The store has it; the save line says so once the confirmation reaches the GUI thread.
    qtbot.waitUntil(lambda: "all changes saved" in writer.save_line().lower(), timeout=1000)


def test_submit_with_keyboard_moves_on_and_survives_reopen(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.type_over_first_line("Subject: a pay review")
    writer.write_notes("Cut the opener.")
    writer.trigger("rate_2")
    writer.press_ctrl_return()
    assert writer.current_task_id == "demo-002"
    # The rewrite pane did not get a newline typed into it by Ctrl+Return.
    # Move to another task, type, and quit: everything must be there after reopening.
    writer.type_at_start("Thank you. ")
    cursor_before = writer.rewrite_cursor()
    writer.quit()

    with Store(demo_dir, readonly=True) as reader:
        first = reader.rewrites.get("demo-001")
        assert first.status is RewriteStatus.SUBMITTED
        assert first.text.startswith("Subject: a pay review\n")
        assert first.notes == "Cut the opener."
        assert first.ratings == {"naturalness": 2}
        assert reader.tasks.get("demo-001").status is RewriteStatus.SUBMITTED

    reopened = make_window(demo_dir)
    assert reopened.current_task_id == "demo-002"
    assert reopened.rewrite_text().startswith("Thank you. ")
    assert reopened.rewrite_cursor() == cursor_before
    assert reopened.queue.status("demo-001") == "submitted"


def test_undo_redo_and_reset_to_original(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    original = writer.original_text()
    writer.type_at_start("abc")
    assert writer.rewrite_text().startswith("abc")
    writer.trigger("undo")
    assert writer.rewrite_text() == original
    writer.trigger("redo")
    assert writer.rewrite_text().startswith("abc")
    writer.trigger("start_empty")
    assert writer.rewrite_text() == ""
    writer.trigger("reset_rewrite")
    assert writer.rewrite_text() == original
    writer.trigger("undo")  # reset is one undoable step
    assert writer.rewrite_text() == ""


def test_skip_and_flag_set_status(make_window, demo_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.trigger("skip")
    assert writer.current_task_id == "demo-002"
    monkeypatch.setattr(
        "workstation.gui.writer.commands.ask_flag_reason", lambda reasons, parent: "Prompt is unclear"
    )
    writer.trigger("flag")
    with Store(demo_dir, readonly=True) as reader:
        assert reader.rewrites.get("demo-001").status is RewriteStatus.SKIPPED
        flagged = reader.rewrites.get("demo-002")
        assert flagged.status is RewriteStatus.FLAGGED and flagged.flag_reason == "Prompt is unclear"


def test_change_navigation_moves_between_changes(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    with writer.wait_for_comparison():
        writer.type_over_first_line("Hi.")
    writer.append_without_keys("\n\nBest, Sam")
    writer.refresh_analysis()
    changes = writer.comparison.diff.changes()
    assert len(changes) == 2
    writer.move_cursor_to_start()
    writer.trigger("next_change")
    assert writer.rewrite_cursor() == changes[1].b_start
    writer.trigger("next_change")  # wraps around
    assert writer.rewrite_cursor() == changes[0].b_start
    writer.trigger("previous_change")
    assert writer.rewrite_cursor() == changes[1].b_start
    writer.move_cursor_to_end()  # past the last change: "next" wraps to the first, "previous" does not
    writer.trigger("next_change")
    assert writer.rewrite_cursor() == changes[0].b_start
    writer.move_cursor_to_end()
    writer.trigger("previous_change")
    assert writer.rewrite_cursor() == changes[1].b_start


def test_inline_track_changes_view_shows_both_sides(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    with writer.wait_for_comparison():
        writer.type_over_first_line("Hello Priya.")
    writer.set_checked("toggle_inline", True)
    assert writer.view.is_inline()
    text = writer.view.inline_text()
    assert "Hello Priya." in text and "Certainly!" in text
    writer.set_checked("toggle_inline", False)
    assert not writer.view.is_inline()


def test_search_and_status_filter(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.queue.search("haiku")
    qtbot.waitUntil(lambda: 0 < writer.queue.size() < 48, timeout=2000)
    writer.queue.search("")
    qtbot.waitUntil(lambda: writer.queue.size() == 48, timeout=2000)
    writer.trigger("skip")
    writer.queue.filter("skipped")
    assert writer.queue.size() == 1
    assert "1 of 48" in writer.queue.count_text()


def test_viewing_tasks_without_typing_saves_nothing(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    for task_id in ("demo-002", "demo-003", "demo-004"):
        assert writer.open_task(task_id)
        writer.refresh_analysis()
    writer.save(wait=True)
    assert not writer.is_dirty
    with Store(demo_dir, readonly=True) as reader:
        assert reader.stats()["draft"] == 0
        assert all(reader.rewrites.get(f"demo-00{i}") is None for i in range(1, 5))
    assert "saved" in writer.save_line().lower()


def test_large_texts_analyse_off_thread_one_job_at_a_time(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.analyse_everything_off_thread()
    writer.move_cursor_to_start()
    most_in_flight = 0
    for character in "Typing fast":
        writer.type(character)
        writer.refresh_analysis()
        most_in_flight = max(most_in_flight, writer.analyses_in_flight())
    assert most_in_flight == 1
    qtbot.waitUntil(lambda: writer.analyses_in_flight() == 0, timeout=5000)
    qtbot.waitUntil(
        lambda: writer.comparison is not None and writer.comparison.rewrite == writer.rewrite_text(),
        timeout=5000,
    )
    assert writer.comparison.rewrite.startswith("Typing fast")
