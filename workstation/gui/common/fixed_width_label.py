"""Labels whose width does not follow their text: figures that change while the writer types.

A plain QLabel asks for exactly the room its text needs, so a count going from 9 to 10 widens
it, its neighbours move, and a splitter at its limit hands pixels from one pane to another — the
text re-wraps under the writer's eyes. A :class:`FixedWidthLabel` asks for the width of the widest
text it is expected to show (measured with its own font, digits set tabular so "111" and "999"
are equally wide), whatever it shows now. A text wider than that is painted cut with "…"; the
label's ``text()`` keeps all of it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

TABULAR_FIGURES = QFont.Tag("tnum")
"""OpenType feature: every digit as wide as every other (most UI fonts' digits already are)."""


def with_tabular_digits(font: QFont) -> QFont:
    """``font`` with tabular digits switched on, so columns of figures keep their width."""
    tabular = QFont(font)
    tabular.setFeature(TABULAR_FIGURES, 1)
    return tabular


def widest_advance(font: QFont, samples: Sequence[str]) -> int:
    """Pixels the widest of ``samples`` needs in ``font`` or its bold form (a label shown as a
    problem turns bold), so a reservation holds in both."""
    bold = QFont(font)
    bold.setBold(True)
    metrics = (QFontMetrics(font), QFontMetrics(bold))
    return max((m.horizontalAdvance(sample) for m in metrics for sample in samples), default=0)


class FixedWidthLabel(QLabel):
    """A one-line plain-text label as wide as the widest of its ``samples``, never wider.

    With ``grow=True`` the reservation is only its minimum: a longer text (an error's reason)
    asks for its whole width, and the layout may give it room that is otherwise empty.
    """

    def __init__(
        self,
        samples: Sequence[str],
        parent: QWidget | None = None,
        *,
        alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        grow: bool = False,
    ) -> None:
        super().__init__(parent)
        self._samples = tuple(samples)
        self._grow = grow
        self._reserved = 0
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setAlignment(alignment | Qt.AlignmentFlag.AlignVCenter)
        self.setFont(with_tabular_digits(self.font()))
        horizontal = QSizePolicy.Policy.Preferred if grow else QSizePolicy.Policy.Fixed
        self.setSizePolicy(horizontal, QSizePolicy.Policy.Fixed)
        self._measure()

    def set_samples(self, samples: Sequence[str]) -> None:
        """Reserve room for other texts (a new set of messages)."""
        self._samples = tuple(samples)
        self._measure()

    @property
    def reserved_width(self) -> int:
        """Pixels of text the label keeps free, margins and indent aside."""
        return self._reserved

    def _measure(self) -> None:
        self._reserved = widest_advance(self.font(), self._samples)
        self.updateGeometry()

    def _frame_width(self) -> int:
        margins = self.contentsMargins()
        return margins.left() + margins.right() + 2 * max(self.margin(), 0)

    def sizeHint(self) -> QSize:
        width = self._reserved
        if self._grow:
            width = max(width, self.fontMetrics().horizontalAdvance(self.text()))
        return QSize(width + self._frame_width(), self.fontMetrics().height() + 2 * max(self.margin(), 0))

    def minimumSizeHint(self) -> QSize:
        return QSize(self._reserved + self._frame_width(), self.sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._measure()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The text on one line, cut with "…" when it is wider than the room it was given."""
        painter = QPainter(self)
        room = self.contentsRect().adjusted(self.margin(), 0, -self.margin(), 0)
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room.width())
        self.style().drawItemText(
            painter,
            room,
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )
        painter.end()

    def is_cut(self) -> bool:
        """True when the text does not fit its room and is shown cut."""
        room = self.contentsRect().width() - 2 * max(self.margin(), 0)
        return self.fontMetrics().horizontalAdvance(self.text()) > room
