"""Find and Find & Replace in the writer's panes, as the writer uses them from the keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui.conftest import DriverFactory
from tests.gui.writer_driver import WriterDriver

TEXT = "The cat sat. A Cat ran. concatenate the cat! The end."
NONE = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _writer_with(make_window: DriverFactory, demo_dir: Path, text: str = TEXT) -> WriterDriver:
    writer = make_window(demo_dir)
    writer.replace_rewrite(text)
    writer.move_cursor_to_start()
    return writer


def test_ctrl_f_finds_in_the_rewrite_with_a_count_next_and_previous(
    make_window: DriverFactory, demo_dir: Path
) -> None:
    writer = _writer_with(make_window, demo_dir)
    writer.find.press_in_pane("rewrite", Qt.Key.Key_F)
    assert writer.find.is_open() and writer.find.focus_in_find_box()
    writer.find.search("cat")
    assert writer.find.count() == "1 of 4"  # "cat", "Cat", "con-cat-enate", "cat"
    assert writer.find.selection("rewrite") == "cat" and writer.find.selection_start("rewrite") == 4
    writer.find.press_enter()
    assert writer.find.count() == "2 of 4" and writer.find.selection("rewrite") == "Cat"
    writer.find.press_in_pane("rewrite", Qt.Key.Key_F3, NONE)
    assert writer.find.count() == "3 of 4"
    writer.find.press_enter(shift=True)
    assert writer.find.count() == "2 of 4"
    writer.find.press_in_pane("rewrite", Qt.Key.Key_F3, SHIFT)
    writer.find.press_in_pane("rewrite", Qt.Key.Key_F3, SHIFT)
    assert writer.find.count() == "4 of 4"  # wrapped round to the last
    writer.find.search("zebra")
    assert writer.find.count() == "No matches"


def test_match_case_and_whole_word(make_window: DriverFactory, demo_dir: Path) -> None:
    writer = _writer_with(make_window, demo_dir)
    writer.find.press_in_pane("rewrite", Qt.Key.Key_F)
    writer.find.search("cat")
    writer.find.set_match_case(True)
    assert writer.find.count() == "1 of 3"
    writer.find.set_whole_word(True)
    assert writer.find.count() == "1 of 2"
    writer.find.press_enter()
    assert writer.find.selection_start("rewrite") == TEXT.index("the cat!") + 4
    writer.find.set_match_case(False)
    assert writer.find.count().endswith("of 3")


def test_an_emoji_before_the_match_does_not_shift_it(make_window: DriverFactory, demo_dir: Path) -> None:
    text = "😀👍🏽 emoji first, then the word target and 🎉 target again"
    writer = _writer_with(make_window, demo_dir, text)
    writer.find.press_in_pane("rewrite", Qt.Key.Key_F)
    writer.find.search("target")
    assert writer.find.selection("rewrite") == "target"
    assert writer.find.selection_start("rewrite") == text.index("target")
    writer.find.press_enter()
    assert writer.find.selection("rewrite") == "target"
    assert writer.find.selection_start("rewrite") == text.rindex("target")


def test_replace_one_then_replace_all_undone_in_one_step(make_window: DriverFactory, demo_dir: Path) -> None:
    writer = _writer_with(make_window, demo_dir)
    writer.find.press_in_pane("rewrite", Qt.Key.Key_H)
    assert writer.find.replace_offered()
    writer.find.search("cat")
    writer.find.set_whole_word(True)
    writer.find.set_replacement("dog")
    writer.find.click_replace()
    assert writer.rewrite_text() == TEXT.replace("The cat", "The dog", 1)
    assert writer.find.selection("rewrite") == "Cat"  # moved on to the next match
    with writer.wait_for_comparison():
        writer.find.click_replace_all()
    assert writer.rewrite_text() == "The dog sat. A dog ran. concatenate the dog! The end."
    assert writer.find.count() == "Replaced 2"
    writer.wait_saved()
    assert writer.stored_rewrite(writer.current_task_id or "").text == writer.rewrite_text()  # type: ignore[union-attr]

    writer.find.press_escape()
    writer.press_key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert writer.rewrite_text() == TEXT.replace("The cat", "The dog", 1)  # both at once
    writer.wait_saved()
    sitting = writer.work_sessions(writer.current_task_id or "")[-1]
    # A replacement is neither typing nor a paste; the undo is counted as an undo.
    assert (sitting.typed_chars, sitting.pasted_chars, sitting.paste_events) == (0, 0, 0)


def test_replace_with_no_match_changes_nothing(make_window: DriverFactory, demo_dir: Path) -> None:
    writer = _writer_with(make_window, demo_dir)
    writer.find.press_in_pane("rewrite", Qt.Key.Key_H)
    writer.find.search("zebra")
    writer.find.set_replacement("dog")
    writer.find.click_replace()
    writer.find.click_replace_all()
    assert writer.rewrite_text() == TEXT
    assert writer.find.count() == "No matches"


def test_escape_closes_the_bar_and_returns_focus_to_the_pane(
    make_window: DriverFactory, demo_dir: Path
) -> None:
    writer = _writer_with(make_window, demo_dir)
    writer.find.press_in_pane("original", Qt.Key.Key_F)
    assert writer.find.searched_side() == "original"
    writer.find.search("the")
    writer.find.press_escape()
    assert not writer.find.is_open()
    assert writer.find.pane_has_focus("original")


def test_the_original_is_searched_but_offers_no_replace(make_window: DriverFactory, demo_dir: Path) -> None:
    writer = _writer_with(make_window, demo_dir)
    word = writer.original_text().split()[1]
    writer.find.press_in_pane("original", Qt.Key.Key_F)
    assert writer.find.is_open() and not writer.find.replace_offered()
    writer.find.search(word)
    assert writer.find.selection("original").lower() == word.lower()
    assert writer.find.count().startswith("1 of ")
    writer.find.press_enter(in_replace=True)  # the hidden box does nothing to the original
    assert writer.original_text() == writer.original_as_displayed()
    # Ctrl+H always means the rewrite, which can be edited.
    writer.find.press_in_pane("original", Qt.Key.Key_H)
    assert writer.find.searched_side() == "rewrite" and writer.find.replace_offered()


def test_queue_search_has_its_own_shortcut(make_window: DriverFactory, demo_dir: Path) -> None:
    writer = make_window(demo_dir)
    assert writer.shortcuts("focus_search") == ["Ctrl+K"]
    assert "Ctrl+F" in writer.shortcuts("find") and "Ctrl+H" in writer.shortcuts("replace")
    writer.find.press_in_pane("rewrite", Qt.Key.Key_K)
    assert writer.queue.search_has_focus()
    assert not writer.find.is_open()


def test_edit_menu_has_the_standard_entries(make_window: DriverFactory, demo_dir: Path) -> None:
    writer = make_window(demo_dir)
    edit = next(m for m in writer.window.menuBar().actions() if m.text() == "&Edit").menu()
    labels = [action.text() for action in edit.actions() if not action.isSeparator()]  # type: ignore[union-attr]
    for label in ("Undo", "Redo", "Cut", "Copy", "Paste", "Select all", "Find in the pane…"):
        assert label in labels
    writer.replace_rewrite("copy me")
    writer.find.press_in_pane("rewrite", Qt.Key.Key_A)
    writer.trigger("select_all")
    writer.trigger("cut")
    assert writer.rewrite_text() == ""
    writer.trigger("paste")
    writer.trigger("paste")
    assert writer.rewrite_text() == "copy mecopy me"
