"""The line at the foot of the window: live edit metrics, active time and whether the work is saved.

Every figure has a cell of its own, as wide as the widest value it plausibly shows (five-digit
counts, a four-digit edit rate, 99 hours), so typing never moves a cell nor anything around
it. The save cell is as wide as its widest state; only a failed save's reason may widen it, into
the empty part of the status bar on its left, so the reason can be read where the failure shows.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from workstation.core.diff import EditMetrics
from workstation.gui.common import sizes
from workstation.gui.common.durations import format_duration
from workstation.gui.common.fixed_width_label import FixedWidthLabel
from workstation.gui.common.plain_text import shown_line, tooltip
from workstation.gui.common.theme import show_as_problem

SAVE_DETAIL_CHARS = 120
"""Characters of a save error shown in the line itself; the tooltip has the rest."""

WIDEST_COUNT = "99999"
"""The widest count a cell reserves room for; larger counts are shown in thousands ("123k")."""
WIDEST_RATE = "9999%"
WIDEST_DURATION = "99:59:59"
FIGURE_GAP = "   "
"""What separates the figures when they are read as one line (tests, the accessible name)."""


class SaveState(StrEnum):
    SAVED = "saved"
    PENDING = "pending"
    FAILED = "failed"
    READ_ONLY = "read-only"


SAVE_TEXTS = {
    SaveState.SAVED: "All changes saved",
    SaveState.PENDING: "Saving…",
    SaveState.FAILED: "NOT SAVED — will retry",
    SaveState.READ_ONLY: "Sealed — read-only",
}


def compact_count(count: int) -> str:
    """A word count in at most five characters: ``12345``, ``123k``, ``45M``."""
    if count < 100_000:
        return str(count)
    if count < 1_000_000:
        return f"{count // 1000}k"
    return f"{count // 1_000_000}M" if count < 100_000_000 else ">99M"


def compact_rate(rate: float) -> str:
    """An edit rate as a whole percentage in at most five characters (a 40-fold rewrite is 4000%)."""
    return f"{rate:.0%}" if rate < 99.995 else ">9999%"


# (object name, text with {} for the value, widest value): one cell per edit figure.
_FIGURE_CELLS = (
    ("wordsAdded", "+{} added", WIDEST_COUNT),
    ("wordsRemoved", "−{} removed", WIDEST_COUNT),
    ("wordsKept", "{} kept", WIDEST_COUNT),
    ("editRate", "edit rate {}", WIDEST_RATE),
    ("wordCounts", "{} words", f"{WIDEST_COUNT} → {WIDEST_COUNT}"),
)


class MetricsBar(QWidget):
    """Lives in the window's status bar, on its right; transient messages use the space on its left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # As wide as its cells ask, never wider (the status bar would hand it spare room, and a
        # window resize would then move the cells); narrower only by cutting a long save reason.
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.save_label = FixedWidthLabel(
            list(SAVE_TEXTS.values()), alignment=Qt.AlignmentFlag.AlignRight, grow=True
        )
        self.save_label.setObjectName("saveState")
        self.figure_labels: list[FixedWidthLabel] = []
        for name, template, widest in _FIGURE_CELLS:
            label = FixedWidthLabel([template.format(widest)], alignment=Qt.AlignmentFlag.AlignRight)
            label.setObjectName(name)
            self.figure_labels.append(label)
        self.time_label = FixedWidthLabel([f"Active {WIDEST_DURATION}"])
        self.time_label.setObjectName("activeTime")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(sizes.MARGIN, 0, sizes.MARGIN, 0)
        layout.setSpacing(sizes.SPACING * 2)
        layout.addWidget(self.save_label, 1)
        layout.addSpacing(sizes.SPACING * 2)
        for label in self.figure_labels:
            layout.addWidget(label)
        layout.addSpacing(sizes.SPACING * 2)
        layout.addWidget(self.time_label)
        self.set_save_state(SaveState.SAVED)
        self.set_active_seconds(0)

    def set_metrics(self, metrics: EditMetrics | None) -> None:
        if metrics is None:
            for label in self.figure_labels:
                label.setText("")
            return
        values = (
            compact_count(metrics.words_added),
            compact_count(metrics.words_removed),
            compact_count(metrics.words_kept),
            compact_rate(metrics.word_edit_rate),
            f"{compact_count(metrics.words_original)} → {compact_count(metrics.words_rewrite)}",
        )
        for label, (_name, template, _widest), value in zip(
            self.figure_labels, _FIGURE_CELLS, values, strict=True
        ):
            label.setText(template.format(value))

    def edit_text(self) -> str:
        """The edit figures as one line ("+4 added   −8 removed   …"), '' before a comparison."""
        return FIGURE_GAP.join(label.text() for label in self.figure_labels if label.text())

    def set_active_seconds(self, seconds: float) -> None:
        self.time_label.setText(f"Active {format_duration(seconds)}")

    def set_save_state(self, state: SaveState, detail: str = "") -> None:
        text = SAVE_TEXTS[state]
        if detail:  # a store or disk error: outside words, one line under the editor
            text = f"{text}: {shown_line(detail, SAVE_DETAIL_CHARS)}"
        self.save_label.setText(text)
        self.save_label.setToolTip(tooltip(detail, multiline=True))
        self.save_label.setProperty("state", state.value)
        show_as_problem(self.save_label, state is SaveState.FAILED)
