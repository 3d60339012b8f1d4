"""A data folder without tasks says what to do, and claims nothing: no enabled Submit, no pane to
type into, no "All changes saved". Importing a file or trying the demo ends the empty state and
opens the first task; a search that matches nothing is not an empty folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import DriverFactory
from tests.gui.task_files import write_tasks
from tests.gui.writer_driver import WriterDriver
from workstation.gui.dialogs.transfer_dialogs import ImportOptions
from workstation.gui.writer.empty_state import NO_TASK_STATUS, TASK_ACTIONS
from workstation.gui.writer.rubric_widget import RatingButton

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def empty_writer(make_window: DriverFactory, tmp_path: Path) -> WriterDriver:
    """A writer on a brand-new data folder: no project, no task."""
    folder = tmp_path / "empty-data"
    folder.mkdir()
    return make_window(folder)


def _choose_in_import_dialog(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    """The writer picks ``paths`` in File ▸ Import's dialog and presses Import."""
    options = ImportOptions(tuple(paths), "Imported", None)
    monkeypatch.setattr("workstation.gui.dialogs.transfer_dialogs.ask_import_options", lambda *_a: options)


def _assert_nothing_needs_a_task(writer: WriterDriver) -> None:
    assert writer.empty.enabled_task_actions() == []
    assert not writer.empty.side_panel_enabled()
    assert writer.is_read_only("rewrite")
    assert writer.save_line() == NO_TASK_STATUS  # not "All changes saved"
    assert writer.empty.side_panel_status() == NO_TASK_STATUS


def test_an_empty_folder_says_what_to_do_and_offers_nothing_that_needs_a_task(
    empty_writer: WriterDriver, message_boxes: list[tuple[str, str]]
) -> None:
    writer = empty_writer
    assert writer.empty.is_shown() and not writer.empty.panes_shown()
    shown = writer.empty.text()
    assert "No tasks in this data folder yet" in shown
    assert "Import a file…" in shown and "Try the demo project" in shown
    assert str(writer.context.data_dir) in shown  # which folder is empty, in case it is the wrong one
    _assert_nothing_needs_a_task(writer)
    assert writer.queue.count_text() == "No tasks yet"
    writer.type("Words with nowhere to go")
    writer.press_ctrl_return()
    for name in ("submit", "skip", "flag", "next_task", "save"):
        writer.trigger(name)
    assert writer.rewrite_text() == ""
    assert message_boxes == []
    assert writer.current_task_id is None
    writer.drain_operations()
    stats = writer.store_stats()
    assert (stats["tasks"], stats["active_seconds"], stats["projects"]) == (0, 0, [])


def test_trying_the_demo_opens_its_first_task_and_every_task_action(empty_writer: WriterDriver) -> None:
    writer = empty_writer
    writer.empty.try_demo()
    assert not writer.empty.is_shown() and writer.empty.panes_shown()
    assert writer.task_count() > 0 and writer.queue.size() == writer.task_count()
    assert writer.empty.enabled_task_actions() == list(TASK_ACTIONS)
    assert writer.empty.side_panel_enabled() and not writer.is_read_only("rewrite")
    assert writer.empty.side_panel_status().startswith("Status:")
    assert writer.window.side_panel.rubric.findChildren(RatingButton)  # the demo's rubric, to rate
    writer.type_at_start("Honestly, ")
    writer.wait_saved()
    assert writer.save_line() == "All changes saved"
    task_id = writer.current_task_id
    assert task_id is not None
    stored = writer.stored_rewrite(task_id)
    assert stored is not None and stored.text.startswith("Honestly, ")


