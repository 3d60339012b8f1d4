"""The review window's QActions (from the review shortcut table) and its menus."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from workstation.gui.common import menus
from workstation.gui.common.shortcuts import REVIEW_BY_ACTION

REVIEW_MENU_LAYOUT: menus.MenuLayout = (
    ("&File", ("open_bundles", "-", "writer_mode", "-", "preferences", "lock_key", "-", "quit")),
    (
        "&Review",
        (
            "accept",
            "revise",
            "reject",
            "-",
            "comment_span",
            "undo_verdict",
            "-",
            "next_item",
            "previous_item",
            "next_change",
            "previous_change",
            "-",
            "seal_verdicts",
        ),
    ),
    (
        "&View",
        (
            "toggle_inline",
            "show_batch",
            "-",
            "zoom_in",
            "zoom_out",
            "-",
            "theme",
            "-",
            "focus_queue",
            "focus_panes",
            "focus_comment",
        ),
    ),
    ("&Help", ("cheatsheet",)),
)
CHECKABLE = {"toggle_inline", "show_batch"}
EXTRA_LABELS = {"writer_mode": "Switch to writing", "lock_key": "Lock signing key"}
AUDIT_ONLY_ACTIONS = (
    "accept",
    "revise",
    "reject",
    "comment_span",
    "undo_verdict",
    "next_item",
    "previous_item",
    "next_change",
    "previous_change",
)
"""Keys that act on the open item: off while the Batch tab hides it, so no verdict goes unseen."""


def build_review_actions(owner: QWidget) -> dict[str, QAction]:
    return menus.build_actions(owner, REVIEW_BY_ACTION, checkable=CHECKABLE, extra_labels=EXTRA_LABELS)


def build_review_menus(menubar: QMenuBar, actions: dict[str, QAction], submenus: dict[str, QMenu]) -> None:
    menus.build_menus(menubar, REVIEW_MENU_LAYOUT, actions, submenus)
