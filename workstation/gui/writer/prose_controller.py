"""Prose assistance in the window: the analyser (linter + spell checker), the Findings and Metrics
docks, category toggles, the style pack choice, and right-click fixes.

Spelling (which dictionary, the task's own words, loading in the background) is the
:class:`~workstation.gui.writer.spelling_controller.SpellingController`'s; the Findings dock says
which dictionary is in use.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

from workstation.core.analysis.analyser import Analyser, Analysis
from workstation.core.models import Project, Task
from workstation.core.prose.engine import Linter
from workstation.gui.common.style_packs import disabled_categories, load_pack
from workstation.gui.compare.lint_marks import PaneMarks
from workstation.gui.context import AppContext
from workstation.gui.writer.prose_panels import FindingsPanel, MetricsPanel
from workstation.gui.writer.quick_fixes import extend_rewrite_menu
from workstation.gui.writer.spelling_controller import SpellingController


class ProseDocks(QObject):
    linter_changed = Signal()
    finding_activated = Signal(str, int, int)

    def __init__(self, parent: QWidget, context: AppContext) -> None:
        super().__init__(parent)
        settings = self.settings = context.settings
        self.spelling_backend = context.spelling  # what Vale spelling rules check against
        self.pack = load_pack(settings, self.spelling_backend)
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
        self.spelling = SpellingController(context, self.analyser, self)
        self.spelling.changed.connect(self.linter_changed)
        self.spelling.status_changed.connect(self.findings.set_spelling_status)
        self.findings.set_spelling_status(self.spelling.status)

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
        extend_rewrite_menu(menu, position, marks, self.spelling)

    def show_task(self, task: Task, project: Project | None) -> None:
        """A task opened: spelling follows its project's language and accepts its words."""
        self.spelling.show_task(task, project)

    def set_spelling_language(self, tag: str) -> None:
        """From Preferences: a language for every project, or "" to follow each project's."""
        if tag != self.settings.spelling_language():
            self.settings.set_spelling_language(tag)
            self.spelling.preference_changed()

    def reload_styles(self) -> None:
        """After the style folder changed in Preferences."""
        self.pack = load_pack(self.settings, self.spelling_backend)
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
