"""Preferences ▸ Writers: the keyring of writers' keys a reviewer trusts, or has seen and not yet.

Each key shows its writer's name (as their bundles give it, so plain text), the short fingerprint
(the way every list names a key; the whole one in its tooltip), whether it is trusted or waits to
be confirmed, and when it was added and confirmed. Trusting a pending key first shows the whole
fingerprint and asks the reviewer to compare it with the writer by another channel; forgetting a
key asks first. Both are operations on the store thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.core.clock import parse_iso_utc
from workstation.core.store import Store
from workstation.core.store.writers import Writer, WriterConflict
from workstation.core.text.counts import counted
from workstation.gui.common.plain_text import ask, plain_label, shown_line, tooltip
from workstation.gui.context import AppContext
from workstation.gui.operations import OperationFailed

COLUMNS = ("Writer", "Key", "State", "Added", "Confirmed")
STATE_LABELS = {"trusted": "Trusted", "pending": "Waits for you"}
NAME_CHARS = 60
_FINGERPRINT_ROLE = Qt.ItemDataRole.UserRole


def shown_when(timestamp: str | None) -> str:
    """A stored UTC timestamp as local ``YYYY-MM-DD HH:MM``; "" for none, the text itself if unreadable."""
    if not timestamp:
        return ""
    try:
        return parse_iso_utc(timestamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return shown_line(timestamp, 32)


def trust_question(writer: Writer) -> str:
    return (
        f"Trust this key as {shown_line(writer.name, NAME_CHARS)}'s?\n\n"
        f"Fingerprint: {writer.fingerprint}\n(shown short as {writer.short_fingerprint})\n\n"
        "Compare the whole fingerprint with the writer first, by a channel you trust (in person, a "
        "call, a message you know is theirs), not with anything that came with their bundles. "
        "Their bundles then enter the inbox when you open them again."
    )


def forget_question(writer: Writer) -> str:
    return (
        f"Forget key {writer.short_fingerprint} of {shown_line(writer.name, NAME_CHARS)}?\n\n"
        "Bundles already in the inbox stay; new bundles signed with it will be asked about as a "
        "key seen for the first time."
    )


class WritersPage(QWidget):
    """Emits ``keyring_changed`` after a key was trusted or forgotten."""

    keyring_changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._writers: list[Writer] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("writersTable")
        self.table.setAccessibleName("Writers' keys")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.status = plain_label()
        self.status.setWordWrap(True)
        self.trust_button = QPushButton("Trust…")
        self.forget_button = QPushButton("Forget…")
        buttons = QHBoxLayout()
        buttons.addWidget(self.trust_button)
        buttons.addWidget(self.forget_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.trust_button.clicked.connect(self.trust_selected)
        self.forget_button.clicked.connect(self.forget_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    # ----- display
    def refresh(self) -> None:
        """Read the keyring again, keeping the selected key selected."""
        chosen = self.selected()
        self._writers = self.context.store.writers.all()
        self.table.setRowCount(len(self._writers))
        for row, writer in enumerate(self._writers):
            values = (
                shown_line(writer.name, NAME_CHARS),
                writer.short_fingerprint,
                STATE_LABELS.get(writer.state, shown_line(writer.state, 20)),
                shown_when(writer.added_at),
                shown_when(writer.confirmed_at),
            )
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
                cell.setData(_FINGERPRINT_ROLE, writer.fingerprint)
                cell.setToolTip(tooltip(f"Fingerprint {writer.fingerprint}"))
                self.table.setItem(row, column, cell)
            if chosen is not None and writer.fingerprint == chosen.fingerprint:
                self.table.selectRow(row)
        pending = sum(1 for writer in self._writers if not writer.trusted)
        if not self._writers:
            self.summary.setText(
                "No writers' keys yet. A key is added when you open a bundle signed with it."
            )
        else:
            self.summary.setText(
                f"{counted(len(self._writers) - pending, 'trusted key')}, "
                f"{counted(pending, 'key')} waiting for you to confirm. Bundles enter the inbox "
                "only when their writer's key is trusted."
            )
        self._update_buttons()

    def selected(self) -> Writer | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        row = rows[0].row()
        return self._writers[row] if 0 <= row < len(self._writers) else None

    def select_fingerprint(self, fingerprint: str) -> bool:
        for row, writer in enumerate(self._writers):
            if writer.fingerprint == fingerprint:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        writer = self.selected()
        self.trust_button.setEnabled(writer is not None and not writer.trusted)
        self.forget_button.setEnabled(writer is not None)

    # ----- actions
    def trust_selected(self) -> bool:
        """Trust the selected pending key after the reviewer compared its fingerprint; True if asked for."""
        writer = self.selected()
        if writer is None or writer.trusted:
            return False
        answer = ask(
            self,
            QMessageBox.Icon.Question,
            "Trust a writer's key",
            trust_question(writer),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False

        def work(store: Store) -> str | None:
            try:
                store.writers.trust(writer.name, writer.parsed_public_key())
            except WriterConflict as conflict:
                return str(conflict)
            return None

        def done(problem: str | None) -> None:
            self._after_change(
                f"Not trusted: {problem}."
                if problem
                else f"Trusted {writer.short_fingerprint} as {shown_line(writer.name, NAME_CHARS)}'s key."
            )

        self.context.ops.run("Trust a writer's key", work, on_done=done, on_failed=self._failed)
        return True

    def forget_selected(self) -> bool:
        """Forget the selected key after asking; True if the reviewer said yes."""
        writer = self.selected()
        if writer is None:
            return False
        answer = ask(
            self,
            QMessageBox.Icon.Question,
            "Forget a writer's key",
            forget_question(writer),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.context.ops.run(
            "Forget a writer's key",
            lambda store: store.writers.forget(writer.fingerprint),
            on_done=lambda _found: self._after_change(f"Forgot key {writer.short_fingerprint}."),
            on_failed=self._failed,
        )
        return True

    def _after_change(self, sentence: str) -> None:
        self.refresh()
        self.status.setText(sentence)
        self.keyring_changed.emit()

    def _failed(self, error: OperationFailed) -> None:
        self.status.setText(f"The keyring was not changed: {error.message}")
