"""The prose side of the writer's window for GUI tests: lint marks, the Findings and Metrics docks,
spelling, quick fixes and the rule categories. Reached as ``WriterDriver.prose``."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QListWidgetItem, QMenu, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from workstation.core.prose.findings import Finding
from workstation.core.prose.style_pack import CategoryInfo
from workstation.gui.compare.lint_marks import LEVEL_LAYERS, SPELLING_LAYER, PaneMarks
from workstation.gui.writer.window import WriterWindow

SPELLING_LOAD_MS = 10_000
"""The dictionary loads on the background runner; a cold start can take seconds."""


class ProseDriver:
    def __init__(self, window: WriterWindow, qtbot: QtBot) -> None:
        self._window = window
        self._qtbot = qtbot
        self._menus: list[QMenu] = []

    def _marks(self, side: str) -> PaneMarks:
        editor = self._window.editor
        return editor.rewrite_marks if side == "rewrite" else editor.original_marks

    # ----- marks on the panes
    def findings(self, side: str) -> tuple[Finding, ...]:
        """The lint findings painted on ``side`` ("rewrite" or "original")."""
        return self._marks(side).findings

    def misspelled_words(self, side: str = "rewrite") -> set[str]:
        """Words marked as misspelled on ``side``."""
        return {word.word for word in self._marks(side).misspelled}

    def lint_spans(self, side: str) -> list[tuple[int, int]]:
        """(UTF-16 offset, length) of every lint underline in the first paragraph of ``side``."""
        highlighter = self._marks(side).pane.highlighter
        return [span for layer in LEVEL_LAYERS.values() for span in highlighter.spans_in_block(layer, 0)]

    def spelling_spans(self) -> list[tuple[int, int]]:
        """(UTF-16 offset, length) of the spelling underlines in the rewrite's first paragraph."""
        return list(self._window.editor.rewrite_marks.pane.highlighter.spans_in_block(SPELLING_LAYER, 0))

    def tooltip(self, side: str, position: int) -> str | None:
        """The tooltip shown when hovering ``side`` at UTF-16 ``position``."""
        return self._marks(side).tooltip(position)

    # ----- menus
    def rewrite_menu(self, position: int) -> QMenu:
        """The fixes and spelling entries offered at UTF-16 ``position`` of the rewrite."""
        menu = QMenu()
        self._window.prose.extend_menu(menu, position, self._window.editor.rewrite_marks)
        return menu

    def right_click_menu(self, position: int) -> QMenu:
        """The whole right-click menu of the rewrite at UTF-16 ``position``."""
        pane = self._window.diff_view.rewrite_pane
        cursor = pane.textCursor()
        cursor.setPosition(position)
        return pane.build_context_menu(pane.cursorRect(cursor).center())

    # ----- the Findings dock
    def listed_finding(self, side: str, containing: str) -> QTreeWidgetItem:
        """The first entry of the Findings dock under ``side`` whose text contains ``containing``."""
        findings = self._window.prose.findings
        group = findings.rewrite_group if side == "rewrite" else findings.original_group
        items = [group.child(i) for i in range(group.childCount())]
        return next(item for item in items if item is not None and containing in item.text(0))

    def click(self, item: QTreeWidgetItem) -> None:
        """Click an entry of the Findings dock."""
        self._window.prose.findings.tree.itemClicked.emit(item, 0)

    def switched_off_notices(self) -> list[str]:
        """The Findings dock's lines about rules that lost findings (empty when it shows none)."""
        label = self._window.prose.findings.notices
        return label.text().splitlines() if label.isVisibleTo(self._window.prose.findings) else []

    def lint_notices(self) -> tuple[str, ...]:
        """What the window hands Preferences ▸ Prose about rules switched off."""
        return self._window.prose.lint_notices()

    def listed_count(self, side: str) -> int:
        """Entries the Findings dock lists under ``side``."""
        return self._window.prose.findings.count(side)

    def show_category(self, category: str, shown: bool) -> None:
        """Tick or untick a rule category in the Findings dock's "Check for" list."""
        item = self._category_item(category)
        item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)

    def _category_item(self, category: str) -> QListWidgetItem:
        categories = self._window.prose.findings.categories
        return next(
            categories.item(i)
            for i in range(categories.count())
            if categories.item(i).data(Qt.ItemDataRole.UserRole) == category
        )

    def unticked_categories(self) -> set[str]:
        """Categories the Findings dock has unticked."""
        return self._window.prose.findings.disabled_categories()

    # ----- the rules and the Metrics dock
    def metric(self, row_key: str, column: int) -> str:
        """A value of the Metrics dock (column 1: original, 2: rewrite)."""
        return self._window.prose.metrics.value(row_key, column)

    def rule_names(self) -> list[str]:
        """The lint rules in use, by name."""
        return [rule.name for rule in self._window.prose.analyser.linter.rules]

    def rule_categories(self) -> set[str]:
        """The categories of the lint rules in use."""
        return {rule.category for rule in self._window.prose.analyser.linter.rules}

    def known_categories(self) -> list[str]:
        """Every rule category of the style pack, in the pack's order."""
        return [category.name for category in self._window.prose.pack.categories]

    def pack_categories(self) -> Sequence[CategoryInfo]:
        """The style pack's categories, as Preferences is given them."""
        return self._window.prose.pack.categories

    def wait_for_spelling(self, language: str | None = None, timeout: int = SPELLING_LOAD_MS) -> None:
        """Wait until the spelling dictionary (of ``language``, if given) checks the rewrite."""
        self._qtbot.waitUntil(
            lambda: self.spelling_language() is not None and language in (None, self.spelling_language()),
            timeout=timeout,
        )

    def spelling_language(self) -> str | None:
        """The tag of the dictionary checking the rewrite; None while loading or when off."""
        checker = self._window.prose.spelling.checker
        return checker.language if checker is not None else None

    def spelling_status(self) -> str:
        """What the Findings dock says about spelling (which dictionary, or why none)."""
        return self._window.prose.findings.spelling_status.text()

    def spelling_action(self, word: str, starts_with: str) -> QAction:
        """The right-click entry for the rewrite's first ``word`` whose text starts ``starts_with``."""
        menu = self.rewrite_menu(self._window.diff_view.rewrite_pane.text().index(word) + 1)
        self._menus.append(menu)  # the action lives as long as its menu
        return next(a for a in menu.actions() if a.text().startswith(starts_with))
