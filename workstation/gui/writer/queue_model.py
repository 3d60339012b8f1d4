"""The task queue as a Qt list model that reads its rows as they are shown.

The model knows how many tasks the queue lists and holds only the pages of rows the writer has
looked at lately (:data:`KEPT_PAGES` pages of a few hundred rows: ids, states and a short
snippet: about 200 bytes a task), so a queue of 100,000 tasks opens as fast as one of 50 and
takes the same memory. A row whose page is not held yet reads "…" until its page arrives: pages
near the top are read at once (about 1 ms), farther ones on the reader's worker.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from workstation.core.models import Rewrite, RewriteStatus
from workstation.core.store import SEALED, QueueFilter, QueueRow
from workstation.gui.common.plain_text import shown_line, tooltip
from workstation.gui.writer.queue_icons import EDITED_ICON_KEY, REVISION_ICON_KEY, state_icons
from workstation.gui.writer.queue_reads import PAGE_ROWS, QueueSnapshot

TaskIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2
RevisionRole = Qt.ItemDataRole.UserRole + 3
EditedAfterSubmitRole = Qt.ItemDataRole.UserRole + 4

REVISION_LABEL = "Revisions requested"
EDITED_LABEL = "Edited after submit"
EDITED_TOOLTIP = "Submitted · edited after submit — submit again to confirm"
LOADING_TEXT = "…"

STATUS_LABELS = {
    RewriteStatus.OPEN.value: "To do",
    RewriteStatus.DRAFT.value: "Draft",
    RewriteStatus.SUBMITTED.value: "Submitted",
    SEALED: "Sealed",
    RewriteStatus.SKIPPED.value: "Skipped",
    RewriteStatus.FLAGGED.value: "Flagged",
}

NEAR_ROWS = 2_000
"""A page that starts above this row is read on the GUI thread when shown (under 1 ms at 100,000
tasks); a farther one costs 20-50 ms to walk to and is read on the worker."""
KEPT_PAGES = 50
"""Pages held (10,000 rows, about 2 MB); the page shown longest ago is let go first."""
PREFETCH_ROWS = 50
"""The page before or after the current task is read once it is this close to its edge, so
Next and Previous find their task held."""
_ROW_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    StatusRole,
    RevisionRole,
    EditedAfterSubmitRole,
    TaskIdRole,
]


class PageSource(Protocol):
    """Where the model's pages come from (:class:`~workstation.gui.writer.queue_reads.QueueReader`);
    a page holds ``page_rows`` rows."""

    page_rows: int

    def page_now(self, key: QueueFilter, page: int) -> list[QueueRow]: ...

    def page_later(self, key: QueueFilter, page: int, deliver: Callable[[Any], None]) -> None: ...

    def position_now(self, key: QueueFilter, task_id: str) -> int | None: ...


class QueueModel(QAbstractListModel):
    """Emits ``page_arrived`` after a page read on the worker is shown."""

    page_arrived = Signal()

    def __init__(self, source: PageSource | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._page_rows = source.page_rows if source is not None else PAGE_ROWS
        self._key = QueueFilter()
        self._count = 0
        self._pages: OrderedDict[int, list[QueueRow]] = OrderedDict()
        self._stale: dict[int, list[QueueRow]] = {}  # pages as read before, shown until read again
        self._row_of: dict[str, int] = {}
        self._asked: set[int] = set()  # pages the worker is reading
        self._generation = 0  # pages read for an older generation are dropped
        self._icons = state_icons()

    # ------------------------------------------------------------------ filling
    @property
    def key(self) -> QueueFilter:
        """The filter the rows shown were listed by."""
        return self._key

    @property
    def generation(self) -> int:
        """Changes whenever the rows shown were read again: answers about older rows are stale."""
        return self._generation

    @property
    def loading(self) -> bool:
        """Pages are being read for rows on screen."""
        return bool(self._asked)

    def show_snapshot(self, snapshot: QueueSnapshot) -> None:
        """Show the queue as ``snapshot`` lists it. The same filter with the same number of rows
        is read again in place: selection and scroll stay, and rows on screen show what they
        showed until their page is read again (no "…" after each seal). Otherwise the model is
        reset."""
        in_place = snapshot.key == self._key and snapshot.shown == self._count
        if not in_place:
            self.beginResetModel()
        self._generation += 1
        self._key, self._count = snapshot.key, snapshot.shown
        if in_place:
            self._stale.update(self._pages)
            while len(self._stale) > KEPT_PAGES:
                gone_page = next(iter(self._stale))
                self._forget(gone_page, self._stale.pop(gone_page))
        else:
            self._stale.clear()
            self._row_of.clear()
        self._pages.clear()
        self._asked.clear()
        self._keep(0, snapshot.first_page)
        if not in_place:
            self.endResetModel()
        elif self._count:
            self.dataChanged.emit(self.index(0), self.index(self._count - 1), _ROW_ROLES)

    def set_rows(self, rows: Sequence[QueueRow]) -> None:
        """Show exactly ``rows`` (a short list with no store behind it)."""
        self.beginResetModel()
        self._generation += 1
        self._key, self._count = QueueFilter(), len(rows)
        self._pages.clear()
        self._stale.clear()
        self._row_of.clear()
        self._asked.clear()
        size = self._page_rows
        for first in range(0, len(rows), size):
            self._keep(first // size, list(rows[first : first + size]))
        self.endResetModel()

    def put_page(self, generation: int, page: int, rows: list[QueueRow] | None) -> None:
        """A page read on the worker for ``generation`` (None: the read was dropped)."""
        if generation != self._generation:
            return
        self._asked.discard(page)
        if rows is None:
            return
        self._keep(page, rows)
        first = page * self._page_rows
        last = min(first + self._page_rows, self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first), self.index(last), _ROW_ROLES)
        self.page_arrived.emit()

    def _keep(self, page: int, rows: list[QueueRow]) -> None:
        self._forget(page, self._stale.pop(page, ()))
        self._pages[page] = rows
        self._pages.move_to_end(page)
        first = page * self._page_rows
        for offset, row in enumerate(rows):
            self._row_of[row.id] = first + offset
        while self._source is not None and len(self._pages) > KEPT_PAGES:
            gone_page, gone = self._pages.popitem(last=False)
            self._forget(gone_page, gone)

    def _forget(self, page: int, rows: Sequence[QueueRow]) -> None:
        """Let go of the ids of ``page``'s ``rows`` (those another page has claimed since stay)."""
        first = page * self._page_rows
        for offset, row in enumerate(rows):
            if self._row_of.get(row.id) == first + offset:
                del self._row_of[row.id]

    # ------------------------------------------------------------------ rows
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def _row(self, number: int, *, read_now: bool = False) -> QueueRow | None:
        """Row ``number`` if its page is held; else its page is asked for (read at once when near
        the top or ``read_now``) and None returned until it arrives."""
        if not 0 <= number < self._count:
            return None
        page, at = divmod(number, self._page_rows)
        rows = self._pages.get(page)
        if rows is None:
            rows = self._ask(page, now=read_now)
            if rows is None:
                rows = self._stale.get(page)
        else:
            self._pages.move_to_end(page)
        return rows[at] if rows is not None and at < len(rows) else None

    def _ask(self, page: int, *, now: bool = False) -> list[QueueRow] | None:
        if self._source is None:
            return None
        if now or page * self._page_rows < NEAR_ROWS:
            rows = self._source.page_now(self._key, page)
            self._asked.discard(page)
            self._keep(page, rows)
            return rows
        if page not in self._asked:
            self._asked.add(page)
            generation = self._generation
            self._source.page_later(self._key, page, lambda rows: self.put_page(generation, page, rows))
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self._row(index.row())
        if row is None:
            return LOADING_TEXT if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            snippet = " ".join(row.snippet.split())
            flag = _flag(row)
            return f"{shown_line(row.id)}{f'  · {flag}' if flag else ''}\n{snippet}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(_icon_key(row))
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{row.id} — {_label(row)}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return shown_line(f"{row.id}, {_label(row)}")
        if role == RevisionRole:
            return row.revision
        if role == EditedAfterSubmitRole:
            return row.edited_after_submit
        if role == TaskIdRole:
            return row.id
        if role == StatusRole:
            return row.state
        return None

    def row_for(self, task_id: str) -> int | None:
        """The row of ``task_id`` if its page is held (see :meth:`locate_now` for any task)."""
        return self._row_of.get(task_id)

    def locate_now(self, task_id: str) -> int | None:
        """The row of ``task_id`` in the queue as listed, asking the store if its page is not
        held (a few ms at 100,000 tasks); None when the queue does not list it."""
        row = self._row_of.get(task_id)
        if row is None and self._source is not None and self._count:
            row = self._source.position_now(self._key, task_id)
        return row

    def task_id_at(self, row: int, *, read_now: bool = False) -> str | None:
        """The task at ``row``; with ``read_now`` its page is read at once if it is not held."""
        found = self._row(row, read_now=read_now)
        return found.id if found is not None else None

    def want_row(self, row: int) -> None:
        """Make sure the page holding ``row`` is held or on its way (``page_arrived`` follows)."""
        self._row(row)

    def prefetch_around(self, row: int) -> None:
        """Ask for the pages before and after ``row`` when it is near an edge of its page."""
        for near in (row - PREFETCH_ROWS, row + PREFETCH_ROWS):
            if 0 <= near < self._count and near // self._page_rows not in self._pages:
                self._ask(near // self._page_rows)

    # ------------------------------------------------------------------ live updates
    def show_saved(self, rewrite: Rewrite) -> None:
        """Update the rewrite's row in place after a save, without reloading the queue (a row
        not held is read fresh when it is shown)."""
        number = self._row_of.get(rewrite.task_id)
        if number is None:
            return
        page, at = divmod(number, self._page_rows)
        rows = self._pages[page] if page in self._pages else self._stale[page]
        old = rows[at]
        status, edited = rewrite.status.value, rewrite.edited_after_submit is not None
        if (old.status, old.edited_after_submit) == (status, edited):
            return
        revision = old.revision and status == RewriteStatus.DRAFT.value  # resubmitted: no longer marked
        rows[at] = QueueRow(old.seq, old.id, status, old.snippet, revision, old.sealed, edited)
        index = self.index(number)
        self.dataChanged.emit(index, index, _ROW_ROLES)


def _flag(row: QueueRow) -> str:
    """What the row says after its id: work that asks for the writer's attention ("" for none)."""
    if row.revision:
        return REVISION_LABEL
    return EDITED_LABEL if row.edited_after_submit and not row.sealed else ""


def _label(row: QueueRow) -> str:
    if row.revision:
        return REVISION_LABEL
    if row.edited_after_submit and not row.sealed:
        return EDITED_TOOLTIP
    return STATUS_LABELS.get(row.state, row.state)


def _icon_key(row: QueueRow) -> str:
    if row.revision:
        return REVISION_ICON_KEY
    return EDITED_ICON_KEY if row.edited_after_submit and not row.sealed else row.state