def test_importing_into_an_empty_window_from_its_button_opens_the_first_imported_task(
    empty_writer: WriterDriver,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
) -> None:
    writer = empty_writer
    _choose_in_import_dialog(monkeypatch, write_tasks(tmp_path / "three.jsonl", 3))
    with writer.transfers.wait_for_import():
        writer.empty.click_import()
    writer.qtbot.waitUntil(lambda: writer.current_task_id is not None, timeout=3000)
    assert writer.current_task_id == "imp-0"
    assert writer.original_text() == "Response number 0."
    assert not writer.empty.is_shown() and writer.empty.panes_shown()
    assert writer.empty.side_panel_enabled() and "submit" in writer.empty.enabled_task_actions()
    assert writer.queue.count_text() == "3 tasks"
    assert message_boxes == []  # a good import is told in the status line, not in a window
    assert writer.status_message() == "Imported 3 tasks from three.jsonl"


def test_an_import_that_adds_no_task_leaves_the_empty_state_as_it_was(
    empty_writer: WriterDriver,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
) -> None:
    writer = empty_writer
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    _choose_in_import_dialog(monkeypatch, broken)
    with writer.transfers.wait_for_import():
        writer.trigger("import")
    writer.drain_operations()
    assert writer.empty.is_shown()
    _assert_nothing_needs_a_task(writer)
    assert message_boxes and message_boxes[0][0] == "Import finished"


def test_a_demo_that_cannot_be_added_says_why_and_can_be_tried_again(
    empty_writer: WriterDriver, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = empty_writer

    def full_disk(_store: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("workstation.gui.writer.empty_state.populate_demo", full_disk)
    writer.empty.click_demo()
    writer.qtbot.waitUntil(lambda: writer.empty.problem() != "", timeout=3000)
    assert "could not be added" in writer.empty.problem() and "No space left" in writer.empty.problem()
    assert writer.empty.demo_button_enabled() and writer.empty.is_shown()
    _assert_nothing_needs_a_task(writer)
    monkeypatch.undo()
    writer.empty.try_demo()
    assert writer.empty.problem() == "" and not writer.empty.is_shown()


def test_a_search_that_matches_nothing_keeps_the_open_task_usable(
    make_window: DriverFactory, demo_dir: Path
) -> None:
    writer = make_window(demo_dir)
    task_id = writer.current_task_id
    assert task_id is not None
    writer.queue.search("no task has these words zqxv")
    writer.qtbot.waitUntil(lambda: writer.queue.size() == 0, timeout=3000)
    total = writer.task_count()
    assert writer.queue.count_text() == f"No task matches the search or filter ({total:,} in all)"
    assert not writer.empty.is_shown() and writer.empty.panes_shown()
    assert writer.current_task_id == task_id and "submit" in writer.empty.enabled_task_actions()
    writer.type_at_start("Still here. ")
    writer.wait_saved()
    stored = writer.stored_rewrite(task_id)
    assert stored is not None and stored.text.startswith("Still here. ")
    writer.trigger("next_task")  # nothing listed to step to: the task stays open
    assert writer.current_task_id == task_id


def test_a_seal_without_a_task_does_not_unlock_the_rewrite_pane(empty_writer: WriterDriver) -> None:
    writer = empty_writer
    sealing = writer.window.outbox.sealing_changed
    sealing.emit(True)
    sealing.emit(False)
    _assert_nothing_needs_a_task(writer)
    writer.type("typed after a seal")
    assert writer.rewrite_text() == ""


def test_a_sitting_in_an_empty_folder_leaves_the_layout_for_the_next_folder(
    make_window: DriverFactory, tmp_path: Path, demo_dir: Path
) -> None:
    """The empty state hides the panes; the splitters it saves on quitting must still be the
    writer's, or the next folder would open with a collapsed side panel or pane."""

    def layout_on_reopening() -> tuple[list[int], list[int]]:
        writer = make_window(demo_dir)
        sizes = writer.view.main_splitter_sizes(), writer.window.diff_view.splitter.sizes()
        writer.quit()
        return sizes

    writer = make_window(demo_dir)
    writer.view.set_main_splitter_sizes([250, 800, 300])
    writer.quit()
    expected = layout_on_reopening()
    folder = tmp_path / "empty-data"
    folder.mkdir()
    make_window(folder).quit()
    assert layout_on_reopening() == expected
    assert min(expected[0] + expected[1]) > 100
