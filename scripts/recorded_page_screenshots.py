"""Render Preferences ▸ What is recorded offscreen in both themes.

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/recorded_page_screenshots.py [OUT_DIR]
(writes what_is_recorded_light.png and what_is_recorded_dark.png; docs/screenshots by default).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from offscreen_shots import grab_dialog, output_folder
from PySide6.QtCore import QSettings

from workstation.gui.app import ensure_application
from workstation.gui.common.settings import AppSettings
from workstation.gui.common.theme import ThemeChoice, apply_theme
from workstation.gui.dialogs.preferences.dialog import PreferencesDialog


def main() -> None:
    out_dir = output_folder("docs/screenshots")
    app = ensure_application()
    with tempfile.TemporaryDirectory() as temp:
        settings = AppSettings(QSettings(str(Path(temp) / "s.ini"), QSettings.Format.IniFormat))
        for theme in (ThemeChoice.LIGHT, ThemeChoice.DARK):
            apply_theme(app, theme)
            dialog = PreferencesDialog(settings)
            dialog.show_page("recorded")
            grab_dialog(app, dialog, out_dir / f"what_is_recorded_{theme.value}.png", (720, 640))


if __name__ == "__main__":
    main()
