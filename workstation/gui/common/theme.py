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


def show_as_problem(label: QLabel, problem: bool = True) -> None:
    """Colour a label's text as an error (or back to normal), in the theme's error colour."""
    color = highlight_colors(label.palette()).lint_error.name()
    label.setStyleSheet(f"color: {color}; font-weight: bold;" if problem else "")
