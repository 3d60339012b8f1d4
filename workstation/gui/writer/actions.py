"""QActions for every shortcut, and the menus that hold them."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from workstation.gui.common import menus as common_menus
from workstation.gui.common.menus import build_theme_menu
from workstation.gui.common.shortcuts import BY_ACTION

__all__ = ["build_actions", "build_menus", "build_theme_menu"]

MENU_LAYOUT: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "&File",
        (
            "import",
            "import_verdicts",
            "load_project",
            "export",
            "-",
            "open_data_dir",
            "recent",
            "-",
            "review_mode",
            "-",
            "preferences",
            "lock_key",
            "-",
            "quit",
        ),
    ),
    (
        "&Edit",
        (
            "undo",
            "redo",
            "-",
            "cut",
            "copy",
            "paste",
            "select_all",
            "-",
            "find",
            "replace",
            "find_next",
            "find_previous",
            "-",
            "save",
            "-",
            "reset_rewrite",
            "start_empty",
        ),
    ),
    (
        "&Task",
        (
            "submit",
            "skip",
            "flag",
            "-",
            "next_task",
            "previous_task",
            "-",
            "next_change",
            "previous_change",
            "-",
            "seal",
            "upload",
            "timesheet",
        ),
    ),
    (
        "&Rubric",
        ("rate_1", "rate_2", "rate_3", "rate_4", "rate_5", "-", "next_criterion", "previous_criterion"),
    ),
    (
        "&View",
        (
            "toggle_inline",
            "toggle_guidelines",
            "toggle_outbox",
            "toggle_preview",
            "-",
            "zoom_in",
            "zoom_out",
            "-",
            "theme",
            "-",
            "focus_search",
            "focus_queue",
            "focus_rewrite",
            "focus_notes",
        ),
    ),
    ("&Help", ("cheatsheet", "about")),
)
CHECKABLE = {"toggle_inline", "toggle_guidelines", "toggle_outbox", "toggle_preview"}
EXTRA_LABELS = {
    "about": "About Rewrite Workstation",
    "open_data_dir": "Open data folder…",
    "import_verdicts": "Import verdicts…",
    "timesheet": "Timesheet…",
    "review_mode": "Switch to reviewing",
    "lock_key": "Lock signing key",
    "load_project": "Load project settings…",
}


def build_actions(owner: QWidget) -> dict[str, QAction]:
    """One QAction per shortcut entry, added to ``owner`` so the keys work anywhere in the window."""
    return common_menus.build_actions(owner, BY_ACTION, checkable=CHECKABLE, extra_labels=EXTRA_LABELS)


def build_menus(menubar: QMenuBar, actions: dict[str, QAction], submenus: dict[str, QMenu]) -> None:
    """Fill the menu bar; names in ``submenus`` (recent, theme) are inserted as sub-menus."""
    common_menus.build_menus(menubar, MENU_LAYOUT, actions, submenus)
