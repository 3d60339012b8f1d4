"""Drive the editor as a writer would: type, watch the diff, submit with the keyboard, reopen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.gui.conftest import quit_window
from workstation.core.models import RewriteStatus
from workstation.core.store import Store
from workstation.gui.compare.diff_view import DIFF_LAYER
from workstation.gui.writer.window import WriterWindow


def type_at_start(qtbot, window: WriterWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    pane = window.diff_view.rewrite_pane
    pane.setFocus()
    cursor = pane.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    pane.setTextCursor(cursor)
    qtbot.keyClicks(pane, text)


def select_first_sentence_and_type(qtbot, window: WriterWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    pane = window.diff_view.rewrite_pane
    cursor = pane.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)
    qtbot.keyClicks(pane, text)


def test_first_start_selects_first_task_with_cursor_in_rewrite(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    assert window.session.task is not None and window.session.task.id == "demo-001"
    assert window.focusWidget() is window.diff_view.rewrite_pane
    assert window.diff_view.original_pane.isReadOnly()
    assert window.diff_view.rewrite_pane.text() == window.diff_view.original_pane.text()
    assert window.queue_model.rowCount() == 48


def test_typing_updates_diff_spans_and_metrics(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    with qtbot.waitSignal(window.editor.comparison_painted, timeout=3000) as blocker:
        select_first_sentence_and_type(qtbot, window, "Here is my draft.")
    comparison = blocker.args[0]
    assert comparison.rewrite.startswith("Here is my draft.")
    assert comparison.metrics.words_added >= 4
    assert comparison.metrics.words_removed >= 8
    inserted = window.diff_view.rewrite_pane.highlighter.spans_in_block(DIFF_LAYER, 0)
    deleted = window.diff_view.original_pane.highlighter.spans_in_block(DIFF_LAYER, 0)
    assert inserted and deleted
    start, length = inserted[0]
    assert window.diff_view.rewrite_pane.text()[start : start + length].startswith("Here")
    assert "added" in window.metrics_bar.edit_label.text()
    assert f"+{comparison.metrics.words_added} added" in window.metrics_bar.edit_label.text()


def test_autosave_writes_within_half_a_second(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    type_at_start(qtbot, window, "Dear team, ")
    with Store(demo_dir, readonly=True) as reader:
        qtbot.waitUntil(lambda: (reader.rewrites.get("demo-001") or None) is not None, timeout=1500)
        assert reader.rewrites.get("demo-001").text.startswith("Dear team, ")
    assert "saved" in window.metrics_bar.save_label.text().lower()


def test_submit_with_keyboard_moves_on_and_survives_reopen(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    select_first_sentence_and_type(qtbot, window, "Subject: a pay review")
    window.side_panel.notes.setPlainText("Cut the opener.")
    window.side_panel.rubric.rate_selected(2)
    qtbot.keyClick(window.diff_view.rewrite_pane, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.session.task.id == "demo-002"
    # The rewrite pane did not get a newline typed into it by Ctrl+Return.
    # Move to another task, type, and quit: everything must be there after reopening.
    type_at_start(qtbot, window, "Thank you. ")
    cursor_before = window.diff_view.rewrite_cursor()
    quit_window(window)

    with Store(demo_dir, readonly=True) as reader:
        first = reader.rewrites.get("demo-001")
        assert first.status is RewriteStatus.SUBMITTED
        assert first.text.startswith("Subject: a pay review\n")
        assert first.notes == "Cut the opener."
        assert first.ratings == {"naturalness": 2}
        assert reader.tasks.get("demo-001").status is RewriteStatus.SUBMITTED

    reopened = make_window(demo_dir)
    assert reopened.session.task.id == "demo-002"
    assert reopened.diff_view.rewrite_pane.text().startswith("Thank you. ")
    assert reopened.diff_view.rewrite_cursor() == cursor_before
    row = reopened.queue_model.row_for("demo-001")
    assert reopened.queue_model.index(row).data(Qt.ItemDataRole.UserRole + 2) == "submitted"


def test_undo_redo_and_reset_to_original(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    original = window.diff_view.original_pane.text()
    type_at_start(qtbot, window, "abc")
    assert window.diff_view.rewrite_pane.text().startswith("abc")
    window.actions_by_name["undo"].trigger()
    assert window.diff_view.rewrite_pane.text() == original
    window.actions_by_name["redo"].trigger()
    assert window.diff_view.rewrite_pane.text().startswith("abc")
    window.actions_by_name["start_empty"].trigger()
    assert window.diff_view.rewrite_pane.text() == ""
    window.actions_by_name["reset_rewrite"].trigger()
    assert window.diff_view.rewrite_pane.text() == original
    window.actions_by_name["undo"].trigger()  # reset is one undoable step
    assert window.diff_view.rewrite_pane.text() == ""


def test_skip_and_flag_set_status(qtbot, make_window, demo_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    window.actions_by_name["skip"].trigger()
    assert window.session.task.id == "demo-002"
    monkeypatch.setattr(
        "workstation.gui.writer.commands.ask_flag_reason", lambda reasons, parent: "Prompt is unclear"
    )
    window.actions_by_name["flag"].trigger()
    with Store(demo_dir, readonly=True) as reader:
        assert reader.rewrites.get("demo-001").status is RewriteStatus.SKIPPED
        flagged = reader.rewrites.get("demo-002")
        assert flagged.status is RewriteStatus.FLAGGED and flagged.flag_reason == "Prompt is unclear"


def test_change_navigation_moves_between_changes(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    pane = window.diff_view.rewrite_pane
    with qtbot.waitSignal(window.editor.comparison_painted, timeout=3000):
        select_first_sentence_and_type(qtbot, window, "Hi.")
    cursor = pane.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("\n\nBest, Sam")
    window.editor.refresher.refresh_now()
    changes = window.diff_view.comparison.diff.changes()
    assert len(changes) == 2
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    pane.setTextCursor(cursor)
    window.actions_by_name["next_change"].trigger()
    assert window.diff_view.rewrite_cursor() == changes[1].b_start
    window.actions_by_name["next_change"].trigger()  # wraps around
    assert window.diff_view.rewrite_cursor() == changes[0].b_start
    window.actions_by_name["previous_change"].trigger()
    assert window.diff_view.rewrite_cursor() == changes[1].b_start


def test_inline_track_changes_view_shows_both_sides(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    with qtbot.waitSignal(window.editor.comparison_painted, timeout=3000):
        select_first_sentence_and_type(qtbot, window, "Hello Priya.")
    window.actions_by_name["toggle_inline"].setChecked(True)
    assert window.diff_view.is_inline()
    text = window.diff_view.inline_view.toPlainText()
    assert "Hello Priya." in text and "Certainly!" in text
    window.actions_by_name["toggle_inline"].setChecked(False)
    assert not window.diff_view.is_inline()


def test_search_and_status_filter(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    window.queue_panel.search_box.setText("haiku")
    qtbot.waitUntil(lambda: 0 < window.queue_model.rowCount() < 48, timeout=2000)
    window.queue_panel.search_box.clear()
    qtbot.waitUntil(lambda: window.queue_model.rowCount() == 48, timeout=2000)
    window.actions_by_name["skip"].trigger()
    window.queue_panel.status_filter.setCurrentIndex(window.queue_panel.status_filter.findData("skipped"))
    assert window.queue_model.rowCount() == 1
    assert "1 of 48" in window.queue_panel.count_label.text()


def test_viewing_tasks_without_typing_saves_nothing(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    for task_id in ("demo-002", "demo-003", "demo-004"):
        window.editor.open_task(task_id)
        window.editor.refresher.refresh_now()
        qtbot.wait(50)
    window.save_work(wait=True)
    assert not window.session.dirty
    with Store(demo_dir, readonly=True) as reader:
        assert reader.stats()["draft"] == 0
        assert all(reader.rewrites.get(f"demo-00{i}") is None for i in range(1, 5))
    assert "saved" in window.metrics_bar.save_label.text().lower()


def test_large_texts_analyse_off_thread_one_job_at_a_time(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    window.editor.refresher.off_thread_threshold = 0  # everything goes to the worker
    pane = window.diff_view.rewrite_pane
    pane.moveCursor(QTextCursor.MoveOperation.Start)
    most_in_flight = 0
    for character in "Typing fast":
        qtbot.keyClicks(pane, character)
        window.editor.refresher.refresh_now()
        most_in_flight = max(most_in_flight, window.editor.refresher.in_flight)
    assert most_in_flight == 1
    qtbot.waitUntil(lambda: window.editor.refresher.in_flight == 0, timeout=5000)
    qtbot.waitUntil(
        lambda: (
            window.diff_view.comparison is not None and window.diff_view.comparison.rewrite == pane.text()
        ),
        timeout=5000,
    )
    assert window.diff_view.comparison.rewrite.startswith("Typing fast")
