"""What the writer's window shows while there is no task: an honest empty state.

An empty data folder used to show blank panes that took typing and answered "All changes saved"
although nothing was stored, with Submit, Skip and Flag enabled. Now the editor area says what
to do — import a file, or try the demo project — and everything that works on a task (the panes,
the rubric, tags and notes, the task actions) is disabled until a task is open.
:class:`TaskAvailability` keeps that true as tasks arrive: the window calls
:meth:`TaskAvailability.refresh` after each change to the tasks and each task it opens.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from workstation.core.demo import populate_demo
from workstation.core.store import Store
from workstation.gui.common import sizes
from workstation.gui.common.plain_text import plain_label, shown_line
from workstation.gui.common.shortcuts import BY_ACTION
from workstation.gui.common.theme import show_as_problem
from workstation.gui.context import AppContext
from workstation.gui.operations import Changes, OperationFailed
from workstation.gui.writer.editor import EditorWidgets
from workstation.gui.writer.task_session import TaskSession

TASK_ACTIONS = (
    "submit",
    "skip",
    "flag",
    "next_task",
    "previous_task",
    "reset_rewrite",
    "start_empty",
    "next_change",
    "previous_change",
    "find",
    "replace",
    "find_next",
    "find_previous",
    "save",
    "focus_rewrite",
    "focus_notes",
    "rate_1",
    "rate_2",
    "rate_3",
    "rate_4",
    "rate_5",
    "next_criterion",
    "previous_criterion",
)
"""The window's actions that work on the open task: disabled while none is open."""

NO_TASK_STATUS = "No task open"
"""The side panel's status and the save line while no task is open (never "All changes saved")."""

DEMO_CHANGES = Changes(tasks=True, projects=True)


class EmptyState(QWidget):
    """The editor area of a data folder without tasks. Emits ``import_requested`` (the window's
    File ▸ Import) and ``demo_requested`` (add the bundled demo project to this folder)."""

    import_requested = Signal()
    demo_requested = Signal()

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        heading = plain_label("No tasks in this data folder yet")
        heading.setObjectName("emptyStateHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.heading = heading
        self.hint = plain_label(
            "Import a file of model outputs to rewrite (JSONL, CSV or TSV, Label Studio or chat "
            "transcripts), or try the demo project first: it adds a set of practice tasks, with "
            "guidelines and a rubric, to this data folder."
        )
        self.folder = plain_label(f"Data folder: {shown_line(str(data_dir))}")
        self.problem = plain_label()
        show_as_problem(self.problem)
        self.problem.hide()
        for label in (self.heading, self.hint, self.folder, self.problem):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton(f"Import a file…  ({BY_ACTION['import'].display().split(',')[0]})")
        self.import_button.setDefault(True)
        self.demo_button = QPushButton("Try the demo project")
        self.import_button.clicked.connect(self.import_requested)
        self.demo_button.clicked.connect(self.demo_requested)

        buttons = QHBoxLayout()
        buttons.setSpacing(sizes.SPACING * 2)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(sizes.SPACING * 2)
        column.addWidget(self.heading)
        column.addWidget(self.hint)
        column.addLayout(buttons)
        column.addWidget(self.problem)
        column.addWidget(self.folder)
        body = QWidget()
        body.setMaximumWidth(sizes.EMPTY_STATE_WIDTH)
        body.setLayout(column)
        centred = QHBoxLayout()  # stretches, not an alignment: the wrapped hint keeps its height
        centred.addStretch(1)
        centred.addWidget(body, 100)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(sizes.MARGIN * 2, sizes.MARGIN * 2, sizes.MARGIN * 2, sizes.MARGIN * 2)
        layout.addStretch(1)
        layout.addLayout(centred)
        layout.addStretch(2)

    def set_busy(self, busy: bool) -> None:
        """While the demo is being added: its button waits, and an earlier problem is cleared."""
        self.demo_button.setEnabled(not busy)
        self.demo_button.setText("Adding the demo project…" if busy else "Try the demo project")
        if busy:
            self.problem.hide()

    def show_problem(self, text: str) -> None:
        self.problem.setText(shown_line(text))
        self.problem.show()


class TaskAvailability(QObject):
    """Shows the empty state while the store has no task, and keeps every part of the window that
    needs a task disabled while none is open (the panes read-only, the side panel and the task
    actions disabled, the save line saying no task is open: with nothing open, nothing is saved).

    The editor area changes only when the store gains its first task (or loses its last): hiding
    and showing the panes makes Qt measure the editor area afresh, so opening a task must not."""

    def __init__(
        self,
        context: AppContext,
        session: TaskSession,
        widgets: EditorWidgets,
        actions: Mapping[str, QAction],
        parent: QObject | None = None,
    ) -> None:
        """Builds :attr:`empty_state` (the window puts it in the editor area, then calls
        :meth:`refresh`); its Import button is the window's ``import`` action."""
        super().__init__(parent)
        self._context = context
        self._session = session
        self._widgets = widgets
        self._actions = [actions[name] for name in TASK_ACTIONS]
        self.empty_state = EmptyState(context.data_dir)
        self.empty_state.import_requested.connect(actions["import"].trigger)
        self.empty_state.demo_requested.connect(self.add_demo)

    def refresh(self) -> None:
        """Match the window to the store and the session: call after a store change or a task opened."""
        has_tasks = self._context.store.tasks.has_any()
        task_open = self._session.task is not None
        w = self._widgets
        self.empty_state.setVisible(not has_tasks)
        for view in (w.context_view, w.diff_view, w.metrics_bar):
            view.setVisible(has_tasks)
        if not task_open:  # opening a task sets all three from the task's own state
            w.diff_view.rewrite_pane.setReadOnly(True)
            w.side_panel.set_status_text(NO_TASK_STATUS)
            w.metrics_bar.save_label.setText(NO_TASK_STATUS)  # not "All changes saved"
        w.side_panel.setEnabled(task_open)
        for action in self._actions:
            action.setEnabled(task_open)

    def add_demo(self) -> None:
        """Add the bundled demo project and its tasks to this data folder (an operation on the
        store thread; the store change that follows opens the first task)."""
        self.empty_state.set_busy(True)

        def add(store: Store) -> None:
            populate_demo(store)

        self._context.ops.run(
            "add the demo project",
            add,
            changes=DEMO_CHANGES,
            on_done=lambda _none: self.empty_state.set_busy(False),
            on_failed=self._demo_failed,
        )

    def _demo_failed(self, error: OperationFailed) -> None:
        self.empty_state.set_busy(False)
        self.empty_state.show_problem(f"The demo project could not be added: {error.message}")
