"""The writer's window: queue | context + panes + metrics | side panel, with its docks.

The window builds its widgets and controllers from the :class:`AppContext` and connects them in
one visible block, :meth:`WriterWindow._wire`. Controllers never see the window: they get the
context and the widgets they work on, and emit signals (or the context's events) for the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workstation import APP_NAME
from workstation.core.models import RewriteStatus
from workstation.gui.common import sizes
from workstation.gui.common.input_watch import input_watch
from workstation.gui.common.key_status import install_key_status
from workstation.gui.common.menus import check_theme
from workstation.gui.common.plain_text import shown_line
from workstation.gui.common.theme import ThemeChoice
from workstation.gui.common.warm_up import warm_up_after_paint
from workstation.gui.compare.context_view import ContextView
from workstation.gui.compare.diff_view import DiffView
from workstation.gui.context import AppContext
from workstation.gui.dialogs.confirm import ask_to_proceed
from workstation.gui.operations import Changes
from workstation.gui.writer.actions import build_actions, build_menus, build_theme_menu
from workstation.gui.writer.commands import TaskCommands
from workstation.gui.writer.edit_commands import EditCommands
from workstation.gui.writer.editor import EditorWidgets, TaskEditor
from workstation.gui.writer.empty_state import TaskAvailability
from workstation.gui.writer.file_commands import FileCommands
from workstation.gui.writer.guidelines_dock import GuidelinesDock
from workstation.gui.writer.layout import LayoutParts, restore_layout, save_layout
from workstation.gui.writer.markdown_preview import MarkdownPreviewDock
from workstation.gui.writer.metrics_bar import MetricsBar, SaveState
from workstation.gui.writer.outbox_controller import OutboxController
from workstation.gui.writer.prose_controller import ProseDocks
from workstation.gui.writer.queue_controller import QueueController
from workstation.gui.writer.side_panel import SidePanel
from workstation.gui.writer.task_session import TaskSession
from workstation.gui.writer.transfers import TransferRunner
from workstation.gui.writer.verdict_import import VerdictImporter

if TYPE_CHECKING:
    from workstation.gui.dialogs.preferences.dialog import Preferences

TITLE_ID_CHARS = 80
"""Characters of a task id shown in the window title."""


class WriterWindow(QMainWindow):
    closed_for_good = Signal()  # the writer closed the window (work saved or given up)

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("mainWindow")
        self._closed = False
        settings = context.settings
        self.session = TaskSession(context, self)
        self.queue = QueueController(context, self._current_task_id, self)
        self.queue_model, self.queue_panel = self.queue.model, self.queue.panel
        self.context_view = ContextView()
        self.diff_view = DiffView()
        self.metrics_bar = MetricsBar()
        self.side_panel = SidePanel()
        self.guidelines = GuidelinesDock(self)
        self.preview = MarkdownPreviewDock(self.diff_view.rewrite_pane.text, self)
        self.prose = ProseDocks(self, context)
        widgets = EditorWidgets(
            self.queue_panel,
            self.context_view,
            self.diff_view,
            self.metrics_bar,
            self.side_panel,
            self.guidelines,
        )
        self.editor = TaskEditor(context, self.session, widgets, self.prose, context.analysis_runner, self)
        self.transfers = TransferRunner(context, self)
        self.verdict_import = VerdictImporter(context, self)
        self.task_commands = TaskCommands(context, self.editor, self)
        self.file_commands = FileCommands(context, self.transfers, self.save_work, self)
        self.outbox = OutboxController(context, lambda: self.save_work(wait=True), self)

        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.setSpacing(sizes.SPACING)
        center_layout.addWidget(self.context_view)
        center_layout.addWidget(self.diff_view, 1)
        # In the status bar, which exists from the start: the first message shifts nothing.
        self.statusBar().addPermanentWidget(self.metrics_bar)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        for part in (self.queue_panel, center, self.side_panel):
            self.main_splitter.addWidget(part)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setContentsMargins(sizes.MARGIN, sizes.MARGIN, sizes.MARGIN, 0)
        self.setCentralWidget(self.main_splitter)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.guidelines)
        for dock in (*self.prose.docks(), self.preview):
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.tabifyDockWidget(self.guidelines, dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.outbox.dock)
        self.outbox.dock.hide()
        self.preview.hide()
        self.guidelines.raise_()

        self.actions_by_name = build_actions(self)
        self.theme_group = QActionGroup(self)
        self.recent_menu = QMenu("Recent data folders", self)
        theme_menu = build_theme_menu(self, self.theme_group, settings.theme(), context.set_theme)
        build_menus(self.menuBar(), self.actions_by_name, {"recent": self.recent_menu, "theme": theme_menu})
        self.key_status = install_key_status(self, context, self.actions_by_name["lock_key"], read_now=False)
        self.availability = TaskAvailability(context, self.session, widgets, self.actions_by_name, self)
        center_layout.addWidget(self.availability.empty_state, 1)
        self.availability.refresh()
        self.edit_commands = EditCommands(self.diff_view, self.actions_by_name)
        self._wire()
        restore_layout(self, self._layout_parts())
        self.editor.apply_font_size(settings.font_point_size())
        self.reload_queue()
        self._set_title(None)
        input_watch().input_seen.connect(self._on_input)
        QApplication.instance().applicationStateChanged.connect(self._on_application_state)  # type: ignore[union-attr]

    # ------------------------------------------------------------------ wiring
    def _wire(self) -> None:
        """Every connection between widgets, controllers and the context's events, in one block."""
        a, events = self.actions_by_name, self.context.events
        editor, session, view, side = self.editor, self.session, self.diff_view, self.side_panel
        tasks, files, outbox = self.task_commands, self.file_commands, self.outbox

        events.store_changed.connect(self._on_store_changed)
        events.status_message.connect(self._show_message)
        events.preferences_requested.connect(self.preferences)
        events.task_requested.connect(editor.open_task)
        events.theme_changed.connect(self._on_theme_changed)
        events.font_size_changed.connect(editor.apply_font_size)
        events.identity_changed.connect(outbox.refresh)

        self.queue_panel.task_requested.connect(editor.open_task)
        view.rewrite_edited.connect(editor.rewrite_edited)
        view.rewrite_edited.connect(tasks.check_restart_undone)
        view.rewrite_focus_lost.connect(self.save_work)
        view.task_replaced.connect(editor.forget_marks)
        view.task_replaced.connect(tasks.forget_restart)
        for changed in (view.rewrite_edited, view.task_replaced):
            changed.connect(self.preview.schedule)
        editor.refresher.analysis_ready.connect(editor.paint_analysis)
        editor.refresher.diff_planned.connect(editor.paint_diff)
        editor.refresher.marks_planned.connect(editor.paint_marks)
        editor.title_changed.connect(self._set_title)
        editor.task_loaded.connect(lambda _task_id: self.availability.refresh())
        self.prose.linter_changed.connect(editor.refresher.refresh_now)
        self.prose.finding_activated.connect(editor.show_finding)
        view.original_pane.tooltip_provider = editor.original_tooltip
        view.rewrite_pane.tooltip_provider = editor.rewrite_tooltip
        side.verdicts.comment_requested.connect(editor.show_comment)
        view.rewrite_pane.menu_extender = lambda menu, pos: self.prose.extend_menu(
            menu, pos, editor.rewrite_marks
        )
        side.ratings_changed.connect(lambda ratings: session.update(ratings=ratings))
        side.tags_changed.connect(lambda tags: session.update(tags=tuple(tags)))
        side.notes_changed.connect(lambda: session.update(notes=side.notes.toPlainText()))
        side.submit_requested.connect(tasks.submit)
        side.skip_requested.connect(tasks.skip)
        side.flag_requested.connect(tasks.flag)
        session.save_state_changed.connect(
            lambda state, detail: self.metrics_bar.set_save_state(SaveState(state), detail)
        )
        session.saved.connect(self.queue_model.show_saved)
        session.saved.connect(lambda _rewrite: editor.update_status_text())
        session.active_seconds_changed.connect(self.metrics_bar.set_active_seconds)
        self.transfers.import_finished.connect(files.import_finished)
        self.transfers.import_failed.connect(files.import_failed)
        self.transfers.export_finished.connect(files.export_finished)
        self.transfers.export_failed.connect(files.export_failed)
        self.guidelines.visibilityChanged.connect(a["toggle_guidelines"].setChecked)
        outbox.sealing_changed.connect(self._hold_edits_while_sealing)
        outbox.dock.visibilityChanged.connect(a["toggle_outbox"].setChecked)
        outbox.dock.visibilityChanged.connect(lambda _visible: outbox.refresh_if_shown())

        a["seal"].triggered.connect(outbox.seal)
        a["upload"].triggered.connect(outbox.push_now)
        a["timesheet"].triggered.connect(self._show_timesheet)
        a["toggle_outbox"].triggered.connect(lambda checked: outbox.dock.setVisible(checked))
        a["toggle_preview"].triggered.connect(self.preview.set_shown)
        self.preview.visibilityChanged.connect(a["toggle_preview"].setChecked)
        a["submit"].triggered.connect(tasks.submit)
        a["skip"].triggered.connect(tasks.skip)
        a["flag"].triggered.connect(tasks.flag)
        a["next_task"].triggered.connect(lambda: tasks.step_task(1))
        a["previous_task"].triggered.connect(lambda: tasks.step_task(-1))
        a["reset_rewrite"].triggered.connect(tasks.reset_to_original)
        a["start_empty"].triggered.connect(tasks.start_empty)
        a["next_change"].triggered.connect(lambda: view.goto_change(1))
        a["previous_change"].triggered.connect(lambda: view.goto_change(-1))
        a["toggle_inline"].toggled.connect(view.set_inline)
        a["toggle_guidelines"].triggered.connect(lambda checked: self.guidelines.setVisible(checked))
        a["focus_search"].triggered.connect(lambda: self.queue_panel.search_box.setFocus())
        a["focus_queue"].triggered.connect(lambda: self.queue_panel.list_view.setFocus())
        a["focus_rewrite"].triggered.connect(lambda: view.rewrite_pane.setFocus())
        a["focus_notes"].triggered.connect(lambda: side.notes.setFocus())
        a["save"].triggered.connect(self.save_work)
        a["zoom_in"].triggered.connect(lambda: self.context.step_font_size(1))
        a["zoom_out"].triggered.connect(lambda: self.context.step_font_size(-1))
        for value in range(1, 6):
            a[f"rate_{value}"].triggered.connect(lambda _=False, v=value: side.rubric.rate_selected(v))
        a["next_criterion"].triggered.connect(lambda: side.rubric.select_step(1))
        a["previous_criterion"].triggered.connect(lambda: side.rubric.select_step(-1))
        a["import"].triggered.connect(files.import_files)
        a["import_verdicts"].triggered.connect(self.verdict_import.choose_files)
        a["load_project"].triggered.connect(lambda: files.load_project_settings())
        a["export"].triggered.connect(files.export)
        a["preferences"].triggered.connect(lambda: self.preferences(""))
        a["quit"].triggered.connect(self.close)
        a["cheatsheet"].triggered.connect(files.cheatsheet)
        a["about"].triggered.connect(files.about)
        self.recent_menu.aboutToShow.connect(lambda: files.fill_recent_menu(self.recent_menu))
        a["open_data_dir"].triggered.connect(files.choose_data_dir)
        a["review_mode"].triggered.connect(lambda: events.mode_requested.emit("review"))

    # ------------------------------------------------------------------ reacting to changes
    def _on_store_changed(self, changes: Changes) -> None:
        """Refresh what an operation changed (an import, a seal, an upload, a save)."""
        if changes.projects:
            self.editor.forget_projects()
        if changes.tasks:
            self.reload_queue()
            if self.session.task is None:
                self.editor.open_first_task()
            self.availability.refresh()
        rewrite = self.session.rewrite
        if rewrite is not None and rewrite.rewrite_id in changes.sealed:
            self.editor.reopen_current_task()  # now read-only
        elif self.session.task is not None and self.session.task.id in changes.reviewed:
            self.editor.reopen_current_task()  # its verdicts, and a draft again if sent back
        self.outbox.refresh_if_shown(changes)

    def _hold_edits_while_sealing(self, sealing: bool) -> None:
        """A submitted task being polished could be sealed under the writer's hands: while the
        seal runs its rewrite takes no keystroke that the seal would then refuse."""
        rewrite = self.session.rewrite
        hold = sealing and rewrite is not None and rewrite.status is RewriteStatus.SUBMITTED
        editable = not hold and not self.session.is_sealed and self.session.task is not None
        self.diff_view.rewrite_pane.setReadOnly(not editable)
        self.side_panel.set_editable(editable)

    def reload_queue(self) -> None:
        self.queue.reload()

    def _current_task_id(self) -> str | None:
        return self.session.task.id if self.session.task is not None else None

    def _layout_parts(self) -> LayoutParts:
        return LayoutParts(
            settings=self.context.settings,
            splitters={"main": self.main_splitter, "panes": self.diff_view.splitter},
            guidelines=self.guidelines,
            right_docks=tuple(self.prose.docks()),
            inline_action=self.actions_by_name["toggle_inline"],
            diff_view=self.diff_view,
        )

    def _on_theme_changed(self, choice: ThemeChoice) -> None:
        check_theme(self.theme_group, choice)
        self.diff_view.refresh_theme()
        self.editor.define_mark_layers()

    def _show_timesheet(self) -> None:
        from workstation.gui.writer.timesheet_view import show_timesheet  # warmed after the first paint

        show_timesheet(self.context, self)

    def preferences(self, page: str = "") -> None:
        from workstation.gui.dialogs.preferences.dialog import ask_preferences  # warmed after the paint

        ctx = self.context
        prefs = ask_preferences(
            ctx,
            self,
            categories=self.prose.pack.categories,
            page=page or None,
            lint_notices=self.prose.lint_notices(),
        )
        self.outbox.refresh()
        if prefs is not None:
            self.apply_preferences(prefs)

    def apply_preferences(self, prefs: Preferences) -> None:
        ctx = self.context
        settings = ctx.settings
        ctx.set_font_size(prefs.font_size)
        settings.set_start_from_original(prefs.start_from_original)
        settings.set_record_effort(prefs.record_effort)
        self.session.set_effort_recording(prefs.record_effort)
        ctx.set_theme(prefs.theme)
        if prefs.style_folder != settings.style_folder():
            settings.set_style_folder(prefs.style_folder)
            self.prose.reload_styles()
        elif set(prefs.disabled_categories) != settings.disabled_categories():
            self.prose.set_disabled_categories(set(prefs.disabled_categories))
        self.prose.set_spelling_language(prefs.spelling_language)

    def _show_message(self, text: str, msecs: int) -> None:
        if text:  # may quote a server or a path: one safe line
            self.statusBar().showMessage(shown_line(text), msecs)
        else:
            self.statusBar().clearMessage()

    def _set_title(self, task_id: str | None) -> None:
        title = f"{shown_line(task_id, TITLE_ID_CHARS)} — {APP_NAME}" if task_id else APP_NAME
        self.setWindowTitle(title + (" (demo)" if self.context.demo else ""))

    # ------------------------------------------------------------------ saving, focus, quit
    def save_work(self, *, wait: bool = False) -> bool:
        """Hand the current task's changes to the store; with ``wait``, True once it holds them."""
        return self.session.flush(cursor=self.diff_view.rewrite_cursor(), wait=wait)

    def saved_state_sentence(self) -> str:
        """For the crash dialog: whether the writer's text is in the store."""
        unsaved = self.session.unsaved_task_ids
        if self.session.dirty or unsaved:
            count = max(len(unsaved), 1)
            return (
                f"Your latest changes to {count} task(s) are NOT saved yet; "
                "they stay in the editor and saving is retried."
            )
        return "Your text is saved."

    def open_first_task(self) -> None:
        """Once the window is painted: open the first task, then what waited for the paint (the
        key's state, the rules, the code of later commands; see warm_up)."""
        self.editor.open_first_task()
        self.key_status.refresh_when_loaded(self.context.runner)
        self.prose.load_rules(self.context.analysis_runner)
        warm_up_after_paint(self.context.runner)

    def _on_input(self) -> None:
        if not self._closed:
            self.session.note_activity()

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        """Another app took the focus (active time pauses, the work is saved) or gave it back."""
        focused = state == Qt.ApplicationState.ApplicationActive
        if self._closed or focused == self.session.focused:
            return
        self.session.set_focused(focused)
        if not focused:
            self.save_work()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.transfers.busy:
            self.transfers.cancel_import()
        if not self._may_quit():
            event.ignore()
            return
        self._closed = True
        save_layout(self, self._layout_parts())
        self.session.shutdown()
        self.editor.shutdown()
        self.outbox.shutdown()
        self.queue.shutdown()
        self.hide()  # an upload may take a while to notice the cancel; the writer need not watch
        self.context.wait_for_background()
        event.accept()
        self.closed_for_good.emit()

    def _may_quit(self) -> bool:
        """Everything saved, or the writer chose to lose what could not be."""
        if self.save_work(wait=True) and not self.session.unsaved_task_ids:
            return True
        return ask_to_proceed(
            self,
            "Changes not saved",
            "Your latest changes could not be saved (see the message under the editor). "
            "Quit anyway and lose them?",
            QMessageBox.StandardButton.Discard,
        )

    @property
    def closed(self) -> bool:
        return self._closed
