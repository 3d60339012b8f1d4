"""The Find bar as a writer uses it, for GUI tests: keys in the panes and the bar, what it shows.
Reached as ``WriterDriver.find``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workstation.gui.writer.window import WriterWindow

_SHIFT = Qt.KeyboardModifier.ShiftModifier
_CTRL = Qt.KeyboardModifier.ControlModifier


class FindDriver:
    def __init__(self, window: WriterWindow, qtbot: QtBot) -> None:
        self._window = window
        self._view = window.diff_view
        self._bar = window.diff_view.find_bar
        self._qtbot = qtbot

    def _pane_widget(self, side: str):  # type: ignore[no-untyped-def]
        return self._view.rewrite_pane if side == "rewrite" else self._view.original_pane

    def press_in_pane(self, side: str, key: Qt.Key, modifiers: Qt.KeyboardModifier = _CTRL) -> None:
        """Click into a pane and press a key there (Ctrl+F, Ctrl+H, F3 …); shortcuts reach the window."""
        pane = self._pane_widget(side)
        self._window.activateWindow()
        pane.setFocus()
        self._qtbot.keyClick(pane, key, modifiers)

    def search(self, text: str) -> None:
        """Type ``text`` into the Find box (it replaces what the box held)."""
        self._bar.find_box.clear()
        self._qtbot.keyClicks(self._bar.find_box, text)

    def press_enter(self, *, shift: bool = False, in_replace: bool = False) -> None:
        box = self._bar.replace_box if in_replace else self._bar.find_box
        self._qtbot.keyClick(box, Qt.Key.Key_Return, _SHIFT if shift else Qt.KeyboardModifier.NoModifier)

    def press_escape(self) -> None:
        self._qtbot.keyClick(self._bar.find_box, Qt.Key.Key_Escape)

    def set_match_case(self, on: bool) -> None:
        self._bar.match_case.setChecked(on)

    def set_whole_word(self, on: bool) -> None:
        self._bar.whole_word.setChecked(on)

    def set_replacement(self, text: str) -> None:
        self._bar.replace_box.clear()
        self._qtbot.keyClicks(self._bar.replace_box, text)

    def click_replace(self) -> None:
        self._qtbot.mouseClick(self._bar.replace_button, Qt.MouseButton.LeftButton)

    def click_replace_all(self) -> None:
        self._qtbot.mouseClick(self._bar.replace_all_button, Qt.MouseButton.LeftButton)

    # ------------------------------------------------------------------ what the writer sees
    def is_open(self) -> bool:
        return self._bar.isVisible()

    def count(self) -> str:
        """The count beside the Find box: "3 of 12", "No matches", "Replaced 4"."""
        return self._bar.count_text()

    def replace_offered(self) -> bool:
        return self._bar.isVisible() and self._bar.replace_box.isVisible()

    def searched_side(self) -> str | None:
        pane = self._bar.pane
        return None if pane is None else ("rewrite" if pane is self._view.rewrite_pane else "original")

    def selection(self, side: str) -> str:
        """The selected text of a pane (a found match is selected)."""
        return self._pane_widget(side).textCursor().selectedText()

    def selection_start(self, side: str) -> int:
        """Where a pane's selection starts, in code points."""
        pane = self._pane_widget(side)
        return pane.utf16_index().to_codepoint(pane.textCursor().selectionStart())

    def focus_in_find_box(self) -> bool:
        return QApplication.focusWidget() is self._bar.find_box

    def pane_has_focus(self, side: str) -> bool:
        return QApplication.focusWidget() is self._pane_widget(side)
