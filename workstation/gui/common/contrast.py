"""Contrast between colours (WCAG 2 relative luminance), so text and marks stay readable in every theme.

WCAG 2.x asks for a contrast ratio of at least 4.5:1 for text (:data:`TEXT_CONTRAST`) and 3:1
for graphical marks a reader needs to see (:data:`MARK_CONTRAST`). Colours here are taken as
opaque: a translucent colour should be composited over its background first.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor

TEXT_CONTRAST = 4.5
MARK_CONTRAST = 3.0
_MIX_STEPS = 20


def relative_luminance(color: QColor) -> float:
    """WCAG 2 relative luminance of ``color`` (0 for black, 1 for white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF()) + 0.0722 * linear(color.blueF())


def contrast_ratio(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two opaque colours, 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mixed(first: QColor, second: QColor, share_of_second: float) -> QColor:
    """``first`` moved ``share_of_second`` (0..1) of the way to ``second``, opaque."""
    keep = 1.0 - share_of_second
    return QColor.fromRgbF(
        first.redF() * keep + second.redF() * share_of_second,
        first.greenF() * keep + second.greenF() * share_of_second,
        first.blueF() * keep + second.blueF() * share_of_second,
    )


def with_contrast(color: QColor, background: QColor, minimum: float) -> QColor:
    """``color`` itself if it stands out from ``background`` by ``minimum``, else the least change
    of it (towards black on a light background, white on a dark one) that does."""
    opaque = QColor(color)
    opaque.setAlpha(255)
    if contrast_ratio(opaque, background) >= minimum:
        return opaque
    away = QColor("#000000") if relative_luminance(background) > 0.18 else QColor("#ffffff")
    for step in range(1, _MIX_STEPS + 1):
        candidate = mixed(opaque, away, step / _MIX_STEPS)
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
    return away


def readable_on(fill: QColor, candidates: Iterable[QColor]) -> QColor:
    """Of ``candidates`` (theme colours first, then black and white), the first that reads as text
    on ``fill`` (:data:`TEXT_CONTRAST`), else whichever contrasts most."""
    options = [*candidates, QColor("#000000"), QColor("#ffffff")]
    for option in options:
        if contrast_ratio(option, fill) >= TEXT_CONTRAST:
            return option
    return max(options, key=lambda option: contrast_ratio(option, fill))
