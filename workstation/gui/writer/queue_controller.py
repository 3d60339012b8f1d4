"""The writer's queue: its model, its panel and its reads, kept in step with the store.

The queue is read again when the search or the status filter changes and when the store's tasks
changed (an import, a seal): an unfiltered queue at once (its count and first page take about a
millisecond at any size, so the first paint of the window shows them), a filtered one on the
reader's worker, swapped in when it arrives unless the writer changed the filter again since.
Then the task being worked on is highlighted again, found by the store if its row is not held.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from workstation.gui.context import AppContext
from workstation.gui.writer.queue_model import QueueModel
from workstation.gui.writer.queue_panel import QueuePanel
from workstation.gui.writer.queue_reads import QueueReader, QueueSnapshot


class QueueController(QObject):
    """Builds the queue's parts (``model``, ``panel``, ``reader``) and reads the queue for them.
    ``current_task()`` names the task open in the editor (None: none)."""

    def __init__(
        self, context: AppContext, current_task: Callable[[], str | None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._current_task = current_task
        self.reader = QueueReader(context.store, context.data_dir, self)
        self.model = QueueModel(self.reader, self)
        self.panel = QueuePanel(self.model)
        self.panel.filter_changed.connect(self.reload)
        self.panel.locate_requested.connect(self._locate)
        self.reader.failed.connect(context.show_message)

    @property
    def loading(self) -> bool:
        """The queue shown is being read again, or rows on screen are still on their way."""
        return self.reader.busy or self.model.loading

    def reload(self) -> None:
        """Read the queue again as the panel's search and filter ask."""
        key = self.panel.current_filter()
        if key.unfiltered:
            self._show(self.reader.snapshot_now(key))
        else:
            self.reader.snapshot_later(key, self._show)

    def _show(self, snapshot: QueueSnapshot | None) -> None:
        if snapshot is None or snapshot.key != self.panel.current_filter():
            return  # dropped, or the writer has changed the filter since: a newer read is on its way
        self.panel.show_snapshot(snapshot)
        task_id = self._current_task()
        if task_id is not None:
            self.panel.select_task(task_id)

    def _locate(self, task_id: str) -> None:
        generation, key = self.model.generation, self.model.key
        self.reader.position_later(key, task_id, lambda row: self._located(generation, task_id, row))

    def _located(self, generation: int, task_id: str, row: int | None) -> None:
        if generation == self.model.generation:  # else the rows were read again: it is asked anew
            self.panel.located(task_id, row)

    def shutdown(self) -> None:
        """The window is closing: stop reading before the store closes."""
        self.reader.shutdown()
