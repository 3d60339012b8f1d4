"""The right-hand panel: rubric ratings of the original, tags, notes and the status actions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QLineEdit,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workstation.core.models import Project
from workstation.gui.common import sizes
from workstation.gui.common.linear_wrap import keep_wrap_linear
from workstation.gui.common.plain_text import plain_label, tooltip
from workstation.gui.common.shortcuts import BY_ACTION
from workstation.gui.writer.rubric_widget import RubricWidget
from workstation.gui.writer.tag_list import TagList
from workstation.gui.writer.verdicts_box import VerdictsBox


class SidePanel(QScrollArea):
    """Emits ``*_changed`` as the writer edits metadata and ``*_requested`` for status actions."""

    ratings_changed = Signal(dict)
    tags_changed = Signal(list)
    notes_changed = Signal()
    submit_requested = Signal()
    skip_requested = Signal()
    flag_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setMinimumWidth(sizes.SIDE_PANEL_MIN_WIDTH)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(sizes.MARGIN, 0, sizes.MARGIN, sizes.MARGIN)
        layout.setSpacing(sizes.SPACING * 2)

        self.status_label = plain_label()
        self.status_label.setWordWrap(True)
        self.status_label.setObjectName("taskStatus")
        layout.addWidget(self.status_label)
        self.verdicts = VerdictsBox()  # what reviewers said about this task, beside the diff
        layout.addWidget(self.verdicts)

        self.submit_button = QPushButton(f"Submit  ({BY_ACTION['submit'].display().split(',')[0]})")
        self.submit_button.setDefault(True)
        self.submit_button.setObjectName("submitButton")
        self.skip_button = QPushButton("Skip")
        self.flag_button = QPushButton("Flag…")
        for button, key in ((self.skip_button, "skip"), (self.flag_button, "flag")):
            button.setToolTip(tooltip(f"{BY_ACTION[key].label} ({BY_ACTION[key].display()})"))
        actions = QVBoxLayout()
        actions.setSpacing(sizes.SPACING)
        actions.addWidget(self.submit_button)
        actions.addWidget(self.skip_button)
        actions.addWidget(self.flag_button)
        layout.addLayout(actions)

        rubric_box = QGroupBox("Rate the original")
        rubric_layout = QVBoxLayout(rubric_box)
        self.rubric = RubricWidget()
        rubric_layout.addWidget(self.rubric)
        layout.addWidget(rubric_box)

        tags_box = QGroupBox("Tags")
        tags_layout = QVBoxLayout(tags_box)
        self.tag_list = TagList()
        self.tag_list.setMaximumHeight(170)
        self.new_tag = QLineEdit()
        self.new_tag.setPlaceholderText("Add a tag and press Enter")
        tags_layout.addWidget(self.tag_list)
        tags_layout.addWidget(self.new_tag)
        layout.addWidget(tags_box)

        notes_box = QGroupBox("Notes for the reviewer")
        notes_layout = QVBoxLayout(notes_box)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("Anything the reviewer should know about this task.")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(140)
        self.notes_wrap = keep_wrap_linear(self.notes)
        notes_layout.addWidget(self.notes)
        layout.addWidget(notes_box)
        layout.addStretch(1)
        self.setWidget(body)

        self._loading = False
        self._suggested: list[str] = []
        self.rubric.ratings_changed.connect(self._emit_ratings)
        self.tag_list.itemChanged.connect(self._on_tag_item_changed)
        self.new_tag.returnPressed.connect(self._add_typed_tag)
        self.notes.textChanged.connect(self._on_notes_changed)
        self.submit_button.clicked.connect(self.submit_requested)
        self.skip_button.clicked.connect(self.skip_requested)
        self.flag_button.clicked.connect(self.flag_requested)

    def set_project(self, project: Project | None) -> None:
        self.rubric.set_rubric(project.rubric if project else _EMPTY_PROJECT.rubric)
        self._suggested = list(project.tags) if project else []

    def load(self, *, ratings: dict[str, int], tags: tuple[str, ...], notes: str) -> None:
        self._loading = True
        try:
            self.rubric.set_ratings(ratings)
            self.tag_list.clear()
            for tag in self._suggested + [t for t in tags if t not in self._suggested]:
                item = QListWidgetItem(tag)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if tag in tags else Qt.CheckState.Unchecked)
                self.tag_list.addItem(item)
            self.notes_wrap.expect(notes)
            self.notes.setPlainText(notes)
        finally:
            self._loading = False

    def show_criterion(self, criterion_id: str) -> None:
        """Scroll to the rubric question ``criterion_id`` and put the keyboard on it."""
        row = self.rubric.select_criterion(criterion_id)
        if row is not None:
            self.ensureWidgetVisible(row)

    def set_status_text(self, text: str) -> None:
        self.status_label.setText(text)

    def set_editable(self, editable: bool) -> None:
        """Sealed work is read-only: its bundle is signed and must not change."""
        for widget in (
            self.rubric,
            self.tag_list,
            self.new_tag,
            self.notes,
            self.submit_button,
            self.skip_button,
            self.flag_button,
        ):
            widget.setEnabled(editable)

    def tags(self) -> list[str]:
        return [
            self.tag_list.item(i).text()
            for i in range(self.tag_list.count())
            if self.tag_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _emit_ratings(self, ratings: dict[str, int]) -> None:
        if not self._loading:
            self.ratings_changed.emit(ratings)

    def _on_tag_item_changed(self, _item: QListWidgetItem) -> None:
        if not self._loading:
            self.tags_changed.emit(self.tags())

    def _add_typed_tag(self) -> None:
        tag = " ".join(self.new_tag.text().split())
        self.new_tag.clear()
        if not tag:
            return
        existing = self.tag_list.findItems(tag, Qt.MatchFlag.MatchFixedString)
        if existing:
            existing[0].setCheckState(Qt.CheckState.Checked)
            return
        item = QListWidgetItem(tag)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        self.tag_list.addItem(item)  # itemChanged fires and reports the new tag list

    def _on_notes_changed(self) -> None:
        if not self._loading:
            self.notes_changed.emit()


_EMPTY_PROJECT = Project(name="")
