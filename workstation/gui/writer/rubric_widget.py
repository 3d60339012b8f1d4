"""Rubric questions about the original, each answered on its scale with a row of toggle buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from workstation.core.models import Criterion, Rubric
from workstation.gui.common import sizes
from workstation.gui.common.plain_text import plain_label, shown_line, tooltip


class _CriterionRow(QWidget):
    rated = Signal(str, object)  # criterion id, int or None

    def __init__(self, criterion: Criterion) -> None:
        super().__init__()
        self.criterion = criterion
        title = plain_label(shown_line(criterion.name))
        title.setWordWrap(True)
        title.setToolTip(tooltip(criterion.question, multiline=True))
        self.title = title
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for value in range(criterion.min, criterion.max + 1):
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setFixedWidth(32)
            label = criterion.labels.get(str(value))
            button.setToolTip(tooltip(f"{value}: {label}" if label else str(value)))
            button.setAccessibleName(shown_line(f"{criterion.name} {value}"))
            self.group.addButton(button, value)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.group.idClicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(title)
        layout.addLayout(buttons)

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked == -1 else checked

    def set_value(self, value: int | None) -> None:
        for button in self.group.buttons():
            button.setChecked(self.group.id(button) == value)

    def _clicked(self, value: int) -> None:
        # Clicking the chosen value again clears it; otherwise exactly one stays checked.
        new = value if self.group.button(value).isChecked() else None
        self.set_value(new)
        self.rated.emit(self.criterion.id, new)

    def set_selected(self, selected: bool) -> None:
        font = self.title.font()
        font.setBold(selected)
        self.title.setFont(font)


class RubricWidget(QWidget):
    """Emits ``ratings_changed(dict)`` whenever the writer rates or clears a question."""

    ratings_changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(sizes.SPACING)
        self._rows: list[_CriterionRow] = []
        self._selected = 0
        self._empty = plain_label("This project has no rubric.")
        self._layout.addWidget(self._empty)

    def set_rubric(self, rubric: Rubric) -> None:
        for row in self._rows:
            row.deleteLater()
        self._rows = [_CriterionRow(criterion) for criterion in rubric.criteria]
        for row in self._rows:
            row.rated.connect(lambda _id, _value: self.ratings_changed.emit(self.ratings()))
            self._layout.addWidget(row)
        self._empty.setVisible(not self._rows)
        self._selected = 0
        self._mark_selected()

    def ratings(self) -> dict[str, int]:
        return {row.criterion.id: value for row in self._rows if (value := row.value()) is not None}

    def set_ratings(self, ratings: dict[str, int]) -> None:
        for row in self._rows:
            row.set_value(ratings.get(row.criterion.id))

    def select_step(self, step: int) -> None:
        if self._rows:
            self._selected = (self._selected + step) % len(self._rows)
            self._mark_selected()

    def select_criterion(self, criterion_id: str) -> QWidget | None:
        """Select the question ``criterion_id`` and put the keyboard on its first button (Alt+1…
        then rate it); returns its row, None when the rubric has no such question."""
        for number, row in enumerate(self._rows):
            if row.criterion.id == criterion_id:
                self._selected = number
                self._mark_selected()
                for button in row.group.buttons()[:1]:
                    button.setFocus(Qt.FocusReason.OtherFocusReason)
                return row
        return None

    def selected_criterion_id(self) -> str | None:
        """The question keyboard ratings (Alt+1…) go to, None without a rubric."""
        return self._rows[self._selected].criterion.id if self._rows else None

    def rate_selected(self, value: int) -> None:
        """Keyboard rating (Alt+1…): sets the selected question if ``value`` is on its scale."""
        if not self._rows:
            return
        row = self._rows[self._selected]
        if row.criterion.min <= value <= row.criterion.max:
            row.set_value(value)
            self.ratings_changed.emit(self.ratings())

    def _mark_selected(self) -> None:
        for number, row in enumerate(self._rows):
            row.set_selected(number == self._selected)
