"""The line under the panes: live edit metrics, active time and whether the work is saved."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QHBoxLayout, QWidget

from workstation.core.diff import EditMetrics
from workstation.gui.common import sizes
from workstation.gui.common.durations import format_duration
from workstation.gui.common.plain_text import plain_label, shown_line, tooltip
from workstation.gui.common.theme import show_as_problem

SAVE_DETAIL_CHARS = 120
"""Characters of a save error shown in the line itself; the tooltip has the rest."""


class SaveState(StrEnum):
    SAVED = "saved"
    PENDING = "pending"
    FAILED = "failed"
    READ_ONLY = "read-only"


class MetricsBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit_label = plain_label()
        self.time_label = plain_label()
        self.save_label = plain_label()
        self.edit_label.setObjectName("editMetrics")
        self.time_label.setObjectName("activeTime")
        self.save_label.setObjectName("saveState")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(sizes.MARGIN, 2, sizes.MARGIN, 2)
        layout.setSpacing(sizes.SPACING * 3)
        layout.addWidget(self.edit_label, 1)
        layout.addWidget(self.time_label)
        layout.addWidget(self.save_label)
        self.set_save_state(SaveState.SAVED)
        self.set_active_seconds(0)

    def set_metrics(self, metrics: EditMetrics | None) -> None:
        if metrics is None:
            self.edit_label.setText("")
            return
        self.edit_label.setText(
            f"+{metrics.words_added} added   −{metrics.words_removed} removed   "
            f"{metrics.words_kept} kept   edit rate {metrics.word_edit_rate:.0%}   "
            f"{metrics.words_original} → {metrics.words_rewrite} words"
        )

    def set_active_seconds(self, seconds: float) -> None:
        self.time_label.setText(f"Active {format_duration(seconds)}")

    def set_save_state(self, state: SaveState, detail: str = "") -> None:
        text = {
            SaveState.SAVED: "All changes saved",
            SaveState.PENDING: "Saving…",
            SaveState.FAILED: "NOT SAVED — will retry",
            SaveState.READ_ONLY: "Sealed — read-only",
        }[state]
        if detail:  # a store or disk error: outside words, one line under the editor
            text = f"{text}: {shown_line(detail, SAVE_DETAIL_CHARS)}"
        self.save_label.setText(text)
        self.save_label.setToolTip(tooltip(detail, multiline=True))
        self.save_label.setProperty("state", state.value)
        show_as_problem(self.save_label, state is SaveState.FAILED)
