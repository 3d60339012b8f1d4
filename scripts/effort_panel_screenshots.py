"""The reviewer's effort panel offscreen in both themes, on a really sealed pasted-whole rewrite.

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/effort_panel_screenshots.py [OUT_DIR]
(writes effort_panel_light.png and effort_panel_dark.png; /tmp/shots by default). The inbox is
the one the panel's tests use (``tests/gui/reviewer/effort_bundles.py``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from tests.gui.reviewer.effort_bundles import receive_effort_inbox
from workstation.core.files.datadir import DataDirLock
from workstation.core.review.figures_pass import fill_figures
from workstation.core.signing import identity as ident
from workstation.core.store import Store
from workstation.gui.app import REVIEW_MODE, ensure_application, open_mode_window
from workstation.gui.common.settings import AppSettings
from workstation.gui.common.theme import ThemeChoice, apply_theme
from workstation.gui.reviewer.window import ReviewWindow


def settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()


def main() -> None:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
    out_dir.mkdir(parents=True, exist_ok=True)
    app = ensure_application()
    with tempfile.TemporaryDirectory() as temp:
        for theme in (ThemeChoice.LIGHT, ThemeChoice.DARK):
            data_dir = Path(temp) / f"review-{theme.value}"
            data_dir.mkdir()
            ident.init_identity(data_dir, "Rita Reviewer", None, unencrypted=True)
            items = receive_effort_inbox(data_dir, Path(temp) / f"writer-{theme.value}")
            with Store(data_dir) as store:
                fill_figures(store)  # as the window's background pass would have by now
            apply_theme(app, theme)
            settings = AppSettings(QSettings(str(Path(temp) / f"{theme}.ini"), QSettings.Format.IniFormat))
            settings.set_theme(theme)
            lock = DataDirLock(data_dir)
            lock.acquire()
            window = open_mode_window(data_dir, REVIEW_MODE, settings=settings)
            assert isinstance(window, ReviewWindow)
            window.resize(1280, 900)
            window.show()
            settle(app)
            window.open_item(items["pasted"])
            settle(app)
            target = out_dir / f"effort_panel_{theme.value}.png"
            window.side_panel.grab().save(str(target))
            print(target)
            window.close()
            window.context.close()
            lock.release()
            settle(app)


if __name__ == "__main__":
    main()
