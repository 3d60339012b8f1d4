"""The charts' colours, derived from the widget's palette with enough contrast in both themes.

Every colour is checked against the chart's background (:mod:`~workstation.gui.common.contrast`):
text at least 4.5:1, marks (bars, boxes, whiskers, grid lines, verdict segments) at least 3:1.
A palette colour that falls short is darkened (light theme) or lightened (dark theme) just enough.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from workstation.core.review.batch import ItemVerdict
from workstation.gui.common.contrast import MARK_CONTRAST, TEXT_CONTRAST, mixed, readable_on, with_contrast
from workstation.gui.common.theme import highlight_colors, is_dark


@dataclass(frozen=True)
class ChartColors:
    """``background`` is the chart's base; ``text`` is for titles, labels and values; ``muted_text``
    for axis values; ``grid`` for axis and grid lines; ``bar`` for histogram bars and box outlines;
    ``box_fill`` inside a box and ``median`` for its median line; ``states`` per item verdict state."""

    background: QColor
    text: QColor
    muted_text: QColor
    grid: QColor
    bar: QColor
    box_fill: QColor
    median: QColor
    states: dict[ItemVerdict, QColor]

    def text_on(self, fill: QColor) -> QColor:
        """The colour for a count written on ``fill`` (at least 4.5:1 where any colour can)."""
        return readable_on(fill, (self.text, self.background))


def chart_colors(palette: QPalette) -> ChartColors:
    """Colours for a chart on ``palette``: the highlight colour for data, the diff's green for
    accepted, the lint warning amber for revisions, the error red for rejected, violet for
    reviewers who disagree and the palette's mid grey (darkened to show) for not reviewed."""
    marks = highlight_colors(palette)
    role = QPalette.ColorRole
    dark = is_dark(palette)
    background = palette.color(role.Base)
    text = with_contrast(palette.color(role.Text), background, TEXT_CONTRAST)
    bar = with_contrast(palette.color(role.Highlight), background, MARK_CONTRAST)
    # a tint of the bar, still a mark of its own against the background
    box_fill = with_contrast(mixed(bar, background, 0.35), background, MARK_CONTRAST)

    def mark(color: QColor | str) -> QColor:
        return with_contrast(QColor(color), background, MARK_CONTRAST)

    return ChartColors(
        background=background,
        text=text,
        muted_text=with_contrast(palette.color(role.PlaceholderText), background, TEXT_CONTRAST),
        grid=mark(palette.color(role.Mid)),
        bar=bar,
        box_fill=box_fill,
        median=readable_on(box_fill, (text, background)),
        states={
            ItemVerdict.ACCEPTED: mark("#3f9e5a" if dark else "#2e8b45"),
            ItemVerdict.REVISE: mark(marks.lint_warning),
            ItemVerdict.REJECTED: mark(marks.lint_error),
            ItemVerdict.DISAGREE: mark("#b48ae6" if dark else "#7b4fb8"),
            ItemVerdict.NOT_REVIEWED: mark(palette.color(role.Mid)),
        },
    )
