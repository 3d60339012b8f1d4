"""The editor area of a window without tasks, for GUI tests: what the writer sees there and the
two ways out (import a file, try the demo). Reached as ``WriterDriver.empty``."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from workstation.gui.writer.empty_state import TASK_ACTIONS
from workstation.gui.writer.window import WriterWindow

WAIT_MS = 10_000
"""How long adding the demo project (a few dozen tasks) may take on a loaded machine."""


class EmptyStateDriver:
    def __init__(self, window: WriterWindow, qtbot: QtBot) -> None:
        self._window = window
        self._state = window.availability.empty_state
        self._qtbot = qtbot

    def is_shown(self) -> bool:
        """Whether the writer sees the "no tasks yet" hint in place of the panes."""
        return self._state.isVisible()

    def panes_shown(self) -> bool:
        """Whether the prompt and the two panes are on screen."""
        return self._window.diff_view.isVisible() and self._window.context_view.isVisible()

    def text(self) -> str:
        """Everything the hint says, its buttons included, one line each."""
        state = self._state
        parts = (state.heading, state.hint, state.import_button, state.demo_button, state.folder)
        return "\n".join(part.text() for part in parts)

    def problem(self) -> str:
        """The warning under the buttons ('' when none is shown)."""
        return self._state.problem.text() if self._state.problem.isVisible() else ""

    def click_import(self) -> None:
        """Press "Import a file…" (File ▸ Import)."""
        self._state.import_button.click()

    def click_demo(self) -> None:
        """Press "Try the demo project", without waiting."""
        self._state.demo_button.click()

    def demo_button_enabled(self) -> bool:
        return self._state.demo_button.isEnabled()

    def try_demo(self, timeout: int = WAIT_MS) -> None:
        """Press "Try the demo project" and wait until its first task is open."""
        self.click_demo()
        self._qtbot.waitUntil(lambda: self._window.session.task is not None, timeout=timeout)

    def enabled_task_actions(self) -> list[str]:
        """Which menu entries that work on a task the writer can use now."""
        actions = self._window.actions_by_name
        return [name for name in TASK_ACTIONS if actions[name].isEnabled()]

    def side_panel_enabled(self) -> bool:
        """Whether the rubric, tags, notes and status buttons take input."""
        panel = self._window.side_panel
        return panel.isEnabled() and panel.submit_button.isEnabled()

    def side_panel_status(self) -> str:
        """The status line at the top of the side panel."""
        return self._window.side_panel.status_label.text()
