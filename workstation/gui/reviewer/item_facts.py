"""What the reviewer knows about the item beside its texts: who sealed it and where it came from,
the figures this app computed from the texts, the effort signals the writer's editor sealed
(``effort_facts``), and the writer's ratings, tags, notes and time.

Every string here was received: labels are plain text, lines are made safe and capped.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from workstation.core.bundles.spec import short_bundle_id
from workstation.core.effort.sealed_effort import EffortRecordError
from workstation.core.records import effort_of_record
from workstation.core.review.items import ItemDetail
from workstation.core.signing import short_fingerprint
from workstation.core.store.inbox import InboxBundle
from workstation.gui.common import sizes
from workstation.gui.common.durations import format_duration
from workstation.gui.common.linear_wrap import keep_wrap_linear
from workstation.gui.common.plain_text import plain_label, shown_line, shown_lines, tooltip
from workstation.gui.common.theme import show_as_problem
from workstation.gui.reviewer.effort_facts import EffortFacts

FACT_CHARS = 80
NOTES_MAX_HEIGHT = 120


def _value_label() -> QLabel:
    label = plain_label()
    label.setWordWrap(True)
    return label


class ItemFacts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writer = _value_label()
        self.bundle = _value_label()
        self.chain_problem = _value_label()
        self.chain_problem.setObjectName("chainProblem")
        self.task = _value_label()
        self.model = _value_label()
        self.status = _value_label()
        self.words = _value_label()
        self.edit_rate = _value_label()
        self.density = _value_label()
        self.active_time = _value_label()
        self.ratings = _value_label()
        self.tags = _value_label()
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setAccessibleName("The writer's notes")
        self.notes.setPlaceholderText("No notes.")
        self.notes.setMaximumHeight(NOTES_MAX_HEIGHT)
        self.notes_wrap = keep_wrap_linear(self.notes)
        self.effort = EffortFacts()

        source_box = QGroupBox("Item")
        source = QFormLayout(source_box)
        for label, value in (
            ("Writer", self.writer),
            ("Bundle", self.bundle),
            ("Task", self.task),
            ("Model", self.model),
            ("Status", self.status),
        ):
            source.addRow(plain_label(label), value)
        source.addRow(self.chain_problem)
        figures_box = QGroupBox("Figures (computed here)")
        figures = QFormLayout(figures_box)
        for label, value in (
            ("Words", self.words),
            ("Edited", self.edit_rate),
            ("Robotic / 1k words", self.density),
            ("Active time", self.active_time),
        ):
            figures.addRow(plain_label(label), value)
        writer_box = QGroupBox("The writer's judgement")
        judgement = QFormLayout(writer_box)
        judgement.addRow(plain_label("Ratings"), self.ratings)
        judgement.addRow(plain_label("Tags"), self.tags)
        judgement.addRow(self.notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(sizes.SPACING)
        for box in (source_box, figures_box, self.effort, writer_box):
            layout.addWidget(box)
        self.show_item(None, None)

    def show_item(self, detail: ItemDetail | None, bundle: InboxBundle | None) -> None:
        """Fill every fact from ``detail`` (None: empty), and the bundle's chain problem if any."""
        if detail is None:
            for label in self._values():
                label.setText("")
                label.setToolTip(tooltip(""))
            self.notes.setPlainText("")
            self.chain_problem.hide()
            self.effort.show_effort(None)
            return
        item, rewrite = detail.item, detail.rewrite
        figures = item.figures
        self.writer.setText(
            f"{shown_line(item.writer_name, FACT_CHARS)} ({short_fingerprint(item.writer_fingerprint)})"
        )
        self.writer.setToolTip(tooltip(f"Key fingerprint {item.writer_fingerprint}"))
        self.bundle.setText(short_bundle_id(item.bundle_id))
        self.bundle.setToolTip(tooltip(item.bundle_id))
        self.task.setText(shown_line(f"{item.task_id} · {item.project}", FACT_CHARS))
        self.model.setText(shown_line(item.model or "not named", FACT_CHARS))
        status = shown_line(item.status, FACT_CHARS)
        if rewrite.flag_reason:
            status += f" — flagged: {shown_line(rewrite.flag_reason, FACT_CHARS)}"
        self.status.setText(status)
        if figures is None:
            for label in (self.words, self.edit_rate, self.density):
                label.setText("being computed…")
        else:
            self.words.setText(f"{figures.words_original:,} → {figures.words_rewrite:,}")
            self.edit_rate.setText(f"{figures.edit_rate:.0%} of the original's words")
            self.density.setText(
                f"{figures.density_before:.1f} → {figures.density_after:.1f} "
                f"({figures.findings_before} → {figures.findings_after} findings)"
            )
        try:
            self.effort.show_effort(effort_of_record(detail.record))
        except (EffortRecordError, KeyError):
            self.effort.show_effort(None, unreadable=True)
        per_100 = item.seconds_per_100_words
        pace = f" ({format_duration(per_100)} per 100 words)" if per_100 is not None else ""
        self.active_time.setText(format_duration(item.active_seconds) + pace)
        ratings = ", ".join(f"{shown_line(k, 40)} {v}" for k, v in sorted(rewrite.ratings.items()))
        self.ratings.setText(ratings or "none")
        self.tags.setText(", ".join(shown_line(tag, 40) for tag in rewrite.tags) or "none")
        notes = shown_lines(rewrite.notes, 2000, 200)
        self.notes_wrap.expect(notes)
        self.notes.setPlainText(notes)
        problem = bundle.chain_problem if bundle is not None else None
        self.chain_problem.setVisible(bool(problem))
        if problem:
            self.chain_problem.setText(f"Chain problem: {shown_line(problem, 300)}")
            show_as_problem(self.chain_problem)

    def _values(self) -> tuple[QLabel, ...]:
        return (
            self.writer,
            self.bundle,
            self.task,
            self.model,
            self.status,
            self.words,
            self.edit_rate,
            self.density,
            self.active_time,
            self.ratings,
            self.tags,
        )
