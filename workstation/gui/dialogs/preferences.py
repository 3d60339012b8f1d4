"""Preferences: appearance and how a new rewrite starts. Later issues add pages (styles, identity)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workstation.gui import sizes
from workstation.gui.settings import AppSettings
from workstation.gui.theme import ThemeChoice

if TYPE_CHECKING:
    from workstation.gui.main_window import MainWindow

THEME_LABELS = {ThemeChoice.SYSTEM: "Follow the system", ThemeChoice.LIGHT: "Light", ThemeChoice.DARK: "Dark"}


@dataclass(frozen=True)
class Preferences:
    theme: ThemeChoice
    font_size: int
    start_from_original: bool


class PreferencesDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.theme = QComboBox()
        for choice, label in THEME_LABELS.items():
            self.theme.addItem(label, choice.value)
        self.theme.setCurrentIndex(self.theme.findData(settings.theme().value))
        self.font_size = QSpinBox()
        self.font_size.setRange(sizes.MIN_FONT_POINT_SIZE, sizes.MAX_FONT_POINT_SIZE)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(settings.font_point_size())
        self.start_from_original = QCheckBox("Start a new rewrite from a copy of the original")
        self.start_from_original.setChecked(settings.start_from_original())
        form = QFormLayout()
        form.addRow("Theme", self.theme)
        form.addRow("Editor text size", self.font_size)
        form.addRow("", self.start_from_original)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def preferences(self) -> Preferences:
        return Preferences(
            theme=ThemeChoice(self.theme.currentData()),
            font_size=self.font_size.value(),
            start_from_original=self.start_from_original.isChecked(),
        )


def apply_preferences(window: MainWindow, prefs: Preferences) -> None:
    window.settings.set_font_point_size(prefs.font_size)
    window.commands.apply_font_size(prefs.font_size)
    window.settings.set_start_from_original(prefs.start_from_original)
    window.set_theme(prefs.theme)
    for action in window.theme_group.actions():
        action.setChecked(action.text() == THEME_LABELS[prefs.theme])


def ask_preferences(window: MainWindow) -> Preferences | None:
    dialog = PreferencesDialog(window.settings, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    prefs = dialog.preferences()
    apply_preferences(window, prefs)
    return prefs
