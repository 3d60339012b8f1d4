"""Rubric questions about the original, each answered on its scale with a row of toggle buttons.

A chosen value is a filled accent with a bold digit, a focused one has a ring: both painted from
the palette's :func:`~workstation.gui.common.theme.choice_colors`, so a rater sees every choice
(3:1 against the values beside it) in either theme, and focus never passes for a choice.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from workstation.core.models import Criterion, Rubric
from workstation.gui.common import sizes
from workstation.gui.common.plain_text import plain_label, shown_line, tooltip
from workstation.gui.common.theme import choice_colors


class RatingButton(QPushButton):
    """One value of a rubric scale, painted as a choice: filled when checked, ringed when focused.
    A sealed task's buttons are disabled but keep their fill, so its ratings stay readable."""

    def paintEvent(self, _event: QPaintEvent) -> None:
        colors = choice_colors(self.palette())
        chosen = self.isChecked()
        enabled = self.isEnabled()
        if chosen:
            fill, edge, text = colors.chosen, colors.chosen, colors.on_chosen
        else:
            active = enabled and (self.isDown() or self.underMouse())
            fill, edge = (colors.hover if active else colors.idle), colors.outline
            group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
            text = self.palette().color(group, QPalette.ColorRole.ButtonText)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = sizes.CHOICE_RADIUS
        painter.setPen(QPen(edge, 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
        if self.hasFocus():
            ring = sizes.FOCUS_RING_WIDTH
            painter.setPen(QPen(colors.on_chosen if chosen else colors.focus, ring))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(ring, ring, -ring, -ring), radius, radius)
        font = self.font()
        font.setBold(chosen)
        painter.setFont(font)
        painter.setPen(text)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text())


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
            button = RatingButton(str(value))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setFixedWidth(sizes.RATING_BUTTON_WIDTH)
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
        self._empty = plain_label("Open a task to rate its original.")  # until a project is set
        self._layout.addWidget(self._empty)

    def set_rubric(self, rubric: Rubric) -> None:
        for row in self._rows:
            row.deleteLater()
        self._rows = [_CriterionRow(criterion) for criterion in rubric.criteria]
        for row in self._rows:
            row.rated.connect(lambda _id, _value: self.ratings_changed.emit(self.ratings()))
            self._layout.addWidget(row)
        self._empty.setText("This project has no rubric.")
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
