"""The reviewer's effort panel offscreen in both themes, on a really sealed pasted-whole rewrite.

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/effort_panel_screenshots.py [OUT_DIR]
(writes effort_panel_light.png and effort_panel_dark.png; /tmp/shots by default). The inbox is
the one the panel's tests use (``tests/gui/reviewer/effort_bundles.py``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from offscreen_shots import output_folder, review_window, settle, themed_settings

from tests.gui.reviewer.effort_bundles import receive_effort_inbox
from workstation.core.review.figures_pass import fill_figures
from workstation.core.signing import identity as ident
from workstation.core.store import Store
from workstation.gui.app import ensure_application
from workstation.gui.common.theme import ThemeChoice, apply_theme


def main() -> None:
    out_dir = output_folder("/tmp/shots")
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
            with review_window(app, data_dir, themed_settings(Path(temp), theme), (1280, 900)) as window:
                window.open_item(items["pasted"])
                settle(app)
                target = out_dir / f"effort_panel_{theme.value}.png"
                window.side_panel.grab().save(str(target))
                print(target)


if __name__ == "__main__":
    main()
