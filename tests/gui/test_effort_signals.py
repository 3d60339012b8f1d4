"""Effort signals recorded while the writer edits: typed, pasted, dropped and dictated characters,
undo and redo, revisions and the longest pause, saved with the sitting — counts, never content —
and "not recorded" everywhere once the writer switches them off."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui.conftest import DriverFactory
from tests.gui.writer_driver import WriterDriver
from workstation.core.effort.recorder import EFFORT_FIELDS
from workstation.core.effort.signals import RecordingStatus
from workstation.core.models import WorkSession
from workstation.gui.compare.text_pane import typed_length

CTRL = Qt.KeyboardModifier.ControlModifier
PASTED = (
    "Thank you for writing in. Your refund was approved this morning and should reach your card "
    "within five working days. If it has not arrived by Friday, reply to this note."
)


def current_sitting(writer: WriterDriver) -> WorkSession:
    """The sitting under way, as the store holds it after a save."""
    writer.wait_saved()
    task_id = writer.current_task_id
    assert task_id is not None
    return writer.work_sessions(task_id)[-1]


def test_typing_is_counted_by_size_and_a_typed_rewrite_is_not_flagged(
    make_window: DriverFactory, demo_dir: Path
) -> None:
    writer = make_window(demo_dir)
    writer.type_over_everything("Your refund is on its way, and it should arrive by Friday!")
    writer.press_key(Qt.Key.Key_Backspace)  # changes the rewrite, types nothing
    writer.press_key(Qt.Key.Key_Left)  # changes nothing: not a keystroke that counts
    sitting = current_sitting(writer)
    assert (sitting.keystrokes, sitting.typed_chars) == (59, 58)
    assert (sitting.pasted_chars, sitting.paste_events, sitting.external_chars) == (0, 0, 0)
    assert sitting.revisions == 1 and sitting.longest_idle_seconds is not None

    signals = writer.effort_signals(writer.current_task_id or "")
    assert signals.status is RecordingStatus.RECORDED and signals.shares is not None
    assert signals.shares.typed >= 0.9 and signals.shares.pasted == 0.0
    assert not signals.needs_a_look and signals.flag_sentence() is None


def test_a_rewrite_pasted_whole_is_flagged_for_a_look(make_window: DriverFactory, demo_dir: Path) -> None:
    writer = make_window(demo_dir)
    writer.window.diff_view.rewrite_pane.selectAll()
    writer.paste_with_ctrl_v(PASTED)
    assert writer.rewrite_text() == PASTED
    sitting = current_sitting(writer)
    assert (sitting.pasted_chars, sitting.paste_events, sitting.largest_paste_chars) == (
        len(PASTED),
        1,
        len(PASTED),
    )
    assert (sitting.keystrokes, sitting.typed_chars) == (0, 0)  # Ctrl+V is a paste, not typing

    signals = writer.effort_signals(writer.current_task_id or "")
    assert signals.shares is not None and signals.shares.pasted >= 0.5
    assert signals.needs_a_look and "never a reason to reject" in (signals.flag_sentence() or "")


def test_drops_count_as_pastes_but_moving_own_text_counts_as_neither(
    make_window: DriverFactory, demo_dir: Path
) -> None:
    writer = make_window(demo_dir)
    writer.move_cursor_to_end()
    writer.drop(" Dropped in from a browser.")
    assert writer.rewrite_text().endswith("Dropped in from a browser.")
    writer.move_cursor_to_start()
    writer.drop("Moved. ", from_rewrite=True)
    writer.paste(plain="")  # an empty clipboard inserts nothing and counts nothing
    sitting = current_sitting(writer)
    assert (sitting.pasted_chars, sitting.paste_events) == (len(" Dropped in from a browser."), 1)
    assert sitting.typed_chars == 0


def test_dictation_and_input_methods_are_external_input_never_typing(
    make_window: DriverFactory, demo_dir: Path
) -> None:
    writer = make_window(demo_dir)
    writer.move_cursor_to_end()
    writer.dictate(" 返金は金曜日までに届きます")
    assert writer.rewrite_text().endswith("返金は金曜日までに届きます")
    sitting = current_sitting(writer)
    assert sitting.external_chars == len(" 返金は金曜日までに届きます")
    assert (sitting.typed_chars, sitting.keystrokes, sitting.pasted_chars) == (0, 0, 0)


def test_undo_and_redo_are_counted_however_they_are_asked_for(
    make_window: DriverFactory, demo_dir: Path
) -> None:
    writer = make_window(demo_dir)
    writer.move_cursor_to_end()
    writer.type(" More")
    writer.press_key(Qt.Key.Key_Z, CTRL)  # the shortcut in the pane
    writer.redo_in_rewrite()
    writer.trigger("undo")  # Edit ▸ Undo
    writer.undo_in_rewrite()  # nothing left to undo: nothing happens, nothing counted
    writer.press_key(Qt.Key.Key_Z, CTRL)
    writer.type("!")
    writer.undo_from_context_menu()
    sitting = current_sitting(writer)
    assert (sitting.undo_count, sitting.redo_count) == (3, 1)
    assert (sitting.keystrokes, sitting.typed_chars) == (6, 6)  # undo and redo are not typing


def test_revisions_count_the_saves_that_changed_the_text(make_window: DriverFactory, demo_dir: Path) -> None:
    writer = make_window(demo_dir)
    writer.move_cursor_to_end()
    for word in (" one", " two"):
        writer.type(word)
        writer.wait_saved()
    writer.write_notes("a note changes the rewrite but not its text")
    assert current_sitting(writer).revisions == 2


def another_task(writer: WriterDriver) -> str:
    ids = [row.id for row in writer.context.store.tasks.queue()]
    return next(task_id for task_id in ids if task_id != writer.current_task_id)


def test_switched_off_every_count_is_not_recorded_and_so_is_the_next_sitting(
    make_window: DriverFactory, demo_dir: Path
) -> None:
    writer = make_window(demo_dir)
    task_id = writer.current_task_id
    assert task_id is not None
    writer.move_cursor_to_end()
    writer.type(" typed before")
    assert current_sitting(writer).keystrokes == len(" typed before")

    writer.set_recording_effort(False)
    assert writer.context.settings.record_effort() is False
    stored = current_sitting(writer)  # the sitting under way forgets what it had counted at once
    assert all(getattr(stored, name) is None for name in EFFORT_FIELDS)
    writer.paste(plain=PASTED)
    writer.type("x")
    stored = current_sitting(writer)
    assert all(getattr(stored, name) is None for name in EFFORT_FIELDS)
    assert stored.active_seconds >= 0.0 and stored.ended_at >= stored.started_at  # time is kept

    assert writer.open_task(another_task(writer)) and writer.open_task(task_id)
    writer.type("y")
    later = current_sitting(writer)
    assert all(getattr(later, name) is None for name in EFFORT_FIELDS)
    assert len(writer.work_sessions(task_id)) == 2
    signals = writer.effort_signals(task_id)
    assert signals.status is RecordingStatus.NOT_RECORDED and signals.shares is None
    assert signals.keystrokes is None and not signals.needs_a_look


def test_switched_back_on_the_next_sitting_is_recorded_and_the_task_partly(
    make_window: DriverFactory, demo_dir: Path
) -> None:
    writer = make_window(demo_dir)
    task_id = writer.current_task_id
    assert task_id is not None
    writer.set_recording_effort(False)
    writer.move_cursor_to_end()
    writer.type(" off")
    writer.set_recording_effort(True)
    writer.type(" on")  # the same sitting: still not recorded, its counts would be partial
    assert current_sitting(writer).keystrokes is None

    assert writer.open_task(another_task(writer)) and writer.open_task(task_id)
    writer.move_cursor_to_end()
    writer.type(" again")
    assert current_sitting(writer).keystrokes == len(" again")
    signals = writer.effort_signals(task_id)
    assert signals.status is RecordingStatus.PARTLY_RECORDED and signals.status == "partly recorded"
    assert signals.shares is None  # never a share over part of the work


def test_the_store_holds_counts_never_what_was_typed_or_pasted(
    make_window: DriverFactory, demo_dir: Path
) -> None:
    writer = make_window(demo_dir)
    writer.move_cursor_to_end()
    writer.type(" Zanzibarquux")
    writer.paste(plain=" Quetzalcoatlus")
    writer.dictate(" Xylophonix")
    sitting = current_sitting(writer)
    rows = writer.context.store.database.conn.execute(
        "SELECT * FROM work_sessions WHERE id = ?", (sitting.id,)
    ).fetchall()
    assert len(rows) == 1 and all(isinstance(value, (int, float, str)) or value is None for value in rows[0])
    for word in ("Zanzibarquux", "Quetzalcoatlus", "Xylophonix"):
        assert word not in repr(rows)
    assert (sitting.typed_chars, sitting.pasted_chars, sitting.external_chars) == (13, 15, 11)


def test_what_a_key_press_types() -> None:
    assert [typed_length(key) for key in ("a", "é", "\r", "\x08", "\x7f", "\t", "")] == [1, 1, 1, 0, 0, 0, 0]
