"""Building a window's QActions from a shortcut table and its menus from a layout (both windows).

A layout is ``((menu title, (action name | "-" | sub-menu name, …)), …)``; "-" is a separator.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from workstation.gui.common.shortcuts import Shortcut, sequences_for
from workstation.gui.common.theme import THEME_LABELS, ThemeChoice

MenuLayout = tuple[tuple[str, tuple[str, ...]], ...]


def build_actions(
    owner: QWidget,
    table: dict[str, Shortcut],
    *,
    checkable: Collection[str] = (),
    extra_labels: Mapping[str, str] | None = None,
) -> dict[str, QAction]:
    """One QAction per entry of ``table``, added to ``owner`` so the keys work anywhere in the
    window, plus actions without a key for ``extra_labels`` (name → label)."""
    actions: dict[str, QAction] = {}
    for name, shortcut in table.items():
        action = QAction(shortcut.label, owner)
        action.setObjectName(f"action_{name}")
        action.setShortcuts(sequences_for(name, table))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(name in checkable)
        owner.addAction(action)
        actions[name] = action
    for name, label in (extra_labels or {}).items():
        action = QAction(label, owner)
        action.setObjectName(f"action_{name}")
        actions[name] = action
    return actions


def build_menus(
    menubar: QMenuBar, layout: MenuLayout, actions: dict[str, QAction], submenus: dict[str, QMenu]
) -> None:
    """Fill the menu bar; names in ``submenus`` (recent, theme) are inserted as sub-menus."""
    for title, names in layout:
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


def check_theme(group: QActionGroup, choice: ThemeChoice) -> None:
    """Check ``choice``'s entry in a menu :func:`build_theme_menu` made (the theme changed elsewhere)."""
    for action in group.actions():
        action.setChecked(action.text() == THEME_LABELS[choice])
