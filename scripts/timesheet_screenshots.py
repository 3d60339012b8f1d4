"""Render the Timesheet view offscreen in both themes, on the demo tasks with a month of sittings.

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/timesheet_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from offscreen_shots import grab_dialog, output_folder
from PySide6.QtCore import QSettings

from tests.timesheet_data import add_tasks, record, year_of_sittings
from workstation.core.store import Store
from workstation.gui.app import ensure_application
from workstation.gui.common.settings import AppSettings
from workstation.gui.common.theme import ThemeChoice, apply_theme
from workstation.gui.context import open_context
from workstation.gui.writer.timesheet_view import TimesheetDialog

TODAY = date(2025, 3, 20)


def main() -> None:
    out_dir = output_folder("docs/screenshots")
    app = ensure_application()
    with tempfile.TemporaryDirectory() as temp:
        data_dir = Path(temp) / "data"
        with Store(data_dir) as store:
            task_ids = add_tasks(store, Path(temp))
            record(store, year_of_sittings(task_ids, 1200, date(2025, 1, 1)))
        settings = AppSettings(QSettings(str(Path(temp) / "s.ini"), QSettings.Format.IniFormat))
        context = open_context(data_dir, settings)
        for theme in (ThemeChoice.LIGHT, ThemeChoice.DARK):
            apply_theme(app, theme)
            dialog = TimesheetDialog(context, None, tz=None, today=lambda: TODAY)
            grab_dialog(app, dialog, out_dir / f"timesheet_{theme.value}.png", (960, 680))
        context.close()


if __name__ == "__main__":
    main()
