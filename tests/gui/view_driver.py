"""How the writer's window looks, for GUI tests: the inline view, font size, theme, splitters and
the Preferences that change them. Reached as ``WriterDriver.view``."""

from __future__ import annotations

from workstation.gui.common.theme import HighlightColors, ThemeChoice
from workstation.gui.dialogs.preferences.dialog import Preferences
from workstation.gui.writer.window import WriterWindow


class ViewDriver:
    def __init__(self, window: WriterWindow) -> None:
        self._window = window
        self._diff_view = window.diff_view

    def inline_text(self) -> str:
        """The track-changes view's text."""
        return self._diff_view.inline_view.toPlainText()

    def is_inline(self) -> bool:
        """Whether the track-changes view replaces the two panes."""
        return self._diff_view.is_inline()

    def font_size(self) -> int:
        """The rewrite pane's font size in points."""
        return self._diff_view.rewrite_pane.font().pointSize()

    def highlight_colors(self) -> HighlightColors:
        """The colours the diff and lint marks are painted in now."""
        return self._diff_view.colors

    def main_splitter_sizes(self) -> list[int]:
        """Widths of queue | centre | side panel, in pixels."""
        return self._window.main_splitter.sizes()

    def set_main_splitter_sizes(self, widths: list[int]) -> None:
        """Drag the main splitter to ``widths`` pixels."""
        self._window.main_splitter.setSizes(widths)

    def set_theme(self, choice: ThemeChoice) -> None:
        """View ▸ Theme."""
        self._window.context.set_theme(choice)

    def apply_preferences(self, prefs: Preferences) -> None:
        """What pressing OK in Preferences applies."""
        self._window.apply_preferences(prefs)
