"""QActions for every shortcut, and the menus that hold them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from workstation.gui.common.shortcuts import BY_ACTION, sequences_for
from workstation.gui.common.theme import THEME_LABELS, ThemeChoice

MENU_LAYOUT: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "&File",
        (
            "import",
            "import_verdicts",
            "export",
            "-",
            "open_data_dir",
            "recent",
            "-",
            "preferences",
            "-",
            "quit",
        ),
    ),
    ("&Edit", ("undo", "redo", "-", "save", "-", "reset_rewrite", "start_empty")),
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
CHECKABLE = {"toggle_inline", "toggle_guidelines", "toggle_outbox"}
EXTRA_LABELS = {
    "about": "About Rewrite Workstation",
    "open_data_dir": "Open data folder…",
    "import_verdicts": "Import verdicts…",
    "timesheet": "Timesheet…",
}


def build_actions(owner: QWidget) -> dict[str, QAction]:
    """One QAction per shortcut entry, added to ``owner`` so the keys work anywhere in the window."""
    actions: dict[str, QAction] = {}
    for name, shortcut in BY_ACTION.items():
        action = QAction(shortcut.label, owner)
        action.setObjectName(f"action_{name}")
        action.setShortcuts(sequences_for(name))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(name in CHECKABLE)
        owner.addAction(action)
        actions[name] = action
    for name, label in EXTRA_LABELS.items():
        action = QAction(label, owner)
        action.setObjectName(f"action_{name}")
        actions[name] = action
    return actions


def build_menus(menubar: QMenuBar, actions: dict[str, QAction], submenus: dict[str, QMenu]) -> None:
    """Fill the menu bar; names in ``submenus`` (recent, theme) are inserted as sub-menus."""
    for title, names in MENU_LAYOUT:
        menu = menubar.addMenu(title)
        for name in names:
            if name == "-":
                menu.addSeparator()
            elif name in submenus:
                menu.addMenu(submenus[name])
            else:
                menu.addAction(actions[name])


def build_theme_menu(
    parent: QWidget, group: QActionGroup, current: ThemeChoice, choose: Callable[[ThemeChoice], None]
) -> QMenu:
    """View ▸ Theme: one checkable entry per choice, exclusive through ``group``."""
    menu = QMenu("Theme", parent)
    for choice, label in THEME_LABELS.items():
        action = QAction(label, parent, checkable=True)
        action.setChecked(choice is current)
        action.triggered.connect(lambda _=False, ch=choice: choose(ch))
        group.addAction(action)
        menu.addAction(action)
    return menu
