"""The outbox dock: sealed bundles with their upload state, and the seal / upload / retry / export buttons."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.core.bundles.spec import short_bundle_id
from workstation.core.store.outbox import OutboxRow
from workstation.gui.common.plain_text import plain_label, shown_line, tooltip

COLUMNS = ("Bundle", "Sealed", "Rewrites", "Size", "State", "Tries", "Last error")
STATE_LABELS = {"pending": "Waiting", "uploading": "Uploading…", "acked": "Uploaded", "rejected": "Rejected"}


def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} B"


class OutboxDock(QDockWidget):
    seal_requested = Signal()
    push_requested = Signal()
    retry_requested = Signal(str)
    export_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Outbox", parent)
        self.setObjectName("outboxDock")
        body = QWidget()
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName("Outbox bundles")
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.seal_button = QPushButton("Seal submitted work")
        self.push_button = QPushButton("Upload now")
        self.retry_button = QPushButton("Retry")
        self.export_button = QPushButton("Export to file…")
        buttons = QHBoxLayout()
        for button in (self.seal_button, self.push_button, self.retry_button, self.export_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(body)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.setWidget(body)
        self.seal_button.clicked.connect(self.seal_requested)
        self.push_button.clicked.connect(self.push_requested)
        self.retry_button.clicked.connect(lambda: self._with_selection(self.retry_requested))
        self.export_button.clicked.connect(lambda: self._with_selection(self.export_requested))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._rows: list[OutboxRow] = []
        self._update_buttons()

    def show_rows(self, rows: Sequence[OutboxRow], *, target: str | None, unsealed: int) -> None:
        selected = self.selected_id()
        self._rows = list(rows)
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            values = (
                short_bundle_id(row.bundle_id),
                row.created_at.replace("T", " ")[:16],
                str(row.record_count),
                human_size(row.size),
                STATE_LABELS.get(row.state, row.state),
                str(row.attempts),
                row.last_error or "",
            )
            for column, value in enumerate(values):
                # Errors can quote an upload server's reply: one safe line, never rich text.
                item = QTableWidgetItem(shown_line(value))
                item.setToolTip(tooltip(row.bundle_id if column == 0 else value))
                self.table.setItem(number, column, item)
            if row.bundle_id == selected:
                self.table.selectRow(number)
        counts: dict[str, int] = {}
        for row in rows:
            counts[row.state] = counts.get(row.state, 0) + 1
        parts = [f"{n} {STATE_LABELS.get(s, s).lower()}" for s, n in sorted(counts.items())]
        shown_target = shown_line(target) if target else "not set (Preferences ▸ Identity & upload)"
        self.summary.setText(
            f"{len(rows)} bundle(s)"
            + (f": {', '.join(parts)}" if parts else "")
            + f". {unsealed} submitted rewrite(s) not sealed yet."
            + f"\nUpload target: {shown_target}"
        )
        self.seal_button.setEnabled(unsealed > 0)
        self._update_buttons()

    def selected_id(self) -> str | None:
        selection = self.table.selectionModel().selectedRows()
        if not selection or selection[0].row() >= len(self._rows):
            return None
        return self._rows[selection[0].row()].bundle_id

    def set_busy(self, text: str | None, done: int = 0, total: int = 0) -> None:
        self.progress.setVisible(text is not None)
        if text is not None:
            self.progress.setFormat(text)
            self.progress.setRange(0, max(total, 0))
            self.progress.setValue(done)
        self.push_button.setEnabled(text is None)

    def _with_selection(self, signal: SignalInstance) -> None:
        bundle_id = self.selected_id()
        if bundle_id:
            signal.emit(bundle_id)

    def _update_buttons(self) -> None:
        bundle_id = self.selected_id()
        row = next((r for r in self._rows if r.bundle_id == bundle_id), None)
        self.export_button.setEnabled(row is not None)
        self.retry_button.setEnabled(row is not None and row.state in ("rejected", "pending"))
