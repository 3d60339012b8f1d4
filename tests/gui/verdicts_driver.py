"""The reviewers' verdicts in the writer's window, for GUI tests. Reached as ``WriterDriver.verdicts``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QListWidgetItem
from pytestqt.qtbot import QtBot

from workstation.core.text.positions import Utf16Index
from workstation.core.verdicts.files import VerdictFilesOutcome
from workstation.gui.compare.text_pane import TextPane
from workstation.gui.writer.comment_marks import COMMENT_LAYER
from workstation.gui.writer.queue_model import RevisionRole
from workstation.gui.writer.window import WriterWindow

IMPORT_MS = 5000


class VerdictsDriver:
    def __init__(self, window: WriterWindow, qtbot: QtBot) -> None:
        self._window = window
        self._qtbot = qtbot
        self._box = window.side_panel.verdicts

    def import_files(self, *paths: Path) -> VerdictFilesOutcome:
        """File ▸ Import verdicts… with these files chosen; waits until the store holds them."""
        importer = self._window.verdict_import
        with self._qtbot.waitSignal(importer.finished, timeout=IMPORT_MS) as blocker:
            importer.start(list(paths))
        outcome: VerdictFilesOutcome = blocker.args[0]
        return outcome

    def report(self) -> tuple[str, str]:
        """The import's message box: (text, details behind "Show Details…")."""
        box = self._window.verdict_import.last_message
        assert box is not None
        return box.text(), box.detailedText()

    def shown(self) -> bool:
        return not self._box.isHidden()

    def panel_text(self) -> str:
        """What the side panel's verdict box says (reviewer, key, verdict, reason, comments)."""
        return self._box.summary.text()

    def anchored_items(self) -> list[str]:
        return [self._box.comment_list.item(i).text() for i in range(self._box.comment_list.count())]

    def choose_comment(self, number: int) -> None:
        item: QListWidgetItem = self._box.comment_list.item(number)
        self._box.comment_list.itemClicked.emit(item)

    def highlighted(self, side: str = "rewrite") -> list[str]:
        """The passages the anchored comments highlight on ``side`` (first paragraph), as text."""
        pane = (
            self._window.diff_view.rewrite_pane if side == "rewrite" else self._window.diff_view.original_pane
        )
        text = pane.text()
        index = Utf16Index(text)
        spans = pane.highlighter.spans_in_block(COMMENT_LAYER, 0)
        return [
            text[index.to_codepoint(start) : index.to_codepoint(start + length)] for start, length in spans
        ]

    def tooltip_at(self, code_point: int, side: str = "rewrite") -> str | None:
        pane = (
            self._window.diff_view.rewrite_pane if side == "rewrite" else self._window.diff_view.original_pane
        )
        assert pane.tooltip_provider is not None
        return pane.tooltip_provider(Utf16Index(pane.text()).to_utf16(code_point))

    def _pane(self, side: str) -> TextPane:
        view = self._window.diff_view
        return view.rewrite_pane if side == "rewrite" else view.original_pane

    def marked_for_revision(self, task_id: str) -> bool:
        model = self._window.queue_model
        row = model.row_for(task_id)
        return row is not None and bool(model.index(row).data(RevisionRole))

    def queue_line(self, task_id: str) -> str:
        model = self._window.queue_model
        row = model.row_for(task_id)
        assert row is not None
        return str(model.index(row).data())
