"""What the review queue holds: the inbox's items and their triage, read without stalling the window.

At 200,000 items, reading every item costs about 3 s and triaging them 0.4–0.7 s: on the GUI
thread that kept the window from showing its first item for 3–5 s, and every reload froze it
as long. So the queue reads the first :data:`FIRST_PAGE_ITEMS` items at once (the reviewer can
start on them), and a background job with its own read-only connection (background readers get
their own, see DESIGN) reads the rest and triages the whole inbox; the result lands on the GUI
thread in one piece and is appended to the queue without a reset, then the outlier filter, the
Batch tab and the counts are complete. A small inbox (the usual case) is read and triaged at
once, with no job.

After the inbox changed (bundles received, the figures pass finished) only the items from the
first one read without figures, or else after the last one read, are read again. Verdicts never
read the inbox: the queue's verdict column and filter are updated in place by the window.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from workstation.core.models import VerdictKind
from workstation.core.review.items import AuditItem
from workstation.core.review.triage import TriageEntry
from workstation.core.store import Store, StoreError
from workstation.gui.common.background import JobContext, JobHandle, report_unexpected
from workstation.gui.context import AppContext
from workstation.gui.reviewer.queue_filter import OutlierSource, choices_from, filter_items, outlier_reasons
from workstation.gui.reviewer.queue_model import ReviewQueueModel
from workstation.gui.reviewer.queue_panel import ReviewQueuePanel

FIRST_PAGE_ITEMS = 1_000
"""Items read on the GUI thread (about 15 ms): many screens of the queue."""
SYNC_TRIAGE_ITEMS = 5_000
"""Up to this many items the triage runs at once (under 15 ms); above, in the background job."""
READ_CHUNK_ITEMS = 20_000
"""The background job reads this many items at a time (about 0.3 s) and sees a cancel between."""

_READ_FAILURES = (StoreError, sqlite3.Error, OSError)


def _seq(item: AuditItem) -> int:
    return item.seq


def merged(
    old: list[AuditItem], after_seq: int | None, run: list[AuditItem], *, to_end: bool
) -> list[AuditItem]:
    """``old`` (in ``seq`` order) with the items after ``after_seq`` (None: all) replaced by
    ``run``, the store's items from there on in order. ``to_end`` says ``run`` reaches the last
    item; otherwise the items of ``old`` after ``run`` are kept (they are read again later)."""
    head = old[: bisect_right(old, after_seq, key=_seq)] if after_seq is not None else []
    if to_end or not run:
        return head + run
    return head + run + old[bisect_right(old, run[-1].seq, key=_seq) :]


def _only_appends(old: list[AuditItem], after_seq: int | None) -> bool:
    """Whether items read after ``after_seq`` only add to ``old`` (none of its items read again)."""
    return bool(old) and after_seq is not None and after_seq >= old[-1].seq


@dataclass(frozen=True)
class InboxRead:
    """What the background job read: every item after ``after_seq`` (None: nothing was read)
    and the triage of the whole inbox with them."""

    after_seq: int | None
    run: list[AuditItem]
    entries: list[TriageEntry]


def read_and_triage(
    data_dir: Path,
    known: list[AuditItem],
    after_seq: int | None,
    outlier_source: OutlierSource,
    job: JobContext,
) -> InboxRead | None:
    """The background job: the items after ``after_seq`` read with a connection of its own, then
    the triage of ``known`` with them; None when cancelled. Runs off the GUI thread."""
    run: list[AuditItem] = []
    if after_seq is not None:
        cursor = after_seq
        with Store(data_dir, readonly=True) as reader:
            while not job.cancelled:
                chunk = reader.inbox.items(after_seq=cursor, limit=READ_CHUNK_ITEMS)
                run.extend(chunk)
                if len(chunk) < READ_CHUNK_ITEMS:
                    break
                cursor = chunk[-1].seq
    if job.cancelled:
        return None
    everything = merged(known, after_seq, run, to_end=True) if after_seq is not None else known
    return InboxRead(after_seq, run, list(outlier_source(everything)))


class InboxQueue(QObject):
    """Fills the queue's model and filters from the inbox. Emits ``loaded`` when every item is
    read and triaged (the Batch tab may summarise them), ``failed(sentence)`` when reading failed."""

    loaded = Signal()
    failed = Signal(str)

    def __init__(
        self,
        context: AppContext,
        model: ReviewQueueModel,
        panel: ReviewQueuePanel,
        outlier_source: OutlierSource,
        current_item: Callable[[], str | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._model = model
        self._panel = panel
        self._outlier_source = outlier_source
        self._current_item = current_item
        self.items: list[AuditItem] = []
        self.triage: list[TriageEntry] = []
        self.outliers: dict[str, tuple[str, ...]] = {}
        self._sources: list[tuple[str, str, str]] = []
        self._models: set[str | None] = set()
        self._total = 0
        self._job: JobHandle | None = None
        self._generation = 0  # a result of an older generation is stale: dropped
        self._again = False  # the inbox changed while a job ran: read again when it lands
        self._closed = False

    @property
    def loading(self) -> bool:
        """The rest of the inbox is being read or triaged in the background."""
        return self._job is not None

    # ------------------------------------------------------------------ reading
    def reload(self) -> None:
        """Read the whole inbox again (the window opening), keeping the filters."""
        self._read(None)

    def refresh(self) -> None:
        """The inbox changed: read again from the first item read without figures (the figures
        pass has been at them), else only the items after the last one read."""
        if self._job is not None:
            self._again = True
            return
        pending = next((item.seq for item in self.items if item.figures is None), None)
        if pending is not None:
            self._read(pending - 1)
        else:
            self._read(self.items[-1].seq if self.items else None)

    def _read(self, after_seq: int | None) -> None:
        """The first page after ``after_seq`` now; the rest and the triage in a job if need be."""
        self._cancel_job()
        store = self._context.store
        identity = self._context.identity()
        verdicts = store.verdicts.latest_kinds(identity.fingerprint if identity else None)
        self._sources, self._models = store.inbox.item_sources(), store.inbox.models()
        self._total = store.inbox.count()
        self._set_choices()  # every writer, bundle and model before their items are read
        page = store.inbox.items(after_seq=after_seq, limit=FIRST_PAGE_ITEMS)
        to_end = len(page) < FIRST_PAGE_ITEMS
        old = [] if after_seq is None else self.items
        self.items = merged(old, after_seq, page, to_end=to_end)
        in_background = not to_end or len(self.items) > SYNC_TRIAGE_ITEMS
        if not in_background:
            self._set_triage(list(self._outlier_source(self.items)))
        appendable = _only_appends(old, after_seq) and verdicts == self._model.verdicts
        self._show(page, verdicts, appendable=appendable, triage_changed=not in_background)
        if in_background:
            self._start_job(None if to_end else page[-1].seq)
        else:
            self.loaded.emit()

    def _start_job(self, after_seq: int | None) -> None:
        self._generation += 1
        generation, data_dir, known = self._generation, self._context.data_dir, list(self.items)
        source = self._outlier_source
        self._job = self._context.runner.submit(
            lambda job: read_and_triage(data_dir, known, after_seq, source, job),
            on_done=lambda read: self._landed(generation, read),
            on_error=lambda error: self._job_failed(generation, error),
        )
        self._update_count()

    def _landed(self, generation: int, read: InboxRead | None) -> None:
        if generation != self._generation or self._closed:
            return
        self._job = None
        if read is None:
            return
        old = self.items
        if read.after_seq is not None:
            self.items = merged(old, read.after_seq, read.run, to_end=True)
        self._set_triage(read.entries)
        self._show(
            read.run,
            self._model.verdicts,
            appendable=read.after_seq is None or _only_appends(old, read.after_seq),
            triage_changed=True,
        )
        self.loaded.emit()
        if self._again:
            self._again = False
            self.refresh()

    def _job_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation or self._closed:
            return
        self._job = None
        self._again = False
        self._update_count()
        if isinstance(error, _READ_FAILURES):
            self.failed.emit(f"The rest of the inbox could not be read: {error}")
        else:
            report_unexpected(error)

    def _cancel_job(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._generation += 1
        self._again = False

    def close(self) -> None:
        """The window is closing: stop the job after its current chunk, drop what it sends."""
        self._closed = True
        self._cancel_job()

    # ------------------------------------------------------------------ showing
    def _set_triage(self, entries: list[TriageEntry]) -> None:
        self.triage = entries
        self.outliers = outlier_reasons(entries)
        self._set_choices()

    def _set_choices(self) -> None:
        self._panel.set_choices(choices_from(self._sources, self._models, self.outliers))

    def _show(
        self,
        run: list[AuditItem],
        verdicts: dict[str, VerdictKind],
        *,
        appendable: bool,
        triage_changed: bool,
    ) -> None:
        """After ``run`` was read: append what the filters let through if nothing shown before
        can have changed, else filter everything again (a reset of the queue)."""
        if appendable and not (triage_changed and self._panel.current_filter().outlier is not None):
            self._show_appended(run)
        else:
            self.show_filtered(verdicts)

    def _show_appended(self, run: list[AuditItem]) -> None:
        verdicts = self._model.verdicts
        self._model.append_items(filter_items(run, self._panel.current_filter(), verdicts, self.outliers))
        self._update_count()
        current = self._current_item()
        if current is not None and self._panel.current_item_id() != current:
            self._panel.select_item(current)  # opened before its row was read (the first unjudged)

    def show_filtered(self, verdicts: dict[str, VerdictKind] | None = None) -> None:
        """Apply the panel's filters to every item read (a filter changed); ``verdicts`` (item id
        → this reviewer's latest kind) replaces the model's when given."""
        verdicts = self._model.verdicts if verdicts is None else verdicts
        shown = filter_items(self.items, self._panel.current_filter(), verdicts, self.outliers)
        self._model.set_items(shown, verdicts)
        self._update_count()
        self._panel.select_item(self._current_item())

    def _update_count(self) -> None:
        total = self._total if self.loading else len(self.items)
        self._panel.update_count(self._model.rowCount(), total, loading=self.loading)
