"""The main window: queue | context + panes + metrics | side panel, with the guidelines dock.

Widgets do not reach into each other: they emit ``*_requested`` / ``*_changed`` signals and the
wiring block in :meth:`MainWindow._wire` connects them. Work on the current task goes through
:class:`TaskSession`, the diff through :class:`DiffRefresher`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QActionGroup, QCloseEvent, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from workstation import APP_NAME
from workstation.core.analysis.analyser import Analyser, Analysis
from workstation.core.analysis.comparison import Comparison
from workstation.core.models import Project, Task
from workstation.core.store import Store
from workstation.gui.common import sizes
from workstation.gui.common.background import BackgroundRunner
from workstation.gui.common.settings import AppSettings
from workstation.gui.common.theme import ThemeChoice, apply_theme
from workstation.gui.compare.context_view import ContextView
from workstation.gui.compare.diff_refresher import DiffRefresher
from workstation.gui.compare.diff_view import DiffView
from workstation.gui.compare.lint_marks import PaneMarks, define_lint_layers
from workstation.gui.writer.actions import build_actions, build_menus, build_theme_menu
from workstation.gui.writer.commands import WindowCommands
from workstation.gui.writer.guidelines_dock import GuidelinesDock
from workstation.gui.writer.layout import restore_layout, save_layout
from workstation.gui.writer.metrics_bar import MetricsBar, SaveState
from workstation.gui.writer.outbox_controller import OutboxController
from workstation.gui.writer.prose_controller import ProseDocks
from workstation.gui.writer.queue_model import STATUS_LABELS, QueueModel
from workstation.gui.writer.queue_panel import ALL_FILTER, QueuePanel
from workstation.gui.writer.side_panel import SidePanel
from workstation.gui.writer.task_session import SAVE_ERRORS, TaskSession
from workstation.gui.writer.transfers import TransferRunner

LAST_TASK_KEY = "gui.last_task"


class MainWindow(QMainWindow):
    task_loaded = Signal(str)  # task id, after both panes show it
    data_dir_requested = Signal(Path)  # the writer picked another data folder
    comparison_painted = Signal(object)  # Comparison
    analysis_painted = Signal(object)  # Analysis

    def __init__(self, store: Store, settings: AppSettings, *, demo: bool = False) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.demo = demo
        self.setObjectName("mainWindow")
        self._project_cache: dict[str, Project | None] = {}
        self._closed = False
        self.runner = BackgroundRunner(self)
        self.session = TaskSession(store, self)
        self.queue_model = QueueModel(self)

        self.queue_panel = QueuePanel(self.queue_model)
        self.context_view = ContextView()
        self.diff_view = DiffView()
        self.metrics_bar = MetricsBar()
        self.side_panel = SidePanel()
        self.guidelines = GuidelinesDock(self)
        self.prose = ProseDocks(self, settings, self.runner)
        self.analyser: Analyser = self.prose.analyser
        self.original_marks = PaneMarks(self.diff_view.original_pane)
        self.rewrite_marks = PaneMarks(self.diff_view.rewrite_pane)
        self._define_mark_layers()
        self.refresher = DiffRefresher(self.runner, self._current_texts, self.analyser.analyse, self)
        self.session.metrics_provider = lambda text: self.analyser.analyse(
            self.diff_view.original_pane.text(), text
        ).metrics_record()
        self.transfers = TransferRunner(self.runner, store.data_dir, self)

        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.setSpacing(sizes.SPACING)
        center_layout.addWidget(self.context_view)
        center_layout.addWidget(self.diff_view, 1)
        center_layout.addWidget(self.metrics_bar)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.queue_panel)
        self.main_splitter.addWidget(center)
        self.main_splitter.addWidget(self.side_panel)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setContentsMargins(sizes.MARGIN, sizes.MARGIN, sizes.MARGIN, 0)
        self.setCentralWidget(self.main_splitter)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.guidelines)
        for dock in self.prose.docks():
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.tabifyDockWidget(self.guidelines, dock)
        self.outbox = OutboxController(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.outbox.dock)
        self.outbox.dock.hide()
        self.guidelines.raise_()

        self.actions_by_name = build_actions(self)
        self.commands = WindowCommands(self)
        self.theme_group = QActionGroup(self)
        self.recent_menu = QMenu("Recent data folders", self)
        build_menus(
            self.menuBar(),
            self.actions_by_name,
            {
                "recent": self.recent_menu,
                "theme": build_theme_menu(self, self.theme_group, self.settings.theme(), self.set_theme),
            },
        )
        self._wire()
        restore_layout(self)
        self.reload_queue()
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    # ------------------------------------------------------------------ wiring
    def _wire(self) -> None:
        """Every connection between widgets, in one visible block."""
        a = self.actions_by_name
        c = self.commands
        self.queue_panel.task_requested.connect(self.open_task)
        self.queue_panel.filter_changed.connect(self.reload_queue)
        self.diff_view.rewrite_edited.connect(self._on_rewrite_edited)
        self.diff_view.rewrite_focus_lost.connect(
            lambda: self.session.flush(cursor=self.diff_view.rewrite_cursor())
        )
        self.refresher.analysis_ready.connect(self._paint_analysis)
        self.refresher.diff_ready.connect(self._paint_comparison)
        self.diff_view.task_replaced.connect(self.original_marks.forget)
        self.diff_view.task_replaced.connect(c.forget_restart)
        self.diff_view.task_replaced.connect(self.rewrite_marks.forget)
        self.prose.linter_changed.connect(self.refresher.refresh_now)
        self.prose.finding_activated.connect(self._show_finding)
        self.diff_view.original_pane.tooltip_provider = self.original_marks.tooltip
        self.diff_view.rewrite_pane.tooltip_provider = self.rewrite_marks.tooltip
        self.diff_view.rewrite_pane.menu_extender = lambda menu, pos: self.prose.extend_menu(
            menu, pos, self.rewrite_marks
        )
        self.side_panel.ratings_changed.connect(lambda ratings: self.session.update(ratings=ratings))
        self.side_panel.tags_changed.connect(lambda tags: self.session.update(tags=tuple(tags)))
        self.side_panel.notes_changed.connect(
            lambda: self.session.update(notes=self.side_panel.notes.toPlainText())
        )
        self.side_panel.submit_requested.connect(c.submit)
        self.side_panel.skip_requested.connect(c.skip)
        self.side_panel.flag_requested.connect(c.flag)
        self.session.save_state_changed.connect(
            lambda state, detail: self.metrics_bar.set_save_state(SaveState(state), detail)
        )
        self.session.saved.connect(
            lambda rewrite: self.queue_model.set_status(rewrite.task_id, rewrite.status.value)
        )
        self.session.saved.connect(lambda rewrite: self._update_status_text())
        self.session.active_seconds_changed.connect(self.metrics_bar.set_active_seconds)
        self.transfers.import_started.connect(self.session.flush)
        self.transfers.import_finished.connect(c.import_finished)
        self.transfers.import_failed.connect(c.import_failed)
        self.transfers.export_finished.connect(c.export_finished)
        self.transfers.export_failed.connect(c.export_failed)
        self.guidelines.visibilityChanged.connect(a["toggle_guidelines"].setChecked)
        self.outbox.dock.visibilityChanged.connect(a["toggle_outbox"].setChecked)
        self.outbox.sealed.connect(lambda _result: self.reload_queue())
        self.outbox.dock.visibilityChanged.connect(self._refresh_outbox_if_shown)
        self.session.saved.connect(lambda _rewrite: self._refresh_outbox_if_shown())
        a["seal"].triggered.connect(self.outbox.seal)
        a["upload"].triggered.connect(self.outbox.push_now)
        a["toggle_outbox"].triggered.connect(lambda checked: self.outbox.dock.setVisible(checked))

        a["submit"].triggered.connect(c.submit)
        a["skip"].triggered.connect(c.skip)
        a["flag"].triggered.connect(c.flag)
        a["next_task"].triggered.connect(lambda: c.step_task(1))
        a["previous_task"].triggered.connect(lambda: c.step_task(-1))
        a["reset_rewrite"].triggered.connect(c.reset_to_original)
        a["start_empty"].triggered.connect(c.start_empty)
        a["next_change"].triggered.connect(lambda: self.diff_view.goto_change(1))
        a["previous_change"].triggered.connect(lambda: self.diff_view.goto_change(-1))
        a["toggle_inline"].toggled.connect(self._set_inline)
        a["toggle_guidelines"].triggered.connect(lambda checked: self.guidelines.setVisible(checked))
        a["focus_search"].triggered.connect(lambda: self.queue_panel.search_box.setFocus())
        a["focus_queue"].triggered.connect(lambda: self.queue_panel.list_view.setFocus())
        a["focus_rewrite"].triggered.connect(lambda: self.diff_view.rewrite_pane.setFocus())
        a["focus_notes"].triggered.connect(lambda: self.side_panel.notes.setFocus())
        a["undo"].triggered.connect(lambda: self._edit_target().undo())
        a["redo"].triggered.connect(lambda: self._edit_target().redo())
        a["save"].triggered.connect(lambda: self.session.flush(cursor=self.diff_view.rewrite_cursor()))
        a["zoom_in"].triggered.connect(lambda: c.change_font_size(1))
        a["zoom_out"].triggered.connect(lambda: c.change_font_size(-1))
        for value in range(1, 6):
            a[f"rate_{value}"].triggered.connect(
                lambda _=False, v=value: self.side_panel.rubric.rate_selected(v)
            )
        a["next_criterion"].triggered.connect(lambda: self.side_panel.rubric.select_step(1))
        a["previous_criterion"].triggered.connect(lambda: self.side_panel.rubric.select_step(-1))
        a["import"].triggered.connect(c.import_files)
        a["export"].triggered.connect(c.export)
        a["preferences"].triggered.connect(lambda: c.preferences())
        a["quit"].triggered.connect(self.close)
        a["cheatsheet"].triggered.connect(c.cheatsheet)
        a["about"].triggered.connect(c.about)
        self.recent_menu.aboutToShow.connect(c.fill_recent_menu)
        a["open_data_dir"].triggered.connect(c.choose_data_dir)

    def _edit_target(self) -> QPlainTextEdit | QLineEdit | QTextEdit:
        """Edit ▸ Undo/Redo act on the focused text field (notes, search), else the rewrite."""
        focused = QApplication.focusWidget()
        if isinstance(focused, (QPlainTextEdit, QLineEdit, QTextEdit)) and not focused.isReadOnly():
            return focused
        return self.diff_view.rewrite_pane

    def _refresh_outbox_if_shown(self, _visible: bool = True) -> None:
        if self.outbox.dock.isVisible():
            self.outbox.refresh()

    def save_layout(self) -> None:
        save_layout(self)

    # ------------------------------------------------------------------ queue and tasks
    def reload_queue(self) -> None:
        status = self.queue_panel.status_choice()
        search = self.queue_panel.search_text() or None
        rows = self.store.tasks.queue(statuses=[status] if status != ALL_FILTER else None, search=search)
        self.queue_model.set_rows(rows)
        self.queue_panel.update_count(self.store.tasks.count())
        if self.session.task is not None:
            self.queue_panel.select_task(self.session.task.id)

    def open_first_task(self) -> None:
        """On start: reopen where the writer was, else the first task still to do."""
        if self._closed:
            return
        task_id = self.store.state.get(LAST_TASK_KEY)
        if not task_id or self.store.tasks.get(task_id) is None:
            task_id = self.store.tasks.next_after(0) or self.queue_panel.neighbour(None, 1)
        if task_id:
            self.open_task(task_id)
            self.diff_view.rewrite_pane.setFocus()

    def set_editing_paused(self, paused: bool) -> None:
        """Make the rewrite and its notes read-only for a moment (while sealing)."""
        editable = not paused and not self.session.is_sealed
        self.diff_view.rewrite_pane.setReadOnly(not editable)
        self.side_panel.set_editable(editable)

    def reopen_current_task(self) -> None:
        """Show the current task again as the store has it (after sealing made it read-only)."""
        if self.session.task is not None:
            self.open_task(self.session.task.id, force=True)

    def open_task(self, task_id: str, *, force: bool = False) -> bool:
        """Save the current task, then show ``task_id`` in every pane."""
        if self.session.task is not None:
            if self.session.task.id == task_id and not force:
                return True
            saved = self.session.flush(cursor=self.diff_view.rewrite_cursor())
            if not saved and not self.session.is_sealed and not self.commands.confirm_switch_unsaved():
                self.queue_panel.select_task(self.session.task.id)
                return False
        task = self.store.tasks.get(task_id)
        if task is None:
            return False
        rewrite = self.session.open(task, start_from_original=self.settings.start_from_original())
        project = self._project(task.project)
        self.context_view.show_task(task)
        self.side_panel.set_project(project)
        self.side_panel.load(ratings=rewrite.ratings, tags=rewrite.tags, notes=rewrite.notes)
        self.side_panel.set_editable(not self.session.is_sealed)
        self.diff_view.load(task.original, rewrite.text, rewrite.cursor)
        self.diff_view.rewrite_pane.setReadOnly(self.session.is_sealed)
        self.guidelines.show_guidelines(project.guidelines if project else "")
        self.queue_panel.select_task(task.id)
        self.refresher.refresh_now(diff_first=True)
        self._update_status_text()
        self.setWindowTitle(f"{task.id} — {APP_NAME}" + (" (demo)" if self.demo else ""))
        # Remembering where the writer is matters less than showing the task: a full disk here
        # already shows on the save line, so it must not break opening.
        with contextlib.suppress(*SAVE_ERRORS):
            self.store.state.set(LAST_TASK_KEY, task.id)
        self.task_loaded.emit(task.id)
        return True

    def _project(self, name: str) -> Project | None:
        if name not in self._project_cache:
            self._project_cache[name] = self.store.projects.get(name)
        return self._project_cache[name]

    def forget_projects(self) -> None:
        self._project_cache.clear()

    def current_task(self) -> Task | None:
        return self.session.task

    def _update_status_text(self) -> None:
        rewrite = self.session.rewrite
        task = self.session.task
        if task is None or rewrite is None:
            self.side_panel.set_status_text("")
            return
        edited = self.session.dirty or self.session.is_stored
        status = rewrite.status.value if edited else task.status.value
        text = f"Status: {STATUS_LABELS.get(status, status)}"
        if rewrite.flag_reason:
            text += f"\nFlagged: {rewrite.flag_reason}"
        if rewrite.sealed_bundle_id:
            text += "\nSealed in a signed bundle; read-only."
        self.side_panel.set_status_text(text)

    # ------------------------------------------------------------------ editing and diff
    def _current_texts(self) -> tuple[str, str]:
        return self.diff_view.original_pane.text(), self.diff_view.rewrite_pane.text()

    def _on_rewrite_edited(self) -> None:
        first_edit = not self.session.dirty
        self.session.update(text=self.diff_view.rewrite_pane.text(), cursor=self.diff_view.rewrite_cursor())
        self.commands.check_restart_undone()
        if first_edit:
            self._update_status_text()
        self.refresher.schedule()

    def _paint_analysis(self, analysis: Analysis) -> None:
        original, rewrite = self._current_texts()
        if analysis.original_text != original or analysis.rewrite_text != rewrite:
            return  # the writer moved on; a newer analysis is on its way
        diff_is_new = analysis.comparison is not self.diff_view.comparison  # else painted ahead
        panes = (self.diff_view.original_pane, self.diff_view.rewrite_pane)
        with panes[0].highlighter.batch(), panes[1].highlighter.batch():
            if diff_is_new:
                self.diff_view.apply(analysis.comparison)
            self.original_marks.paint(original, analysis.original.findings)
            self.rewrite_marks.paint(rewrite, analysis.rewrite.findings, analysis.misspelled)
        self.prose.show_analysis(analysis)
        self.session.set_metrics(analysis.metrics_record(), rewrite)
        if diff_is_new:
            self.metrics_bar.set_metrics(analysis.comparison.metrics)
            self.comparison_painted.emit(analysis.comparison)
        self.analysis_painted.emit(analysis)

    def _paint_comparison(self, comparison: Comparison) -> None:
        """The diff and edit metrics of a large pair, ahead of its prose analysis."""
        if (comparison.original, comparison.rewrite) != self._current_texts():
            return
        self.diff_view.apply(comparison)
        self.metrics_bar.set_metrics(comparison.metrics)
        self.comparison_painted.emit(comparison)

    def _define_mark_layers(self) -> None:
        for pane in (self.diff_view.original_pane, self.diff_view.rewrite_pane):
            define_lint_layers(pane, self.diff_view.colors)

    def _show_finding(self, side: str, start: int, end: int) -> None:
        marks = self.rewrite_marks if side == "rewrite" else self.original_marks
        u_start, u_end = marks.utf16_span(start, end)
        cursor = marks.pane.textCursor()
        cursor.setPosition(u_start)
        cursor.setPosition(u_end, QTextCursor.MoveMode.KeepAnchor)
        marks.pane.setTextCursor(cursor)
        marks.pane.ensureCursorVisible()
        marks.pane.setFocus()

    def _set_inline(self, inline: bool) -> None:
        self.diff_view.set_inline(inline)

    def set_theme(self, choice: ThemeChoice) -> None:
        self.settings.set_theme(choice)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, choice)
        self.diff_view.refresh_theme()
        self._define_mark_layers()

    # ------------------------------------------------------------------ focus, activity, quit
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            self.session.note_activity()
        elif kind == QEvent.Type.ApplicationDeactivate:
            self.session.set_focused(False)
            self.session.flush(cursor=self.diff_view.rewrite_cursor())
        elif kind == QEvent.Type.ApplicationActivate:
            self.session.set_focused(True)
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.transfers.busy:
            self.transfers.cancel_import()
            self.runner.wait_for_idle()
            self.session.pause_saving(False)  # the import's finished signal will never arrive now
        saved = self.session.flush(cursor=self.diff_view.rewrite_cursor())
        if not saved and not self.commands.confirm_quit_unsaved():
            event.ignore()
            return
        self._closed = True
        self.save_layout()
        QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
        self.session.shutdown()
        self.refresher.shutdown()
        self.outbox.shutdown()
        self.hide()  # an upload may take a while to notice the cancel; the writer need not watch
        self.runner.wait_for_idle()
        event.accept()

    @property
    def closed(self) -> bool:
        return self._closed

    def data_dir(self) -> Path:
        return self.store.data_dir
