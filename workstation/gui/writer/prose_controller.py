"""Prose assistance in the window: the analyser (linter + spell checker), the Findings and Metrics
docks, category toggles, the style pack choice, and right-click fixes.

The spell checker's word list takes a moment to load, so it loads in the background after the
window is up; until then the panes show lint findings without spelling marks.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

from workstation import APP_ID
from workstation.core.analysis.analyser import Analyser, Analysis
from workstation.core.prose.engine import Linter
from workstation.core.prose.spelling import SpellChecker
from workstation.gui.common.background import BackgroundRunner
from workstation.gui.common.settings import AppSettings
from workstation.gui.common.style_packs import disabled_categories, load_pack
from workstation.gui.compare.lint_marks import PaneMarks
from workstation.gui.writer.prose_panels import FindingsPanel, MetricsPanel
from workstation.gui.writer.quick_fixes import extend_rewrite_menu

USER_DICTIONARY_NAME = "user-dictionary.txt"


def user_dictionary_path() -> Path:
    """The writer's own words, kept per user (not per data folder)."""
    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False)) / USER_DICTIONARY_NAME


class ProseDocks(QObject):
    linter_changed = Signal()
    finding_activated = Signal(str, int, int)

    def __init__(
        self, parent: QWidget, settings: AppSettings, runner: BackgroundRunner | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.pack = load_pack(settings)
        self.analyser = Analyser(Linter(self.pack, disabled_categories(settings, self.pack)))
        self.findings = FindingsPanel()
        self.metrics = MetricsPanel()
        self.findings_dock = QDockWidget("Findings", parent)
        self.findings_dock.setObjectName("findingsDock")
        self.findings_dock.setWidget(self.findings)
        self.metrics_dock = QDockWidget("Metrics", parent)
        self.metrics_dock.setObjectName("metricsDock")
        self.metrics_dock.setWidget(self.metrics)
        self.findings.set_categories(self.pack.categories, disabled_categories(settings, self.pack))
        self.findings.categories_changed.connect(self._on_categories_changed)
        self.findings.finding_activated.connect(self.finding_activated)
        self._latest: Analysis | None = None
        self.findings_dock.visibilityChanged.connect(self._catch_up)
        self.metrics_dock.visibilityChanged.connect(self._catch_up)
        if runner is not None:
            runner.submit(lambda _context: SpellChecker(user_dictionary_path()), on_done=self._spelling_ready)

    def lint_notices(self) -> tuple[str, ...]:
        """Every rule the current linter switched off on some text, for Preferences ▸ Prose."""
        return self.analyser.linter.problems

    def docks(self) -> list[QDockWidget]:
        return [self.findings_dock, self.metrics_dock]

    def show_analysis(self, analysis: Analysis) -> None:
        """Fill the docks that are on screen; a hidden dock catches up when it is shown."""
        self._latest = analysis
        if self.findings_dock.isVisible():
            self.findings.show_findings(analysis.rewrite.findings, analysis.original.findings)
            self.findings.show_notices(analysis.lint_problems)
        if self.metrics_dock.isVisible():
            self.metrics.show_analysis(analysis)

    def _catch_up(self, visible: bool) -> None:
        if visible and self._latest is not None:
            self.show_analysis(self._latest)

    def extend_menu(self, menu: QMenu, position: int, marks: PaneMarks) -> None:
        extend_rewrite_menu(menu, position, marks, self.analyser.spelling, self._dictionary_changed)

    def _dictionary_changed(self) -> None:
        self.analyser.dictionary_changed()
        self.linter_changed.emit()

    def reload_styles(self) -> None:
        """After the style folder changed in Preferences."""
        self.pack = load_pack(self.settings)
        disabled = disabled_categories(self.settings, self.pack)
        self.findings.set_categories(self.pack.categories, disabled)
        self.analyser.set_linter(Linter(self.pack, disabled))
        self.linter_changed.emit()

    def set_disabled_categories(self, disabled: set[str]) -> None:
        """From Preferences: update the Findings dock's list too."""
        self.findings.set_categories(self.pack.categories, disabled)
        self._on_categories_changed(disabled)

    def _on_categories_changed(self, disabled: set[str]) -> None:
        self.settings.set_disabled_categories(disabled)
        self.analyser.set_linter(Linter(self.pack, disabled))
        self.linter_changed.emit()

    def _spelling_ready(self, checker: SpellChecker) -> None:
        self.analyser.spelling = checker
        self.linter_changed.emit()
