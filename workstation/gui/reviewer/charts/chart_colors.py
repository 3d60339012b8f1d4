"""The charts' colours, derived from the widget's palette so both themes stay readable."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from workstation.core.models import VerdictKind
from workstation.gui.common.theme import highlight_colors, is_dark


@dataclass(frozen=True)
class ChartColors:
    """``background`` is the chart's base; ``text`` is for titles, labels and values."""

    background: QColor
    text: QColor
    muted_text: QColor
    grid: QColor
    bar: QColor
    box_fill: QColor
    median: QColor
    verdicts: dict[VerdictKind, QColor]
    unjudged: QColor


def chart_colors(palette: QPalette) -> ChartColors:
    """Colours for a chart on ``palette``: the highlight colour for data, the diff's green for
    accept, the lint warning amber for revise and the error red for reject."""
    marks = highlight_colors(palette)
    role = QPalette.ColorRole
    bar = QColor(palette.color(role.Highlight))
    fill = QColor(bar)
    fill.setAlpha(110 if is_dark(palette) else 80)
    accept = QColor("#3f9e5a") if is_dark(palette) else QColor("#2e8b45")
    return ChartColors(
        background=palette.color(role.Base),
        text=palette.color(role.Text),
        muted_text=palette.color(role.PlaceholderText),
        grid=palette.color(role.Mid),
        bar=bar,
        box_fill=fill,
        median=palette.color(role.Text),
        verdicts={
            VerdictKind.ACCEPT: accept,
            VerdictKind.REVISE: marks.lint_warning,
            VerdictKind.REJECT: marks.lint_error,
        },
        unjudged=palette.color(role.Mid),
    )
