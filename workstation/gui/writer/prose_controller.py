"""Prose assistance in the window: the analyser (linter + spell checker), the Findings and Metrics
docks, category toggles, the style pack choice, and right-click fixes.

Spelling (which dictionary, the task's own words, loading in the background) is the
:class:`~workstation.gui.writer.spelling_controller.SpellingController`'s; the Findings dock says
which dictionary is in use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

from workstation.core.analysis.analyser import Analyser, Analysis
from workstation.core.models import Project, Task
from workstation.gui.common.background import BackgroundRunner
from workstation.gui.common.style_packs import disabled_categories, load_pack, pack_from_folder
from workstation.gui.compare.lint_marks import PaneMarks
from workstation.gui.context import AppContext
from workstation.gui.writer.prose_panels import FindingsPanel, MetricsPanel
from workstation.gui.writer.quick_fixes import extend_rewrite_menu
from workstation.gui.writer.spelling_controller import SpellingController

if TYPE_CHECKING:
    from workstation.core.prose.engine import Linter
    from workstation.core.prose.rule_kinds import SpellingBackend
    from workstation.core.prose.style_pack import StylePack


class ProseDocks(QObject):
    linter_changed = Signal()
    finding_activated = Signal(str, int, int)

    def __init__(self, parent: QWidget, context: AppContext) -> None:
        super().__init__(parent)
        self.settings = context.settings
        self._context = context
        self._pack: StylePack | None = None
        # The rules (RE2, YAML, the style pack: about 120 ms) are loaded on first use, on the
        # analysis thread once the window is painted (see load_rules), never before the paint.
        self._folder, self._saved_disabled = self.settings.style_folder(), self.settings.disabled_categories()
        self.analyser = Analyser(self._build_first_linter)
        self.findings = FindingsPanel()
        self.metrics = MetricsPanel()
        self.findings_dock = QDockWidget("Findings", parent)
        self.findings_dock.setObjectName("findingsDock")
        self.findings_dock.setWidget(self.findings)
        self.metrics_dock = QDockWidget("Metrics", parent)
        self.metrics_dock.setObjectName("metricsDock")
        self.metrics_dock.setWidget(self.metrics)
        self.findings.categories_changed.connect(self._on_categories_changed)
        self.findings.finding_activated.connect(self.finding_activated)
        self._latest: Analysis | None = None
        self._categories_listed = False
        self.findings_dock.visibilityChanged.connect(self._catch_up)
        self.metrics_dock.visibilityChanged.connect(self._catch_up)
        self.spelling = SpellingController(context, self.analyser, self)
        self.spelling.changed.connect(self.linter_changed)
        self.spelling.status_changed.connect(self.findings.set_spelling_status)
        self.findings.set_spelling_status(self.spelling.status)

    @property
    def spelling_backend(self) -> SpellingBackend:
        """What Vale spelling rules check against: the context's (built on first use)."""
        return self._context.spelling

    @property
    def pack(self) -> StylePack:
        """The style pack the linter uses; loaded now (on this thread) if nothing linted yet."""
        self.analyser.linter  # noqa: B018 - builds the first linter, and the pack with it
        assert self._pack is not None
        return self._pack

    def load_rules(self, runner: BackgroundRunner) -> None:
        """Once the window is painted: load the rules on ``runner`` (the analysis thread, where
        the first lint would load them anyway) and then list the pack's categories."""
        runner.submit(lambda _job: self.analyser.linter, on_done=lambda _linter: self._list_categories())

    def _list_categories(self) -> None:
        """Fill the Findings dock's "Check for" list, once the first linter is built."""
        if not self._categories_listed:
            self._categories_listed = True
            self.findings.set_categories(self.pack.categories, disabled_categories(self.settings, self.pack))

    def _build_first_linter(self) -> Linter:
        """On the first thread that lints: the pack and categories the settings named at start
        (read on the GUI thread; a worker must not touch the window's QSettings)."""
        from workstation.core.prose.engine import Linter  # deferred with the rules, see __init__

        pack = pack_from_folder(self._folder, self.spelling_backend)
        self._pack = pack
        return Linter(pack, pack.current_category_names(self._saved_disabled))

    def lint_notices(self) -> tuple[str, ...]:
        """Every rule the current linter switched off on some text, for Preferences ▸ Prose."""
        return self.analyser.linter.problems

    def docks(self) -> list[QDockWidget]:
        return [self.findings_dock, self.metrics_dock]

    def show_analysis(self, analysis: Analysis) -> None:
        """Fill the docks that are on screen; a hidden dock catches up when it is shown."""
        self._latest = analysis
        self._list_categories()  # the analysis built the linter: its pack is at hand
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
        from workstation.core.prose.engine import Linter  # loaded by now: Preferences listed the rules

        pack = load_pack(self.settings, self.spelling_backend)
        disabled = disabled_categories(self.settings, pack)
        self.findings.set_categories(pack.categories, disabled)
        self._categories_listed = True
        self.analyser.set_linter(Linter(pack, disabled))  # after a first build under way, if any
        self._pack = pack
        self.linter_changed.emit()

    def set_disabled_categories(self, disabled: set[str]) -> None:
        """From Preferences: update the Findings dock's list too."""
        self.findings.set_categories(self.pack.categories, disabled)
        self._on_categories_changed(disabled)

    def _on_categories_changed(self, disabled: set[str]) -> None:
        from workstation.core.prose.engine import Linter  # loaded by now: the list shows the pack's

        self.settings.set_disabled_categories(disabled)
        self.analyser.set_linter(Linter(self.pack, disabled))
        self.linter_changed.emit()
