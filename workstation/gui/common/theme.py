"""Light, dark or follow-the-system themes, and the highlight colours derived from the palette.

Highlight colours are computed from the current palette (never hard-coded per widget), so every
pane follows a theme change at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from workstation.gui.common.contrast import (
    MARK_CONTRAST,
    TEXT_CONTRAST,
    contrast_ratio,
    mixed,
    readable_on,
    with_contrast,
)


class ThemeChoice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


THEME_LABELS = {ThemeChoice.SYSTEM: "Follow the system", ThemeChoice.LIGHT: "Light", ThemeChoice.DARK: "Dark"}


def _dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    colors = {
        role.Window: "#353739",
        role.WindowText: "#e6e6e6",
        role.Base: "#1e1f21",
        role.AlternateBase: "#26282a",
        role.ToolTipBase: "#33373b",
        role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#8a8f94",
        role.Text: "#e8e8e8",
        role.Button: "#3c3f42",
        role.ButtonText: "#e6e6e6",
        role.BrightText: "#ff6b6b",
        role.Link: "#7fb4ff",
        role.Highlight: "#3d6fb6",
        role.HighlightedText: "#ffffff",
        role.Mid: "#44484c",
        role.Midlight: "#3a3e42",
        role.Dark: "#151618",
        role.Shadow: "#000000",
    }
    for key, value in colors.items():
        palette.setColor(key, QColor(value))
    for key in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, key, QColor("#7b7f83"))
    return palette


def _light_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    colors = {
        role.Window: "#f3f3f1",
        role.WindowText: "#1f1f1f",
        role.Base: "#ffffff",
        role.AlternateBase: "#f6f6f4",
        role.ToolTipBase: "#ffffe8",
        role.ToolTipText: "#1f1f1f",
        role.PlaceholderText: "#8a8a8a",
        role.Text: "#1b1b1b",
        role.Button: "#ececea",
        role.ButtonText: "#1f1f1f",
        role.BrightText: "#c00000",
        role.Link: "#1a5fb4",
        role.Highlight: "#3584e4",
        role.HighlightedText: "#ffffff",
        role.Mid: "#c8c8c4",
        role.Midlight: "#e2e2de",
        role.Dark: "#a0a09c",
        role.Shadow: "#505050",
    }
    for key, value in colors.items():
        palette.setColor(key, QColor(value))
    for key in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, key, QColor("#9a9a96"))
    return palette


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, choice: ThemeChoice) -> None:
    """Set the application palette; ``SYSTEM`` follows the desktop's light/dark preference."""
    dark = choice is ThemeChoice.DARK or (choice is ThemeChoice.SYSTEM and system_prefers_dark())
    app.setStyle("Fusion")
    app.setPalette(_dark_palette() if dark else _light_palette())


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


@dataclass(frozen=True)
class HighlightColors:
    """Backgrounds and underlines for diff and lint marks, readable on the current base colour."""

    deleted_bg: QColor
    inserted_bg: QColor
    deleted_fg: QColor
    inserted_fg: QColor
    current_change: QColor
    lint_suggestion: QColor
    lint_warning: QColor
    lint_error: QColor
    misspelled: QColor


def highlight_colors(palette: QPalette) -> HighlightColors:
    if is_dark(palette):
        return HighlightColors(
            deleted_bg=QColor(150, 40, 45, 150),
            inserted_bg=QColor(40, 120, 60, 150),
            deleted_fg=QColor("#ff9b9b"),
            inserted_fg=QColor("#9be3a7"),
            current_change=QColor(255, 210, 80, 90),
            lint_suggestion=QColor("#6cb6ff"),
            lint_warning=QColor("#e5b449"),
            lint_error=QColor("#ff6b6b"),
            misspelled=QColor("#ff6b6b"),
        )
    return HighlightColors(
        deleted_bg=QColor(255, 190, 190),
        inserted_bg=QColor(190, 240, 195),
        deleted_fg=QColor("#a1151d"),
        inserted_fg=QColor("#146b2a"),
        current_change=QColor(255, 220, 100, 120),
        lint_suggestion=QColor("#1a73e8"),
        lint_warning=QColor("#c77c02"),
        lint_error=QColor("#d01c1c"),
        misspelled=QColor("#d01c1c"),
    )


@dataclass(frozen=True)
class ChoiceColors:
    """How a chosen option (a selected rating, a checked tag) and keyboard focus are painted.

    ``chosen`` is a filled accent at least :data:`MARK_CONTRAST` from the button, window and base
    colours around it, ``on_chosen`` the text or check mark on it (readable, 4.5:1);
    ``outline`` edges an unchosen box so it is visible on the base colour; ``focus`` is the ring
    drawn for keyboard focus on an unchosen option (on a chosen one the ring is ``on_chosen``),
    so focus reads as a ring and never as a choice.
    """

    chosen: QColor
    on_chosen: QColor
    idle: QColor
    on_idle: QColor
    hover: QColor
    outline: QColor
    focus: QColor


def choice_colors(palette: QPalette) -> ChoiceColors:
    """The chosen/unchosen/focus colours for ``palette`` (either theme), from its own colours."""
    role = QPalette.ColorRole
    button, window, base = (palette.color(r) for r in (role.Button, role.Window, role.Base))
    surroundings = (button, window, base)  # all light or all dark: each step keeps the last
    chosen = palette.color(role.Highlight)
    for around in surroundings:
        chosen = with_contrast(chosen, around, MARK_CONTRAST)
    highlighted_text = palette.color(role.HighlightedText)
    # The accent's own text colour if a deeper accent makes it readable and still stands out
    # (light theme: white on a deeper blue); else whichever text reads on the accent as it is.
    deeper = with_contrast(chosen, highlighted_text, TEXT_CONTRAST)
    if all(contrast_ratio(deeper, around) >= MARK_CONTRAST for around in surroundings):
        chosen = deeper
    on_chosen = readable_on(chosen, (highlighted_text, palette.color(role.ButtonText)))
    text = palette.color(role.Text)
    return ChoiceColors(
        chosen=chosen,
        on_chosen=on_chosen,
        idle=button,
        on_idle=palette.color(role.ButtonText),
        hover=mixed(button, chosen, 0.15),
        outline=with_contrast(mixed(text, base, 0.45), base, MARK_CONTRAST),
        focus=chosen,  # a ring of the accent on the button colour: 3:1 by construction
    )


def show_as_problem(label: QLabel, problem: bool = True) -> None:
    """Colour a label's text as an error (or back to normal), in the theme's error colour."""
    color = highlight_colors(label.palette()).lint_error.name()
    label.setStyleSheet(f"color: {color}; font-weight: bold;" if problem else "")
