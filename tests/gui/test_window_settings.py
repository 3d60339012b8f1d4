"""Shortcuts, cheat sheet, themes, zoom, layout persistence and switching data folders."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from tests.gui.writer_driver import WriterDriver
from workstation.core.demo import create_demo_data_dir
from workstation.gui.app import AppController
from workstation.gui.common.settings import AppSettings
from workstation.gui.common.shortcuts import SHORTCUTS, cheatsheet_rows
from workstation.gui.common.theme import ThemeChoice, is_dark
from workstation.gui.dialogs.cheatsheet import CheatSheetDialog


def test_every_action_has_a_shortcut_and_no_two_collide(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    seen: dict[str, str] = {}
    for shortcut in SHORTCUTS:
        keys = writer.shortcuts(shortcut.action)
        assert keys, f"{shortcut.action} has no key"
        for key in keys:
            assert key not in seen, f"{key} is bound to {seen.get(key)} and {shortcut.action}"
            seen[key] = shortcut.action


def test_cheat_sheet_lists_every_shortcut(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = CheatSheetDialog()
    qtbot.addWidget(dialog)
    groups = cheatsheet_rows()
    assert dialog.row_count() == len(groups) + len(SHORTCUTS)
    labels = {dialog.tree.topLevelItem(i).text(0) for i in range(dialog.row_count())}
    assert {s.label for s in SHORTCUTS} <= labels
    submit_row = next(
        dialog.tree.topLevelItem(i)
        for i in range(dialog.row_count())
        if dialog.tree.topLevelItem(i).text(0).startswith("Submit")
    )
    assert "Ctrl+Return" in submit_row.text(1)


def test_dark_theme_switches_palette_and_highlight_colours(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.view.set_theme(ThemeChoice.LIGHT)
    light_insert = writer.view.highlight_colors().inserted_bg
    with writer.wait_for_event("theme_changed") as blocker:
        writer.view.set_theme(ThemeChoice.DARK)
    assert blocker.args == [ThemeChoice.DARK]
    assert is_dark(QApplication.instance().palette())
    assert writer.view.highlight_colors().inserted_bg != light_insert
    assert writer.context.settings.theme() is ThemeChoice.DARK
    writer.view.set_theme(ThemeChoice.LIGHT)
    assert QApplication.instance().palette().color(QPalette.ColorRole.Base).lightnessF() > 0.5


def test_font_size_inline_view_and_splitters_persist(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    before = writer.view.font_size()
    writer.trigger("zoom_in")
    writer.trigger("zoom_in")
    assert writer.view.font_size() == before + 2
    writer.view.set_main_splitter_sizes([300, 800, 300])
    writer.set_checked("toggle_inline", True)
    sizes_before = writer.view.main_splitter_sizes()
    writer.quit()
    reopened = make_window(demo_dir)
    assert reopened.view.font_size() == before + 2
    assert reopened.view.is_inline()
    assert abs(reopened.view.main_splitter_sizes()[0] - sizes_before[0]) <= 2


def test_switching_data_folders_closes_one_store_and_opens_the_other(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = create_demo_data_dir(tmp_path / "first")
    second = create_demo_data_dir(tmp_path / "second")
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    controller = AppController(QApplication.instance(), settings)
    assert controller.open(first) is None
    writer = WriterDriver(controller.window, qtbot)
    qtbot.waitUntil(lambda: writer.current_task_id is not None, timeout=2000)
    writer.context.events.data_dir_requested.emit(second)
    assert controller.window is not writer.window and controller.window.context.data_dir == second
    assert settings.recent_data_dirs()[:2] == [second, first]
    # The first folder is free again: another instance could open it now.
    other = AppController(QApplication.instance(), settings)
    assert other.open(first) is None
    assert controller.open(first) is not None  # but not twice
    other.window.close()
    other.shutdown()
    controller.window.close()
    controller.shutdown()
