"""Showing a task in the writer's panes and painting its analysis as the writer types.

:class:`TaskEditor` puts a task into every widget that shows it (prompt, panes, rubric, tags,
notes, guidelines, queue selection), forwards edits to the :class:`TaskSession`, and paints each
stage of an analysis as it arrives — the diff, then the lint marks, then the metrics — unless the
writer has moved on since. Opening a task paints its diff as the texts are laid out (made ahead
for the tasks opened next); the rest follows once the task is on screen.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextCursor

from workstation.core.analysis.analyser import Analysis, rewrite_metrics
from workstation.core.analysis.comparison import Comparison
from workstation.core.models import Project, RewriteStatus, Task
from workstation.core.store import SEALED
from workstation.core.text.positions import Utf16Index
from workstation.gui.common.background import BackgroundRunner
from workstation.gui.common.plain_text import shown_line
from workstation.gui.compare.context_view import ContextView
from workstation.gui.compare.diff_refresher import DiffRefresher
from workstation.gui.compare.diff_view import DiffView
from workstation.gui.compare.lint_marks import PaneMarks, define_lint_layers
from workstation.gui.compare.pane_plans import DiffPlan, PairMarks, plan_diff
from workstation.gui.compare.text_pane import display_text
from workstation.gui.context import AppContext
from workstation.gui.writer.comment_marks import CommentMarks, define_comment_layer
from workstation.gui.writer.guidelines_dock import GuidelinesDock
from workstation.gui.writer.metrics_bar import MetricsBar
from workstation.gui.writer.prose_controller import ProseDocks
from workstation.gui.writer.queue_model import EDITED_TOOLTIP, STATUS_LABELS
from workstation.gui.writer.queue_panel import QueuePanel
from workstation.gui.writer.side_panel import SidePanel
from workstation.gui.writer.task_session import LAST_TASK_KEY, TaskSession


@dataclass(frozen=True)
class EditorWidgets:
    """The widgets that show the current task, built by the window."""

    queue_panel: QueuePanel
    context_view: ContextView
    diff_view: DiffView
    metrics_bar: MetricsBar
    side_panel: SidePanel
    guidelines: GuidelinesDock


class TaskEditor(QObject):
    task_loaded = Signal(str)  # task id, after both panes show it
    comparison_painted = Signal(object)  # Comparison
    marks_painted = Signal(object)  # Marks (lint findings and misspellings)
    analysis_painted = Signal(object)  # Analysis
    title_changed = Signal(str)

    def __init__(
        self,
        context: AppContext,
        session: TaskSession,
        widgets: EditorWidgets,
        prose: ProseDocks,
        runner: BackgroundRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self.session = session
        self.widgets = widgets
        self.prose = prose
        self.diff_view = widgets.diff_view
        self.original_marks = PaneMarks(self.diff_view.original_pane)
        self.rewrite_marks = PaneMarks(self.diff_view.rewrite_pane)
        self.comment_marks = {  # reviewers' anchored comments, per side
            "original": CommentMarks(self.diff_view.original_pane),
            "rewrite": CommentMarks(self.diff_view.rewrite_pane),
        }
        self.diff_view.rewrite_pane.effort = session.effort  # how the writer edits, counted
        self.define_mark_layers()
        self.refresher = DiffRefresher(runner, self.diff_view.pane_texts, prose.analyser, self)
        self.refresher.release_on(self.diff_view.original_pane.painted, self.diff_view.rewrite_pane.painted)
        session.metrics_provider = lambda text: rewrite_metrics(  # what the command line stores too
            self.diff_view.original_pane.text(), text, prose.analyser.linter
        )
        self._projects: dict[str, Project | None] = {}
        self._prefetched_after: str | None = None  # the task whose successors were diffed ahead
        self._closed = False

    # ----- opening tasks
    def open_first_task(self) -> None:
        """On start: reopen where the writer was, else the first task still to do."""
        if self._closed:
            return
        store = self._context.store
        task_id = store.state.get(LAST_TASK_KEY)
        if not task_id or store.tasks.get(task_id) is None:
            task_id = store.tasks.next_after(0) or self.widgets.queue_panel.neighbour(None, 1)
        if task_id:
            self.open_task(task_id)
            self.diff_view.rewrite_pane.setFocus()
        # What exists at start-up (modules, widgets, the first task) lives as long as the app.
        # Out of the collector's sight, a full collection walks only what typing made since: at
        # 50,000 words it would otherwise hold every thread, the GUI's too, for 100-200 ms.
        if not gc.get_freeze_count():
            gc.freeze()

    def reopen_current_task(self) -> None:
        """Show the current task again as the store has it (after sealing made it read-only)."""
        if self.session.task is not None:
            self.open_task(self.session.task.id, force=True)

    def open_task(self, task_id: str, *, force: bool = False) -> bool:
        """Hand the current task's work to the store, then show ``task_id`` in every pane."""
        session = self.session
        if session.task is not None:
            if session.task.id == task_id and not force:
                return True
            session.flush(cursor=self.diff_view.rewrite_cursor())
        task = self._context.store.tasks.get(task_id)
        if task is None:
            return False
        rewrite = session.open(task, start_from_original=self._context.settings.start_from_original())
        project = self.project(task.project)
        w = self.widgets
        w.context_view.show_task(task)
        w.side_panel.set_project(project)
        w.side_panel.load(ratings=rewrite.ratings, tags=rewrite.tags, notes=rewrite.notes)
        w.side_panel.set_editable(not session.is_sealed)
        # The diff is painted as the texts are laid out; lint, spelling and metrics follow once
        # the task is on screen (the refresher hands them to the worker after the repaint).
        diff = self.refresher.plan_opening(display_text(task.original), display_text(rewrite.text))
        self.diff_view.load(task.original, rewrite.text, rewrite.cursor, diff=diff)
        self.diff_view.rewrite_pane.setReadOnly(session.is_sealed)
        self.show_verdicts(task.id)
        w.guidelines.show_guidelines(project.guidelines if project else "")
        w.queue_panel.select_task(task.id)
        self.prose.show_task(task, project)
        self.refresher.refresh_now(diff_first=True, known=diff, upcoming=lambda: self._upcoming_pairs(task))
        self.update_status_text()
        self.title_changed.emit(task.id)
        self.task_loaded.emit(task.id)
        return True

    def project(self, name: str) -> Project | None:
        if name not in self._projects:
            self._projects[name] = self._context.store.projects.get(name)
        return self._projects[name]

    def forget_projects(self) -> None:
        self._projects.clear()

    def update_status_text(self) -> None:
        rewrite, task = self.session.rewrite, self.session.task
        panel = self.widgets.side_panel
        if task is None or rewrite is None:
            panel.set_status_text("")
            return
        edited = self.session.dirty or self.session.is_stored
        status = rewrite.status.value if edited else task.status.value
        text = f"Status: {STATUS_LABELS.get(status, status)}"
        if rewrite.flag_reason:
            text += f"\nFlagged: {shown_line(rewrite.flag_reason)}"
        if rewrite.sealed_bundle_id:
            text = (
                f"Status: {STATUS_LABELS[SEALED]}\nSealed in signed bundle {rewrite.sealed_bundle_id[:19]}…; "
                "read-only, because a sealed record never changes."
            )
        elif rewrite.edited_after_submit and status == RewriteStatus.SUBMITTED.value:
            text = f"Status: {EDITED_TOOLTIP}"
        elif rewrite.revision_of and status == "draft":
            text += (
                "\nRevisions requested: your resubmission seals as a new bundle that references the old one."
            )
        panel.set_status_text(text)

    # ----- reviewers' verdicts
    def show_verdicts(self, task_id: str) -> None:
        """Every verdict on the task in the side panel, and its anchored comments on the panes."""
        box = self.widgets.side_panel.verdicts
        box.show_verdicts(self._context.store.verdicts.for_task(task_id))
        comments = box.anchored_comments()
        for side, marks in self.comment_marks.items():
            marks.set_comments([c for c in comments if c.anchor.side == side])
        self.paint_comments()

    def paint_comments(self) -> None:
        original, rewrite = self.current_texts()
        self.comment_marks["original"].paint(original)
        self.comment_marks["rewrite"].paint(rewrite)
        placed, counters = [], {"original": 0, "rewrite": 0}
        for comment in self.widgets.side_panel.verdicts.anchored_comments():
            side = comment.anchor.side
            placed.append(self.comment_marks[side].span_of(counters[side]) is not None)
            counters[side] += 1
        self.widgets.side_panel.verdicts.mark_unplaced(placed)

    def show_comment(self, number: int) -> None:
        """Select the passage anchored comment ``number`` (of the side panel's list) points at."""
        comments = self.widgets.side_panel.verdicts.anchored_comments()
        if not 0 <= number < len(comments):
            return
        side = comments[number].anchor.side
        on_side = sum(1 for c in comments[:number] if c.anchor.side == side)
        marks = self.comment_marks[side]
        span = marks.span_of(on_side)
        if span is None:
            return
        index = Utf16Index(marks.pane.text())
        cursor = marks.pane.textCursor()
        cursor.setPosition(index.to_utf16(span[0]))
        cursor.setPosition(index.to_utf16(span[1]), QTextCursor.MoveMode.KeepAnchor)
        marks.pane.setTextCursor(cursor)
        marks.pane.ensureCursorVisible()

    def rewrite_tooltip(self, position: int) -> str | None:
        """Lint findings and reviewers' comments at ``position`` of the rewrite pane."""
        parts = [self.rewrite_marks.tooltip(position), self.comment_marks["rewrite"].tooltip(position)]
        return "\n".join(part for part in parts if part) or None

    def original_tooltip(self, position: int) -> str | None:
        parts = [self.original_marks.tooltip(position), self.comment_marks["original"].tooltip(position)]
        return "\n".join(part for part in parts if part) or None

    # ----- editing and painting
    def current_texts(self) -> tuple[str, str]:
        return self.diff_view.original_pane.text(), self.diff_view.rewrite_pane.text()

    def rewrite_edited(self) -> None:
        first_edit = not self.session.dirty
        self.session.update(text=self.diff_view.rewrite_pane.text(), cursor=self.diff_view.rewrite_cursor())
        if first_edit:
            self.update_status_text()
        self.refresher.schedule()

    def paint_diff(self, plan: DiffPlan) -> None:
        """The word diff and edit metrics, ahead of the marks and the prose analysis."""
        if not self.diff_view.apply_plan(plan):
            return  # the writer moved on; a newer analysis is on its way
        self.widgets.metrics_bar.set_metrics(plan.comparison.metrics)
        self.comparison_painted.emit(plan.comparison)

    def paint_comparison(self, comparison: Comparison) -> None:
        """A comparison made outside the refresher (worked out for painting here)."""
        original, rewrite = self.current_texts()
        if (comparison.original, comparison.rewrite) == (original, rewrite):
            lines = self.diff_view.original_pane.text_lines(), self.diff_view.rewrite_pane.text_lines()
            self.paint_diff(plan_diff(comparison, *lines))

    def paint_marks(self, pair: PairMarks) -> None:
        """Lint findings and misspellings on both panes, ahead of the metrics."""
        if (pair.original.text, pair.rewrite.text) != self.current_texts():
            return
        view = self.diff_view
        with view.original_pane.highlighter.batch(), view.rewrite_pane.highlighter.batch():
            self.original_marks.apply(pair.original)
            self.rewrite_marks.apply(pair.rewrite)
            self.paint_comments()  # the writer's edits move the anchored passages
        self.marks_painted.emit(pair.marks)

    def paint_analysis(self, analysis: Analysis) -> None:
        original, rewrite = self.current_texts()
        if analysis.original_text != original or analysis.rewrite_text != rewrite:
            return  # the writer moved on; a newer analysis is on its way
        if analysis.comparison is not self.diff_view.comparison:  # not painted ahead
            self.paint_comparison(analysis.comparison)
        self.original_marks.paint(original, analysis.original.findings)
        self.rewrite_marks.paint(rewrite, analysis.rewrite.findings, analysis.misspelled)
        self.prose.show_analysis(analysis)
        self.session.set_metrics(analysis.metrics_record(), rewrite)
        task = self.session.task
        if task is not None and self._prefetched_after != task.id:
            self._prefetched_after = task.id
            self.prefetch_next(task)
        self.analysis_painted.emit(analysis)

    def prefetch_next(self, task: Task) -> None:
        """While the writer reads ``task``, have the worker diff the tasks likely opened next."""
        self.refresher.prefetch(self._upcoming_pairs(task))

    def _upcoming_pairs(self, task: Task) -> list[tuple[str, str]]:
        """The texts, as the panes would show them, of the tasks likely opened after ``task``:
        the one Submit moves to and the next in the list."""
        if self.session.task is not task:
            return []  # the writer moved on before the worker asked
        self._prefetched_after = task.id  # asked once per task (see paint_analysis)
        store, start_from_original = self._context.store, self._context.settings.start_from_original()
        after = (store.tasks.next_after(task.seq), self.widgets.queue_panel.neighbour(task.id, 1))
        pairs = []
        for task_id in dict.fromkeys(i for i in after if i and i != task.id):
            upcoming = store.tasks.get(task_id)
            if upcoming is not None:
                rewrite = self.session.rewrite_for(upcoming, start_from_original=start_from_original)
                pairs.append((display_text(upcoming.original), display_text(rewrite.text)))
        return pairs

    def forget_marks(self) -> None:
        self.original_marks.forget()
        self.rewrite_marks.forget()

    def define_mark_layers(self) -> None:
        for pane in (self.diff_view.original_pane, self.diff_view.rewrite_pane):
            define_lint_layers(pane, self.diff_view.colors)
            define_comment_layer(pane, pane.palette())

    def show_finding(self, side: str, start: int, end: int) -> None:
        marks = self.rewrite_marks if side == "rewrite" else self.original_marks
        u_start, u_end = marks.utf16_span(start, end)
        cursor = marks.pane.textCursor()
        cursor.setPosition(u_start)
        cursor.setPosition(u_end, QTextCursor.MoveMode.KeepAnchor)
        marks.pane.setTextCursor(cursor)
        marks.pane.ensureCursorVisible()
        marks.pane.setFocus()

    def apply_font_size(self, size: int) -> None:
        self.diff_view.set_point_size(size)

    def shutdown(self) -> None:
        self._closed = True
        self.refresher.shutdown()
